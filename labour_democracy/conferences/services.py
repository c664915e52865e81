"""Use cases of the worker conference: rules, plan, timeline, seats, delegates, agenda,
check-in, votes through the voting engine, closing, publication, follow-up and reviews."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass

from labour_democracy.conferences import documents as conference_documents
from labour_democracy.conferences import rules
from labour_democracy.conferences.permissions import (
    CHECK_IN,
    MANAGE_CONFERENCES,
    VIEW_CONFERENCES,
)
from labour_democracy.conferences.schemas import (
    AgendaItemForm,
    CommitmentForm,
    DelegateForm,
    HandsForm,
    PlanEditForm,
    PlanForm,
    ReviewForm,
    RulesForm,
    StepForm,
    UnitResultForm,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceForm,
    ConferenceKind,
    ConferenceRules,
    ConferenceStatus,
    Delegate,
    DelegateKind,
    Requester,
    ResolutionReview,
    StepStatus,
    TimelineStep,
    UnitSeat,
    VoteMode,
)
from labour_democracy.core import audit
from labour_democracy.core import rules as core_rules
from labour_democracy.core.calendar import add_working_days
from labour_democracy.core.enterprises import active_workers, workforce
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.permissions import Permission
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, OrgUnit, Ownership, Worker
from labour_democracy.db import write_transaction
from labour_democracy.followups import services as followups
from labour_democracy.i18n import format_date, today
from labour_democracy.i18n import gettext as _
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import Topic
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.rules import Base, Comparator, Rule, describe
from labour_democracy.voting.schemas import BallotForm, QuestionForm, TallySheetForm
from labour_democracy.voting.tables import (
    Ballot,
    BallotStatus,
    Channels,
    ElectorateKind,
    QuestionKind,
    Secrecy,
    TallyKind,
)

SOURCE_KIND = "conference"
_TEXT_LIMITS = {"venue": 300, "employer_chair": 255, "union_chair": 255, "secretary": 255}
# Crockford's alphabet without look-alikes: a code read aloud or typed at the door.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 10  # 50 random bits
_CODE_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def _require(context: EnterpriseContext, permission: Permission = MANAGE_CONFERENCES) -> None:
    if not context.can(permission):
        raise Forbidden


# Rules ----------------------------------------------------------------------------------------


def is_state_owned(enterprise: Enterprise) -> bool:
    return enterprise.ownership == Ownership.STATE_OWNED


@dataclass(frozen=True)
class RulesView:
    """The enterprise's conference rules as in force, with the law's defaults and floors."""

    saved: bool
    state_owned: bool
    soe: bool  # Law 10/2022 applies (state-owned, or opted in)
    opt_in_soe_rules: bool
    form: ConferenceForm
    quorum: Rule
    passing: Rule
    months_after_year_end: int
    review_months: int
    regulation_reference: str
    default_quorum: Rule
    default_passing: Rule
    quorum_minimum: Rule
    pass_minimum: Rule


async def rules_for(context: EnterpriseContext) -> RulesView:
    _require(context, VIEW_CONFERENCES)
    return await _rules_of(context.enterprise)


async def _rules_of(enterprise: Enterprise) -> RulesView:
    row = await ConferenceRules.objects().where(ConferenceRules.enterprise == enterprise.id).first()
    state_owned = is_state_owned(enterprise)
    opted_in = bool(row and row.opt_in_soe_rules)
    soe = rules.soe_rules_apply(state_owned, opted_in)
    default_quorum, default_passing = rules.defaults(soe)
    quorum_minimum, pass_minimum = rules.minimums(soe)
    if row is None:
        return RulesView(
            False,
            state_owned,
            soe,
            False,
            ConferenceForm.EITHER,
            default_quorum,
            default_passing,
            rules.SOE_MONTHS_AFTER_YEAR_END,
            rules.SOE_REVIEW_MONTHS,
            "",
            default_quorum,
            default_passing,
            quorum_minimum,
            pass_minimum,
        )

    def chosen(text: str, default: Rule) -> Rule:
        return default if text == default.encode() else Rule.decode(text, rules.REGULATION_SOURCE)

    return RulesView(
        True,
        state_owned,
        soe,
        opted_in,
        ConferenceForm(row.form),
        chosen(row.quorum_rule, default_quorum),
        chosen(row.pass_rule, default_passing),
        row.months_after_year_end,
        row.review_months,
        row.regulation_reference,
        default_quorum,
        default_passing,
        quorum_minimum,
        pass_minimum,
    )


def _rule_from(
    base: Base, comparator: Comparator, numerator: int, denominator: int, field: str
) -> Rule:
    try:
        return Rule(base, comparator, numerator, denominator, rules.REGULATION_SOURCE)
    except ValueError:
        raise Invalid({field: _("Enter a fraction between 0 and 1, e.g. 2/3.")}) from None


async def save_rules(context: EnterpriseContext, form: RulesForm) -> None:
    _require(context)
    quorum = _rule_from(
        Base.ELECTORATE,
        form.quorum_comparator,
        form.quorum_numerator,
        form.quorum_denominator,
        "quorum_numerator",
    )
    passing = _rule_from(
        form.pass_base,
        form.pass_comparator,
        form.pass_numerator,
        form.pass_denominator,
        "pass_numerator",
    )
    soe = rules.soe_rules_apply(is_state_owned(context.enterprise), form.opt_in_soe_rules)
    errors: dict[str, str] = {}
    if len(form.regulation_reference or "") > 255:
        errors["regulation_reference"] = _("At most {n} characters.").format(n=255)
    if not 1 <= form.months_after_year_end <= 12:
        errors["months_after_year_end"] = _("Enter a number of months from 1 to 12.")
    if not 1 <= form.review_months <= 12:
        errors["review_months"] = _("Enter a number of months from 1 to 12.")
    weak = rules.weaker_than_law(
        soe, quorum, passing, form.months_after_year_end, form.review_months
    )
    soe_quorum, soe_pass = rules.minimums(True)
    if "quorum" in weak:
        errors["quorum_numerator"] = _(
            "A state-owned enterprise cannot set a quorum below the law's: {rule} ({source})."
        ).format(rule=describe(soe_quorum), source=_(soe_quorum.source))
    if "pass" in weak:
        errors["pass_numerator"] = _(
            "A state-owned enterprise cannot set a passing rule below the law's: {rule} ({source})."
        ).format(rule=describe(soe_pass), source=_(soe_pass.source))
    if "months_after_year_end" in weak:
        errors["months_after_year_end"] = _(
            "A state-owned enterprise holds its conference within 3 months after the fiscal "
            "year ends (Law 10/2022/QH15, Art. 69(1))."
        )
    if "review_months" in weak:
        errors["review_months"] = _(
            "A state-owned enterprise reviews the resolution at least every 6 months "
            "(Law 10/2022/QH15, Art. 70(3))."
        )
    if errors:
        raise Invalid(errors)
    values = {
        ConferenceRules.opt_in_soe_rules: form.opt_in_soe_rules,
        ConferenceRules.form: form.form,
        ConferenceRules.quorum_rule: quorum.encode(),
        ConferenceRules.pass_rule: passing.encode(),
        ConferenceRules.months_after_year_end: form.months_after_year_end,
        ConferenceRules.review_months: form.review_months,
        ConferenceRules.regulation_reference: (form.regulation_reference or "").strip(),
        ConferenceRules.updated_by: context.actor.id,
        ConferenceRules.updated_at: dt.datetime.now(dt.UTC),
    }
    async with write_transaction():
        clause = ConferenceRules.enterprise == context.enterprise_id
        if await ConferenceRules.exists().where(clause):
            await ConferenceRules.update(values).where(clause)
        else:
            await ConferenceRules(
                enterprise=context.enterprise_id,
                **{column._meta.name: value for column, value in values.items()},
            ).save()
        await audit.record(
            context.actor,
            "conference_rules.saved",
            "enterprise",
            context.enterprise_id,
            context.enterprise_id,
            quorum=quorum.encode(),
            passing=passing.encode(),
            soe=soe,
        )


# Planning -------------------------------------------------------------------------------------


def _parse_time(text: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        return None


def new_checkin_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def normalise_checkin_code(typed: str) -> str:
    return typed.strip().upper().translate(_CODE_TYPOS)


def checkin_url(request_base: str, enterprise_id: int, conference_id: int, code: str) -> str:
    """What a delegate's QR code holds: the door's check-in page with the code filled in."""
    base = request_base.rstrip("/")
    return f"{base}/enterprises/{enterprise_id}/conferences/{conference_id}/checkin?code={code}"


async def _validate_plan(
    context: EnterpriseContext,
    form: PlanForm,
    view: RulesView,
    workers: int,
    editing: int | None = None,
) -> dt.time:
    """The plan's errors (Invalid), else its start time. `editing` names the conference whose
    plan is being corrected: it is not counted as the year's annual conference, and its form,
    which stays as planned, is not checked again."""
    errors: dict[str, str] = {}
    for field, limit in _TEXT_LIMITS.items():
        value = getattr(form, field)
        if not value.strip():
            errors[field] = _("This field is required.")
        elif len(value) > limit:
            errors[field] = _("At most {n} characters.").format(n=limit)
    starts_at = _parse_time(form.starts_at)
    if starts_at is None:
        errors["starts_at"] = _("Enter the time as hh:mm, e.g. 08:00.")
    if form.held_on.year != form.year:
        errors["held_on"] = _("The conference of {year} is held in {year}.").format(year=form.year)
    if editing is None and not rules.form_allowed(view.soe, view.form, form.form, workers):
        if view.soe and workers < rules.SOE_WHOLE_WORKFORCE_BELOW:
            errors["form"] = _(
                "With fewer than 100 workers ({n}), a state-owned enterprise holds a "
                "whole-workforce conference (Law 10/2022/QH15, Art. 69(2)(a))."
            ).format(n=workers)
        else:
            errors["form"] = _("The democracy regulation sets the conference form.")
    if form.kind is ConferenceKind.ANNUAL:
        clause = (
            (Conference.enterprise == context.enterprise_id)
            & (Conference.year == form.year)
            & (Conference.kind == ConferenceKind.ANNUAL)
        )
        if editing is not None:
            clause &= Conference.id != editing
        taken = await Conference.exists().where(clause)
        if taken:
            errors["year"] = _(
                "The annual conference of {year} is already planned; an extra one is extraordinary."
            ).format(year=form.year)
        if view.soe:
            enterprise = context.enterprise
            first, last = rules.annual_window(
                form.held_on,
                enterprise.fiscal_year_end_month,
                enterprise.fiscal_year_end_day,
                view.months_after_year_end,
            )
            if form.held_on > last:
                errors["held_on"] = _(
                    "A state-owned enterprise holds its annual conference from {first} to "
                    "{last}, within {months} months after the fiscal year ends (Law 10/2022/"
                    "QH15, Art. 69(1))."
                ).format(
                    first=format_date(first),
                    last=format_date(last),
                    months=view.months_after_year_end,
                )
    else:
        if form.requested_by is None:
            errors["requested_by"] = _("Say who asked for the extraordinary conference.")
        elif form.requested_by is Requester.WORKERS and not rules.extraordinary_request_valid(
            form.requesters or 0, workers
        ):
            errors["requesters"] = _(
                "Workers can ask for an extraordinary conference when at least one third of "
                "them sign: {needed} of {workers} (Law 10/2022/QH15, Arts. 68(1), 69(1))."
            ).format(needed=rules.EXTRAORDINARY_REQUEST.smallest_count(workers), workers=workers)
    if errors:
        raise Invalid(errors)
    assert starts_at is not None
    return starts_at


async def plan_conference(context: EnterpriseContext, form: PlanForm) -> int:
    """Plan a conference: validated against the rules, with its timeline and agenda; at a
    whole-workforce conference every active worker is convened."""
    _require(context)
    view = await _rules_of(context.enterprise)
    workers = (await workforce(context.enterprise_id)).count
    starts_at = await _validate_plan(context, form, view, workers)
    saturday = context.enterprise.saturday_works
    async with write_transaction():
        conference = Conference(
            enterprise=context.enterprise_id,
            year=form.year,
            kind=form.kind,
            requested_by=form.requested_by if form.kind is ConferenceKind.EXTRAORDINARY else None,
            requesters=form.requesters if form.requested_by is Requester.WORKERS else None,
            held_on=form.held_on,
            starts_at=starts_at,
            venue=form.venue.strip(),
            form=form.form,
            employer_chair=form.employer_chair.strip(),
            union_chair=form.union_chair.strip(),
            secretary=form.secretary.strip(),
            soe_rules=view.soe,
            quorum_rule=view.quorum.encode(),
            quorum_source=view.quorum.source,
            pass_rule=view.passing.encode(),
            pass_source=view.passing.source,
            created_by=context.actor.id,
        )
        await conference.save()
        await TimelineStep.insert(
            *(
                TimelineStep(
                    conference=conference.id,
                    key=step.key,
                    position=i + 1,
                    title=_(step.title),
                    owner=_(step.owner),
                    due_on=_due_on(form.held_on, step, saturday),
                )
                for i, step in enumerate(rules.timeline_steps(form.form))
            )
        )
        agenda = list(rules.AGENDA)
        if view.soe:
            agenda.insert(-2, rules.INSPECTION_BOARD_ITEM)
        await AgendaItem.insert(
            *(
                AgendaItem(
                    conference=conference.id,
                    position=i + 1,
                    key=item.key,
                    title=_(item.title),
                    kind=AgendaKind(item.kind),
                    vote_mode=VoteMode.SECRET
                    if item.kind == AgendaKind.ELECTION
                    else VoteMode.SHOW_OF_HANDS,
                    seats=rules.INSPECTION_BOARD_MIN if item.key == "inspection_board" else None,
                )
                for i, item in enumerate(agenda)
            )
        )
        if form.form is ConferenceForm.WHOLE:
            await _convene_workforce(context, conference.id)
        await audit.record(
            context.actor,
            "conference.planned",
            "conference",
            conference.id,
            context.enterprise_id,
            year=form.year,
            kind=form.kind,
            form=form.form,
        )
    return conference.id


def _due_on(held_on: dt.date, step: rules.StepTemplate, saturday_works: bool) -> dt.date:
    """A timeline step's due date: its lead time in working days from the conference date."""
    return add_working_days(held_on, step.working_days, saturday_works)


