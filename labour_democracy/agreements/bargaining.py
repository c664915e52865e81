"""Bargaining (Thương lượng tập thể, Labour Code 2019 Arts. 65-71): the request of either side,
the reply agreeing time and place, the employer's information, the teams, the sessions and
their minutes published to the workers, and the failure of bargaining."""

from __future__ import annotations

import datetime as dt

from labour_democracy.agreements import inputs, ledger, rules
from labour_democracy.agreements.labels import SKELETON
from labour_democracy.agreements.permissions import BARGAIN, ORGANISE_VOTE, side_allowed
from labour_democracy.agreements.schemas import (
    FailureForm,
    InformationForm,
    ReplyForm,
    RequestForm,
    SessionForm,
    TeamMemberForm,
)
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    BargainingSession,
    BargainingSide,
    ClauseStatus,
    TeamMember,
)
from labour_democracy.core import audit
from labour_democracy.core.calendar import WorkingWeek
from labour_democracy.core.errors import Conflict, Forbidden
from labour_democracy.core.names import sort_people
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import language, today
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import ElectorateKind, QuestionKind


async def create_request(
    context: EnterpriseContext,
    form: RequestForm,
    kind: AgreementKind = AgreementKind.NEW,
    amends: int | None = None,
) -> int:
    """Record a request to bargain (Art. 70(1)); the agreement starts with the default chapters
    (or, for an amendment, a copy of the agreement it amends)."""
    inputs.require(context, BARGAIN)
    if not side_allowed(context, form.requested_by):
        raise Forbidden
    inputs.require_representative(context)
    errors: dict[str, str] = {}
    title = inputs.text(errors, "title", form.title, inputs.TITLE_LIMIT)
    contents = inputs.text(errors, "contents", form.contents, inputs.TEXT_LIMIT)
    if form.received_on > today():
        errors["received_on"] = _("The request cannot be received in the future.")
    inputs.raise_if(errors)
    week = await inputs.week(context.enterprise)
    async with write_transaction():
        agreement = Agreement(
            enterprise=context.enterprise_id,
            kind=kind,
            amends=amends,
            title=title,
            requested_by=form.requested_by,
            request_contents=contents,
            received_on=form.received_on,
            reply_due_on=rules.reply_due(form.received_on, week),
            first_session_due_on=rules.first_session_due(form.received_on),
            upper_union_invited=form.upper_union_invited,
            created_by=context.actor.id,
        )
        await agreement.save()
        previous = await _previous(context) if form.copy_previous and amends is None else None
        if amends is not None:
            await ledger.copy_clauses(context, amends, agreement.id)
        elif previous is not None:
            # The previous agreement's articles are proposals again: bargained anew.
            await ledger.copy_clauses(context, previous, agreement.id, ClauseStatus.PROPOSED)
        else:
            await ledger.add_skeleton(context, agreement.id)
        await audit.record(
            context.actor,
            "agreement.requested",
            "agreement",
            agreement.id,
            context.enterprise_id,
            side=form.requested_by.value,
        )
    return agreement.id


async def _previous(context: EnterpriseContext) -> int | None:
    """The enterprise's last signed agreement (not an amendment), to start a new one from."""
    row = (
        await Agreement.select(Agreement.id)
        .where(
            (Agreement.enterprise == context.enterprise_id)
            & (Agreement.status == AgreementStatus.SIGNED.value)
            & (Agreement.kind == AgreementKind.NEW.value)
        )
        .order_by(Agreement.signed_on, ascending=False)
        .first()
    )
    return row["id"] if row else None


def _receiving_side(agreement: Agreement) -> BargainingSide:
    if agreement.requested_by == BargainingSide.EMPLOYER:
        return BargainingSide.WORKERS
    return BargainingSide.EMPLOYER


