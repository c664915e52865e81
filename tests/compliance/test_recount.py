"""An enterprise edited outside compliance (its profile, its roster: core calls the manifests'
`enterprise_changed` listeners) is counted again at once, where it now belongs, and the
summaries stay equal to the raw count."""

from __future__ import annotations

from labour_democracy.compliance import dashboard, register, tallies
from labour_democracy.compliance.tables import RegisterEntry
from labour_democracy.core import enterprises, roster
from labour_democracy.core.roster_export import HEADERS
from labour_democracy.core.roster_import import applying, uploading
from labour_democracy.core.roster_import.mapping import ImportOptions
from labour_democracy.core.schemas import EnterpriseForm, WorkerForm
from labour_democracy.core.tables import (
    ContractType,
    Enterprise,
    Gender,
    Ownership,
    Role,
    Worker,
)
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today
from tests import factories
from tests.compliance.test_services import imported

KEY = "conference_held"


async def _figure(actor, **filters) -> tuple[int, int]:
    v = await dashboard.view(actor, dashboard.Filters(year=today().year, **filters))
    line = next(li for li in await dashboard.totals(v) if li.obligation.key == KEY)
    return line.figure.held, line.figure.eligible


async def _exact(actor) -> None:
    year = today().year
    v = await dashboard.view(actor, dashboard.Filters(year=year))
    rules = dashboard.rules_of(v)
    for group in ("province", "upper_union"):
        assert await tallies.eligible_counts(year, rules, group) == (
            await tallies.raw_eligible_counts(year, rules, group)
        )
        for by_sector in (False, True):
            kept = await tallies.counts(year, group, by_sector=by_sector)
            raw = await tallies.raw_counts(year, group=group, by_sector=by_sector)
            assert {k: (c.enterprises, dict(c.facts)) for k, c in kept.items()} == {
                k: (c.enterprises, dict(c.facts)) for k, c in raw.items()
            }


def _roster(count: int) -> bytes:
    rows = [",".join(HEADERS.values())]
    for n in range(1, count + 1):
        rows.append(
            f"NV{n:02d},Nguyễn Thị Lan,Nữ,,Công nhân,Không xác định thời hạn,02/01/2020,,VN,x,,"
        )
    return ("\n".join(rows) + "\n").encode()


async def test_a_roster_import_crossing_ten_workers_is_counted_at_once():
    actor, ids = await imported()
    async with write_transaction():
        await register.enter(ids[0], workforce=5)  # below the conference's 10 workers
    assert await _figure(actor) == (0, 42)
    await factories.user("hr@01.vn", Role.HR, ids[0])  # the first user: the context's id 1
    context = await factories.context(ids[0], Role.HR)
    upload_id = await uploading.upload(context, "roster.csv", _roster(12))
    options = ImportOptions(mapping={field: index for index, field in enumerate(HEADERS)})
    await applying.run_import(context, upload_id, options)
    entry = await RegisterEntry.select().where(RegisterEntry.enterprise == ids[0]).first()
    assert entry["workforce"] == 12
    assert await _figure(actor) == (0, 43)
    v = await dashboard.view(actor, dashboard.Filters(year=today().year))
    late = await dashboard.late(v, KEY, per_page=100)
    assert ids[0] in {row["enterprise"] for row in late.rows}
    await _exact(actor)
    # Back under the threshold: three leave (an end date), and it is no longer counted.
    three = Worker.select(Worker.id, Worker.employee_code, Worker.full_name).limit(3)
    for worker in await three.where(Worker.enterprise == ids[0]):
        form = WorkerForm(
            employee_code=worker["employee_code"],
            full_name=worker["full_name"],
            gender=Gender.FEMALE,
            contract_type=ContractType.INDEFINITE,
            end_date=today(),
        )
        await roster.update_worker(context, worker["id"], form)
    assert await _figure(actor) == (0, 42)
    await _exact(actor)


async def test_a_profile_edit_moves_the_enterprise_between_ownerships_and_sectors():
    actor, ids = await imported()
    assert await _figure(actor, ownership="state_owned") == (0, 5)
    assert await _figure(actor, sector="F") == (0, 0)
    row = await Enterprise.select().where(Enterprise.id == ids[42]).first()
    form = EnterpriseForm(
        name=row["name"],
        symbol=row["symbol"],
        tax_code=row["tax_code"],
        ownership=Ownership.STATE_OWNED,
        sector="F",
        address=row["address"],
        province=row["province"],
        commune=row["commune"],
        legal_representative="Lê Văn Bình",
        legal_representative_title="Giám đốc",
    )
    await enterprises.update_enterprise(await factories.context(ids[42], Role.HR), form)
    assert await _figure(actor, ownership="state_owned") == (0, 6)
    assert await _figure(actor, sector="F") == (0, 1)
    assert await _figure(actor, sector="C") == (0, 42)
    await _exact(actor)


async def test_an_enterprise_off_the_register_stays_off_when_edited():
    actor, _ids = await imported()
    other = await factories.enterprise(province="19")
    context = await factories.context(other, Role.HR)
    await roster.create_worker(
        context,
        WorkerForm(
            employee_code="NV01",
            full_name="Trần Văn Nam",
            gender=Gender.MALE,
            contract_type=ContractType.INDEFINITE,
        ),
    )
    assert not await RegisterEntry.exists().where(RegisterEntry.enterprise == other)
    assert await _figure(actor) == (0, 43)