# The plan's fields a correction may change, in the order the audit names them.
_EDITABLE = (
    "held_on",
    "starts_at",
    "venue",
    "employer_chair",
    "union_chair",
    "secretary",
    "requested_by",
    "requesters",
)


def _require_planned(conference: Conference, refusal: str) -> None:
    if conference.status != ConferenceStatus.PLANNED:
        raise Conflict(refusal)


def _plan_closed_message() -> str:
    return _("The conference has opened: its plan no longer changes.")


async def plan_to_correct(context: EnterpriseContext, conference_id: int) -> Conference:
    """The conference whose plan is to be corrected; Conflict once it has opened."""
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_planned(conference, _plan_closed_message())
    return conference


async def edit_plan(
    context: EnterpriseContext, conference_id: int, form: PlanEditForm
) -> dict[str, list]:
    """Correct the plan of a conference not yet opened: date, time, venue, co-chairs,
    secretary and, for an extraordinary conference, who asked for it. Year, kind and form
    stay as planned. Validated as planning is; a new date moves the due dates of the steps not
    yet done exactly as planning computes them (steps done keep theirs). Returns what changed,
    {field: [before, after]} (empty: nothing to save)."""
    conference = await plan_to_correct(context, conference_id)
    view = await _rules_of(context.enterprise)
    workers = (await workforce(context.enterprise_id)).count
    kind = ConferenceKind(conference.kind)
    extraordinary = kind is ConferenceKind.EXTRAORDINARY
    plan = PlanForm(
        year=conference.year,
        kind=kind,
        requested_by=form.requested_by if extraordinary else None,
        requesters=form.requesters,
        held_on=form.held_on,
        starts_at=form.starts_at,
        venue=form.venue,
        form=ConferenceForm(conference.form),
        employer_chair=form.employer_chair,
        union_chair=form.union_chair,
        secretary=form.secretary,
    )
    starts_at = await _validate_plan(context, plan, view, workers, editing=conference.id)
    wanted = {
        "held_on": form.held_on,
        "starts_at": starts_at,
        "venue": form.venue.strip(),
        "employer_chair": form.employer_chair.strip(),
        "union_chair": form.union_chair.strip(),
        "secretary": form.secretary.strip(),
        "requested_by": plan.requested_by,
        "requesters": form.requesters
        if extraordinary and plan.requested_by is Requester.WORKERS
        else None,
    }
    changed = {
        name: [getattr(conference, name), wanted[name]]
        for name in _EDITABLE
        if getattr(conference, name) != wanted[name]
    }
    if not changed:
        return changed
    async with write_transaction():
        # Only a conference still planned: one opened meanwhile keeps its plan.
        saved = (
            await Conference.update({getattr(Conference, name): wanted[name] for name in changed})
            .where(
                (Conference.id == conference.id) & (Conference.status == ConferenceStatus.PLANNED)
            )
            .returning(Conference.id)
        )
        if not saved:
            raise Conflict(_plan_closed_message())
        moved = 0
        if "held_on" in changed:
            templates = {
                step.key: step for step in rules.timeline_steps(ConferenceForm(conference.form))
            }
            saturday = context.enterprise.saturday_works
            for step in await TimelineStep.select(
                TimelineStep.id, TimelineStep.key, TimelineStep.due_on
            ).where(
                (TimelineStep.conference == conference.id)
                & (TimelineStep.status == StepStatus.TODO)
            ):
                template = templates.get(step["key"])
                if template is None:
                    continue
                due_on = _due_on(form.held_on, template, saturday)
                if due_on != step["due_on"]:
                    await TimelineStep.update({TimelineStep.due_on: due_on}).where(
                        TimelineStep.id == step["id"]
                    )
                    moved += 1
        await audit.record(
            context.actor,
            "conference.plan_changed",
            "conference",
            conference.id,
            context.enterprise_id,
            changed=changed,
            steps_moved=moved,
        )
    _forget_screens(conference.id)  # a hall screen's title may name the date
    return changed


