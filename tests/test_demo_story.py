"""The demo tells one story (issue 13, item 11): one union chair across the users, the
dialogue group and the conference; the legal representative chairs for the employer; both
are on the roster and sit in the conference ex officio."""

from __future__ import annotations

from labour_democracy.conferences.tables import Conference, Delegate, DelegateKind, TimelineStep
from labour_democracy.core.demo import UNION_CHAIR, load_demo
from labour_democracy.core.tables import Enterprise, User, Worker
from labour_democracy.dialogue.tables import Member, Side
from labour_democracy.i18n import today


async def test_the_demo_has_one_union_chair_and_its_legal_representative_signs():
    await load_demo()
    enterprise = await Enterprise.objects().where(Enterprise.symbol == "SHVN").first()
    union_user = await User.objects().where(User.email == "union@demo.vn").first()
    assert union_user.full_name == UNION_CHAIR
    signer = (
        await Member.objects()
        .where((Member.side == Side.UNION) & Member.signs_for_side.eq(True))
        .first()
    )
    assert signer.full_name == UNION_CHAIR
    conference = await Conference.objects().where(Conference.enterprise == enterprise.id).first()
    assert conference.union_chair == UNION_CHAIR
    assert conference.employer_chair == enterprise.legal_representative
    ex_officio = await Delegate.select(
        Delegate.worker.full_name.as_alias("name"), Delegate.ex_officio_role
    ).where((Delegate.conference == conference.id) & (Delegate.kind == DelegateKind.EX_OFFICIO))
    assert {(row["name"], row["ex_officio_role"]) for row in ex_officio} == {
        (enterprise.legal_representative, enterprise.legal_representative_title),
        (UNION_CHAIR, "Chủ tịch Công đoàn cơ sở"),
    }
    steps = await TimelineStep.select(TimelineStep.due_on).where(
        TimelineStep.conference == conference.id
    )
    assert steps and min(step["due_on"] for step in steps) >= today()  # none due before the plan
    on_roster = await Worker.select(Worker.full_name).where(
        (Worker.enterprise == enterprise.id)
        & Worker.full_name.is_in([UNION_CHAIR, enterprise.legal_representative])
    )
    assert len(on_roster) == 2