async def record_reply(context: EnterpriseContext, agreement_id: int, form: ReplyForm) -> None:
    """The receiving side agrees time and place (Art. 70(1): it may not refuse); a late reply
    is recorded as late."""
    inputs.require(context, BARGAIN)
    errors: dict[str, str] = {}
    place = inputs.text(errors, "agreed_time_place", form.agreed_time_place, 500)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not side_allowed(context, _receiving_side(agreement)):
            raise Forbidden
        if form.replied_on < agreement.received_on:
            errors["replied_on"] = _("The reply cannot come before the request.")
        inputs.raise_if(errors)
        if agreement.status != AgreementStatus.BARGAINING:
            raise Conflict(_("This bargaining is closed."))
        await Agreement.update(
            {Agreement.replied_on: form.replied_on, Agreement.agreed_time_place: place}
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.replied", "agreement", agreement.id, context.enterprise_id
        )


async def record_information(
    context: EnterpriseContext, agreement_id: int, form: InformationForm
) -> None:
    """The worker side asked for the employer's business information, and when it came
    (Art. 70(3): within 10 days)."""
    inputs.require(context, BARGAIN)
    if form.information_given_on and form.information_given_on < form.information_asked_on:
        inputs.raise_if({"information_given_on": _("It cannot be given before it was asked.")})
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        await Agreement.update(
            {
                Agreement.information_asked_on: form.information_asked_on,
                Agreement.information_given_on: form.information_given_on,
            }
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.information", "agreement", agreement.id, context.enterprise_id
        )


async def add_team_member(
    context: EnterpriseContext, agreement_id: int, form: TeamMemberForm
) -> int:
    """Each side names its own team (Art. 69(1)); the worker side may invite the upper-level
    union, which the employer cannot refuse (Art. 69(2))."""
    inputs.require(context, BARGAIN)
    if not side_allowed(context, form.side):
        raise Forbidden
    errors: dict[str, str] = {}
    name = inputs.text(errors, "full_name", form.full_name, inputs.NAME_LIMIT)
    title = inputs.text(errors, "title", form.title, inputs.NAME_LIMIT, required=False)
    inputs.raise_if(errors)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        member = TeamMember(
            agreement=agreement.id,
            side=form.side,
            full_name=name,
            title=title,
            from_upper_union=form.from_upper_union and form.side == BargainingSide.WORKERS,
            leads=form.leads,
        )
        await member.save()
        await audit.record(
            context.actor, "agreement.team", "agreement", agreement.id, context.enterprise_id
        )
    return member.id


async def team(agreement_id: int) -> list[dict]:
    """Both teams, side by side: each side's leader first, then its members in Vietnamese
    name order (core/names.py), on the agreement's page and in the session minutes alike."""
    members = sort_people(
        await TeamMember.select().where(TeamMember.agreement == agreement_id),
        name=lambda member: member["full_name"],
    )
    return sorted(members, key=lambda member: (member["side"], not member["leads"]))


async def add_session(context: EnterpriseContext, agreement_id: int, form: SessionForm) -> int:
    """A bargaining session; the first one starts the 90 days of Art. 70(2)."""
    inputs.require(context, BARGAIN)
    inputs.require_representative(context)
    errors: dict[str, str] = {}
    place = inputs.text(errors, "place", form.place, inputs.TITLE_LIMIT)
    taker = inputs.text(errors, "minute_taker", form.minute_taker, inputs.NAME_LIMIT)
    notes = inputs.text(errors, "notes", form.notes, inputs.TEXT_LIMIT, required=False)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if form.held_on < agreement.received_on:
            errors["held_on"] = _("A session cannot be held before the request.")
        inputs.raise_if(errors)
        if agreement.status != AgreementStatus.BARGAINING:
            raise Conflict(_("Sessions are held while bargaining."))
        number = await BargainingSession.count().where(BargainingSession.agreement == agreement.id)
        session = BargainingSession(
            enterprise=context.enterprise_id,
            agreement=agreement.id,
            number=number + 1,
            held_on=form.held_on,
            place=place,
            minute_taker=taker,
            notes=notes,
        )
        await session.save()
        if agreement.first_session_on is None or form.held_on < agreement.first_session_on:
            await Agreement.update(
                {
                    Agreement.first_session_on: form.held_on,
                    Agreement.bargaining_due_on: rules.bargaining_due(form.held_on),
                }
            ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor,
            "agreement.session",
            "agreement",
            agreement.id,
            context.enterprise_id,
            session=session.id,
        )
    return session.id