async def delete_conference(context: EnterpriseContext, conference_id: int) -> None:
    """Delete a conference planned by mistake: only while it is planned, nobody has checked in
    and no vote of it is prepared. Its timeline, seats, delegates and agenda go with it (the
    foreign keys cascade); workers' suggestions assigned to it wait for a conference again;
    documents already issued (plan, invitations) stay in the enterprise's register."""
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_planned(conference, _("Only a conference not yet opened can be deleted."))
    checked_in = _("A delegate has checked in: the conference can no longer be deleted.")
    if await Delegate.exists().where(
        (Delegate.conference == conference.id) & Delegate.checked_in_at.is_not_null()
    ):
        raise Conflict(checked_in)
    voted = await AgendaItem.exists().where(
        (AgendaItem.conference == conference.id) & AgendaItem.ballot.is_not_null()
    ) or await UnitSeat.exists().where(
        (UnitSeat.conference == conference.id) & UnitSeat.ballot.is_not_null()
    )
    if voted:
        raise Conflict(_("A vote of this conference is prepared: it can no longer be deleted."))
    # Commitments are recorded only once a conference is closed; a planned one has none, but
    # a follow-up must never name a conference that is gone.
    if await followups.list_for(context, SOURCE_KIND, conference.id):
        raise Conflict(_("Commitments of this conference are followed up: it cannot be deleted."))
    async with write_transaction():
        # Delegates not checked in go first; one checked in meanwhile stays and refuses it all.
        await Delegate.delete().where(
            (Delegate.conference == conference.id) & Delegate.checked_in_at.is_null()
        )
        if await Delegate.exists().where(Delegate.conference == conference.id):
            raise Conflict(checked_in)
        # Back to "a conference" without a chosen one, as a suggestion waits for the next.
        released = await suggestions.release_target(context, Topic.CONFERENCE, conference.id)
        deleted = (
            await Conference.delete()
            .where(
                (Conference.id == conference.id) & (Conference.status == ConferenceStatus.PLANNED)
            )
            .returning(Conference.id)
        )
        if not deleted:
            raise Conflict(_("Only a conference not yet opened can be deleted."))
        await audit.record(
            context.actor,
            "conference.deleted",
            "conference",
            conference.id,
            context.enterprise_id,
            year=conference.year,
            kind=conference.kind,
            held_on=conference.held_on,
            suggestions_released=released,
        )
    _list_changed(conference.id)
    _forget_screens(conference.id)


async def _convene_workforce(context: EnterpriseContext, conference_id: int) -> None:
    present = {
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            Delegate.conference == conference_id
        )
    }
    rows = await Worker.select(Worker.id, Worker.org_unit).where(
        active_workers(context.enterprise_id, today())
    )
    new = [
        Delegate(
            conference=conference_id,
            worker=row["id"],
            kind=DelegateKind.WORKFORCE,
            org_unit=row["org_unit"],
            checkin_code=new_checkin_code(),
        )
        for row in rows
        if row["id"] not in present
    ]
    for start in range(0, len(new), 500):
        await Delegate.insert(*new[start : start + 500])


