"""Dissolving a grassroots union (issue 15): only the upper-level union decides, once, dated at
the latest today; the decision is drafted; the enterprise then has no union everywhere: the
register is closed and kept, the union's letterhead is retired, conferences and the dialogue
group go ahead without it, and the federation counts the enterprise as without a union."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from labour_democracy.conferences import planning
from labour_democracy.conferences.documents.plan import issue_plan
from labour_democracy.conferences.tables import ConferenceForm
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.tables import (
    AuditEntry,
    Enterprise,
    Representation,
    Role,
    UpperUnion,
    Worker,
)
from labour_democracy.dialogue import queries as dialogue_queries
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.unions import (
    compliance,
    dissolution,
    documents,
    federation,
    founding,
    membership,
)
from labour_democracy.unions.schemas import DissolutionForm, MemberForm
from labour_democracy.unions.tables import (
    GrassrootsUnion,
    UnionDissolution,
    UnionMember,
    UnionStatus,
)
from tests import factories
from tests.conferences.conftest import plan_form
from tests.unions import helpers


def _form(**changes) -> DissolutionForm:
    values = {"reason": "enterprise_merged", "dissolved_on": today(), "reason_text": ""}
    values.update(changes)
    return DissolutionForm(**values)


async def _text(document_id: int) -> str:
    row = await IssuedDocument.objects().where(IssuedDocument.id == document_id).first()
    document = Document(io.BytesIO(row.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for table_row in table.rows:
            parts += [cell.text for cell in table_row.cells]
    return "\n".join(parts)


async def _obligations(enterprise_id: int) -> dict[str, bool | None]:
    return {
        o.key: (await o.compute([enterprise_id], today().year))[enterprise_id].met
        for o in compliance.OBLIGATIONS
    }


@pytest.fixture
async def founded() -> tuple[int, GrassrootsUnion]:
    enterprise_id, _workers = await helpers.enterprise_with_workers(12)
    return enterprise_id, await helpers.found_union(enterprise_id)


async def test_the_upper_level_union_dissolves_and_the_enterprise_has_no_union_again(founded):
    enterprise_id, union = founded
    hr = await factories.context(enterprise_id, Role.HR)
    with pytest.raises(Invalid) as refused:  # a union: its co-chair is required
        await planning.plan_conference(hr, plan_form(union_chair=""))
    assert "union_chair" in refused.value.errors
    met = await _obligations(enterprise_id)
    assert met["union_present"] is True and met["union_founding"] is True
    members_before = await UnionMember.select().where(UnionMember.union == union.id)
    assert len(members_before) == 5 and await Worker.count().where(Worker.union_member.eq(True))

    decision = await dissolution.dissolve(
        await helpers.federation_context(enterprise_id),
        _form(reason="other_reason", reason_text="người lao động đã chuyển sang công ty mẹ"),
    )

    row = await GrassrootsUnion.objects().where(GrassrootsUnion.id == union.id).first()
    assert row.status == UnionStatus.DISSOLVED
    record = await dissolution.dissolution_of(union.id)
    assert record.decision == decision.id and record.decision_number == decision.reference
    assert record.active_members == 5 and record.reason == "other_reason"
    assert decision.reference.endswith("/QĐ-LĐLĐ")
    text = await _text(decision.id)
    for words in (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN",
        "Căn cứ Bộ luật Lao động số 45/2019/QH14, Điều 171;",
        "Căn cứ Luật Công đoàn số 50/2024/QH15;",
        "người lao động đã chuyển sang công ty mẹ",
        f"Giải thể {union.name} (quyết định công nhận số {union.recognition_number})",
        "TM. BAN THƯỜNG VỤ",
    ):
        assert words in text, words
    # The register is kept as it stood, closed; its members are members of nothing now.
    assert await UnionMember.select().where(UnionMember.union == union.id) == members_before
    assert await Worker.count().where(Worker.union_member.eq(True)) == 0
    with pytest.raises(Conflict, match="dissolved"):
        await membership.add_member(
            await factories.context(enterprise_id, Role.UNION),
            MemberForm(employee_code="NV010", joined_on=today()),
        )
    # No union anywhere: the representative organisation, the letterhead of its ballots,
    # the conference's co-chair and wording, the dialogue group, the federation's count.
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    assert enterprise.representation == Representation.NONE
    assert enterprise.representative_body == ""
    hr = await factories.context(enterprise_id, Role.HR)
    assert await documents.union_issuer(hr) is None
    conference_id = await planning.plan_conference(
        hr, plan_form(form=ConferenceForm.WHOLE, union_chair="")
    )
    plan = await _text((await issue_plan(hr, conference_id)).id)
    assert "Công đoàn" not in plan
    assert "phối hợp với Nhóm đại diện đối thoại của người lao động" in plan
    assert await dialogue_queries.organisation_members(hr) == 0
    met = await _obligations(enterprise_id)
    assert met["union_present"] is False and met["union_founding"] is False
    assert met["union_term"] is None
    entry = await AuditEntry.objects().where(AuditEntry.action == "union.dissolved").first()
    assert entry.record_id == str(union.id) and "other_reason" in entry.details

    # Workers may found a new union: a new campaign, counted as founding under way.
    await founding.start_campaign(
        await factories.context(enterprise_id, Role.UNION), helpers.campaign_form()
    )
    assert (await founding.current_union(enterprise_id)).status == UnionStatus.CAMPAIGN
    assert (await _obligations(enterprise_id))["union_founding"] is True


async def test_only_the_upper_level_union_dissolves(founded):
    enterprise_id, union = founded
    for role in (Role.HR, Role.UNION):
        with pytest.raises(Forbidden):
            await dissolution.dissolve(await factories.context(enterprise_id, role), _form())
    assert await UnionDissolution.count() == 0
    row = await GrassrootsUnion.objects().where(GrassrootsUnion.id == union.id).first()
    assert row.status == UnionStatus.RECOGNISED


async def test_the_commune_union_above_the_enterprise_dissolves_and_no_other(founded):
    enterprise_id, union = founded
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    above, beside = (
        UpperUnion(code=code, name=f"Công đoàn xã {code}", province=enterprise.province)
        for code in ("CD-1", "CD-2")
    )
    await above.save()
    await beside.save()
    await Enterprise.update({Enterprise.upper_union: above.id}).where(
        Enterprise.id == enterprise_id
    )

    def officer(upper_union_id: int) -> Actor:
        grant = MembershipGrant(Role.LOCAL_UNION, upper_union_id=upper_union_id)
        return Actor(id=9, email="xa@test.vn", full_name="Cán bộ xã", grants=(grant,))

    with pytest.raises(NotFound):
        await federation.upper_union_context(officer(beside.id), enterprise_id)
    context = await federation.upper_union_context(officer(above.id), enterprise_id)
    decision = await dissolution.dissolve(context, _form())
    assert decision.created_by == 9
    row = await GrassrootsUnion.objects().where(GrassrootsUnion.id == union.id).first()
    assert row.status == UnionStatus.DISSOLVED


async def test_a_dissolution_dated_in_the_future_or_before_recognition_is_refused(founded):
    enterprise_id, union = founded
    upper = await helpers.federation_context(enterprise_id)
    with pytest.raises(Invalid) as refused:
        await dissolution.dissolve(upper, _form(dissolved_on=today() + dt.timedelta(days=1)))
    assert refused.value.errors == {"dissolved_on": "The decision cannot be dated in the future."}
    with pytest.raises(Invalid) as refused:
        await dissolution.dissolve(
            upper, _form(dissolved_on=union.recognised_on - dt.timedelta(days=1))
        )
    assert refused.value.errors == {
        "dissolved_on": "The union cannot be dissolved before its recognition."
    }
    with pytest.raises(Invalid) as refused:
        await dissolution.dissolve(upper, _form(reason="other_reason", reason_text="  "))
    assert refused.value.errors == {"reason_text": "Say what the reason is."}
    with pytest.raises(Invalid) as refused:
        await dissolution.dissolve(upper, _form(reason="tired"))
    assert refused.value.errors == {"reason": "Choose one of the reasons."}
    assert await UnionDissolution.count() == 0
    assert (
        await IssuedDocument.count().where(IssuedDocument.kind == "union_dissolution_decision") == 0
    )


async def test_a_union_is_dissolved_once(founded):
    enterprise_id, _union = founded
    upper = await helpers.federation_context(enterprise_id)
    await dissolution.dissolve(upper, _form(reason="no_members_left"))
    with pytest.raises(Conflict, match="already dissolved"):
        await dissolution.dissolve(upper, _form())
    assert await UnionDissolution.count() == 1


async def test_a_union_still_being_founded_is_not_dissolved():
    enterprise_id, _workers = await helpers.enterprise_with_workers(6)
    await founding.start_campaign(
        await factories.context(enterprise_id, Role.UNION), helpers.campaign_form()
    )
    with pytest.raises(Conflict, match="Only a recognised union"):
        await dissolution.dissolve(await helpers.federation_context(enterprise_id), _form())
