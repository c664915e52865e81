"""Compliance counts whatever the installed modules declare: a new module's obligation (with a
threshold the tallies had no band for) is counted with no change here; recorded facts keep the
evidence and the items behind a counted obligation."""

from __future__ import annotations

import io

from docx import Document

from labour_democracy.compliance import dashboard, facts, register, report
from labour_democracy.compliance.tables import Fact, FactSource, RegisterEntry
from labour_democracy.core.scope import federation_scope
from labour_democracy.core.tables import Role
from labour_democracy.i18n import today
from labour_democracy.manifest import Obligation, ObligationResult
from tests import factories
from tests.compliance import seed
from tests.compliance.test_services import officer
from tests.helpers import installed_only


async def _agreements(enterprise_ids, year):
    # An enterprise with no agreement on record has nothing due (0 of 0); the app's has 3 of 4.
    return {
        e: ObligationResult.counted(3 if e else 0, 4 if e else 0, f"/enterprises/{e}/agreements")
        for e in enterprise_ids
    }


NEW = Obligation(
    key="agreement_filed",
    label="Agreement filed within 10 days",
    legal_source="Bộ luật Lao động số 45/2019/QH14, Điều 77",
    applies_to="Enterprises with 25 or more workers",
    compute=_agreements,
    min_workforce=25,
)


async def test_a_new_modules_obligation_is_counted_with_its_own_threshold_and_evidence():
    codes = await seed.communes()
    actor = await officer()
    await register.import_register(actor, federation_scope(actor), seed.good_file(codes))
    year = today().year
    with installed_only(obligations=[NEW]):
        # Every seed enterprise has 10 + 3n workers: n >= 5 reach 25.
        app_user = (await register.enter_app_users(None)) or []
        assert app_user == []
        ids = [
            row["enterprise"]
            for row in await Fact.raw(
                "SELECT enterprise FROM compliance_register ORDER BY enterprise"
            )
        ]
        await factories.user("hr@x.vn", Role.HR, ids[10])
        synced = await register.enter_app_users(None)
        assert synced == [ids[10]]
        assert await facts.sync_recorded(synced, year) == 1
        fact = await Fact.select().where(Fact.enterprise == ids[10]).first()
        assert (fact["source"], fact["state"], fact["done"], fact["total"]) == (
            FactSource.RECORDED,
            "not_met",
            3,
            4,
        )
        assert fact["evidence"] == f"/enterprises/{ids[10]}/agreements"
        v = await dashboard.view(actor, dashboard.Filters(year=year))
        (line,) = await dashboard.totals(v)
        assert (line.threshold, line.figure.held, line.figure.eligible) == (25, 0, 1)
        # The new threshold became a size band: the 25-worker enterprise (n = 5) counts in it.
        entry = await RegisterEntry.select().where(RegisterEntry.enterprise == ids[4]).first()
        assert (entry["workforce"], entry["band"]) == (25, 25)
        document = await report.render(v, "Tỉnh Thái Nguyên", today())
        text = "\n".join(p.text for p in Document(io.BytesIO(document)).paragraphs)
        assert "3/4 nội dung" in text and "75,0%" in text
