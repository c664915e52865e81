"""Pages of workers' suggestions: the public form and status check, and the staff pages."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import enterprises
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.labels import label
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.suggestions import labels as _labels  # noqa: F401  (words for the enums)
from labour_democracy.suggestions import services, topics
from labour_democracy.suggestions.permissions import (
    ANSWER_SUGGESTIONS,
    MODERATE_SUGGESTIONS,
    ORGANISE_SUGGESTIONS,
    READ_SUGGESTIONS,
)
from labour_democracy.suggestions.schemas import (
    AnswerForm,
    BulkForm,
    PaperSuggestionForm,
    PublicSuggestionForm,
    RejectForm,
    SuggestionQuery,
    TrackForm,
)
from labour_democracy.suggestions.tables import SuggestionKind, SuggestionStatus, Topic
from labour_democracy.web.forms import parse, read_form
from labour_democracy.web.params import Context, FromPath, Id, client_address
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

PUBLIC = {"public": True}
# The enums the templates offer as choices.
ENUMS = {
    "SuggestionKind": SuggestionKind,
    "SuggestionStatus": SuggestionStatus,
    "Topic": Topic,
}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/suggestions"


class PublicSuggestionController(Controller):
    """Workers, without an account, from the QR code on the notice board."""

    path = "/p/{token:str}/suggestions"

    @get("/", opt=PUBLIC)
    async def form(self, request: Request, token: FromPath[str]) -> Template:
        enterprise = await enterprises.by_public_token(token)
        return _public_form(request, enterprise, {"kind": "suggestion"}, {})

    @post("/", opt=PUBLIC)
    async def send(self, request: Request, token: FromPath[str]) -> Response:
        enterprise = await enterprises.by_public_token(token)
        return await submit(
            request,
            PublicSuggestionForm,
            lambda form: services.submit_public(enterprise, form, client_address(request)),
            form=lambda values, errors: _public_form(request, enterprise, values, errors),
            done=lambda code: render(
                request, "suggestions/public_sent.html", enterprise=enterprise, code=code
            ),
        )

    @post("/check", opt=PUBLIC)
    async def check(self, request: Request, token: FromPath[str]) -> Response:
        enterprise = await enterprises.by_public_token(token)

        def page(found, values: dict, errors: dict) -> Template:
            return render(
                request,
                "suggestions/public_check.html",
                enterprise=enterprise,
                found=found,
                values=values,
                errors=errors,
            )

        return await submit(
            request,
            TrackForm,
            lambda form: services.track(enterprise, form.code, client_address(request)),
            form=lambda values, errors: page(None, values, errors),
            done=lambda found: page(found, {}, {}),
        )


def _public_form(request: Request, enterprise: Enterprise, values: dict, errors: dict) -> Template:
    return render(
        request,
        "suggestions/public_form.html",
        enterprise=enterprise,
        values=values,
        errors=errors,
    )


class SuggestionController(Controller):
    path = "/enterprises/{enterprise_id:int}/suggestions"

    @get("/", opt={"permission": READ_SUGGESTIONS})
    async def index(self, request: Request, context: Context) -> Template:
        try:
            query = parse(SuggestionQuery, dict(request.query_params))
        except Invalid:  # filters in the address, not a form: a bad one shows everything
            query = SuggestionQuery()
        return await _index(request, context, query, {}, {})

    @post("/bulk", opt={"permission": ORGANISE_SUGGESTIONS})
    async def bulk(self, request: Request, context: Context) -> Response:
        async def apply(form: BulkForm) -> None:
            if form.action == "assign":
                topic, target_id = services.parse_assignment(form.assign_to)
                await services.assign(context, form.ids, topic, target_id)
                flash(request, _("The suggestions were assigned."))
            else:
                await services.group(context, form.ids, form.group_label)
                flash(request, _("The suggestions were grouped."))

        return await submit(
            request,
            BulkForm,
            apply,
            form=lambda values, errors: _index(request, context, SuggestionQuery(), values, errors),
            done=_base(context),
        )

    @get("/new", opt={"permission": ORGANISE_SUGGESTIONS})
    async def new(self, request: Request, context: Context) -> Template:
        defaults = {
            "kind": "suggestion",
            "channel": "paper_box",
            "received_on": today().isoformat(),
        }
        return await _paper_form(request, context, defaults, {})

    @post("/new", opt={"permission": ORGANISE_SUGGESTIONS})
    async def create(self, request: Request, context: Context) -> Response:
        data = await read_form(request)

        async def record(form: PaperSuggestionForm) -> int:
            if data.get("assign_to"):
                form.topic, form.target_id = services.parse_assignment(data["assign_to"])
            return await services.add_from_paper(context, form)

        return await submit(
            request,
            PaperSuggestionForm,
            record,
            form=lambda values, errors: _paper_form(request, context, values, errors),
            done=lambda suggestion_id: redirect(request, f"{_base(context)}/{suggestion_id}"),
            success=_("The suggestion was recorded."),
            data=data,
        )

    @get("/{suggestion_id:int}", opt={"permission": READ_SUGGESTIONS})
    async def detail(self, request: Request, context: Context, suggestion_id: Id) -> Template:
        return await _detail(request, context, suggestion_id, {}, {})

    @post("/{suggestion_id:int}/publish", opt={"permission": MODERATE_SUGGESTIONS})
    async def publish(self, request: Request, context: Context, suggestion_id: Id) -> Response:
        try:
            await services.publish(context, suggestion_id)
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, f"{_base(context)}/{suggestion_id}")
        flash(request, _("The suggestion was published: the employer can read it now."))
        return redirect(request, f"{_base(context)}/{suggestion_id}")

    @post("/{suggestion_id:int}/reject", opt={"permission": MODERATE_SUGGESTIONS})
    async def reject(self, request: Request, context: Context, suggestion_id: Id) -> Response:
        return await submit(
            request,
            RejectForm,
            lambda form: services.reject(context, suggestion_id, form.reason),
            form=lambda values, errors: _detail(request, context, suggestion_id, values, errors),
            done=f"{_base(context)}/{suggestion_id}",
            success=_("The suggestion was not taken up; its author can read the reason."),
            conflict=f"{_base(context)}/{suggestion_id}",
        )

    @post("/{suggestion_id:int}/answer", opt={"permission": ANSWER_SUGGESTIONS})
    async def answer(self, request: Request, context: Context, suggestion_id: Id) -> Response:
        return await submit(
            request,
            AnswerForm,
            lambda form: services.answer(context, suggestion_id, form.answer),
            form=lambda values, errors: _detail(request, context, suggestion_id, values, errors),
            done=f"{_base(context)}/{suggestion_id}",
            success=_("The answer was saved."),
            conflict=f"{_base(context)}/{suggestion_id}",
        )


async def _assignment_options(context: EnterpriseContext) -> list[tuple[str, str]]:
    options = [(topic.value, label(topic)) for topic in topics.UNASSIGNED]
    for topic, targets in (await topics.all_targets(context)).items():
        options.append((topic, label(Topic(topic)) + " — " + _("not yet a particular one")))
        options += [(f"{topic}:{target}", text) for target, text in targets]
    return options


async def _index(
    request: Request,
    context: EnterpriseContext,
    query: SuggestionQuery,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    return render(
        request,
        "suggestions/_rows.html" if is_htmx(request) and not errors else "suggestions/index.html",
        ectx=context,
        listing=await services.search(context, query),
        query=query,
        counts=await services.status_counts(context),
        groups=await services.group_labels(context),
        assignments=await _assignment_options(context),
        rate=await services.answer_rate(context, today().year),
        year=today().year,
        values=values,
        errors=errors,
        can_organise=context.can(ORGANISE_SUGGESTIONS),
        can_moderate=context.can(MODERATE_SUGGESTIONS),
        **ENUMS,
    )


async def _paper_form(request, context, values, errors) -> Template:
    return render(
        request,
        "suggestions/form.html",
        ectx=context,
        values=values,
        errors=errors,
        assignments=await _assignment_options(context),
        **ENUMS,
    )


async def _detail(request, context, suggestion_id, values, errors) -> Template:
    suggestion = await services.get_suggestion(context, suggestion_id)
    return render(
        request,
        "suggestions/suggestion.html",
        ectx=context,
        suggestion=suggestion,
        values=values or {"answer": suggestion.answer},
        errors=errors,
        can_moderate=context.can(MODERATE_SUGGESTIONS),
        can_answer=context.can(ANSWER_SUGGESTIONS),
        can_organise=context.can(ORGANISE_SUGGESTIONS),
        assignments=await _assignment_options(context),
    )


async def public_section(enterprise: Enterprise) -> dict[str, Any]:
    return {"published": await services.published_for_public(enterprise)}


ROUTES = [PublicSuggestionController, SuggestionController]