async def list_conferences(context: EnterpriseContext) -> list[dict]:
    _require(context, VIEW_CONFERENCES)
    return (
        await Conference.select(
            Conference.id,
            Conference.year,
            Conference.kind,
            Conference.held_on,
            Conference.venue,
            Conference.form,
            Conference.status,
            Conference.published_on,
        )
        .where(Conference.enterprise == context.enterprise_id)
        .order_by(Conference.held_on, ascending=False)
    )


async def get_conference(context: EnterpriseContext, conference_id: int) -> Conference:
    _require(context, VIEW_CONFERENCES)
    return await get_owned(context, Conference, conference_id)


def quorum_rule_of(conference: Conference) -> Rule:
    return Rule.decode(conference.quorum_rule, conference.quorum_source)


def pass_rule_of(conference: Conference) -> Rule:
    return Rule.decode(conference.pass_rule, conference.pass_source)


def _require_not_closed(conference: Conference) -> None:
    if conference.status in (ConferenceStatus.CLOSED, ConferenceStatus.PUBLISHED):
        raise Conflict(_("The conference is closed; its records no longer change."))


def label(conference: Conference) -> str:
    """ "Hội nghị người lao động năm 2027 (thường niên)" in the current language."""
    if conference.kind == ConferenceKind.EXTRAORDINARY:
        return _("Extraordinary worker conference of {date}").format(
            date=format_date(conference.held_on)
        )
    return _("Worker conference {year}").format(year=conference.year)


# Timeline -------------------------------------------------------------------------------------


