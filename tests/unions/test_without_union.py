"""An enterprise without a union works everywhere (Decree 145/2020, Art. 47(1): the union takes
part "if any"), and the workers' dialogue group is elected by the workers who are not union
members (Art. 37(1)). Issue 12, points 1 and 2."""

from __future__ import annotations

import io

import pytest
from docx import Document

from labour_democracy.conferences import agenda, checkin, closing, delegates, planning, session
from labour_democracy.conferences.documents.plan import issue_agenda, issue_plan
from labour_democracy.conferences.schemas import AgendaItemForm, HandsForm
from labour_democracy.conferences.tables import AgendaKind, Conference, ConferenceForm
from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Enterprise, Representation, Role, Worker
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import BallotForm
from labour_democracy.voting.tables import Elector, ElectorateKind, Option
from tests import factories
from tests.conferences.conftest import plan_form


async def _text(document_id: int) -> str:
    row = await IssuedDocument.objects().where(IssuedDocument.id == document_id).first()
    document = Document(io.BytesIO(row.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for table_row in table.rows:
            parts += [cell.text for cell in table_row.cells]
    return "\n".join(parts)


async def _enterprise(workers: int = 6, **values) -> int:
    enterprise = await factories.enterprise(**values)
    await factories.workers(enterprise, workers, org_unit=await factories.org_unit(enterprise))
    return enterprise


async def test_a_conference_of_an_enterprise_without_a_union_runs_end_to_end():
    enterprise = await _enterprise()
    context = await factories.context(enterprise, Role.HR)
    conference_id = await planning.plan_conference(
        context, plan_form(form=ConferenceForm.WHOLE, union_chair="")
    )
    plan = await issue_plan(context, conference_id)
    text = await _text(plan.id)
    assert "Công đoàn" not in text
    assert "phối hợp với Nhóm đại diện đối thoại của người lao động" in text
    await session.open_session(
        context, conference_id, reason="Họp sớm theo đề nghị của người lao động."
    )
    for delegate in await delegates.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    item = next(
        i["id"] for i in await agenda.agenda(context, conference_id) if i["key"] == "resolution"
    )
    ballot_id = await session.open_vote(context, conference_id, item)
    options = {
        r["role"]: r["id"]
        for r in await Option.select(Option.id, Option.role).where(Option.ballot == ballot_id)
    }
    await session.record_hands(
        context,
        conference_id,
        item,
        HandsForm(teller_one="Phạm Văn D", teller_two="Hoàng Thị E"),
        {options["for"]: 6},
    )
    await closing.close_conference(
        context, conference_id, "Tăng lương 5 %.", reason="Nội dung còn lại chuyển kỳ sau."
    )
    await closing.publish(context, conference_id)
    conference = await Conference.objects().where(Conference.id == conference_id).first()
    for document_id in (conference.minutes, conference.resolution):
        text = await _text(document_id)
        assert "Công đoàn cơ sở" not in text, text
        assert "Nguyễn Văn A" in text  # the employer's co-chair signs alone
    assert "Nhóm đại diện đối thoại của người lao động" in await _text(conference.resolution)


async def test_an_enterprise_with_a_union_still_needs_its_union_co_chair():
    enterprise = await _enterprise(
        representation=Representation.GRASSROOTS_UNION,
        representative_body="Công đoàn cơ sở Công ty TNHH Thử nghiệm",
    )
    context = await factories.context(enterprise, Role.HR)
    with pytest.raises(Invalid) as refused:
        await planning.plan_conference(context, plan_form(union_chair=""))
    assert "union_chair" in refused.value.errors
    conference_id = await planning.plan_conference(context, plan_form(form=ConferenceForm.WHOLE))
    text = await _text((await issue_plan(context, conference_id)).id)
    assert "phối hợp với Ban Chấp hành Công đoàn cơ sở" in text
    agenda_text = await _text((await issue_agenda(context, conference_id)).id)
    assert "Trần Thị B (Chủ tịch Công đoàn cơ sở)" in agenda_text


async def test_the_dialogue_group_electorate_is_the_workers_who_are_not_union_members():
    enterprise = await _enterprise(4)
    members = [
        row["id"] for row in await Worker.select(Worker.id).where(Worker.enterprise == enterprise)
    ][:2]
    await Worker.update({Worker.union_member: True}).where(Worker.id.is_in(members))
    context = await factories.context(enterprise, Role.UNION)
    ballot_id = await voting.create_ballot(
        context, BallotForm(title="Bầu nhóm đại diện", electorate_kind=ElectorateKind.NON_MEMBERS)
    )
    ballot = await voting.get_ballot(context, ballot_id)
    electorate = await Worker.select(Worker.id).where(await voting.electorate_clause(ballot))
    assert {r["id"] for r in electorate}.isdisjoint(members)
    assert len(electorate) == 2


async def test_the_conference_elects_the_dialogue_representatives_among_non_members():
    enterprise = await _enterprise(6)
    workers = [
        row["id"] for row in await Worker.select(Worker.id).where(Worker.enterprise == enterprise)
    ]
    await Worker.update({Worker.union_member: True}).where(Worker.id.is_in(workers[:4]))
    context = await factories.context(enterprise, Role.HR)
    conference_id = await planning.plan_conference(
        context, plan_form(form=ConferenceForm.WHOLE, union_chair="")
    )
    await session.open_session(
        context, conference_id, reason="Họp sớm theo đề nghị của người lao động."
    )
    item = next(
        i
        for i in await agenda.agenda(context, conference_id)
        if i["key"] == "dialogue_representatives"
    )
    await agenda.update_item(
        context,
        conference_id,
        item["id"],
        AgendaItemForm(
            title=item["title"] or "Bầu nhóm đại diện",
            kind=AgendaKind.ELECTION,
            candidates="Lê Văn X\nĐỗ Thị Y",
            seats=1,
        ),
    )
    ballot_id = await session.prepare_vote(context, conference_id, item["id"])
    electors = {
        r["worker"] for r in await Elector.select(Elector.worker).where(Elector.ballot == ballot_id)
    }
    assert electors == set(workers[4:])


async def test_the_enterprise_page_keeps_one_source_of_truth():
    enterprise = await _enterprise(1)
    row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    assert row.representation == Representation.NONE
