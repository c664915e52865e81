"""Shared steps of the union tests: a campaign, applications, a congress, a recognition."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.i18n import today
from labour_democracy.unions import congress, founding, recognition
from labour_democracy.unions.schemas import (
    ApplicationForm,
    AttendanceForm,
    CampaignForm,
    CongressForm,
    OfficersForm,
    RecognitionForm,
    ReviewForm,
)
from labour_democracy.unions.tables import GrassrootsUnion
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


async def hold_congress(union_context: EnterpriseContext) -> int:
    """Plan, attendance, the tellers' count, the closing, the elected and the officers."""
    await congress.plan_congress(union_context, congress_form())
    present = [a.id for a in await founding.applications(union_context)]
    ballot_id = await congress.take_attendance(union_context, AttendanceForm(present=present))
    await voting.open_ballot(union_context, ballot_id, present=len(present))
    questions = await voting.questions_with_options(ballot_id)
    votes = {
        "Nguyễn Văn An": 5,
        "Trần Thị Bình": 4,
        "Lê Văn Cường": 3,
        "Phạm Thị Dung": 1,
        "Hoàng Văn Em": 5,
    }
    counts = {(q["id"], o["id"], False): votes[o["label"]] for q in questions for o in q["options"]}
    await voting.add_tally_sheet(
        union_context,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=5, teller_one="Tổ A", teller_two="Tổ B"),
        counts,
    )
    await voting.close_ballot(union_context, ballot_id)
    await congress.record_election(union_context)
    union = await founding.current_union(union_context.enterprise_id)
    members = await congress.committee(union.id)
    chair = next(m for m in members if m.full_name == "Nguyễn Văn An")
    vice = next(m for m in members if m.full_name == "Trần Thị Bình")
    await congress.elect_officers(union_context, OfficersForm(chair=chair.id, vice_chair=vice.id))
    return ballot_id


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
