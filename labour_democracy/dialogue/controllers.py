"""Pages of workplace dialogue: the overview, the regulation, member lists, dialogues, requests,
the calendar; and the public iCalendar feed (its secret address replaces a session)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import enterprises, worker_search
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Gender
from labour_democracy.dialogue import (  # noqa: F401 (labels register)
    agenda,
    calendar_feed,
    deadlines,
    group_election,
    labels,
    meeting,
    member_lists,
    overview,
    permissions,
    planning,
    publication,
    queries,
    regulation,
    requests,
)
from labour_democracy.dialogue.document_controllers import ROUTES as DOCUMENT_ROUTES
from labour_democracy.dialogue.permissions import (
    EDIT_REGULATION,
    MANAGE_DIALOGUE,
    MANAGE_MEMBERS,
    PUBLISH_DIALOGUE,
    REQUEST_DIALOGUE,
    VIEW_DIALOGUE,
)
from labour_democracy.dialogue.schemas import (
    AgendaItemForm,
    AttendanceForm,
    ContentsForm,
    DialogueForm,
    EventStepsForm,
    GroupElectionForm,
    MemberForm,
    MemberListForm,
    PositionsForm,
    PublishForm,
    RecordForm,
    ReplacementForm,
    ReplyForm,
    RequestForm,
    SettingsForm,
)
from labour_democracy.dialogue.tables import (
    DialogueKind,
    EventMatter,
    RequestSide,
    Side,
)
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import ngettext, today
from labour_democracy.settings import get_settings
from labour_democracy.voting.tables import BallotStatus, ElectorateKind
from labour_democracy.web import forms
from labour_democracy.web.forms import read_form
from labour_democracy.web.params import Context, FromPath, FromQuery, Id
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

ENUMS = {
    "BallotStatus": BallotStatus,
    "ElectorateKind": ElectorateKind,
    "Side": Side,
    "DialogueKind": DialogueKind,
    "EventMatter": EventMatter,
    "RequestSide": RequestSide,
    "Gender": Gender,
}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/dialogue"


async def _act(request: Request, action: Awaitable[Any], done: str, back: str) -> Response:
    """Run a small action; its refusal is flashed with its reason and nothing changes.

    Not a form round trip: these buttons carry no field to mark, so the reason is flashed."""
    try:
        await action
    except (Invalid, Conflict) as error:
        message = " ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
        flash(request, message, "error")
        return redirect(request, back)
    flash(request, done)
    return redirect(request, back)


class DialogueController(Controller):
    path = "/enterprises/{enterprise_id:int}/dialogue"

    @get("/", opt={"permission": VIEW_DIALOGUE})
    async def index(
        self,
        request: Request,
        context: Context,
        page: FromQuery[int] = 1,
        q: FromQuery[str | None] = None,
        kind: FromQuery[str | None] = None,
    ) -> Template:
        listing = await planning.list_dialogues(context, page, q, kind)
        if is_htmx(request) and request.headers.get("hx-target") == "dialogue-rows":
            return render(
                request, "dialogue/_rows.html", ectx=context, listing=listing, q=q, kind=kind
            )
        return render(
            request,
            "dialogue/index.html",
            ectx=context,
            listing=listing,
            q=q or "",
            kind=kind or "",
            view=await overview.overview(context),
            can_manage=context.can(MANAGE_DIALOGUE),
            **ENUMS,
        )

    # The regulation -----------------------------------------------------------------------------

    @get("/regulation", opt={"permission": VIEW_DIALOGUE})
    async def regulation(self, request: Request, context: Context) -> Template:
        settings = await regulation.settings_for(context.enterprise_id)
        values = {
            "periodic_per_year": settings.periodic_per_year,
            "periodic_months": settings.periodic_months,
            "regulation_adopted_on": settings.regulation_adopted_on,
            "event_reply_days": settings.event_reply_days,
        }
        return await _regulation(request, context, values, {})

    @post("/regulation", opt={"permission": EDIT_REGULATION})
    async def save_regulation(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            SettingsForm,
            lambda form: regulation.update_settings(context, form),
            form=lambda values, errors: _regulation(request, context, values, errors),
            done=f"{_base(context)}/regulation",
            success=_("The dialogue part of the regulation was saved."),
        )

    # Member lists -------------------------------------------------------------------------------

    @get("/member-lists", opt={"permission": VIEW_DIALOGUE})
    async def member_lists(self, request: Request, context: Context) -> Template:
        return await _member_lists(request, context, {"valid_from": today().isoformat()}, {})

    @post("/member-lists", opt={"permission": MANAGE_MEMBERS})
    async def create_member_list(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            MemberListForm,
            lambda form: member_lists.create_member_list(context, form),
            form=lambda values, errors: _member_lists(request, context, values, errors),
            done=lambda list_id: redirect(request, f"{_base(context)}/member-lists/{list_id}"),
            success=_("A new version of the list was started."),
        )

    @get("/member-lists/{member_list_id:int}", opt={"permission": VIEW_DIALOGUE})
    async def member_list(
        self,
        request: Request,
        context: Context,
        member_list_id: Id,
        worker_q: FromQuery[str | None] = None,
    ) -> Template:
        defaults = {"side": "employer_side", "seats": "1", "electorate_kind": "non_union_members"}
        return await _member_list(
            request, context, member_list_id, {**defaults, "worker_q": worker_q or ""}, {}
        )

    @get("/member-lists/{member_list_id:int}/workers", opt={"permission": MANAGE_MEMBERS})
    async def find_worker(
        self,
        request: Request,
        context: Context,
        member_list_id: Id,
        worker_q: FromQuery[str | None] = None,
    ) -> Response:
        """The member form's worker search: answers for htmx, else the list page with them."""
        here = f"{_base(context)}/member-lists/{member_list_id}"
        if not is_htmx(request):
            return redirect(request, f"{here}?{urlencode({'worker_q': worker_q or ''})}#add-member")
        return render(
            request,
            "_partials/worker_choices.html",
            name="worker",
            found=await worker_search.search(context, worker_q),
            chosen=None,
            optional=True,
            search_term=worker_q,
        )

    @post("/member-lists/{member_list_id:int}/members", opt={"permission": MANAGE_MEMBERS})
    async def add_member(self, request: Request, context: Context, member_list_id: Id) -> Response:
        back = f"{_base(context)}/member-lists/{member_list_id}"
        return await submit(
            request,
            MemberForm,
            lambda form: member_lists.add_member(context, member_list_id, form),
            form=lambda values, errors: _member_list(
                request, context, member_list_id, values, errors
            ),
            done=back,
            success=_("The member was added."),
            conflict=back,
        )

    @post("/member-lists/{member_list_id:int}/remove", opt={"permission": MANAGE_MEMBERS})
    async def remove_member(
        self, request: Request, context: Context, member_list_id: Id
    ) -> Response:
        data = await read_form(request)
        member_id = _int(data.get("member"))
        return await _act(
            request,
            member_lists.remove_member(context, member_list_id, member_id),
            _("The member was removed from the draft."),
            f"{_base(context)}/member-lists/{member_list_id}",
        )

    @post("/member-lists/{member_list_id:int}/replace", opt={"permission": MANAGE_MEMBERS})
    async def replace_member(
        self, request: Request, context: Context, member_list_id: Id
    ) -> Response:
        data = await read_form(request)
        back = f"{_base(context)}/member-lists/{member_list_id}"
        return await submit(
            request,
            ReplacementForm,
            lambda form: member_lists.replace_member(
                context, member_list_id, _int(data.get("member")), form
            ),
            form=lambda values, errors: _member_list(
                request, context, member_list_id, values, errors
            ),
            done=back,
            success=_(
                "The replacement was recorded. Publicise the list again so the workers know."
            ),
            conflict=back,
            data=data,
        )

    @post("/member-lists/{member_list_id:int}/publish", opt={"permission": MANAGE_MEMBERS})
    async def publish_member_list(
        self, request: Request, context: Context, member_list_id: Id
    ) -> Response:
        back = f"{_base(context)}/member-lists/{member_list_id}"
        try:
            warnings = await member_lists.publish_member_list(context, member_list_id)
        except (Invalid, Conflict) as error:
            return _refused(request, error, back)
        flash(request, _("The list was published and its notice issued; post it at the workplace."))
        for warning in warnings:
            flash(request, warning, "warning")
        return redirect(request, back)

    @post("/member-lists/{member_list_id:int}/election", opt={"permission": MANAGE_MEMBERS})
    async def create_group_election(
        self, request: Request, context: Context, member_list_id: Id
    ) -> Response:
        back = f"{_base(context)}/member-lists/{member_list_id}"
        return await submit(
            request,
            GroupElectionForm,
            lambda form: group_election.create_group_election(context, member_list_id, form),
            form=lambda values, errors: _member_list(
                request, context, member_list_id, values, errors
            ),
            done=lambda ballot_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}"
            ),
            success=_(
                "The election was prepared: print the codes, open and close it on the vote's page."
            ),
            conflict=back,
        )

    @post("/member-lists/{member_list_id:int}/elected", opt={"permission": MANAGE_MEMBERS})
    async def add_elected(self, request: Request, context: Context, member_list_id: Id) -> Response:
        back = f"{_base(context)}/member-lists/{member_list_id}"
        try:
            added = await group_election.add_elected(context, member_list_id)
        except Conflict as error:
            return _refused(request, error, back)
        flash(
            request,
            ngettext(
                "{n} elected member was added to the workers' dialogue group; mark who signs "
                "for it.",
                "{n} elected members were added to the workers' dialogue group; mark who signs "
                "for it.",
                added,
            ).format(n=added),
        )
        return redirect(request, back)

    @post("/member-lists/{member_list_id:int}/reissue", opt={"permission": MANAGE_MEMBERS})
    async def reissue_member_list(
        self, request: Request, context: Context, member_list_id: Id
    ) -> Response:
        return await _act(
            request,
            member_lists.reissue_member_list(context, member_list_id),
            _("A new notice of the list was issued."),
            f"{_base(context)}/member-lists/{member_list_id}",
        )

    # Dialogues ----------------------------------------------------------------------------------

    @get("/new", opt={"permission": MANAGE_DIALOGUE})
    async def new(
        self,
        request: Request,
        context: Context,
        kind: FromQuery[str | None] = None,
        month: FromQuery[int | None] = None,
    ) -> Template:
        values = {"kind": kind if kind in {k.value for k in DialogueKind} else "periodic"}
        if values["kind"] == "periodic":
            values.update(await planning.periodic_defaults(context, month))
        return _dialogue_form(request, context, values, {})

    @post("/new", opt={"permission": MANAGE_DIALOGUE})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            DialogueForm,
            lambda form: planning.create_dialogue(context, form),
            form=lambda values, errors: _dialogue_form(request, context, values, errors),
            done=lambda dialogue_id: redirect(request, f"{_base(context)}/{dialogue_id}"),
            success=_("The dialogue was scheduled."),
        )

    @get("/{dialogue_id:int}", opt={"permission": VIEW_DIALOGUE})
    async def detail(self, request: Request, context: Context, dialogue_id: Id) -> Template:
        return await _dialogue(request, context, dialogue_id, {}, {})

    @post("/{dialogue_id:int}/contents", opt={"permission": MANAGE_DIALOGUE})
    async def contents(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        return await _form_action(
            request,
            context,
            dialogue_id,
            ContentsForm,
            lambda form: planning.record_contents(context, dialogue_id, form),
            _("The contents were recorded."),
        )

    @post("/{dialogue_id:int}/event", opt={"permission": MANAGE_DIALOGUE})
    async def event_steps(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        return await _form_action(
            request,
            context,
            dialogue_id,
            EventStepsForm,
            lambda form: planning.record_event_steps(context, dialogue_id, form),
            _("The steps were recorded."),
        )

    @post("/{dialogue_id:int}/attendance", opt={"permission": MANAGE_DIALOGUE})
    async def attendance(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        back = f"{_base(context)}/{dialogue_id}"

        def recorded(quorum: bool | None) -> Response:
            if quorum is None:
                flash(request, _("Attendance recorded."))
            elif quorum:
                flash(request, _("Attendance recorded: the quorum is met."))
            else:
                flash(request, _("Attendance recorded: the quorum is NOT met."), "error")
            return redirect(request, back + "#attendance")

        return await submit(
            request,
            AttendanceForm,
            lambda form: meeting.record_attendance(context, dialogue_id, form),
            form=lambda values, errors: _dialogue(request, context, dialogue_id, values, errors),
            done=recorded,
            conflict=back,
        )

    @post("/{dialogue_id:int}/items", opt={"permission": MANAGE_DIALOGUE})
    async def add_item(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        return await _form_action(
            request,
            context,
            dialogue_id,
            AgendaItemForm,
            lambda form: agenda.add_agenda_item(context, dialogue_id, form),
            _("The item was added to the agenda."),
            "#agenda",
        )

    @post("/{dialogue_id:int}/items/import", opt={"permission": MANAGE_DIALOGUE})
    async def import_items(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        back = f"{_base(context)}/{dialogue_id}"
        try:
            added = await agenda.import_agenda(context, dialogue_id)
        except (Invalid, Conflict) as error:
            return _refused(request, error, back)
        flash(request, _("{n} items were added to the agenda.").format(n=added))
        return redirect(request, back + "#agenda")

    @post("/{dialogue_id:int}/items/record", opt={"permission": MANAGE_DIALOGUE})
    async def record_item(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        data = await read_form(request)
        item_id = _int(data.get("item"))
        return await _form_action(
            request,
            context,
            dialogue_id,
            PositionsForm,
            lambda form: agenda.record_positions(context, dialogue_id, item_id, form),
            _("The item was recorded."),
            "#agenda",
            data=data,
        )

    @post("/{dialogue_id:int}/record", opt={"permission": MANAGE_DIALOGUE})
    async def record(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        return await _form_action(
            request,
            context,
            dialogue_id,
            RecordForm,
            lambda form: meeting.record_dialogue(context, dialogue_id, form),
            _("The dialogue was recorded; the agreed points are now follow-up actions."),
        )

    @post("/{dialogue_id:int}/publish", opt={"permission": PUBLISH_DIALOGUE})
    async def publish(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        back = f"{_base(context)}/{dialogue_id}"

        def publicised(late: bool) -> Response:
            if late:
                flash(
                    request,
                    _("Publicised, but later than 3 working days after the dialogue."),
                    "error",
                )
            else:
                flash(request, _("The main contents were publicised; the notice is ready to post."))
            return redirect(request, back)

        return await submit(
            request,
            PublishForm,
            lambda form: publication.publish_dialogue(context, dialogue_id, form),
            form=lambda values, errors: _dialogue(request, context, dialogue_id, values, errors),
            done=publicised,
            conflict=back,
        )

    @post("/{dialogue_id:int}/call-off", opt={"permission": MANAGE_DIALOGUE})
    async def call_off(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        return await _act(
            request,
            planning.call_off(context, dialogue_id),
            _("The dialogue was called off."),
            f"{_base(context)}/{dialogue_id}",
        )

    # Requests -----------------------------------------------------------------------------------

    @get("/requests", opt={"permission": VIEW_DIALOGUE})
    async def requests(
        self, request: Request, context: Context, page: FromQuery[int] = 1
    ) -> Template:
        return await _requests(request, context, page, {"submitted_on": today().isoformat()}, {})

    @post("/requests", opt={"permission": REQUEST_DIALOGUE})
    async def create_request(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            RequestForm,
            lambda form: requests.create_request(context, form),
            form=lambda values, errors: _requests(request, context, 1, values, errors),
            done=lambda request_id: redirect(request, f"{_base(context)}/requests/{request_id}"),
            success=_("The request was recorded; the other side must reply within 5 working days."),
        )

    @get("/requests/{request_id:int}", opt={"permission": VIEW_DIALOGUE})
    async def request_detail(self, request: Request, context: Context, request_id: Id) -> Template:
        return await _request(request, context, request_id, {"replied_on": today().isoformat()}, {})

    @post("/requests/{request_id:int}/answer", opt={"permission": REQUEST_DIALOGUE})
    async def answer(self, request: Request, context: Context, request_id: Id) -> Response:
        return await submit(
            request,
            ReplyForm,
            lambda form: requests.answer_request(context, request_id, form),
            form=lambda values, errors: _request(request, context, request_id, values, errors),
            done=lambda dialogue_id: redirect(request, f"{_base(context)}/{dialogue_id}"),
            success=_("The reply was recorded and the dialogue scheduled; draft the letter below."),
            conflict=f"{_base(context)}/requests/{request_id}",
        )

    # Calendar -----------------------------------------------------------------------------------

    @get("/calendar", opt={"permission": VIEW_DIALOGUE})
    async def calendar(self, request: Request, context: Context) -> Template:
        settings = await regulation.settings_for(context.enterprise_id)
        return render(
            request,
            "dialogue/calendar.html",
            ectx=context,
            feed_url=f"{get_settings().base_url}/dialogue-calendar/{settings.calendar_token}.ics",
            deadlines=await deadlines.deadlines(context.enterprise),
            today=today(),
            can_manage=context.can(MANAGE_DIALOGUE),
        )

    @post("/calendar/renew", opt={"permission": MANAGE_DIALOGUE})
    async def renew_token(self, request: Request, context: Context) -> Response:
        return await _act(
            request,
            calendar_feed.renew_calendar_token(context),
            _("The feed has a new address; subscribe again with it."),
            f"{_base(context)}/calendar",
        )


class CalendarFeedController(Controller):
    path = "/dialogue-calendar"

    @get("/{token:str}", opt={"public": True})
    async def feed(self, token: FromPath[str]) -> Response:
        enterprise = await calendar_feed.enterprise_for_token(token.removesuffix(".ics"))
        if enterprise is None:
            raise NotFound
        return Response(
            content=await calendar_feed.feed(enterprise, get_settings().base_url),
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, max-age=300"},
        )


def _int(value: Any) -> int:
    """An id from a form; anything else is 0, which no record has (the use case says so)."""
    try:
        return forms.convert(value, int)
    except forms.FieldError:
        return 0


def _refused(request: Request, error: Invalid | Conflict, back: str) -> Response:
    message = " ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
    flash(request, message, "error")
    return redirect(request, back)


async def _form_action(
    request, context, dialogue_id, struct, call, done, anchor="", data=None
) -> Response:
    """A form of the dialogue page: a refusal draws the page again with the input and errors."""
    back = f"{_base(context)}/{dialogue_id}"
    return await submit(
        request,
        struct,
        call,
        form=lambda values, errors: _dialogue(request, context, dialogue_id, values, errors),
        done=back + anchor,
        success=done,
        conflict=back + anchor,
        data=data,
    )


async def _regulation(request, context, values, errors) -> Template:
    view = await overview.overview(context)
    return render(
        request,
        "dialogue/regulation.html",
        ectx=context,
        values=values,
        errors=errors,
        view=view,
        can_edit=context.can(EDIT_REGULATION),
    )


async def _member_lists(request, context, values, errors) -> Template:
    return render(
        request,
        "dialogue/member_lists.html",
        ectx=context,
        versions=await member_lists.member_lists(context),
        values=values,
        errors=errors,
        can_manage=context.can(MANAGE_MEMBERS),
    )


async def _member_list(request, context, member_list_id, values, errors) -> Template:
    version = await member_lists.get_member_list(context, member_list_id)
    members = await queries.list_members(version.id)
    by_id = {m.id: m for m in members}
    draft = permissions.list_may_change(version)
    can_manage = context.can(MANAGE_MEMBERS)
    return render(
        request,
        "dialogue/member_list.html",
        ectx=context,
        version=version,
        members=members,
        by_id=by_id,
        check=await member_lists.check_list(context, version.id),
        draft=draft,
        values=values,
        errors=errors,
        found=await worker_search.search(context, values.get("worker_q")) if can_manage else None,
        chosen=await worker_search.chosen(context, values.get("worker")) if can_manage else None,
        election=await group_election.group_election(context, version),
        units=await enterprises.org_unit_tree(context) if draft else [],
        can_manage=context.can(MANAGE_MEMBERS),
        **ENUMS,
    )


def _dialogue_form(request, context, values, errors) -> Template:
    return render(
        request,
        "dialogue/form.html",
        ectx=context,
        values=values,
        errors=errors,
        **ENUMS,
    )


async def _dialogue(request, context, dialogue_id, values, errors) -> Template:
    view = await meeting.dialogue_view(context, dialogue_id)
    defaults = {
        "held_on": view.dialogue["date"].isoformat(),
        "published_on": today().isoformat(),
        "sent_on": today().isoformat(),
        "chair": view.dialogue["chair"],
        "secretary": view.dialogue["secretary"],
        "summary": view.dialogue["summary"],
        "authorised_person": view.dialogue["authorised_person"],
        "concerns_women": view.dialogue["concerns_women"],
        "womens_representative": view.dialogue["womens_representative"],
        "event_document_sent_on": view.dialogue["event_document_sent_on"],
        "event_reply_on": view.dialogue["event_reply_on"],
        "event_reply": view.dialogue["event_reply"],
        "event_effective_on": view.dialogue["event_effective_on"],
        "event_publicised_on": view.dialogue["event_publicised_on"],
        "present": list(view.present),
    }
    return render(
        request,
        "dialogue/dialogue.html",
        ectx=context,
        view=view,
        d=view.dialogue,
        values={**defaults, **values},
        errors=errors,
        can_manage=context.can(MANAGE_DIALOGUE),
        can_publish=context.can(PUBLISH_DIALOGUE),
        contents_sides=planning.contents_sides(context),
        **ENUMS,
    )


async def _requests(request, context, page, values, errors) -> Template:
    version = await queries.current_list(context.enterprise_id)
    members = await queries.active_members(version.id) if version else []
    return render(
        request,
        "dialogue/requests.html",
        ectx=context,
        listing=await requests.list_requests(context, page),
        worker_members=[m for m in members if m.side != Side.EMPLOYER],
        values=values,
        errors=errors,
        can_request=context.can(REQUEST_DIALOGUE),
        **ENUMS,
    )


async def _request(request, context, request_id, values, errors) -> Template:
    return render(
        request,
        "dialogue/request.html",
        ectx=context,
        r=await requests.get_request(context, request_id),
        values=values,
        errors=errors,
    )


async def public_section(enterprise) -> dict[str, Any] | None:
    """The publicised dialogues and the published list of dialogue members in force."""
    rows = await publication.published_for_public(enterprise)
    version = await queries.current_list(enterprise.id)
    members = await queries.active_members(version.id) if version else []
    if not rows and not members:
        return None
    return {"dialogues": rows, "members": members, "member_list": version}


ROUTES = [DialogueController, CalendarFeedController, *DOCUMENT_ROUTES]
