"""Planning a conference (Kế hoạch tổ chức hội nghị): the plan validated against the rules,
its timeline and default agenda, correcting or deleting a plan before the conference opens, and
the list of conferences. The timeline's steps as they are done: timeline.py."""

from __future__ import annotations

import datetime as dt

from labour_democracy.conferences import labels, rules
from labour_democracy.conferences.checkin import forget_screens, list_changed
from labour_democracy.conferences.permissions import (
    VIEW_CONFERENCES,
)
from labour_democracy.conferences.queries import (
    SOURCE_KIND,
    get_conference,
    new_checkin_code,
    require,
)
from labour_democracy.conferences.rules_settings import RulesView, rules_of
from labour_democracy.conferences.schemas import (
    PlanEditForm,
    PlanForm,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceForm,
    ConferenceKind,
    ConferenceStatus,
    Delegate,
    DelegateKind,
    Requester,
    StepStatus,
    TimelineStep,
    UnitSeat,
    VoteMode,
)
from labour_democracy.core import audit, working_calendar
from labour_democracy.core.calendar import WorkingWeek, add_working_days
from labour_democracy.core.enterprises import active_workers, workforce
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.schemas import Page, clamp_page
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.db import write_transaction
from labour_democracy.followups import services as followups
from labour_democracy.i18n import format_date, today
from labour_democracy.i18n import gettext as _
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import Topic

_TEXT_LIMITS = {"venue": 300, "employer_chair": 255, "union_chair": 255, "secretary": 255}


def _parse_time(text: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        return None


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
            # Decree 145/2020, Art. 47(1): the union takes part "if any"; without one the
            # workers' side co-chairs only if it has chosen someone.
            if field != "union_chair" or context.enterprise.representation != "none":
                errors[field] = _("This field is required.")
        elif len(value) > limit:
            errors[field] = _("At most {n} characters.").format(n=limit)
    starts_at = _parse_time(form.starts_at)
    if starts_at is None:
        errors["starts_at"] = _("Enter the time as hh:mm, e.g. 08:00.")
    if form.held_on.year != form.year:
        errors["held_on"] = _("The conference of {year} is held in {year}.").format(year=form.year)
    if editing is None and not rules.form_allowed(
        view.soe, view.form, form.form, workers, form.delegate_reason
    ):
        if rules.delegate_reason_needed(view.soe, form.form, workers):
            errors["delegate_reason"] = _(
                "With fewer than 100 workers ({n}), a state-owned enterprise holds a "
                "whole-workforce conference, unless its workers are dispersed or cannot leave "
                "their posts: say which (Law 10/2022/QH15, Art. 69(2)(a)-(b))."
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
        elif form.requested_by is Requester.WORKERS:
            # An SOE: the law's third; another enterprise: its regulation's share, if any.
            rule = rules.extraordinary_rule(view.soe, view.extraordinary)
            if not rules.extraordinary_request_valid(form.requesters or 0, workers, rule):
                if rule is None:
                    errors["requesters"] = _("Enter how many workers signed the request.")
                else:
                    errors["requesters"] = _(
                        "Workers can ask for an extraordinary conference with the signatures "
                        "of {rule}: {needed} of {workers} ({source})."
                    ).format(
                        rule=labels.describe_request(rule),
                        needed=rule.smallest_count(workers),
                        workers=workers,
                        source=_(rule.source),
                    )
    if errors:
        raise Invalid(errors)
    assert starts_at is not None
    return starts_at


async def plan_conference(context: EnterpriseContext, form: PlanForm) -> int:
    """Plan a conference: validated against the rules, with its timeline and agenda; at a
    whole-workforce conference every active worker is convened."""
    require(context)
    view = await rules_of(context.enterprise)
    workers = (await workforce(context.enterprise_id)).count
    starts_at = await _validate_plan(context, form, view, workers)
    week = await working_calendar.week_for(context.enterprise)
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
            delegate_reason=form.delegate_reason
            if form.form is ConferenceForm.DELEGATES and form.delegate_reason
            else None,
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
                    # Stored by key, translated when shown (labels.step_title).
                    title="",
                    owner="",
                    due_on=_due_on(form.held_on, step, week),
                )
                for i, step in enumerate(rules.timeline_steps(form.form, view.soe))
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
                    title="",  # the catalogue's, by key (labels.item_title)
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


def _due_on(held_on: dt.date, step: rules.StepTemplate, week: WorkingWeek) -> dt.date:
    """A timeline step's due date: its lead time in working days from the conference date."""
    return add_working_days(held_on, step.working_days, week)


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
    require(context)
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
    view = await rules_of(context.enterprise)
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
                step.key: step
                for step in rules.timeline_steps(
                    ConferenceForm(conference.form), conference.soe_rules
                )
            }
            week = await working_calendar.week_for(context.enterprise)
            for step in await TimelineStep.select(
                TimelineStep.id, TimelineStep.key, TimelineStep.due_on
            ).where(
                (TimelineStep.conference == conference.id)
                & (TimelineStep.status == StepStatus.TODO)
            ):
                template = templates.get(step["key"])
                if template is None:
                    continue
                due_on = _due_on(form.held_on, template, week)
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
    forget_screens(conference.id)  # a hall screen's title may name the date
    return changed


async def delete_conference(context: EnterpriseContext, conference_id: int) -> None:
    """Delete a conference planned by mistake: only while it is planned, nobody has checked in
    and no vote of it is prepared. Its timeline, seats, delegates and agenda go with it (the
    foreign keys cascade); workers' suggestions assigned to it wait for a conference again;
    documents already issued (plan, invitations) stay in the enterprise's register."""
    require(context)
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
    list_changed(conference.id)
    forget_screens(conference.id)


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


def _listed() -> tuple:
    return (
        Conference.id,
        Conference.year,
        Conference.kind,
        Conference.held_on,
        Conference.venue,
        Conference.form,
        Conference.status,
        Conference.published_on,
    )


async def list_conferences(context: EnterpriseContext) -> list[dict]:
    require(context, VIEW_CONFERENCES)
    return (
        await Conference.select(*_listed())
        .where(Conference.enterprise == context.enterprise_id)
        .order_by(Conference.held_on, ascending=False)
    )


PER_PAGE = 20


async def conference_page(context: EnterpriseContext, year: int | None, page: int = 1) -> Page:
    """One page of the conferences (of `year`, when given), latest first; a page past the
    last shows the last (the API's `page` may be any number)."""
    require(context, VIEW_CONFERENCES)
    clause = Conference.enterprise == context.enterprise_id
    if year is not None:
        clause &= Conference.year == year
    total = await Conference.count().where(clause)
    page = clamp_page(page, total, PER_PAGE)
    rows = (
        await Conference.select(*_listed())
        .where(clause)
        .order_by(Conference.held_on, ascending=False)
        .order_by(Conference.id, ascending=False)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)
