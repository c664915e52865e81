"""Pages of the workplace rules: the democracy regulation (chapters, consultation, issue,
publication, versions), the internal labour rules and their registration, the disclosure board;
and the workers' public page of one disclosure, where they acknowledge reading it."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import enterprises
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.documents import pdf
from labour_democracy.i18n import N_, format_date, today
from labour_democracy.i18n import gettext as _
from labour_democracy.web.params import Context, FromPath, FromQuery, Id, client_address
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit
from labour_democracy.workplace_rules import (
    consultations,
    disclosure,
    internal_rules,
    labels,
    regulation,
    rules,
)
from labour_democracy.workplace_rules.permissions import (
    COMMENT_RULES,
    DISCLOSE,
    EDIT_RULES,
    VIEW_READINGS,
    VIEW_RULES,
    chapters_may_change,
)
from labour_democracy.workplace_rules.schemas import (
    AcknowledgeForm,
    ChapterForm,
    CommentForm,
    ConsultationForm,
    ConsultRulesForm,
    ContentsForm,
    DecisionForm,
    DisclosureForm,
    FileRulesForm,
    IssueForm,
    IssueRulesForm,
    LinkSuggestionForm,
    PublicCommentForm,
    ReplyForm,
    SettingsForm,
)

PUBLIC = {"public": True}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/workplace-rules"


async def _regulation_page(
    request: Request,
    context: EnterpriseContext,
    values: dict[str, Any],
    errors: dict[str, str],
    version_id: int | None = None,
) -> Template:
    view = await regulation.overview(context, version_id)
    return render(
        request,
        "workplace_rules/regulation.html",
        ectx=context,
        view=view,
        values={"issued_on": today().isoformat(), **values},
        errors=errors,
        can_edit=context.can(EDIT_RULES) and bool(view.version.id),
        can_comment=context.can(COMMENT_RULES),
        editable=chapters_may_change(view.version.status),
        matter_words=labels.MATTERS,
        pdf_available=pdf.is_available(),
    )


class RegulationController(Controller):
    path = "/enterprises/{enterprise_id:int}/workplace-rules"

    @get("/", opt={"permission": VIEW_RULES})
    async def index(self, request: Request, context: Context) -> Template:
        return await _regulation_page(request, context, {}, {})

    @get("/regulation/{regulation_version_id:int}", opt={"permission": VIEW_RULES})
    async def version(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Template:
        return await _regulation_page(request, context, {}, {}, regulation_version_id)

    @post("/regulation/{regulation_version_id:int}/chapter", opt={"permission": EDIT_RULES})
    async def save_chapter(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            ChapterForm,
            lambda form: regulation.save_chapter(context, regulation_version_id, form.key, form),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The chapter was saved."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/defaults", opt={"permission": EDIT_RULES})
    async def defaults(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            None,
            lambda _data: regulation.use_defaults(context, regulation_version_id),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The empty chapters now hold the law's default text: check them."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/consultation", opt={"permission": EDIT_RULES})
    async def consult(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            ConsultationForm,
            lambda form: regulation.start_consultation(context, regulation_version_id, form),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The draft was sent for comments."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/comments", opt={"permission": COMMENT_RULES})
    async def comment(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            CommentForm,
            lambda form: regulation.add_comment(context, regulation_version_id, form),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The comment was recorded."),
            conflict=_base(context),
        )

    @post("/regulation/comments/{regulation_comment_id:int}", opt={"permission": EDIT_RULES})
    async def decide(
        self, request: Request, context: Context, regulation_comment_id: Id
    ) -> Response:
        return await submit(
            request,
            DecisionForm,
            lambda form: regulation.decide_comment(context, regulation_comment_id, form),
            form=lambda values, errors: _regulation_page(
                request, context, {**values, "comment_id": regulation_comment_id}, errors
            ),
            done=_base(context),
            success=_("The answer to the comment was recorded."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/issue", opt={"permission": EDIT_RULES})
    async def issue(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            IssueForm,
            lambda form: regulation.issue(context, regulation_version_id, form),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The regulation was issued: download the decision and the regulation."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/publish", opt={"permission": EDIT_RULES})
    async def publish(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            None,
            lambda _data: regulation.publish(context, regulation_version_id),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("The regulation is published on the workers' page."),
            conflict=_base(context),
        )

    @post("/regulation/{regulation_version_id:int}/ballot", opt={"permission": EDIT_RULES})
    async def ballot(
        self, request: Request, context: Context, regulation_version_id: Id
    ) -> Response:
        return await submit(
            request,
            None,
            lambda _data: consultations.consult_on_regulation(context, regulation_version_id),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=lambda ballot_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}"
            ),
            success=_("A draft consultation was made: add its questions and open it."),
            conflict=_base(context),
        )

    @post("/regulation/revise", opt={"permission": EDIT_RULES})
    async def revise(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            None,
            lambda _data: regulation.revise(context),
            form=lambda values, errors: _regulation_page(request, context, values, errors),
            done=_base(context),
            success=_("A new draft version was made from the current one."),
            conflict=_base(context),
        )


# Internal labour rules ---------------------------------------------------------------------------


async def _rules_page(
    request: Request, context: EnterpriseContext, values: dict[str, Any], errors: dict[str, str]
) -> Template:
    view = await internal_rules.overview(context)
    return render(
        request,
        "workplace_rules/internal_rules.html",
        ectx=context,
        view=view,
        contents=rules.INTERNAL_RULES_CONTENTS,
        values={**view.contents, "on": today().isoformat(), **values},
        errors=errors,
        can_edit=context.can(EDIT_RULES),
        can_comment=context.can(COMMENT_RULES),
    )


def _rules_step(path: str, schema, action, success: str, permission=EDIT_RULES):
    @post(f"/internal-rules/{path}", opt={"permission": permission})
    async def step(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            schema,
            lambda form: action(context, form),
            form=lambda values, errors: _rules_page(request, context, values, errors),
            done=f"{_base(context)}/internal-rules",
            success=_(success),
            conflict=f"{_base(context)}/internal-rules",
        )

    return step


class InternalRulesController(Controller):
    path = "/enterprises/{enterprise_id:int}/workplace-rules"

    @get("/internal-rules", opt={"permission": VIEW_RULES})
    async def index(self, request: Request, context: Context) -> Template:
        return await _rules_page(request, context, {}, {})

    save_contents = _rules_step(
        "contents", ContentsForm, internal_rules.save_contents, N_("The contents were saved.")
    )
    consultation = _rules_step(
        "consultation",
        ConsultRulesForm,
        internal_rules.record_consultation,
        N_("The representative organisation's opinion was recorded."),
        COMMENT_RULES,
    )
    issue = _rules_step(
        "issue", IssueRulesForm, internal_rules.issue, N_("The internal labour rules were issued.")
    )
    filing = _rules_step(
        "filing",
        FileRulesForm,
        internal_rules.file_dossier,
        N_("The filing was recorded: download the covering letter for the dossier."),
    )
    reply = _rules_step(
        "reply", ReplyForm, internal_rules.record_reply, N_("The authority's reply was recorded.")
    )


# Disclosure board ---------------------------------------------------------------------------------


async def _board_page(
    request: Request,
    context: EnterpriseContext,
    values: dict[str, Any],
    errors: dict[str, str],
    page: int = 1,
) -> Template:
    settings = await disclosure.settings_for(context.enterprise_id)
    listing = await disclosure.page_of_disclosures(context.enterprise_id, page)
    late = {row["id"] for row in listing.rows if disclosure.is_late(row)}
    if is_htmx(request) and not values and not errors:
        return render(
            request,
            "workplace_rules/_disclosure_rows.html",
            ectx=context,
            listing=listing,
            late=late,
        )
    soe = await regulation.state_owned(context)
    return render(
        request,
        "workplace_rules/disclosures.html",
        ectx=context,
        checklist=await disclosure.checklist(context),
        listing=listing,
        late=late,
        settings=settings,
        state_owned=soe,
        is_state_owned=context.enterprise.ownership == "state_owned",
        matters=[(key, title) for key, title, _a in rules.disclosure_matters(soe)],
        forms=[(key, _(labels.FORMS[key]), "") for key in rules.DISCLOSURE_FORMS],
        values={
            "decided_on": today().isoformat(),
            "disclosed_on": today().isoformat(),
            "disclosure_days": settings.disclosure_days,
            "unread_names_shown": settings.unread_names_shown,
            "follows_law_10": settings.follows_law_10,
            **values,
        },
        errors=errors,
        can_disclose=context.can(DISCLOSE),
    )


class DisclosureController(Controller):
    path = "/enterprises/{enterprise_id:int}/workplace-rules/disclosures"

    @get("/", opt={"permission": VIEW_RULES})
    async def index(self, request: Request, context: Context, page: FromQuery[int] = 1) -> Template:
        return await _board_page(request, context, {}, {}, page)

    @post("/", opt={"permission": DISCLOSE})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            DisclosureForm,
            lambda form: disclosure.disclose(context, form),
            form=lambda values, errors: _board_page(request, context, values, errors),
            done=lambda disclosure_id: _disclosed(request, context, disclosure_id),
            success=_("The matter was disclosed: print the notice and post it."),
        )

    @post("/settings", opt={"permission": EDIT_RULES})
    async def settings(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            SettingsForm,
            lambda form: disclosure.update_settings(context, form),
            form=lambda values, errors: _board_page(request, context, values, errors),
            done=f"{_base(context)}/disclosures",
            success=_("The disclosure settings were saved."),
        )

    @get("/{disclosure_id:int}", opt={"permission": VIEW_RULES})
    async def detail(self, request: Request, context: Context, disclosure_id: Id) -> Template:
        return await _disclosure_page(request, context, disclosure_id, {}, {})

    @post("/{disclosure_id:int}/ballot", opt={"permission": DISCLOSE})
    async def ballot(self, request: Request, context: Context, disclosure_id: Id) -> Response:
        return await submit(
            request,
            None,
            lambda _data: consultations.consult_on_disclosure(context, disclosure_id),
            form=lambda values, errors: _disclosure_page(
                request, context, disclosure_id, values, errors
            ),
            done=lambda ballot_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}"
            ),
            success=_("A draft consultation was made: add its questions and open it."),
            conflict=f"{_base(context)}/disclosures/{disclosure_id}",
        )

    @post("/{disclosure_id:int}/suggestions", opt={"permission": DISCLOSE})
    async def link(self, request: Request, context: Context, disclosure_id: Id) -> Response:
        here = f"{_base(context)}/disclosures/{disclosure_id}"
        return await submit(
            request,
            LinkSuggestionForm,
            lambda form: disclosure.link_suggestion(context, disclosure_id, form.suggestion_id),
            form=lambda values, errors: _disclosure_page(
                request, context, disclosure_id, values, errors
            ),
            done=here,
            success=_("The suggestion is linked to the disclosed matter."),
            conflict=here,
        )


async def _disclosed(request: Request, context: EnterpriseContext, disclosure_id: int) -> Response:
    found = await disclosure.get_disclosure(context, disclosure_id)
    if disclosure.is_late(found):
        flash(
            request,
            _("Disclosed after its deadline of {date}: the board shows it as late.").format(
                date=format_date(found.due_on)
            ),
            "error",
        )
    return redirect(request, f"{_base(context)}/disclosures/{disclosure_id}")


async def _disclosure_page(
    request: Request,
    context: EnterpriseContext,
    disclosure_id: int,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    found = await disclosure.get_disclosure(context, disclosure_id)
    units, names_shown = (
        await disclosure.readings(context, disclosure_id)
        if context.can(VIEW_READINGS)
        else ([], False)
    )
    return render(
        request,
        "workplace_rules/disclosure.html",
        ectx=context,
        disclosure=found,
        late=disclosure.is_late(found),
        matter=dict((k, t) for k, t, _a in rules.disclosure_matters(True)).get(found.matter, ""),
        units=units,
        names_shown=names_shown,
        suggestions=await disclosure.linked_suggestions(found.id),
        public_url=f"/p/{context.enterprise.public_token}/disclosures/{found.id}",
        values=values,
        errors=errors,
        can_disclose=context.can(DISCLOSE),
    )


# The workers' page -----------------------------------------------------------------------------


def _public_page(
    request: Request,
    enterprise: Enterprise,
    found,
    kiosk: bool,
    values: dict,
    errors: dict,
    thanked: str | None = None,
) -> Template:
    return render(
        request,
        "workplace_rules/public_disclosure.html",
        enterprise=enterprise,
        disclosure=found,
        paragraphs=[line for line in found.body.splitlines() if line.strip()],
        kiosk=kiosk,
        values=values,
        errors=errors,
        thanked=thanked,
    )


class PublicDisclosureController(Controller):
    """Workers, without an account, from the QR code on the notice or at a kiosk."""

    path = "/p/{token:str}/disclosures"

    @get("/{disclosure_id:int}", opt=PUBLIC)
    async def show(
        self,
        request: Request,
        token: FromPath[str],
        disclosure_id: FromPath[int],
        kiosk: FromQuery[int] = 0,
    ) -> Template:
        enterprise = await enterprises.by_public_token(token)
        found = await disclosure.public_disclosure(enterprise, disclosure_id)
        return _public_page(request, enterprise, found, bool(kiosk), {}, {})

    @post("/{disclosure_id:int}", opt=PUBLIC)
    async def acknowledge(
        self,
        request: Request,
        token: FromPath[str],
        disclosure_id: FromPath[int],
        kiosk: FromQuery[int] = 0,
    ) -> Response:
        enterprise = await enterprises.by_public_token(token)
        found = await disclosure.public_disclosure(enterprise, disclosure_id)
        return await submit(
            request,
            AcknowledgeForm,
            lambda form: disclosure.acknowledge(
                enterprise,
                disclosure_id,
                form.employee_code,
                "kiosk" if kiosk else "code",
                client_address(request),
            ),
            form=lambda values, errors: _public_page(
                request, enterprise, found, bool(kiosk), values, errors
            ),
            done=lambda name: _public_page(
                request, enterprise, found, bool(kiosk), {}, {}, thanked=name or "-"
            ),
        )


class PublicRegulationController(Controller):
    """The regulation as workers read it: the draft while it is under consultation (with the
    way to comment), else the published version."""

    path = "/p/{token:str}/regulation"

    @get("/", opt=PUBLIC)
    async def show(self, request: Request, token: FromPath[str]) -> Template:
        enterprise = await enterprises.by_public_token(token)
        return await _public_regulation(request, enterprise, {}, {})

    @post("/", opt=PUBLIC)
    async def comment(self, request: Request, token: FromPath[str]) -> Response:
        enterprise = await enterprises.by_public_token(token)
        return await submit(
            request,
            PublicCommentForm,
            lambda form: regulation.add_public_comment(enterprise, form, client_address(request)),
            form=lambda values, errors: _public_regulation(request, enterprise, values, errors),
            done=lambda _none: _public_regulation(request, enterprise, {}, {}, sent=True),
            conflict=f"/p/{token}/regulation",
        )


async def _public_regulation(
    request: Request, enterprise: Enterprise, values: dict, errors: dict, sent: bool = False
) -> Template:
    version, chapters = await regulation.for_workers(enterprise)
    return render(
        request,
        "workplace_rules/public_regulation.html",
        enterprise=enterprise,
        version=version,
        chapters=chapters,
        values=values,
        errors=errors,
        sent=sent,
    )


async def public_section(enterprise: Enterprise) -> dict[str, Any] | None:
    """The published regulation and the disclosures still posted, for the workers' page."""
    published = await regulation.published_version(enterprise.id)
    consulting = await regulation.consulting_version(enterprise.id)
    on = today()
    rows = [
        row
        for row in await disclosure.list_disclosures(enterprise.id, limit=20)
        if row["posted_until"] is None or row["posted_until"] >= on
    ]
    if published is None and consulting is None and not rows:
        return None
    return {
        "regulation": published,
        "consulting": consulting,
        "disclosures": rows,
        "token": enterprise.public_token,
    }


ROUTES = [
    RegulationController,
    InternalRulesController,
    DisclosureController,
    PublicDisclosureController,
    PublicRegulationController,
]
