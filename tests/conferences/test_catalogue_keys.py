"""Timeline steps and agenda items made from the catalogue are stored by key (both engines): a
conference planned with the interface in English shows English words on an English page,
Vietnamese on a Vietnamese page, and always prints Vietnamese documents; what a user typed is
kept as typed; the data migration turns old rows written in a planner's language into keys."""

from __future__ import annotations

import importlib
import io

import docx

from labour_democracy import i18n
from labour_democracy.conferences import agenda, checkin, delegates, session, timeline
from labour_democracy.conferences.documents import plan as plan_document
from labour_democracy.conferences.schemas import AgendaItemForm, StepForm
from labour_democracy.conferences.tables import AgendaItem, Conference, TimelineStep
from labour_democracy.core.tables import Role
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting.tables import Ballot, Question
from tests import factories
from tests.conferences.conftest import planned, published_soe

MIGRATION = "labour_democracy.conferences.piccolo_migrations.conferences_2026_12_06t04_31_00_000000"

# The catalogue's words of a few keys, as the .po files give them.
PLAN_STEP = ("Adopt the conference plan", "Ban hành kế hoạch tổ chức hội nghị")
PLAN_OWNER = ("Employer and union", "Người sử dụng lao động và công đoàn")
# In the documents of the sample enterprise, which has no union, the union's steps fall to the
# workers' representatives (Decree 145/2020, Art. 47(1)).
PLAN_OWNER_WITHOUT_UNION = "Người sử dụng lao động và đại diện người lao động"
RESOLUTION_ITEM = ("Adoption of the conference resolution", "Thông qua nghị quyết hội nghị")
CLOSING_ITEM = ("Closing", "Bế mạc")


