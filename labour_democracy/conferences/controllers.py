"""Pages of the worker conference: rules, plan, overview with timeline, delegates and seats,
agenda and votes, check-in at the door, the projector, closing and publication.

Records inside a conference (steps, items, seats, delegates, reviews) are named by a form
field, not the path: the path names only the conference, which the guard checks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.conferences import agenda as agenda_stage
from labour_democracy.conferences import (
    checkin,
    closing,
    document_controllers,
    labels,
    permissions,
    planning,
    queries,
    review,
    rules,
    rules_settings,
    session,
    timeline,
)
from labour_democracy.conferences import delegates as delegates_stage
from labour_democracy.conferences.labels import describe, describe_request
from labour_democracy.conferences.permissions import (
    MANAGE_CONFERENCES,
    VIEW_CONFERENCES,
)
from labour_democracy.conferences.schemas import (
    AgendaItemForm,
    CloseForm,
    CommitmentForm,
    DelegateForm,
    HandsForm,
    PlanEditForm,
    PlanForm,
    ReviewForm,
    RulesForm,
    SeatsForm,
    StepForm,
    UnitResultForm,
)
from labour_democracy.conferences.tables import (
    AgendaKind,
    BoardSizeException,
    Conference,
    ConferenceForm,
    ConferenceKind,
    DelegateReason,
    Requester,
    VoteMode,
)
from labour_democracy.core import worker_search
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.labels import choices
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.documents import pdf
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions.congress import union_chair
from labour_democracy.voting import permissions as voting_permissions
from labour_democracy.voting import services as voting
from labour_democracy.voting.rules import PASS_CHOICES, QUORUM_CHOICES, Comparator
from labour_democracy.voting.tables import ElectionMethod
from labour_democracy.web import forms
from labour_democracy.web.forms import parse, read_form
from labour_democracy.web.params import Context, FromQuery, Id
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

MANAGE = {"permission": MANAGE_CONFERENCES}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/conferences"


def page_path(context: EnterpriseContext, conference_id: int, part: str = "") -> str:
    return f"{_base(context)}/{conference_id}{part}"


def form_int(data: dict[str, Any], name: str) -> int:
    try:
        return forms.convert(data.get(name, ""), int)
    except forms.FieldError as error:
        raise Invalid({name: str(error)}) from None


async def button(
    request: Request, action: Callable[[dict[str, Any]], Awaitable], back: str, done: str
) -> Response:
    """Run a button's use case with the form it sent: success or the reason it was refused,
    then back to `back`.

    Not a form round trip: these buttons (open, publish, a step done, a delegate removed, the
    seats saved from their preview, a unit's elected ticked from its list) carry no typed input
    to give back, so the reason is flashed on the page they came from."""
    data = await read_form(request)
    try:
        await action(data)
    except (Invalid, Conflict) as error:
        message = "; ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
        flash(request, message, "error")
        return redirect(request, back)
    flash(request, done)
    return redirect(request, back)


async def _on_item(
    request: Request,
    context: Context,
    conference_id: int,
    use_case: Callable[[int, dict[str, Any]], Awaitable],
    done: str,
) -> Response:
    """An agenda button: the use case on the item the form names, then back to the agenda."""
    return await button(
        request,
        lambda data: use_case(form_int(data, "item_id"), data),
        page_path(context, conference_id, "/agenda"),
        done,
    )


def _rules_values(view: rules_settings.RulesView) -> dict[str, Any]:
    return {
        "opt_in_soe_rules": view.opt_in_soe_rules,
        "form": view.form.value,
        "quorum_comparator": view.quorum.comparator.value,
        "quorum_numerator": view.quorum.numerator,
        "quorum_denominator": view.quorum.denominator,
        "pass_base": view.passing.base.value,
        "pass_comparator": view.passing.comparator.value,
        "pass_numerator": view.passing.numerator,
        "pass_denominator": view.passing.denominator,
        "months_after_year_end": view.months_after_year_end,
        "review_months": view.review_months,
        "regulation_reference": view.regulation_reference,
        "extraordinary_numerator": view.extraordinary.numerator if view.extraordinary else None,
        "extraordinary_denominator": view.extraordinary.denominator if view.extraordinary else None,
        "board_size_exception": view.board_size_exception,
    }


class ConferenceController(Controller):
    path = "/enterprises/{enterprise_id:int}/conferences"

    @get("/", opt={"permission": VIEW_CONFERENCES})
    async def index(self, request: Request, context: Context) -> Template:
        return render(
            request,
            "conferences/index.html",
            ectx=context,
            conferences=await planning.list_conferences(context),
            rules=await rules_settings.rules_for(context),
            describe=describe,
            can_manage=context.can(MANAGE_CONFERENCES),
        )

    # Rules ------------------------------------------------------------------------------------

    @get("/rules", opt={"permission": VIEW_CONFERENCES})
    async def rules_page(self, request: Request, context: Context) -> Template:
        view = await rules_settings.rules_for(context)
        return _rules_form(request, context, view, _rules_values(view), {})

    @post("/rules", opt=MANAGE)
    async def save_rules(self, request: Request, context: Context) -> Response:
        async def refused(values: dict[str, Any], errors: dict[str, str]) -> Template:
            return _rules_form(
                request, context, await rules_settings.rules_for(context), values, errors
            )

        return await submit(
            request,
            RulesForm,
            lambda form: rules_settings.save_rules(context, form),
            data=rules_settings.expand_rule_choices(await read_form(request)),
            form=refused,
            done=f"{_base(context)}/rules",
            success=_("The conference rules were saved."),
        )

    # Plan -------------------------------------------------------------------------------------

    @get("/new", opt=MANAGE)
    async def new(self, request: Request, context: Context) -> Template:
        view = await rules_settings.rules_for(context)
        year = today().year
        values = {
            "year": year,
            "kind": ConferenceKind.ANNUAL.value,
            "starts_at": "08:00",
            "form": (
                ConferenceForm.WHOLE if view.form is ConferenceForm.EITHER else view.form
            ).value,
            "employer_chair": context.enterprise.legal_representative,
            # The recognised union's chair co-chairs (Decree 145/2020, Art. 47(1)).
            "union_chair": await union_chair(context.enterprise_id),
        }
        return _plan_form(request, context, view, values, {})

    @post("/new", opt=MANAGE)
    async def create(self, request: Request, context: Context) -> Response:
        async def refused(values: dict[str, Any], errors: dict[str, str]) -> Template:
            return _plan_form(
                request, context, await rules_settings.rules_for(context), values, errors
            )

        return await submit(
            request,
            PlanForm,
            lambda form: planning.plan_conference(context, form),
            form=refused,
            done=lambda conference_id: redirect(request, page_path(context, conference_id)),
            success=_("The conference is planned; its timeline and agenda are ready."),
        )

    @get("/{conference_id:int}/edit", opt=MANAGE)
    async def edit(self, request: Request, context: Context, conference_id: Id) -> Response:
        try:
            conference = await planning.plan_to_correct(context, conference_id)
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, page_path(context, conference_id))
        view = await rules_settings.rules_for(context)
        return _plan_form(request, context, view, _plan_values(conference), {}, conference)

    @post("/{conference_id:int}/edit", opt=MANAGE)
    async def save_edit(self, request: Request, context: Context, conference_id: Id) -> Response:
        async def refused(values: dict[str, Any], errors: dict[str, str]) -> Template:
            conference = await queries.get_conference(context, conference_id)
            view = await rules_settings.rules_for(context)
            return _plan_form(request, context, view, values, errors, conference)

        def saved(changed: set[str]) -> Response:
            if not changed:
                flash(request, _("Nothing was changed in the plan."))
            elif "held_on" in changed:
                flash(
                    request, _("The plan was changed; the steps not yet done follow the new date.")
                )
            else:
                flash(request, _("The plan was changed."))
            return redirect(request, page_path(context, conference_id))

        return await submit(
            request,
            PlanEditForm,
            lambda form: planning.edit_plan(context, conference_id, form),
            form=refused,
            done=saved,
            conflict=page_path(context, conference_id),
        )

    @post("/{conference_id:int}/delete", opt=MANAGE)
    async def delete(self, request: Request, context: Context, conference_id: Id) -> Response:
        try:
            await planning.delete_conference(context, conference_id)
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, page_path(context, conference_id))
        flash(request, _("The conference was deleted."))
        return redirect(request, _base(context))

    # Overview ---------------------------------------------------------------------------------

    @get("/{conference_id:int}", opt={"permission": VIEW_CONFERENCES})
    async def detail(self, request: Request, context: Context, conference_id: Id) -> Template:
        return await _overview(request, context, conference_id, None, {}, {})

    @post("/{conference_id:int}/steps", opt=MANAGE)
    async def update_step(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await button(
            request,
            lambda data: timeline.update_step(
                context, conference_id, form_int(data, "step_id"), parse(StepForm, data)
            ),
            page_path(context, conference_id),
            _("The step was updated."),
        )

    @post("/{conference_id:int}/open", opt=MANAGE)
    async def open_session(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await button(
            request,
            lambda data: session.open_session(
                context, conference_id, str(data.get("reason") or "")
            ),
            page_path(context, conference_id),
            _("The conference is in session."),
        )

    @post("/{conference_id:int}/close", opt=MANAGE)
    async def close(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _overview_form(
            request,
            context,
            conference_id,
            "close",
            CloseForm,
            lambda form: closing.close_conference(
                context, conference_id, form.resolution_summary or "", form.reason or ""
            ),
            _("The conference is closed; its minutes were issued."),
        )

    @post("/{conference_id:int}/publish", opt=MANAGE)
    async def publish(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await button(
            request,
            lambda _data: closing.publish(context, conference_id),
            page_path(context, conference_id),
            _("The resolution was issued and published on the enterprise's public page."),
        )

    @post("/{conference_id:int}/commitments", opt=MANAGE)
    async def add_commitment(
        self, request: Request, context: Context, conference_id: Id
    ) -> Response:
        return await _overview_form(
            request,
            context,
            conference_id,
            "commitment",
            CommitmentForm,
            lambda form: closing.add_commitment(context, conference_id, form),
            _("The commitment is now a follow-up action."),
        )

    @post("/{conference_id:int}/reviews", opt=MANAGE)
    async def record_review(
        self, request: Request, context: Context, conference_id: Id
    ) -> Response:
        async def record(data: dict[str, Any]) -> None:
            review_id = form_int(data, "review_id")
            form = parse(ReviewForm, data)
            await review.record_review(context, conference_id, review_id, form)

        return await _overview_form(
            request,
            context,
            conference_id,
            "review",
            None,  # the review's id beside its fields
            record,
            _("The review was recorded and its report to the workers issued."),
        )

    # Delegates and seats ----------------------------------------------------------------------

    @get("/{conference_id:int}/delegates", opt=MANAGE)
    async def delegates(
        self,
        request: Request,
        context: Context,
        conference_id: Id,
        seats: FromQuery[int | None] = None,
        q: FromQuery[str | None] = None,
        worker_q: FromQuery[str | None] = None,
    ) -> Template:
        return await _delegates_page(
            request, context, conference_id, {"worker_q": worker_q or ""}, {}, seats, q
        )

    @get("/{conference_id:int}/workers", opt=MANAGE)
    async def find_worker(
        self,
        request: Request,
        context: Context,
        conference_id: Id,
        worker_q: FromQuery[str | None] = None,
    ) -> Response:
        """The delegate form's worker search: answers for htmx, else the page with them."""
        if not is_htmx(request):
            query = urlencode({"worker_q": worker_q or ""})
            return redirect(request, page_path(context, conference_id, f"/delegates?{query}"))
        return render(
            request,
            "_partials/worker_choices.html",
            name="worker",
            found=await worker_search.search(context, worker_q),
            chosen=None,
            optional=False,
            search_term=worker_q,
        )

    @post("/{conference_id:int}/seats", opt=MANAGE)
    async def save_seats(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await button(
            request,
            lambda data: delegates_stage.save_seats(
                context, conference_id, parse(SeatsForm, data).seats
            ),
            page_path(context, conference_id, "/delegates"),
            _("The seats were allocated."),
        )

    @post("/{conference_id:int}/delegates", opt=MANAGE)
    async def add_delegate(self, request: Request, context: Context, conference_id: Id) -> Response:
        back = page_path(context, conference_id, "/delegates")
        return await submit(
            request,
            DelegateForm,
            lambda form: delegates_stage.add_delegate(context, conference_id, form),
            form=lambda values, errors: _delegates_page(
                request, context, conference_id, values, errors
            ),
            done=back,
            success=_("The delegate was added."),
            conflict=back,
        )

    @post("/{conference_id:int}/delegates/remove", opt=MANAGE)
    async def remove_delegate(
        self, request: Request, context: Context, conference_id: Id
    ) -> Response:
        return await button(
            request,
            lambda data: delegates_stage.remove_delegate(
                context, conference_id, form_int(data, "delegate_id")
            ),
            page_path(context, conference_id, "/delegates"),
            _("The delegate was removed."),
        )

    @post("/{conference_id:int}/unit-results", opt=MANAGE)
    async def unit_result(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await button(
            request,
            lambda data: delegates_stage.enter_unit_result(
                context, conference_id, form_int(data, "seat_id"), parse(UnitResultForm, data)
            ),
            page_path(context, conference_id, "/delegates"),
            _("The unit's elected delegates were recorded."),
        )

    # Agenda and votes -------------------------------------------------------------------------

    @get("/{conference_id:int}/agenda", opt={"permission": VIEW_CONFERENCES})
    async def agenda(self, request: Request, context: Context, conference_id: Id) -> Template:
        return await _agenda_page(request, context, conference_id, {}, {})

    @post("/{conference_id:int}/agenda", opt=MANAGE)
    async def save_item(self, request: Request, context: Context, conference_id: Id) -> Response:
        back = page_path(context, conference_id, "/agenda")

        async def save(data: dict[str, Any]) -> None:
            form = parse(AgendaItemForm, data)
            item_id = form_int(data, "item_id") if data.get("item_id") else None
            if item_id is None:
                await agenda_stage.add_item(context, conference_id, form)
            else:
                await agenda_stage.update_item(context, conference_id, item_id, form)

        return await submit(
            request,
            None,  # the item's id beside its fields
            save,
            form=lambda values, errors: _agenda_page(
                request, context, conference_id, values, errors
            ),
            done=back,
            success=_("The agenda was saved."),
            conflict=back,
        )

    @post("/{conference_id:int}/agenda/move", opt=MANAGE)
    async def move_item(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _on_item(
            request,
            context,
            conference_id,
            lambda item_id, data: agenda_stage.move_item(
                context, conference_id, item_id, -1 if data.get("direction") == "up" else 1
            ),
            _("The agenda was saved."),
        )

    @post("/{conference_id:int}/agenda/delete", opt=MANAGE)
    async def delete_item(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _on_item(
            request,
            context,
            conference_id,
            lambda item_id, _data: agenda_stage.delete_item(context, conference_id, item_id),
            _("The item was removed from the agenda."),
        )

    @post("/{conference_id:int}/agenda/open-vote", opt=MANAGE)
    async def open_vote(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _on_item(
            request,
            context,
            conference_id,
            lambda item_id, _data: session.open_vote(context, conference_id, item_id),
            _("The vote is open."),
        )

    @post("/{conference_id:int}/agenda/prepare-vote", opt=MANAGE)
    async def prepare_vote(self, request: Request, context: Context, conference_id: Id) -> Response:
        """A named or secret vote: prepare its ballot, then print the slips in the voting pages."""
        data = await read_form(request)
        back = page_path(context, conference_id, "/agenda")
        try:  # a button: its refusal is flashed on the agenda
            item_id = form_int(data, "item_id")
            ballot_id = await session.prepare_vote(context, conference_id, item_id)
        except (Invalid, Conflict) as error:
            message = "; ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
            flash(request, message, "error")
            return redirect(request, back)
        flash(request, _("The ballot is ready: print the slips, then open the vote here."))
        return redirect(request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}")

    @post("/{conference_id:int}/agenda/hands", opt=MANAGE)
    async def hands(self, request: Request, context: Context, conference_id: Id) -> Response:
        back = page_path(context, conference_id, "/agenda")

        async def record(data: dict[str, Any]) -> None:
            item_id = form_int(data, "item_id")
            form = parse(HandsForm, data)
            counts = {
                int(key[1:]): form_int(data, key)
                for key in data
                if key.startswith("o") and key[1:].isascii() and key[1:].isdigit()
            }
            await session.record_hands(context, conference_id, item_id, form, counts)

        return await submit(
            request,
            None,  # the item and each option's count beside the tellers
            record,
            form=lambda values, errors: _agenda_page(
                request, context, conference_id, values, errors
            ),
            done=back,
            success=_("The show of hands was counted and the vote closed."),
            conflict=back,
        )

    @post("/{conference_id:int}/agenda/close-vote", opt=MANAGE)
    async def close_vote(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _on_item(
            request,
            context,
            conference_id,
            lambda item_id, _data: session.close_vote(context, conference_id, item_id),
            _("The vote is closed and counted."),
        )


async def _delegates_page(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    values: dict[str, Any],
    errors: dict[str, str],
    seats: int | None = None,
    q: str | None = None,
) -> Template:
    """The delegates page; `values` and `errors` are those of a refused delegate form."""
    conference = await queries.get_conference(context, conference_id)
    preview = None
    if seats is not None:
        try:
            preview = await delegates_stage.seats_preview(context, conference_id, seats)
        # A preview asked in the address, not a form: its refusal shows on the seats field.
        except (Invalid, Conflict) as error:
            refused = error.errors if isinstance(error, Invalid) else {"seats": str(error)}
            errors = {**refused, **errors}
    seat_rows = await delegates_stage.seat_table(context, conference_id)
    unit_workers: dict[int, list[dict]] = {}
    if seat_rows:
        for row in (
            await Worker.select(Worker.id, Worker.full_name, Worker.org_unit)
            .where(
                Worker.org_unit.is_in([s["org_unit"] for s in seat_rows])
                & (Worker.enterprise == context.enterprise_id)
            )
            .order_by(Worker.sort_key)
        ):
            unit_workers.setdefault(row["org_unit"], []).append(row)
    return render(
        request,
        "conferences/delegates.html",
        ectx=context,
        conference=conference,
        title=queries.label(conference),
        delegates=await delegates_stage.delegates(context, conference_id, q),
        q=q or "",
        seat_rows=seat_rows,
        unit_workers=unit_workers,
        preview=preview,
        seats=seats,
        errors=errors,
        values=values,
        found=await worker_search.search(context, values.get("worker_q")),
        chosen=await worker_search.chosen(context, values.get("worker")),
    )


async def _overview_form(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    name: str,
    schema: Any,
    action: Callable[[Any], Awaitable],
    done: str,
) -> Response:
    """A form of the overview page (`name` says which): a refusal draws the page again with
    that form's input and errors; a refusal of the conference's state is flashed."""
    back = page_path(context, conference_id)
    return await submit(
        request,
        schema,
        action,
        form=lambda values, errors: _overview(
            request, context, conference_id, name, values, errors
        ),
        done=back,
        success=done,
        conflict=back,
    )


async def _overview(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    form: str | None,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    """The conference's overview; `form` names the refused form, with its values and errors."""
    conference = await queries.get_conference(context, conference_id)
    return render(
        request,
        "conferences/conference.html",
        ectx=context,
        conference=conference,
        title=queries.label(conference),
        steps=await timeline.timeline(context, conference_id),
        attendance=await checkin.attendance(conference),
        agenda=await agenda_stage.agenda(context, conference_id),
        commitments=await closing.commitments(context, conference_id),
        reviews=await review.reviews(context, conference_id),
        adopted=await queries.resolution_adopted(conference_id),
        quorum=queries.quorum_rule_of(conference),
        passing=queries.pass_rule_of(conference),
        describe=describe,
        can_manage=context.can(MANAGE_CONFERENCES),
        today=today(),
        pdf_available=pdf.is_available(),
        form=form,
        values=values,
        errors=errors,
    )


async def _agenda_page(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    """The agenda; `values` and `errors` are those of a refused item form (new or edited)."""
    conference = await queries.get_conference(context, conference_id)
    items = await agenda_stage.agenda(context, conference_id)
    options: dict[int, list[dict]] = {}
    for item in items:
        if item["ballot"] and voting_permissions.open_for_votes(item["ballot_status"]):
            questions = await voting.questions_with_options(item["ballot"])
            options[item["id"]] = questions[0]["options"] if questions else []
    return render(
        request,
        "conferences/agenda.html",
        ectx=context,
        conference=conference,
        title=queries.label(conference),
        items=items,
        options=options,
        attendance=await checkin.attendance(conference),
        can_manage=context.can(MANAGE_CONFERENCES),
        agenda_may_change=permissions.agenda_may_change(conference),
        votes_may_be_held=permissions.votes_may_be_held(conference),
        values=values,
        errors=errors,
        AgendaKind=AgendaKind,
        VoteMode=VoteMode,
        election_methods=choices(ElectionMethod),
    )


def _rules_form(
    request: Request,
    context: EnterpriseContext,
    view: rules_settings.RulesView,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    return render(
        request,
        "conferences/rules.html",
        ectx=context,
        view=view,
        values=values,
        errors=errors,
        describe=describe,
        quorum_choices=QUORUM_CHOICES,
        pass_choices=PASS_CHOICES,
        form_choices=choices(ConferenceForm),
        board_exception_choices=choices(BoardSizeException)[1:],
        extraordinary_law=rules.EXTRAORDINARY_REQUEST,
        describe_request=describe_request,
        union_role=rules.UNION_ROLE_SOURCE,
        comparators=[
            (Comparator.AT_LEAST.value, _("at least")),
            (Comparator.GREATER.value, _("more than")),
        ],
        bases=labels.bases(),
        can_manage=context.can(MANAGE_CONFERENCES),
    )


def _plan_values(conference: Conference) -> dict[str, Any]:
    """The form's values of a planned conference, as the inputs show them."""
    return {
        "year": conference.year,
        "kind": conference.kind,
        "requested_by": conference.requested_by,
        "requesters": conference.requesters,
        "held_on": conference.held_on.isoformat(),
        "starts_at": conference.starts_at.strftime("%H:%M"),
        "venue": conference.venue,
        "form": conference.form,
        "employer_chair": conference.employer_chair,
        "union_chair": conference.union_chair,
        "secretary": conference.secretary,
    }


def _plan_form(
    request: Request,
    context: EnterpriseContext,
    view: rules_settings.RulesView,
    values: dict[str, Any],
    errors: dict[str, str],
    conference: Conference | None = None,
) -> Template:
    """The plan's form: a new conference, or (with `conference`) the correction of its plan,
    where year, kind and form are shown as planned."""
    return render(
        request,
        "conferences/plan_form.html",
        ectx=context,
        view=view,
        values=values,
        errors=errors,
        conference=conference,
        title=queries.label(conference) if conference else None,
        describe=describe,
        form_choices=[c for c in choices(ConferenceForm) if c[0] != ConferenceForm.EITHER],
        kind_choices=choices(ConferenceKind),
        requester_choices=choices(Requester),
        delegate_reason_choices=choices(DelegateReason),
    )


ROUTES = [ConferenceController, *document_controllers.ROUTES]
