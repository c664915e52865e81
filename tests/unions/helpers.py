"""Shared steps of the union tests: a campaign, applications, a congress, the committees' first
meetings, a recognition."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.i18n import today
from labour_democracy.unions import congress, founding, officers, recognition
from labour_democracy.unions.schemas import (
    ApplicationForm,
    AttendanceForm,
    CampaignForm,
    CongressForm,
    MeetingForm,
    RecognitionForm,
    ReviewForm,
    RoundForm,
    RoundResultForm,
)
from labour_democracy.unions.tables import Body, GrassrootsUnion, Office
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import TallySheetForm
from labour_democracy.voting.tables import TallyKind
from tests import factories

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


async def federation_context(enterprise_id: int) -> EnterpriseContext:
    row = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    actor = factories.actor(Role.FEDERATION, None, 7, row.province)
    return EnterpriseContext(actor=actor, enterprise=row, roles=frozenset({Role.FEDERATION}))


def campaign_form(**changes) -> CampaignForm:
    values = {
        "union_name": "Công đoàn cơ sở Công ty TNHH Thử nghiệm",
        "upper_union": "Liên đoàn Lao động tỉnh Thái Nguyên",
        "formed_on": today() - dt.timedelta(days=10),
        "members": "Nguyễn Văn An - Tổ trưởng\nTrần Thị Bình",
    }
    values.update(changes)
    return CampaignForm(**values)


async def enterprise_with_workers(n: int = 12) -> tuple[int, list[int]]:
    enterprise_id = await factories.enterprise()
    workers = [
        await factories.worker(
            enterprise_id, name=NAMES[i] if i < len(NAMES) else f"Công nhân {i}", code=f"NV{i:03d}"
        )
        for i in range(n)
    ]
    return enterprise_id, workers


async def apply_all(enterprise_id: int, names=NAMES) -> list[str]:
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    return [
        await founding.apply(enterprise, ApplicationForm(full_name=n, gender="female"), "1.2.3.4")
        for n in names
    ]


async def accept_all(union_context: EnterpriseContext) -> None:
    for i, application in enumerate(await founding.applications(union_context)):
        await founding.review(
            union_context, application.id, ReviewForm(decision="accept", employee_code=f"NV{i:03d}")
        )


def congress_form(**changes) -> CongressForm:
    values = {
        "congress_on": today(),
        "place": "Hội trường tầng 2",
        "executive_seats": 3,
        "inspection_seats": 1,
        "executive_candidates": "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường\nPhạm Thị Dung",
        "inspection_candidates": "Hoàng Văn Em",
    }
    values.update(changes)
    return CongressForm(**values)


async def count(
    union_context: EnterpriseContext, ballot_id: int, votes: dict[str, int], ballots: int
) -> None:
    """Open a paper ballot, enter the tellers' count (names kept on the strike-out ballots),
    close it."""
    await voting.open_ballot(union_context, ballot_id, present=ballots)
    questions = await voting.questions_with_options(ballot_id)
    counts = {
        (q["id"], o["id"], False): votes.get(o["label"], 0) for q in questions for o in q["options"]
    }
    await voting.add_tally_sheet(
        union_context,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=ballots, teller_one="Tổ A", teller_two="Tổ B"),
        counts,
    )
    await voting.close_ballot(union_context, ballot_id)


async def member_ids(enterprise_id: int) -> dict[str, int]:
    union = await founding.current_union(enterprise_id)
    return {m.full_name: m.id for m in await congress.committee(union.id)}


async def hold_round(
    union_context: EnterpriseContext,
    body: Body,
    office: Office,
    votes: dict[str, int],
    ballots: int,
    candidates: list[str] | None = None,
) -> str:
    """One round of a first meeting: drawn, counted by tellers, recorded; returns its outcome."""
    ids = await member_ids(union_context.enterprise_id)
    ballot_id = await officers.start_round(
        union_context,
        RoundForm(body=body, office=office, candidates=[ids[n] for n in candidates or votes]),
    )
    await count(union_context, ballot_id, votes, ballots)
    return await officers.record_round(union_context, RoundResultForm(body=body))


async def elect_officers(union_context: EnterpriseContext) -> None:
    """The executive committee (An, Bình, Cường) elects An chair and Bình vice-chair; the
    inspection committee (Em) elects Em its chair."""
    await officers.plan_meeting(
        union_context,
        MeetingForm(
            body=Body.EXECUTIVE, met_on=today(), place="Phòng họp công đoàn", vice_chair_seats=1
        ),
    )
    chair = {"Nguyễn Văn An": 2, "Lê Văn Cường": 1}
    await hold_round(union_context, Body.EXECUTIVE, Office.CHAIR, chair, 3)
    vice = {"Trần Thị Bình": 3, "Lê Văn Cường": 0}
    await hold_round(union_context, Body.EXECUTIVE, Office.VICE_CHAIR, vice, 3)
    await officers.plan_meeting(
        union_context,
        MeetingForm(body=Body.INSPECTION, met_on=today(), place="Phòng họp công đoàn"),
    )
    await hold_round(union_context, Body.INSPECTION, Office.CHAIR, {"Hoàng Văn Em": 1}, 1)


CONGRESS_VOTES = {
    "Nguyễn Văn An": 5,
    "Trần Thị Bình": 4,
    "Lê Văn Cường": 3,
    "Phạm Thị Dung": 1,
    "Hoàng Văn Em": 5,
}


async def congress_counted(
    union_context: EnterpriseContext, form: CongressForm | None = None
) -> int:
    """Plan, attendance, the tellers' count and the closing of the congress's election; with
    `form`, every candidate keeps all five votes."""
    await congress.plan_congress(union_context, form or congress_form())
    present = [a.id for a in await founding.applications(union_context)]
    ballot_id = await congress.take_attendance(union_context, AttendanceForm(present=present))
    votes = CONGRESS_VOTES
    if form is not None:
        names = form.executive_candidates.splitlines() + form.inspection_candidates.splitlines()
        votes = dict.fromkeys(names, len(present))
    await count(union_context, ballot_id, votes, len(present))
    return ballot_id


async def hold_congress(union_context: EnterpriseContext) -> int:
    """The congress's election counted and recorded, then the committees' first meetings."""
    ballot_id = await congress_counted(union_context)
    await congress.record_election(union_context)
    await elect_officers(union_context)
    return ballot_id


async def committee_elected(
    enterprise_id: int, form: CongressForm | None = None
) -> EnterpriseContext:
    """A union whose congress's election is recorded: the union's context."""
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, campaign_form())
    await apply_all(enterprise_id)
    await accept_all(union_context)
    await congress_counted(union_context, form)
    await congress.record_election(union_context)
    return union_context


async def found_union(enterprise_id: int) -> GrassrootsUnion:
    """From nothing to a recognised union, every step through the services."""
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, campaign_form())
    await apply_all(enterprise_id)
    await accept_all(union_context)
    await hold_congress(union_context)
    await recognition.send_dossier(union_context)
    await recognition.recognise(
        await federation_context(enterprise_id), RecognitionForm(recognised_on=today())
    )
    return await founding.current_union(enterprise_id)