def _docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, read back with python-docx."""
    read = docx.Document(io.BytesIO(content))
    parts = [p.text for p in read.paragraphs]
    for table in read.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


async def test_planning_in_english_stores_keys_not_english_words():
    with i18n.language("en"):
        _context, conference_id = await planned()
    steps = await TimelineStep.select().where(TimelineStep.conference == conference_id)
    items = await AgendaItem.select().where(AgendaItem.conference == conference_id)
    assert steps and all(s["key"] and s["title"] == "" and s["owner"] == "" for s in steps)
    assert items and all(i["key"] and i["title"] == "" for i in items)


async def test_a_conference_planned_in_english_issues_its_plan_and_agenda_in_vietnamese():
    with i18n.language("en"):
        context, conference_id = await planned()
        plan = _docx_text((await plan_document.issue_plan(context, conference_id)).content)
        agenda_text = _docx_text((await plan_document.issue_agenda(context, conference_id)).content)
    assert PLAN_STEP[1] in plan and PLAN_OWNER_WITHOUT_UNION in plan
    assert PLAN_STEP[0] not in plan and PLAN_OWNER[0] not in plan
    assert "Publish the resolution" not in plan and "Công khai nghị quyết" in plan
    assert RESOLUTION_ITEM[1] in agenda_text and CLOSING_ITEM[1] in agenda_text
    assert RESOLUTION_ITEM[0] not in agenda_text
    assert "Opening, introduction of delegates" not in agenda_text


async def test_minutes_and_the_ballot_of_a_conference_run_in_english_speak_vietnamese():
    with i18n.language("en"):
        _context, conference_id = await published_soe()
    conference = await Conference.objects().where(Conference.id == conference_id).first()
    minutes = await IssuedDocument.objects().where(IssuedDocument.id == conference.minutes).first()
    text = _docx_text(minutes.content)
    assert RESOLUTION_ITEM[1] in text and RESOLUTION_ITEM[0] not in text
    ballot_id = (
        await AgendaItem.select(AgendaItem.ballot)
        .where((AgendaItem.conference == conference_id) & (AgendaItem.key == "resolution"))
        .first()
    )["ballot"]
    ballot = await Ballot.objects().where(Ballot.id == ballot_id).first()
    question = await Question.objects().where(Question.ballot == ballot_id).first()
    assert ballot.title == f"Hội nghị người lao động năm 2026: {RESOLUTION_ITEM[1]}"
    assert question.text == RESOLUTION_ITEM[1]


async def test_pages_show_the_catalogue_words_in_the_readers_language(browser_for):
    with i18n.language("en"):
        context, conference_id = await planned()
    await factories.english_user("en@keys.test", Role.UNION, context.enterprise_id)
    await factories.user("vi@keys.test", Role.UNION, context.enterprise_id)
    base = f"/enterprises/{context.enterprise_id}/conferences/{conference_id}"
    english, vietnamese = await browser_for("en@keys.test"), await browser_for("vi@keys.test")
    for browser, (shown, hidden) in ((english, (0, 1)), (vietnamese, (1, 0))):
        overview = (await browser.get(base)).text
        assert PLAN_STEP[shown] in overview and PLAN_OWNER[shown] in overview
        assert PLAN_STEP[hidden] not in overview and PLAN_OWNER[hidden] not in overview
        page = (await browser.get(base + "/agenda")).text
        assert RESOLUTION_ITEM[shown] in page and RESOLUTION_ITEM[hidden] not in page


async def test_a_title_or_owner_the_user_typed_is_kept_as_typed():
    context, conference_id = await planned()
    items = {i["key"]: i for i in await agenda.agenda(context, conference_id)}
    closing = items["closing"]
    # The page's own words sent back unchanged (in any language) stay the catalogue's.
    for title in CLOSING_ITEM:
        await agenda.update_item(context, conference_id, closing["id"], AgendaItemForm(title=title))
        row = await AgendaItem.objects().where(AgendaItem.id == closing["id"]).first()
        assert row.title == ""
    await agenda.update_item(
        context, conference_id, closing["id"], AgendaItemForm(title="Bế mạc và chụp ảnh")
    )
    row = await AgendaItem.objects().where(AgendaItem.id == closing["id"]).first()
    assert row.title == "Bế mạc và chụp ảnh"
    with i18n.language("en"):
        shown = {i["key"]: i["title"] for i in await agenda.agenda(context, conference_id)}
    assert shown["closing"] == "Bế mạc và chụp ảnh"
    assert shown["resolution"] == RESOLUTION_ITEM[0]
    added = await agenda.add_item(
        context, conference_id, AgendaItemForm(title="Adoption of the conference resolution")
    )
    # A new item has no key: its title is the user's, whatever it says.
    assert (await AgendaItem.objects().where(AgendaItem.id == added).first()).title == (
        RESOLUTION_ITEM[0]
    )

    step = next(s for s in await timeline.timeline(context, conference_id) if s["key"] == "plan")
    await timeline.update_step(context, conference_id, step["id"], StepForm(owner=PLAN_OWNER[0]))
    assert (await TimelineStep.objects().where(TimelineStep.id == step["id"]).first()).owner == ""
    await timeline.update_step(context, conference_id, step["id"], StepForm(owner="Phòng HCNS"))
    assert (
        await TimelineStep.objects().where(TimelineStep.id == step["id"]).first()
    ).owner == "Phòng HCNS"
    with i18n.language("vi"):
        step = next(
            s for s in await timeline.timeline(context, conference_id) if s["key"] == "plan"
        )
    assert (step["title"], step["owner"]) == (PLAN_STEP[1], "Phòng HCNS")


async def test_the_migration_turns_catalogue_words_into_keys_and_keeps_typed_text():
    _context, conference_id = await planned()
    steps = {
        s["key"]: s["id"]
        for s in await TimelineStep.select().where(TimelineStep.conference == conference_id)
    }
    items = {
        i["key"]: i["id"]
        for i in await AgendaItem.select().where(AgendaItem.conference == conference_id)
    }
    # As the app wrote them before: in the planner's language, English, Vietnamese or French.
    written = {
        steps["plan"]: (PLAN_STEP[0], PLAN_OWNER[0]),
        steps["publish"]: ("Công khai nghị quyết", "Người sử dụng lao động"),
        steps["conference"]: ("Tenir la conférence", "Employeur et syndicat"),
        steps["report_business"]: ("Báo cáo riêng của công ty", "Phòng Kế toán"),
    }
    for step_id, (title, owner) in written.items():
        await TimelineStep.update({TimelineStep.title: title, TimelineStep.owner: owner}).where(
            TimelineStep.id == step_id
        )
    typed_items = {
        items["resolution"]: RESOLUTION_ITEM[0],
        items["closing"]: "Bế mạc",
        items["opening"]: "Khai mạc và văn nghệ",
    }
    for item_id, title in typed_items.items():
        await AgendaItem.update({AgendaItem.title: title}).where(AgendaItem.id == item_id)

    migration = importlib.import_module(MIGRATION)
    assert await migration.to_keys() == 5

    after = {
        s["id"]: (s["title"], s["owner"])
        for s in await TimelineStep.select().where(TimelineStep.conference == conference_id)
    }
    assert after[steps["plan"]] == ("", "")
    assert after[steps["publish"]] == ("", "")
    assert after[steps["conference"]] == ("", "")
    assert after[steps["report_business"]] == ("Báo cáo riêng của công ty", "Phòng Kế toán")
    titles = {
        i["id"]: i["title"]
        for i in await AgendaItem.select().where(AgendaItem.conference == conference_id)
    }
    assert titles[items["resolution"]] == "" and titles[items["closing"]] == ""
    assert titles[items["opening"]] == "Khai mạc và văn nghệ"
    assert await migration.to_keys() == 0  # running it again changes nothing


async def test_the_session_and_delegates_stages_still_work_on_key_only_items():
    """Opening the session and voting read an item's key, not its title."""
    context, conference_id = await planned(sizes=(3,))
    await session.open_session(context, conference_id, "Họp sớm theo đề nghị của công đoàn.")
    for delegate in await delegates.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    item = next(
        i["id"] for i in await agenda.agenda(context, conference_id) if i["key"] == "resolution"
    )
    ballot_id = await session.open_vote(context, conference_id, item)
    assert (await Ballot.objects().where(Ballot.id == ballot_id).first()).title.endswith(
        RESOLUTION_ITEM[1]
    )