async def publish_minutes(
    context: EnterpriseContext, agreement_id: int, session_id: int, on: dt.date | None = None
) -> None:
    """The representative organisation publishes the minutes to all workers (Art. 70(5)); the
    minutes must have been drawn up first."""
    inputs.require(context, BARGAIN)
    async with write_transaction():
        session = await inputs.session_of(context, agreement_id, session_id)
        if session.minutes_document is None:
            raise Conflict(_("Draw up the minutes before publishing them."))
        await BargainingSession.update({BargainingSession.published_on: on or today()}).where(
            BargainingSession.id == session.id
        )
        await audit.record(
            context.actor,
            "agreement.minutes_published",
            "agreement",
            agreement_id,
            context.enterprise_id,
            session=session.id,
        )


async def record_failure(context: EnterpriseContext, agreement_id: int, form: FailureForm) -> None:
    """Bargaining failed (Art. 71): the labour-dispute procedure follows; the grounds computed
    from the deadlines are recorded beside the parties' own reason."""
    inputs.require(context, BARGAIN)
    errors: dict[str, str] = {}
    reason = inputs.text(errors, "failure_reason", form.failure_reason, inputs.TEXT_LIMIT)
    inputs.raise_if(errors)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if agreement.status != AgreementStatus.BARGAINING:
            raise Conflict(_("Only bargaining in progress can fail."))
        await Agreement.update(
            {
                Agreement.status: AgreementStatus.FAILED,
                Agreement.failed_on: form.failed_on,
                Agreement.failure_reason: reason,
            }
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.failed", "agreement", agreement.id, context.enterprise_id
        )


async def consult_workers(context: EnterpriseContext, agreement_id: int) -> int:
    """The representative organisation asks all workers what to bargain for (Art. 70(4)): a
    draft consultation in the voting engine, one choice among the topics of Art. 67 (several
    may be ticked); its slips, opening and closing are the vote's own pages. Returns its id."""
    inputs.require(context, ORGANISE_VOTE)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if agreement.status != AgreementStatus.BARGAINING:
            raise Conflict(_("This bargaining is closed."))
        if agreement.consultation_ballot is not None:
            raise Conflict(_("The workers are already consulted for this bargaining."))
        topics = [vi for vi, _en in SKELETON[1:-1]]
        with language("vi"):
            title = f"Lấy ý kiến người lao động về nội dung thương lượng: {agreement.title}"
        ballot_id = await voting.create_ballot(
            context,
            BallotForm(title=title[:300], electorate_kind=ElectorateKind.ALL_WORKERS),
        )
        await voting.add_question(
            context,
            ballot_id,
            QuestionForm(
                kind=QuestionKind.CHOICE,
                text="Anh/chị đề nghị thương lượng những nội dung nào?",
                options="\n".join(topics),
                max_selections=len(topics),
            ),
            rule_minimum=voting_rules.CONSULTATION_MAJORITY,
        )
        await Agreement.update({Agreement.consultation_ballot: ballot_id}).where(
            Agreement.id == agreement.id
        )
        await audit.record(
            context.actor,
            "agreement.consultation",
            "agreement",
            agreement.id,
            context.enterprise_id,
            ballot=ballot_id,
        )
    return ballot_id


def failure_grounds(
    agreement: Agreement, on: dt.date | None = None, week: WorkingWeek | None = None
) -> list[str]:
    """The grounds of Art. 71 the deadlines give today (msgids)."""
    if agreement.status != AgreementStatus.BARGAINING:
        return []
    return rules.failure_grounds(
        received_on=agreement.received_on,
        replied_on=agreement.replied_on,
        first_session_on=agreement.first_session_on,
        concluded=False,
        on=on or today(),
        week=week,
    )