async def timeline(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    on = today()
    steps = (
        await TimelineStep.select()
        .where(TimelineStep.conference == conference_id)
        .order_by(TimelineStep.position)
    )
    for step in steps:
        step["overdue"] = step["status"] == StepStatus.TODO and step["due_on"] < on
    return steps


async def update_step(
    context: EnterpriseContext, conference_id: int, step_id: int, form: StepForm
) -> None:
    _require(context)
    await get_owned(context, Conference, conference_id)
    step = (
        await TimelineStep.objects()
        .where((TimelineStep.id == step_id) & (TimelineStep.conference == conference_id))
        .first()
    )
    if step is None:
        raise NotFound
    if form.owner is not None and len(form.owner) > 255:
        raise Invalid({"owner": _("At most {n} characters.").format(n=255)})
    values = {
        TimelineStep.status: StepStatus.DONE if form.done else StepStatus.TODO,
        TimelineStep.done_on: today() if form.done else None,
    }
    if form.owner:
        values[TimelineStep.owner] = form.owner.strip()
    if form.due_on:
        values[TimelineStep.due_on] = form.due_on
    async with write_transaction():
        await TimelineStep.update(values).where(TimelineStep.id == step.id)
        if step.key == "documents_sent":
            await Conference.update(
                {Conference.documents_sent_on: today() if form.done else None}
            ).where(Conference.id == conference_id)
        await audit.record(
            context.actor,
            "conference.step_updated",
            "conference",
            conference_id,
            context.enterprise_id,
            step=step.key,
            done=form.done,
        )


# Seats and delegates --------------------------------------------------------------------------


async def headcounts(context: EnterpriseContext) -> list[dict]:
    """Active workers per org unit (units without workers are left out)."""
    units = (
        await OrgUnit.select(OrgUnit.id, OrgUnit.name)
        .where(OrgUnit.enterprise == context.enterprise_id)
        .order_by(OrgUnit.name)
    )
    counts: dict[int, int] = {}
    for row in await Worker.select(Worker.org_unit).where(
        active_workers(context.enterprise_id, today()) & Worker.org_unit.is_not_null()
    ):
        counts[row["org_unit"]] = counts.get(row["org_unit"], 0) + 1
    return [
        {"id": unit["id"], "name": unit["name"], "headcount": counts[unit["id"]]}
        for unit in units
        if counts.get(unit["id"])
    ]


async def seats_preview(context: EnterpriseContext, conference_id: int, seats: int) -> list[dict]:
    """Seats per unit by the largest remainder, before saving."""
    conference = await get_conference(context, conference_id)
    if conference.form != ConferenceForm.DELEGATES:
        raise Conflict(_("Seats are allocated only for a delegate conference."))
    units = await headcounts(context)
    if not units:
        raise Invalid({"seats": _("Put workers in org units first: seats follow headcount.")})
    try:
        allocation = rules.allocate_seats({u["id"]: u["headcount"] for u in units}, seats)
    except ValueError:
        raise Invalid(
            {
                "seats": _("Every unit gets at least one seat: give at least {n} seats.").format(
                    n=len(units)
                )
            }
        ) from None
    return [{**unit, "seats": allocation[unit["id"]]} for unit in units]


async def save_seats(context: EnterpriseContext, conference_id: int, seats: int) -> None:
    _require(context)
    preview = await seats_preview(context, conference_id, seats)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    async with write_transaction():
        await UnitSeat.delete().where(UnitSeat.conference == conference_id)
        await UnitSeat.insert(
            *(
                UnitSeat(
                    conference=conference_id,
                    org_unit=row["id"],
                    headcount=row["headcount"],
                    seats=row["seats"],
                )
                for row in preview
            )
        )
        await audit.record(
            context.actor,
            "conference.seats_allocated",
            "conference",
            conference_id,
            context.enterprise_id,
            seats=seats,
            units=len(preview),
        )


async def seat_table(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    rows = (
        await UnitSeat.select(
            UnitSeat.id,
            UnitSeat.org_unit,
            UnitSeat.org_unit.name.as_alias("unit_name"),
            UnitSeat.headcount,
            UnitSeat.seats,
            UnitSeat.results_entered_at,
        )
        .where(UnitSeat.conference == conference_id)
        .order_by(UnitSeat.org_unit.name)
    )
    elected: dict[int, int] = {}
    for row in await Delegate.select(Delegate.org_unit).where(
        (Delegate.conference == conference_id) & (Delegate.kind == DelegateKind.ELECTED)
    ):
        elected[row["org_unit"]] = elected.get(row["org_unit"], 0) + 1
    for row in rows:
        row["elected"] = elected.get(row["org_unit"], 0)
    return rows


async def _worker_of(context: EnterpriseContext, worker_id: int) -> dict:
    row = (
        await Worker.select(Worker.id, Worker.org_unit)
        .where((Worker.id == worker_id) & active_workers(context.enterprise_id, today()))
        .first()
    )
    if row is None:
        raise Invalid({"worker": _("Choose an active worker of this enterprise.")})
    return row


async def add_delegate(context: EnterpriseContext, conference_id: int, form: DelegateForm) -> int:
    """An ex-officio delegate (management, union committee...) or one elected by a unit."""
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    worker = await _worker_of(context, form.worker)
    if form.kind is DelegateKind.WORKFORCE:
        raise Invalid({"kind": _("Choose ex-officio or elected.")})
    if form.kind is DelegateKind.EX_OFFICIO and not (form.ex_officio_role or "").strip():
        raise Invalid({"ex_officio_role": _("Say why this person attends ex officio.")})
    if len(form.ex_officio_role or "") > 255:
        raise Invalid({"ex_officio_role": _("At most {n} characters.").format(n=255)})
    if await Delegate.exists().where(
        (Delegate.conference == conference_id) & (Delegate.worker == worker["id"])
    ):
        raise Invalid({"worker": _("This person is already a delegate.")})
    async with write_transaction():
        delegate = Delegate(
            conference=conference_id,
            worker=worker["id"],
            kind=form.kind,
            ex_officio_role=(form.ex_officio_role or "").strip(),
            org_unit=worker["org_unit"],
            checkin_code=new_checkin_code(),
        )
        await delegate.save()
        await audit.record(
            context.actor,
            "conference.delegate_added",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
            kind=form.kind,
        )
    _list_changed(conference_id)
    return delegate.id


async def enter_unit_result(
    context: EnterpriseContext, conference_id: int, seat_id: int, form: UnitResultForm
) -> int:
    """The delegates a unit-level conference elected: replaces that unit's elected list."""
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    seat = (
        await UnitSeat.objects()
        .where((UnitSeat.id == seat_id) & (UnitSeat.conference == conference_id))
        .first()
    )
    if seat is None:
        raise NotFound
    chosen = sorted(set(form.workers))
    if not chosen:
        raise Invalid({"workers": _("Choose the elected delegates.")})
    if len(chosen) > seat.seats:
        raise Invalid({"workers": _("This unit has {n} seats.").format(n=seat.seats)})
    found = {
        row["id"]
        for row in await Worker.select(Worker.id).where(
            Worker.id.is_in(chosen)
            & active_workers(context.enterprise_id, today())
            & (Worker.org_unit == seat.org_unit)
        )
    }
    if found != set(chosen):
        raise Invalid({"workers": _("Delegates are elected from the unit's own workers.")})
    others = {
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            (Delegate.conference == conference_id)
            & Delegate.worker.is_in(chosen)
            & (Delegate.kind != DelegateKind.ELECTED)
        )
    }
    if others:
        raise Invalid({"workers": _("An ex-officio delegate is not elected again.")})
    async with write_transaction():
        await Delegate.delete().where(
            (Delegate.conference == conference_id)
            & (Delegate.kind == DelegateKind.ELECTED)
            & (Delegate.org_unit == seat.org_unit)
            & Delegate.checked_in_at.is_null()
        )
        kept = {
            row["worker"]
            for row in await Delegate.select(Delegate.worker).where(
                Delegate.conference == conference_id
            )
        }
        new = [
            Delegate(
                conference=conference_id,
                worker=worker_id,
                kind=DelegateKind.ELECTED,
                org_unit=seat.org_unit,
                checkin_code=new_checkin_code(),
            )
            for worker_id in chosen
            if worker_id not in kept
        ]
        if new:
            await Delegate.insert(*new)
        await UnitSeat.update({UnitSeat.results_entered_at: dt.datetime.now(dt.UTC)}).where(
            UnitSeat.id == seat.id
        )
        await audit.record(
            context.actor,
            "conference.unit_result",
            "conference",
            conference_id,
            context.enterprise_id,
            unit=seat.org_unit,
            elected=len(chosen),
        )
    _list_changed(conference_id)
    return len(chosen)


async def remove_delegate(context: EnterpriseContext, conference_id: int, delegate_id: int) -> None:
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    delegate = await _delegate(conference_id, delegate_id)
    if delegate.checked_in_at is not None:
        raise Conflict(_("This delegate has checked in and stays on the list."))
    async with write_transaction():
        await Delegate.delete().where(Delegate.id == delegate.id)
        await audit.record(
            context.actor,
            "conference.delegate_removed",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
        )
    _list_changed(conference_id)


async def _delegate(conference_id: int, delegate_id: int) -> Delegate:
    delegate = (
        await Delegate.objects()
        .where((Delegate.id == delegate_id) & (Delegate.conference == conference_id))
        .first()
    )
    if delegate is None:
        raise NotFound
    return delegate


async def delegates(
    context: EnterpriseContext, conference_id: int, search: str | None = None
) -> list[dict]:
    """The delegate list, by unit and name; `search` matches names without diacritics."""
    await get_conference(context, conference_id)
    clause = Delegate.conference == conference_id
    if search and search.strip():
        clause &= Delegate.worker.search_name.like(f"%{core_rules.fold(search.strip())}%")
    return (
        await Delegate.select(
            Delegate.id,
            Delegate.kind,
            Delegate.ex_officio_role,
            Delegate.checkin_code,
            Delegate.checked_in_at,
            Delegate.worker.id.as_alias("worker_id"),
            Delegate.worker.full_name.as_alias("full_name"),
            Delegate.worker.employee_code.as_alias("employee_code"),
            Delegate.worker.position.as_alias("position"),
            Delegate.org_unit.name.as_alias("unit_name"),
        )
        .where(clause)
        .order_by(Delegate.org_unit.name)
        .order_by(Delegate.worker.search_name)
    )


# Agenda ---------------------------------------------------------------------------------------


async def agenda(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    items = (
        await AgendaItem.select(
            *AgendaItem.all_columns(),
            AgendaItem.ballot.status.as_alias("ballot_status"),
            AgendaItem.ballot.result.as_alias("ballot_result"),
        )
        .where(AgendaItem.conference == conference_id)
        .order_by(AgendaItem.position)
    )
    for item in items:
        item["result"] = tally.unseal(item["ballot_result"]) if item["ballot_result"] else None
        item["outcome"] = _outcome(item["result"]) if item["result"] else None
    return items


def _outcome(result) -> dict:
    """The decisive numbers of a closed vote: for a motion, for/against/abstain and passed."""
    question = result.questions[0]
    votes = {option.label: option.votes for option in question.options}
    return {
        "passed": question.passed,
        "votes": votes,
        "options": question.options,
        "elected": question.elected,
        "threshold": question.threshold,
        "present": result.present,
        "electorate": result.electorate,
        "quorum_reached": result.quorum_reached,
    }


def _check_item(form: AgendaItemForm) -> None:
    errors: dict[str, str] = {}
    if not form.title.strip() or len(form.title) > 500:
        errors["title"] = _("Give a title of at most 500 characters.")
    if form.kind is AgendaKind.ELECTION:
        candidates = [c for c in (form.candidates or "").splitlines() if c.strip()]
        if form.seats is None or form.seats < 1:
            errors["seats"] = _("Enter the number of seats.")
        elif candidates and form.seats > len(candidates):
            errors["seats"] = _(
                "The seats must be between 1 and the number of candidates ({n})."
            ).format(n=len(candidates))
    if errors:
        raise Invalid(errors)


async def _item(conference_id: int, item_id: int) -> AgendaItem:
    item = (
        await AgendaItem.objects()
        .where((AgendaItem.id == item_id) & (AgendaItem.conference == conference_id))
        .first()
    )
    if item is None:
        raise NotFound
    return item


async def add_item(context: EnterpriseContext, conference_id: int, form: AgendaItemForm) -> int:
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    _check_item(form)
    async with write_transaction():
        position = await AgendaItem.count().where(AgendaItem.conference == conference_id) + 1
        item = AgendaItem(
            conference=conference_id,
            position=position,
            title=form.title.strip(),
            kind=form.kind,
            vote_mode=form.vote_mode,
            candidates=(form.candidates or "").strip(),
            seats=form.seats if form.kind is AgendaKind.ELECTION else None,
            notes=(form.notes or "").strip(),
        )
        await item.save()
        await audit.record(
            context.actor,
            "conference.item_added",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )
    return item.id


async def update_item(
    context: EnterpriseContext, conference_id: int, item_id: int, form: AgendaItemForm
) -> None:
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    item = await _item(conference_id, item_id)
    if item.ballot is not None:
        raise Conflict(_("The vote on this item is prepared; its item no longer changes."))
    _check_item(form)
    if item.key == "inspection_board" and not rules.inspection_board_size_valid(form.seats or 0):
        raise Invalid(
            {
                "seats": _(
                    "The People's Inspection Board has 3 to 9 members (Law 10/2022/QH15, "
                    "Art. 77; Decree 59/2023/NĐ-CP, Art. 25)."
                )
            }
        )
    async with write_transaction():
        await AgendaItem.update(
            {
                AgendaItem.title: form.title.strip(),
                AgendaItem.kind: form.kind,
                AgendaItem.vote_mode: form.vote_mode,
                AgendaItem.candidates: (form.candidates or "").strip(),
                AgendaItem.seats: form.seats if form.kind is AgendaKind.ELECTION else None,
                AgendaItem.notes: (form.notes or "").strip(),
            }
        ).where(AgendaItem.id == item.id)
        await audit.record(
            context.actor,
            "conference.item_updated",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )


async def move_item(
    context: EnterpriseContext, conference_id: int, item_id: int, step: int
) -> None:
    """Swap the item with its neighbour above (-1) or below (+1)."""
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    item = await _item(conference_id, item_id)
    other = (
        await AgendaItem.objects()
        .where(
            (AgendaItem.conference == conference_id)
            & (AgendaItem.position == item.position + (1 if step > 0 else -1))
        )
        .first()
    )
    if other is None:
        return
    async with write_transaction():
        await AgendaItem.update({AgendaItem.position: other.position}).where(
            AgendaItem.id == item.id
        )
        await AgendaItem.update({AgendaItem.position: item.position}).where(
            AgendaItem.id == other.id
        )


async def delete_item(context: EnterpriseContext, conference_id: int, item_id: int) -> None:
    _require(context)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    item = await _item(conference_id, item_id)
    if item.ballot is not None:
        raise Conflict(_("The vote on this item is prepared; the item stays on the agenda."))
    async with write_transaction():
        await AgendaItem.delete().where(AgendaItem.id == item.id)
        await AgendaItem.update({AgendaItem.position: AgendaItem.position - 1}).where(
            (AgendaItem.conference == conference_id) & (AgendaItem.position > item.position)
        )
        await audit.record(
            context.actor,
            "conference.item_removed",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )


# Check-in and the live quorum -----------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    present: int
    expected: int
    quorum: Rule
    quorum_reached: bool
    needed: int


@dataclass
class _Cached:
    present: int
    expected: int
    read_at: float


# Per process, keyed by conference: the projector's figures. A request within MAX_AGE seconds
# of the last count is answered from memory, so two hundred hall screens cost one count a
# second; this process's own check-ins move the figure at once, and another process's show
# at the next count.
_ATTENDANCE: dict[int, _Cached] = {}
MAX_AGE = 1.0
_COUNT = (
    "SELECT count(checked_in_at) AS present, count(*) AS expected "
    "FROM conference_delegate WHERE conference = {}"
)


async def _count(conference_id: int) -> tuple[int, int]:
    """(present, expected), counted now."""
    row = (await Delegate.raw(_COUNT, conference_id))[0]
    return row["present"], row["expected"]


async def attendance(conference: Conference) -> Attendance:
    cached = _ATTENDANCE.get(conference.id)
    now = time.monotonic()
    if cached is None or now - cached.read_at > MAX_AGE:
        cached = _Cached(*await _count(conference.id), now)
        _ATTENDANCE[conference.id] = cached
    quorum = quorum_rule_of(conference)
    return Attendance(
        cached.present,
        cached.expected,
        quorum,
        rules.quorum_met(quorum, cached.present, cached.expected),
        quorum.smallest_count(cached.expected),
    )


# A hall screen's conference, by the enterprise's public token and the conference's id, kept a
# few seconds: two hundred screens polling every few seconds then cost one query per interval,
# and a renewed public token or a changed conference shows within that time.
SCREEN_CACHE_SECONDS = 5.0
_SCREENS: dict[tuple[str, int], tuple[float, Conference]] = {}


async def screen_conference(token: str, conference_id: int) -> Conference:
    """The conference a public hall screen shows; NotFound unless the token is its
    enterprise's."""
    key, now = (token, conference_id), time.monotonic()
    cached = _SCREENS.get(key)
    if cached is not None and now - cached[0] < SCREEN_CACHE_SECONDS:
        return cached[1]
    conference = (
        await Conference.objects()
        .where((Conference.id == conference_id) & (Conference.enterprise.public_token == token))
        .first()
    )
    if conference is None:
        _SCREENS.pop(key, None)
        raise NotFound
    _SCREENS[key] = (now, conference)
    return conference


def _forget_screens(conference_id: int) -> None:
    """The conference's plan changed or it is gone: this process's screens read it again."""
    for key in [key for key in _SCREENS if key[1] == conference_id]:
        _SCREENS.pop(key, None)


def _note_check_in(conference_id: int, change: int) -> None:
    """This process's own check-in moves its cached figure without a query. A count read
    between our commit and this call is off by one until the next count, a second later."""
    cached = _ATTENDANCE.get(conference_id)
    if cached is not None:
        cached.present += change


def _list_changed(conference_id: int) -> None:
    """Who is convened changed (call after the commit): this process counts again at once,
    the others at their next count."""
    _ATTENDANCE.pop(conference_id, None)


@dataclass(frozen=True)
class CheckIn:
    delegate_id: int
    full_name: str
    unit_name: str | None
    already: bool
    at: dt.datetime
    conference: Conference


# The hot path at the door, in standard SQL both engines speak: one read, and for a delegate
# not yet present one conditional UPDATE (of two doors scanning the same code, one wins).
_CHECK_IN = (
    "UPDATE conference_delegate SET checked_in_at = {}, checked_in_by = {} "
    "WHERE id = {} AND checked_in_at IS NULL RETURNING id"
)
_DELEGATE = (
    "SELECT d.id, d.checked_in_at, w.full_name, u.name AS unit_name "
    "FROM conference_delegate d JOIN worker w ON w.id = d.worker "
    "LEFT JOIN org_unit u ON u.id = d.org_unit WHERE d.conference = {} AND "
)


async def check_in(
    context: EnterpriseContext,
    conference_id: int,
    code: str | None = None,
    delegate_id: int | None = None,
) -> CheckIn:
    """Check a delegate in by their code (QR or typed) or by their id (found by name). Someone
    not on the list is refused; checking in twice is harmless and says when it happened."""
    _require(context, CHECK_IN)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    if code is not None and normalise_checkin_code(code):
        which, value = "checkin_code = {}", normalise_checkin_code(code)
    elif code is None and delegate_id is not None:
        which, value = "id = {}", delegate_id
    else:
        raise Invalid({"code": _("Type the code printed on the invitation.")})
    rows = await Delegate.raw(_DELEGATE + "d." + which, conference_id, value)
    if not rows:
        raise Invalid({"code": _("Not on the delegate list of this conference: no check-in.")})
    row = rows[0]
    at, checked_in = row["checked_in_at"], False
    if at is None:
        at = dt.datetime.now(dt.UTC)
        checked_in = bool(await Delegate.raw(_CHECK_IN, at, context.actor.id, row["id"]))
        if checked_in:
            _note_check_in(conference_id, 1)
        else:  # another door was quicker: say when it checked them in
            at = (await Delegate.raw(_DELEGATE + "d.id = {}", conference_id, row["id"]))[0][
                "checked_in_at"
            ]
    if isinstance(at, str):  # SQLite hands a raw query's timestamp back as text
        at = dt.datetime.fromisoformat(at)
    return CheckIn(row["id"], row["full_name"], row["unit_name"], not checked_in, at, conference)


async def undo_check_in(context: EnterpriseContext, conference_id: int, delegate_id: int) -> None:
    _require(context, CHECK_IN)
    conference = await get_conference(context, conference_id)
    _require_not_closed(conference)
    delegate = await _delegate(conference_id, delegate_id)
    was_present = delegate.checked_in_at is not None
    async with write_transaction():
        await Delegate.update({Delegate.checked_in_at: None, Delegate.checked_in_by: None}).where(
            Delegate.id == delegate.id
        )
        await audit.record(
            context.actor,
            "conference.check_in_undone",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
        )
    if was_present:
        _note_check_in(conference_id, -1)


async def open_session(context: EnterpriseContext, conference_id: int) -> None:
    _require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.PLANNED:
        raise Conflict(_("The conference is already in session or closed."))
    if not await Delegate.exists().where(Delegate.conference == conference_id):
        raise Conflict(_("Nobody is convened yet: add the delegates first."))
    async with write_transaction():
        await Conference.update(
            {Conference.status: ConferenceStatus.IN_SESSION, Conference.opened_at: voting.now()}
        ).where(Conference.id == conference_id)
        await audit.record(
            context.actor, "conference.opened", "conference", conference_id, context.enterprise_id
        )


# Votes ----------------------------------------------------------------------------------------


def _minimums(conference: Conference) -> tuple[Rule, Rule]:
    return rules.minimums(conference.soe_rules)


async def prepare_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> int:
    """The item's ballot in the voting engine: the convened delegates are the electorate, the
    conference's quorum and passing rule apply, the law's rules are the floor."""
    _require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.IN_SESSION:
        raise Conflict(_("Votes are taken while the conference is in session."))
    item = await _item(conference_id, item_id)
    if item.kind == AgendaKind.INFO:
        raise Conflict(_("Nothing is decided on this item."))
    if item.ballot is not None:
        return item.ballot
    candidates = [c.strip() for c in item.candidates.splitlines() if c.strip()]
    if item.kind == AgendaKind.ELECTION and not candidates:
        raise Conflict(_("List the candidates of the election first."))
    if item.key == "inspection_board" and not rules.inspection_board_size_valid(item.seats or 0):
        raise Conflict(
            _(
                "The People's Inspection Board has 3 to 9 members (Law 10/2022/QH15, "
                "Art. 77; Decree 59/2023/NĐ-CP, Art. 25)."
            )
        )
    quorum, passing = quorum_rule_of(conference), pass_rule_of(conference)
    quorum_minimum, pass_minimum = _minimums(conference)
    show_of_hands = item.vote_mode == VoteMode.SHOW_OF_HANDS
    worker_ids = [
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            Delegate.conference == conference_id
        )
    ]
    # Each step is the voting engine's own transaction; the item names its ballot last, so a
    # failed step leaves only an unused draft ballot and the next attempt starts afresh.
    ballot_id = await voting.create_ballot(
        context,
        BallotForm(
            title=f"{label(conference)}: {item.title}"[:300],
            secrecy=Secrecy.SECRET if item.vote_mode == VoteMode.SECRET else Secrecy.NAMED,
            channels=Channels.PAPER if show_of_hands else Channels.BOTH,
            electorate_kind=ElectorateKind.NAMED_LIST,
            quorum_comparator=quorum.comparator,
            quorum_numerator=quorum.numerator,
            quorum_denominator=quorum.denominator,
        ),
        purpose="conference",
        quorum_minimum=quorum_minimum,
    )
    await voting.add_question(
        context,
        ballot_id,
        QuestionForm(
            kind=QuestionKind.ELECTION if item.kind == AgendaKind.ELECTION else QuestionKind.MOTION,
            text=item.title,
            options="\n".join(candidates) or None,
            seats=item.seats or 1,
            rule_base=passing.base,
            rule_comparator=passing.comparator,
            rule_numerator=passing.numerator,
            rule_denominator=passing.denominator,
        ),
        rule_minimum=pass_minimum,
    )
    await voting.set_named_list(context, ballot_id, worker_ids)
    await AgendaItem.update({AgendaItem.ballot: ballot_id}).where(AgendaItem.id == item.id)
    return ballot_id


async def open_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> int:
    """Open the item's vote; refused while the quorum is missing."""
    _require(context)
    ballot_id = await prepare_vote(context, conference_id, item_id)
    conference = await get_conference(context, conference_id)
    present, expected = await _count(conference_id)
    quorum = quorum_rule_of(conference)
    if not rules.quorum_met(quorum, present, expected):
        raise Conflict(
            _(
                "The quorum is not reached: {present} present of {expected}; {rule} needs "
                "{needed} ({source}). The vote cannot open."
            ).format(
                present=present,
                expected=expected,
                rule=describe(quorum),
                needed=quorum.smallest_count(expected),
                source=_(quorum.source),
            )
        )
    await voting.open_ballot(context, ballot_id, present=present, present_required=True)
    return ballot_id


async def record_hands(
    context: EnterpriseContext,
    conference_id: int,
    item_id: int,
    form: HandsForm,
    counts: dict[int, int],
) -> None:
    """Show-of-hands totals (per option id) counted by two tellers; the vote then closes."""
    _require(context)
    await get_conference(context, conference_id)
    item = await _item(conference_id, item_id)
    if item.ballot is None or item.vote_mode != VoteMode.SHOW_OF_HANDS:
        raise Conflict(_("Open the show-of-hands vote first."))
    ballot = await voting.get_ballot(context, item.ballot)
    questions = await voting.questions_with_options(ballot.id)
    question = questions[0]["id"]
    await voting.add_tally_sheet(
        context,
        ballot.id,
        TallySheetForm(
            kind=TallyKind.SHOW_OF_HANDS,
            ballots=ballot.present or 0,
            teller_one=form.teller_one,
            teller_two=form.teller_two,
        ),
        {(question, option, False): n for option, n in counts.items()},
    )
    await voting.close_ballot(context, ballot.id)


async def close_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> None:
    _require(context)
    await get_conference(context, conference_id)
    item = await _item(conference_id, item_id)
    if item.ballot is None:
        raise Conflict(_("Open the vote first."))
    await voting.close_ballot(context, item.ballot)


# Close, publish, follow up --------------------------------------------------------------------


async def resolution_adopted(conference_id: int) -> bool:
    """Adopted when the agenda's adoption of the resolution (the item the plan put there, key
    "resolution") was voted and passed. Decisions added later are appended after it and are
    not the resolution; only an agenda without that item falls back to its last decision."""
    items = (
        await AgendaItem.select(AgendaItem.key, AgendaItem.ballot.result.as_alias("result"))
        .where(
            (AgendaItem.conference == conference_id) & (AgendaItem.kind == AgendaKind.RESOLUTION)
        )
        .order_by(AgendaItem.position, ascending=False)
    )
    item = next((i for i in items if i["key"] == "resolution"), items[0] if items else None)
    if not item or not item["result"]:
        return False
    return bool(tally.unseal(item["result"]).questions[0].passed)


async def close_conference(context: EnterpriseContext, conference_id: int, summary: str) -> None:
    """Close the session: every vote must be closed; the minutes and resolution are issued."""
    _require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.IN_SESSION:
        raise Conflict(_("Only a conference in session can be closed."))
    if len(summary) > 20_000:
        raise Invalid({"resolution_summary": _("At most {n} characters.").format(n=20_000)})
    open_votes = await AgendaItem.exists().where(
        (AgendaItem.conference == conference_id)
        & AgendaItem.ballot.is_not_null()
        & (AgendaItem.ballot.status != BallotStatus.CLOSED)
    )
    if open_votes:
        raise Conflict(_("Close every vote of the conference first."))
    async with write_transaction():
        await Conference.update(
            {
                Conference.status: ConferenceStatus.CLOSED,
                Conference.closed_at: voting.now(),
                Conference.resolution_summary: summary.strip(),
            }
        ).where(Conference.id == conference_id)
        minutes = await conference_documents.issue_minutes(context, conference_id)
        await Conference.update({Conference.minutes: minutes.id}).where(
            Conference.id == conference_id
        )
        await audit.record(
            context.actor,
            "conference.closed",
            "conference",
            conference_id,
            context.enterprise_id,
            adopted=await resolution_adopted(conference_id),
        )


async def publish(context: EnterpriseContext, conference_id: int) -> None:
    """Put the adopted resolution on the enterprise's public page, dated today; for an SOE,
    schedule the six-monthly reviews until the next annual conference."""
    _require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.CLOSED:
        raise Conflict(_("Close the conference before publishing its resolution."))
    if not await resolution_adopted(conference_id):
        raise Conflict(_("The resolution was not adopted; there is nothing to publish."))
    on = today()
    view = await _rules_of(context.enterprise)
    async with write_transaction():
        await Conference.update(
            {Conference.status: ConferenceStatus.PUBLISHED, Conference.published_on: on}
        ).where(Conference.id == conference_id)
        resolution = await conference_documents.issue_resolution(context, conference_id)
        await Conference.update({Conference.resolution: resolution.id}).where(
            Conference.id == conference_id
        )
        await TimelineStep.update(
            {TimelineStep.status: StepStatus.DONE, TimelineStep.done_on: on}
        ).where((TimelineStep.conference == conference_id) & (TimelineStep.key == "publish"))
        if conference.soe_rules:
            until = rules.add_months(conference.held_on, 12)
            await ResolutionReview.insert(
                *(
                    ResolutionReview(conference=conference_id, due_on=day)
                    for day in rules.review_dates(conference.held_on, view.review_months, until)
                )
            )
        await audit.record(
            context.actor,
            "conference.published",
            "conference",
            conference_id,
            context.enterprise_id,
            published_on=on.isoformat(),
        )


async def add_commitment(
    context: EnterpriseContext, conference_id: int, form: CommitmentForm
) -> int:
    """A commitment of the resolution becomes a follow-up action."""
    _require(context)
    conference = await get_conference(context, conference_id)
    if conference.status not in (ConferenceStatus.CLOSED, ConferenceStatus.PUBLISHED):
        raise Conflict(_("Commitments are recorded once the conference is closed."))
    return await followups.create(
        context,
        SOURCE_KIND,
        conference_id,
        label(conference),
        form.title,
        form.owner,
        form.due_on,
    )


async def commitments(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    return await followups.list_for(context, SOURCE_KIND, conference_id)


async def reviews(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    return (
        await ResolutionReview.select()
        .where(ResolutionReview.conference == conference_id)
        .order_by(ResolutionReview.due_on)
    )


async def review(
    context: EnterpriseContext, conference_id: int, review_id: int
) -> ResolutionReview:
    """One review of this conference (NotFound for another conference's)."""
    await get_conference(context, conference_id)
    found = (
        await ResolutionReview.objects()
        .where((ResolutionReview.id == review_id) & (ResolutionReview.conference == conference_id))
        .first()
    )
    if found is None:
        raise NotFound
    return found


async def record_review(
    context: EnterpriseContext, conference_id: int, review_id: int, form: ReviewForm
) -> int:
    """Record a review once: its date, its report and when the workers were informed; the
    report to the workers (Báo cáo sơ kết) is issued in the same transaction. Returns the
    document's id."""
    _require(context)
    conference = await get_conference(context, conference_id)
    row = await review(context, conference_id, review_id)
    if row.held_on is not None:
        raise Conflict(_("This review is already recorded."))
    errors = {}
    if not form.report.strip() or len(form.report) > 20_000:
        errors["report"] = _("Write the review's report (at most 20,000 characters).")
    if form.held_on > today():
        errors["held_on"] = _("The review cannot be dated in the future.")
    elif form.held_on < conference.held_on:
        errors["held_on"] = _("The review comes after the conference ({date}).").format(
            date=format_date(conference.held_on)
        )
    informed = form.informed_workers_on
    if informed is not None and not form.held_on <= informed <= today():
        errors["informed_workers_on"] = _(
            "The workers are informed on or after the review, and not in the future."
        )
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        # Only a review not yet recorded: of two people recording it at once, one wins.
        claimed = (
            await ResolutionReview.update(
                {
                    ResolutionReview.held_on: form.held_on,
                    ResolutionReview.report: form.report.strip(),
                    ResolutionReview.informed_workers_on: informed,
                }
            )
            .where((ResolutionReview.id == row.id) & ResolutionReview.held_on.is_null())
            .returning(ResolutionReview.id)
        )
        if not claimed:
            raise Conflict(_("This review is already recorded."))
        document = await conference_documents.issue_review_report(context, conference_id, row.id)
        await ResolutionReview.update({ResolutionReview.document: document.id}).where(
            ResolutionReview.id == row.id
        )
        await audit.record(
            context.actor,
            "conference.reviewed",
            "conference",
            conference_id,
            context.enterprise_id,
            review=row.id,
            document=document.id,
        )
    return document.id


async def ballot_of(context: EnterpriseContext, conference_id: int, item_id: int) -> Ballot:
    await get_conference(context, conference_id)
    item = await _item(conference_id, item_id)
    if item.ballot is None:
        raise NotFound
    return await voting.get_ballot(context, item.ballot)
