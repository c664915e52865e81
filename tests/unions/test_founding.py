"""From no union to a recognised one, through the services (both engines)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.tables import Enterprise, Representation, Role, Worker
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.unions import congress, founding, recognition
from labour_democracy.unions.federation import upper_union_context, without_union
from labour_democracy.unions.schemas import ApplicationForm, RecognitionForm, ReviewForm
from labour_democracy.unions.tables import (
    CommitteeMember,
    GrassrootsUnion,
    UnionApplication,
    UnionMember,
    UnionStatus,
)
from tests import factories
from tests.unions import helpers


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


async def document_text(document_id: int) -> str:
    row = await IssuedDocument.objects().where(IssuedDocument.id == document_id).first()
    return text_of(row.content)


async def test_the_upper_level_union_appoints_the_campaign_committee_with_a_decision():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    context = await helpers.federation_context(enterprise_id)
    union_id = await founding.start_campaign(context, helpers.campaign_form())
    union = await GrassrootsUnion.objects().where(GrassrootsUnion.id == union_id).first()
    assert union.committee_origin == "appointed_by_upper_union"
    text = await document_text(union.campaign_decision)
    assert "QUYẾT ĐỊNH" in text
    assert "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" in text
    assert "Luật Công đoàn số 50/2024/QH15, Điều 19 khoản 5" in text
    assert "Nguyễn Văn An" in text and "Trưởng ban" in text
    with pytest.raises(Conflict):
        await founding.start_campaign(context, helpers.campaign_form())


async def test_hr_cannot_form_the_campaign_committee():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    with pytest.raises(Forbidden):
        await founding.start_campaign(
            await factories.context(enterprise_id), helpers.campaign_form()
        )


async def test_a_federation_officer_of_another_province_does_not_see_the_enterprise():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    other = await factories.province_id("01")
    actor = factories.actor(Role.FEDERATION, None, 9, other)
    with pytest.raises(NotFound):
        await upper_union_context(actor, enterprise_id)
    hr = factories.actor(Role.HR, enterprise_id)
    with pytest.raises(Forbidden):
        await upper_union_context(hr, enterprise_id)


async def test_applications_need_a_campaign_and_keep_no_code():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    form = ApplicationForm(full_name="Nguyễn Văn An", gender="male")
    with pytest.raises(Conflict):
        await founding.apply(enterprise, form, "1.1.1.1")
    await founding.start_campaign(
        await factories.context(enterprise_id, Role.UNION), helpers.campaign_form()
    )
    code = await founding.apply(enterprise, form, "1.1.1.1")
    row = await UnionApplication.objects().first()
    assert row.eligibility == "founder"
    assert code.replace("-", "") not in (row.tracking_hash or "")
    found = await founding.track(enterprise, code, "1.1.1.1")
    assert found["status"] == "application_received"
    with pytest.raises(Invalid):
        await founding.track(enterprise, "AAAA-BBBB-CCCC", "1.1.1.1")


async def test_a_foreign_worker_on_a_short_contract_is_never_accepted_nor_counted():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    for months, name in ((6, "Kim Min-jun"), (11, "Park Ji-woo"), (12, "Lee Seo-yeon")):
        await founding.apply(
            enterprise,
            ApplicationForm(
                full_name=name, gender="female", nationality="KR", contract_months=months
            ),
            "2.2.2.2",
        )
    applications = {a.full_name: a for a in await founding.applications(union_context)}
    for name in ("Kim Min-jun", "Park Ji-woo"):
        with pytest.raises(Invalid, match="12 months"):
            await founding.review(
                union_context, applications[name].id, ReviewForm(decision="accept")
            )
    await founding.review(
        union_context, applications["Lee Seo-yeon"].id, ReviewForm(decision="accept")
    )
    union = await founding.current_union(enterprise_id)
    assert await founding.founders(union.id) == 0  # a foreign member is no founder


async def test_a_congress_without_enough_founders_is_refused():
    enterprise_id, _ = await helpers.enterprise_with_workers(6)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    await helpers.apply_all(enterprise_id, helpers.NAMES[:4])
    await helpers.accept_all(union_context)
    with pytest.raises(Invalid, match="at least 5 eligible founders; 4"):
        await congress.plan_congress(union_context, helpers.congress_form())
    union = await founding.current_union(enterprise_id)
    assert union.congress_on is None


async def test_an_unknown_employee_code_and_a_refusal_without_reason_are_refused():
    enterprise_id, _ = await helpers.enterprise_with_workers(3)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    await helpers.apply_all(enterprise_id, helpers.NAMES[:1])
    (application,) = await founding.applications(union_context)
    with pytest.raises(Invalid):
        await founding.review(
            union_context, application.id, ReviewForm(decision="accept", employee_code="NOPE")
        )
    with pytest.raises(Invalid):
        await founding.review(union_context, application.id, ReviewForm(decision="refuse"))
    row = await UnionApplication.objects().first()
    assert row.status == "application_received"


async def test_from_no_union_to_a_recognised_representative_organisation():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union = await helpers.found_union(enterprise_id)
    assert union.status == UnionStatus.RECOGNISED
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    assert enterprise.representation == Representation.GRASSROOTS_UNION
    assert enterprise.representative_body == union.name
    assert union.next_congress_on == today().replace(year=today().year + 5)
    offices = {m.full_name: (m.body, m.office) for m in await CommitteeMember.objects()}
    assert offices["Nguyễn Văn An"] == ("executive_committee", "chair")
    assert offices["Trần Thị Bình"] == ("executive_committee", "vice_chair")
    assert offices["Lê Văn Cường"] == ("executive_committee", "committee_member")
    assert offices["Hoàng Văn Em"] == ("inspection_committee", "chair")
    assert "Phạm Thị Dung" not in offices  # one vote of five
    assert await UnionMember.count() == 5
    members = await Worker.count().where(Worker.union_member.eq(True))
    assert members == 5
    minutes = await document_text(union.congress_minutes)
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN" in minutes  # the upper level above the union
    assert "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH THỬ NGHIỆM" in minutes
    assert "TM. BAN CHẤP HÀNH" in minutes
    assert "BIÊN BẢN" in minutes and "Nguyễn Văn An" in minutes
    reference = (
        await IssuedDocument.select(IssuedDocument.reference)
        .where(IssuedDocument.id == union.congress_minutes)
        .first()
    )["reference"]
    assert reference.endswith("/BB-CĐCS")  # the union's own numbering
    dossier = await document_text(union.dossier)
    assert "Đề nghị công nhận công đoàn cơ sở" in dossier and "Hoàng Văn Em" in dossier
    decision = await document_text(union.recognition_decision)
    assert "Về việc công nhận Công đoàn cơ sở Công ty TNHH Thử nghiệm" in decision
    assert "Chủ tịch" in decision and "Chủ nhiệm Ủy ban Kiểm tra" in decision


async def test_recognition_only_by_the_upper_level_and_only_once_the_dossier_is_sent():
    enterprise_id, _ = await helpers.enterprise_with_workers(8)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    await helpers.apply_all(enterprise_id)
    await helpers.accept_all(union_context)
    await helpers.hold_congress(union_context)
    federation = await helpers.federation_context(enterprise_id)
    with pytest.raises(Conflict):
        await recognition.recognise(federation, RecognitionForm(recognised_on=today()))
    await recognition.send_dossier(union_context)
    for role in (Role.UNION, Role.HR):
        with pytest.raises(Forbidden):
            await recognition.recognise(
                await factories.context(enterprise_id, role), RecognitionForm(recognised_on=today())
            )
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    assert enterprise.representation == Representation.NONE


async def test_the_federation_lists_enterprises_of_ten_workers_without_a_union():
    small, _ = await helpers.enterprise_with_workers(9)
    big, _ = await helpers.enterprise_with_workers(10)
    province = await Enterprise.select(Enterprise.province).where(Enterprise.id == big).first()
    actor = factories.actor(Role.FEDERATION, None, 7, province["province"])
    rows, total = await without_union(actor, 10)
    assert [r.enterprise_id for r in rows] == [big] and total == 1
    await founding.start_campaign(await factories.context(big, Role.UNION), helpers.campaign_form())
    await helpers.apply_all(big, helpers.NAMES[:2])
    await helpers.accept_all(await factories.context(big, Role.UNION))
    rows, _ = await without_union(actor, 10)
    assert (rows[0].status, rows[0].founders) == ("campaign", 2)
    rows, total = await without_union(actor, 9)
    assert total == 2 and small in [r.enterprise_id for r in rows]


async def test_the_congress_vote_count_minutes_carry_the_union_letterhead_and_numbering():
    enterprise_id, _ = await helpers.enterprise_with_workers(6)
    union = await helpers.found_union(enterprise_id)
    from labour_democracy.voting.tables import Ballot

    ballot = await Ballot.objects().where(Ballot.id == union.election_ballot).first()
    minutes = await IssuedDocument.objects().where(IssuedDocument.id == ballot.minutes).first()
    assert minutes.reference.endswith("/BB-CĐCS")
    text = text_of(minutes.content)
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN" in text
    assert "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH THỬ NGHIỆM" in text
    # The union's series counts its own documents: the congress's vote-count minutes came
    # first, the first meetings' documents next, the congress's minutes last.
    congress = (
        await IssuedDocument.objects().where(IssuedDocument.id == union.congress_minutes).first()
    )
    numbers = await IssuedDocument.select(IssuedDocument.number).where(
        IssuedDocument.reference.like("%/BB-CĐCS")
    )
    assert minutes.number == 1
    assert congress.number == max(n["number"] for n in numbers) == len(numbers)


async def test_only_the_union_runs_its_congress_ballot_not_the_employer():
    from labour_democracy.unions.schemas import AttendanceForm
    from labour_democracy.voting import services as voting

    enterprise_id, _ = await helpers.enterprise_with_workers(6)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    await helpers.apply_all(enterprise_id)
    await helpers.accept_all(union_context)
    await congress.plan_congress(union_context, helpers.congress_form())
    present = [a.id for a in await founding.applications(union_context)]
    ballot_id = await congress.take_attendance(union_context, AttendanceForm(present=present))
    hr = await factories.context(enterprise_id, Role.HR)
    for step in (
        lambda: voting.open_ballot(hr, ballot_id, present=5),
        lambda: voting.issue_codes(hr, ballot_id),
    ):
        with pytest.raises(Forbidden):
            await step()
    await voting.open_ballot(union_context, ballot_id, present=5)
    with pytest.raises(Forbidden):
        await voting.close_ballot(hr, ballot_id)
