"""Pages of collective bargaining and agreements: the list and the request, one agreement's
whole life on one page (deadlines, teams, sessions, ledger, vote, signing, publication,
filing), a session with its minutes, an article with its history, and the workers' section of
the public page. Thin: parse, call, render."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template

from labour_democracy.agreements import (  # noqa: F401 (labels register)
    approval,
    bargaining,
    criteria,
    extension,
    extension_pages,
    floors,
    importing,
    inputs,
    labels,
    ledger,
    library,
    queries,
    redline,
    rules,
)
from labour_democracy.agreements.documents import issue
from labour_democracy.agreements.permissions import (
    BARGAIN,
    ORGANISE_VOTE,
    PUBLISH_AND_FILE,
    SIGN,
    VIEW_AGREEMENTS,
    ledger_may_change,
    may_amend_or_extend,
    may_file,
    may_put_to_vote,
    may_sign,
    side_allowed,
)
from labour_democracy.agreements.schemas import (
    ClauseForm,
    DateForm,
    ExtensionForm,
    ExtensionSignForm,
    FailureForm,
    InformationForm,
    ProposalForm,
    ReceiptForm,
    ReplyForm,
    RequestForm,
    SessionForm,
    SignForm,
    TeamMemberForm,
    VoteForm,
)
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    BargainingSide,
    ClauseStatus,
)
from labour_democracy.core import enterprises
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext, federation_provinces
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.suggestions import services as suggestions
from labour_democracy.voting.tables import Channels
from labour_democracy.web.params import Context, FromPath, FromQuery, Id
from labour_democracy.web.responses import flash, redirect, render
from labour_democracy.web.submit import submit

ENUMS = {
    "BargainingSide": BargainingSide,
    "ClauseStatus": ClauseStatus,
    "AgreementStatus": AgreementStatus,
    "Channels": Channels,
}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/agreements"


def _term_choices() -> list[tuple[str, str]]:
    return [(kind.key, _(kind.label)) for kind in floors.TERM_KINDS]


def _sides(context: EnterpriseContext) -> list[BargainingSide]:
    return [side for side in BargainingSide if side_allowed(context, side)]


async def _act(request: Request, action: Awaitable[Any], done: str, back: str) -> Response:
    """A button without fields: its refusal is flashed with its reason and nothing changes."""
    try:
        await action
    except (Invalid, Conflict) as error:
        message = " ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
        flash(request, message, "error")
        return redirect(request, back)
    flash(request, done)
    return redirect(request, back)


async def _index(request, context, values, errors, page: int = 1) -> Template:
    rows, total = await queries.list_agreements(context, page)
    signed = [row for row in rows if row["status"] == AgreementStatus.SIGNED]
    return render(
        request,
        "agreements/index.html",
        ectx=context,
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // queries.PER_PAGE)),
        values=values,
        errors=errors,
        sides=_sides(context),
        can_bargain=context.can(BARGAIN),
        has_representative=inputs.has_representative(context.enterprise),
        signed=signed,
        **ENUMS,
    )


async def _detail(
    request, context, agreement_id: int, failed: str = "", values=None, errors=None
) -> Template:
    agreement = await inputs.agreement(context, agreement_id)
    if agreement.kind == AgreementKind.EXTENSION:
        return await extension_pages.page(request, context, agreement, failed, values, errors)
    view = await queries.agreement_view(context, agreement)
    today_ = today().isoformat()
    bargaining_open = agreement.status == AgreementStatus.BARGAINING
    defaults = {
        "replied_on": today_,
        "held_on": today_,
        "signed_on": today_,
        "term_months": "24",
        "on": today_,
        "receipt_on": today_,
        "received_on": today_,
        "failed_on": today_,
        "information_asked_on": today_,
        "employer_signer": context.enterprise.legal_representative,
        "channels": Channels.PAPER.value,
        "proposed_on": today_,
    }
    extensible = may_amend_or_extend(agreement) and agreement.expires_on is not None
    may_grade = federation_provinces(context.actor)
    return render(
        request,
        "agreements/agreement.html",
        ectx=context,
        a=agreement,
        view=view,
        failed=failed,
        values={**defaults, **(values or {})},
        errors=errors or {},
        sides=_sides(context),
        terms=_term_choices(),
        kinds=floors.KINDS_BY_KEY,
        region=context.enterprise.min_wage_region,
        can_bargain=context.can(BARGAIN) and ledger_may_change(agreement),
        can_vote=context.can(ORGANISE_VOTE) and may_put_to_vote(agreement),
        can_record=context.can(ORGANISE_VOTE) and agreement.status == AgreementStatus.VOTING,
        can_consult=context.can(ORGANISE_VOTE)
        and agreement.status == AgreementStatus.BARGAINING
        and agreement.consultation_ballot is None,
        can_sign=context.can(SIGN) and may_sign(agreement),
        can_file=context.can(PUBLISH_AND_FILE) and may_file(agreement),
        can_amend=context.can(BARGAIN) and agreement.status == AgreementStatus.SIGNED,
        frame=view.frame,
        can_set_grading=may_grade is None or context.enterprise.province in may_grade,
        extensions=await extension.extensions_of(agreement.id),
        can_extend=context.can(BARGAIN)
        and extensible
        and rules.extension_refusal(today(), agreement.expires_on) is None,
        extensible=extensible,
        worker_suggestions=await suggestions.for_bargaining(context) if bargaining_open else None,
        samples=library.samples(),
        library_source=library.source(),
        **ENUMS,
    )


def _form(request, context, agreement_id: int, name: str) -> Callable:
    return lambda values, errors: _detail(request, context, agreement_id, name, values, errors)


async def _session_page(request, context, agreement_id, session_id, values, errors) -> Template:
    agreement = await inputs.agreement(context, agreement_id)
    session = await inputs.session_of(context, agreement_id, session_id)
    clauses = await ledger.checked_clauses(agreement, context.enterprise.min_wage_region)
    return render(
        request,
        "agreements/session.html",
        ectx=context,
        a=agreement,
        s=session,
        proposals=await ledger.proposals_at(session.id),
        clauses=clauses,
        values=values,
        errors=errors,
        can_bargain=context.can(BARGAIN),
        **ENUMS,
    )


async def _clause_page(request, context, agreement_id, clause_id, values, errors) -> Template:
    agreement = await inputs.agreement(context, agreement_id)
    clause = await inputs.clause_of(context, agreement_id, clause_id)
    region = context.enterprise.min_wage_region
    checked = ledger.check_clause(clause.to_dict(), today(), region, agreement.signed_on)
    view = await queries.agreement_view(context, agreement)
    return render(
        request,
        "agreements/clause.html",
        ectx=context,
        a=agreement,
        c=checked,
        kind=floors.KINDS_BY_KEY.get(clause.term),
        history=await ledger.history(clause.id),
        sessions=view.sessions,
        values={"status": clause.status, **values},
        errors=errors,
        sides=_sides(context),
        can_bargain=context.can(BARGAIN) and ledger_may_change(agreement),
        **ENUMS,
    )


async def _import_page(request, context, agreement_id: int, values, errors) -> Template:
    agreement = await inputs.agreement(context, agreement_id)
    text = values.get("text") or ""
    sections = importing.split_lines(text.splitlines()) if text else []
    return render(
        request,
        "agreements/import.html",
        ectx=context,
        a=agreement,
        values=values,
        errors=errors,
        sections=sections,
        articles=sum(len(section.articles) for section in sections),
    )


async def _comparison(context, agreement_id: int, a: int | None, b: int | None):
    """The two texts compared: version `a` (default: the latest version; 0: before it, the
    amended agreement for an amendment) and version `b` (default 0: the current draft)."""
    agreement = await inputs.agreement(context, agreement_id)
    view = await queries.agreement_view(context, agreement)
    numbers = [v["number"] for v in view.versions]
    if a is None:
        a = numbers[-1] if numbers else 0
    if a in numbers:
        _label, old = await queries.version_text(agreement, a)
    else:
        a, old = 0, await queries.amended_text(agreement)
    b = b if b in numbers else 0
    _label, new = await queries.version_text(agreement, b)
    return agreement, view, a, b, old, new


class AgreementsController(Controller):
    path = "/enterprises/{enterprise_id:int}/agreements"

    @get("/", opt={"permission": VIEW_AGREEMENTS})
    async def index(self, request: Request, context: Context, page: FromQuery[int] = 1) -> Template:
        return await _index(request, context, {"received_on": today().isoformat()}, {}, page)

    @post("/", opt={"permission": BARGAIN})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            RequestForm,
            lambda form: bargaining.create_request(context, form),
            form=lambda values, errors: _index(request, context, values, errors),
            done=lambda agreement_id: redirect(request, f"{_base(context)}/{agreement_id}"),
            success=_(
                "The request was recorded: time and place are agreed within 7 working days and "
                "bargaining starts within 30 days."
            ),
            conflict=_base(context),
        )

    @get("/{agreement_id:int}", opt={"permission": VIEW_AGREEMENTS})
    async def detail(
        self,
        request: Request,
        context: Context,
        agreement_id: Id,
        sample: FromQuery[int | None] = None,
    ) -> Template:
        chosen = library.form_values(sample, await ledger.chapters(agreement_id))
        return await _detail(request, context, agreement_id, "", chosen)

    def _here(self, context: EnterpriseContext, agreement_id: int) -> str:
        return f"{_base(context)}/{agreement_id}"

    @post("/{agreement_id:int}/request-letter", opt={"permission": BARGAIN})
    async def request_letter(
        self, request: Request, context: Context, agreement_id: Id
    ) -> Response:
        async def action():
            async with write_transaction():
                agreement = await inputs.agreement(context, agreement_id)
                if not side_allowed(context, BargainingSide(agreement.requested_by)):
                    raise Conflict(_("The side that asked writes the request letter."))
                if agreement.request_document:
                    raise Conflict(_("The request letter exists already."))
                await issue.request_letter(context, agreement)

        here = self._here(context, agreement_id)
        return await _act(request, action(), _("The request letter was drawn up."), here)

    @post("/{agreement_id:int}/consultation", opt={"permission": ORGANISE_VOTE})
    async def consultation(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        try:
            ballot_id = await bargaining.consult_workers(context, agreement_id)
        except (Conflict, Invalid) as error:
            message = " ".join(error.errors.values()) if isinstance(error, Invalid) else str(error)
            flash(request, message, "error")
            return redirect(request, here)
        flash(request, _("The consultation was prepared: print the slips and open it."))
        return redirect(request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}")

    @post("/{agreement_id:int}/reply", opt={"permission": BARGAIN})
    async def reply(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            ReplyForm,
            lambda form: bargaining.record_reply(context, agreement_id, form),
            form=_form(request, context, agreement_id, "reply"),
            done=here,
            success=_("The reply was recorded."),
            conflict=here,
        )

    @post("/{agreement_id:int}/information", opt={"permission": BARGAIN})
    async def information(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            InformationForm,
            lambda form: bargaining.record_information(context, agreement_id, form),
            form=_form(request, context, agreement_id, "information"),
            done=here,
            success=_("The employer's information was recorded."),
        )

    @post("/{agreement_id:int}/team", opt={"permission": BARGAIN})
    async def team(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            TeamMemberForm,
            lambda form: bargaining.add_team_member(context, agreement_id, form),
            form=_form(request, context, agreement_id, "team"),
            done=here + "#team",
            success=_("The team member was added."),
        )

    @post("/{agreement_id:int}/sessions", opt={"permission": BARGAIN})
    async def add_session(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            SessionForm,
            lambda form: bargaining.add_session(context, agreement_id, form),
            form=_form(request, context, agreement_id, "session"),
            done=lambda session_id: redirect(request, f"{here}/sessions/{session_id}"),
            success=_("The session was recorded; enter each side's proposals."),
            conflict=here,
        )

    @get(
        "/{agreement_id:int}/sessions/{bargaining_session_id:int}",
        opt={"permission": VIEW_AGREEMENTS},
    )
    async def session(
        self, request: Request, context: Context, agreement_id: Id, bargaining_session_id: Id
    ) -> Template:
        return await _session_page(request, context, agreement_id, bargaining_session_id, {}, {})

    @post(
        "/{agreement_id:int}/sessions/{bargaining_session_id:int}/minutes",
        opt={"permission": BARGAIN},
    )
    async def minutes(
        self, request: Request, context: Context, agreement_id: Id, bargaining_session_id: Id
    ) -> Response:
        async def action():
            async with write_transaction():
                agreement = await inputs.agreement(context, agreement_id)
                session = await inputs.session_of(context, agreement_id, bargaining_session_id)
                if session.minutes_document:
                    raise Conflict(_("The minutes of this session exist already."))
                await issue.session_minutes(context, agreement, session)

        back = f"{self._here(context, agreement_id)}/sessions/{bargaining_session_id}"
        return await _act(request, action(), _("The minutes were drawn up."), back)

    @post(
        "/{agreement_id:int}/sessions/{bargaining_session_id:int}/publish",
        opt={"permission": BARGAIN},
    )
    async def publish_minutes(
        self, request: Request, context: Context, agreement_id: Id, bargaining_session_id: Id
    ) -> Response:
        back = f"{self._here(context, agreement_id)}/sessions/{bargaining_session_id}"
        return await _act(
            request,
            bargaining.publish_minutes(context, agreement_id, bargaining_session_id),
            _("The minutes were published to the workers."),
            back,
        )

    @post("/{agreement_id:int}/clauses", opt={"permission": BARGAIN})
    async def add_clause(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            ClauseForm,
            lambda form: ledger.add_clause(context, agreement_id, form),
            form=_form(request, context, agreement_id, "clause"),
            done=here + "#ledger",
            success=_("The article was added."),
            conflict=here,
        )

    @get("/{agreement_id:int}/clauses/{clause_id:int}", opt={"permission": VIEW_AGREEMENTS})
    async def clause(
        self, request: Request, context: Context, agreement_id: Id, clause_id: Id
    ) -> Template:
        return await _clause_page(request, context, agreement_id, clause_id, {}, {})

    @post("/{agreement_id:int}/clauses/{clause_id:int}/proposals", opt={"permission": BARGAIN})
    async def propose(
        self, request: Request, context: Context, agreement_id: Id, clause_id: Id
    ) -> Response:
        back = f"{self._here(context, agreement_id)}/clauses/{clause_id}"
        return await submit(
            request,
            ProposalForm,
            lambda form: ledger.propose(context, agreement_id, clause_id, form),
            form=lambda values, errors: _clause_page(
                request, context, agreement_id, clause_id, values, errors
            ),
            done=back,
            success=_("The proposal was recorded."),
            conflict=back,
        )

    @post("/{agreement_id:int}/fail", opt={"permission": BARGAIN})
    async def fail(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            FailureForm,
            lambda form: bargaining.record_failure(context, agreement_id, form),
            form=_form(request, context, agreement_id, "fail"),
            done=here,
            success=_(
                "The failure of bargaining was recorded (Labour Code 45/2019/QH14, Art. 71)."
            ),
            conflict=here,
        )

    @post("/{agreement_id:int}/vote", opt={"permission": ORGANISE_VOTE})
    async def vote(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            VoteForm,
            lambda form: approval.put_to_vote(context, agreement_id, form),
            form=_form(request, context, agreement_id, "vote"),
            done=lambda ballot_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/ballots/{ballot_id}"
            ),
            success=_(
                "The vote of all workers was prepared: print the slips, open it, enter the "
                "counts, close it, then record its result here."
            ),
            conflict=here,
        )

    @post("/{agreement_id:int}/vote/result", opt={"permission": ORGANISE_VOTE})
    async def vote_result(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        try:
            passed = await approval.record_result(context, agreement_id)
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, here)
        if passed:
            flash(
                request, _("More than half of all workers approved: the agreement may be signed.")
            )
        else:
            flash(
                request,
                _(
                    "The draft did not reach more than half of all workers: it returns to "
                    "bargaining, with the result kept."
                ),
                "error",
            )
        return redirect(request, here)

    @post("/{agreement_id:int}/sign", opt={"permission": SIGN})
    async def sign(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            SignForm,
            lambda form: approval.sign(context, agreement_id, form),
            form=_form(request, context, agreement_id, "sign"),
            done=here,
            success=_("The agreement was signed; file it with Sở Nội vụ within 10 days."),
            conflict=here,
        )

    @post("/{agreement_id:int}/publish", opt={"permission": PUBLISH_AND_FILE})
    async def publish(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        page = str(request.base_url).rstrip("/") + f"/p/{context.enterprise.public_token}"
        return await submit(
            request,
            DateForm,
            lambda form: approval.publish(context, agreement_id, form, page),
            form=_form(request, context, agreement_id, "publish"),
            done=here,
            success=_("The agreement was published to the workers."),
            conflict=here,
        )

    @post("/{agreement_id:int}/file", opt={"permission": PUBLISH_AND_FILE})
    async def file(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            DateForm,
            lambda form: approval.file(context, agreement_id, form),
            form=_form(request, context, agreement_id, "file"),
            done=here,
            success=_("The filing letter to Sở Nội vụ was drawn up."),
            conflict=here,
        )

    @post("/{agreement_id:int}/receipt", opt={"permission": PUBLISH_AND_FILE})
    async def receipt(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            ReceiptForm,
            lambda form: approval.record_receipt(context, agreement_id, form),
            form=_form(request, context, agreement_id, "receipt"),
            done=here,
            success=_("The receipt was recorded."),
            conflict=here,
        )

    @get("/{agreement_id:int}/import", opt={"permission": BARGAIN})
    async def import_page(self, request: Request, context: Context, agreement_id: Id) -> Template:
        return await _import_page(request, context, agreement_id, {}, {})

    @post(
        "/{agreement_id:int}/import",
        opt={"permission": BARGAIN},
        request_max_body_size=importing.MAX_BYTES + 64 * 1024,
    )
    async def import_upload(self, request: Request, context: Context, agreement_id: Id) -> Response:
        data = await request.form()
        chosen = data.get("file")
        try:
            if not isinstance(chosen, UploadFile) or not chosen.filename:
                raise Invalid({"file": _("Choose the agreement's .docx file.")})
            lines = importing.preview(await chosen.read())
        except Invalid as error:
            page = await _import_page(request, context, agreement_id, {}, dict(error.errors))
            page.status_code = 422
            return page
        return await _import_page(request, context, agreement_id, {"text": "\n".join(lines)}, {})

    @post("/{agreement_id:int}/import/confirm", opt={"permission": BARGAIN})
    async def import_confirm(
        self, request: Request, context: Context, agreement_id: Id
    ) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            None,
            lambda data: importing.apply(context, agreement_id, str(data.get("text") or "")),
            form=lambda values, errors: _import_page(
                request, context, agreement_id, values, errors
            ),
            done=here + "#ledger",
            success=_("The articles were imported as proposals."),
            conflict=here,
        )

    @get("/{agreement_id:int}/text.docx", opt={"permission": VIEW_AGREEMENTS})
    async def text_docx(
        self, context: Context, agreement_id: Id, bilingual: FromQuery[bool] = False
    ) -> Response:
        """The current text as a .docx, in Vietnamese or with the English of each article under
        it (one source: the same articles); unnumbered, a working copy."""
        agreement = await inputs.agreement(context, agreement_id)
        content = await issue.working_copy(context, agreement, bilingual)
        name = f"agreement-{agreement.id}-{'vi-en' if bilingual else 'vi'}.docx"
        return Response(
            content,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @get("/{agreement_id:int}/compare", opt={"permission": VIEW_AGREEMENTS})
    async def compare(
        self,
        request: Request,
        context: Context,
        agreement_id: Id,
        a: FromQuery[int | None] = None,
        b: FromQuery[int | None] = None,
    ) -> Template:
        agreement, view, a, b, old, new = await _comparison(context, agreement_id, a, b)
        return render(
            request,
            "agreements/compare.html",
            ectx=context,
            a=agreement,
            versions=view.versions,
            old_number=a,
            new_number=b,
            rows=redline.compare(old, new),
        )

    @get("/{agreement_id:int}/compare.docx", opt={"permission": VIEW_AGREEMENTS})
    async def compare_docx(
        self,
        context: Context,
        agreement_id: Id,
        a: FromQuery[int | None] = None,
        b: FromQuery[int | None] = None,
    ) -> Response:
        agreement, _view, a, b, old, new = await _comparison(context, agreement_id, a, b)
        content = redline.redline_docx(agreement.title, old, new)
        return Response(
            content,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={
                "Content-Disposition": f'attachment; filename="agreement-{agreement.id}-'
                f'{a or "base"}-{b or "draft"}.docx"'
            },
        )

    @post("/{agreement_id:int}/extensions", opt={"permission": BARGAIN})
    async def extend(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            ExtensionForm,
            lambda form: extension.propose(context, agreement_id, form),
            form=_form(request, context, agreement_id, "extend"),
            done=lambda new_id: redirect(request, f"{_base(context)}/{new_id}"),
            success=_("The extension was proposed: the union now puts it to the vote of all "
                      "workers (Labour Code 45/2019/QH14, Art. 83)."),
            conflict=here,
        )  # fmt: skip

    @post("/{agreement_id:int}/extension/sign", opt={"permission": SIGN})
    async def sign_extension(
        self, request: Request, context: Context, agreement_id: Id
    ) -> Response:
        here = self._here(context, agreement_id)
        return await submit(
            request,
            ExtensionSignForm,
            lambda form: extension.sign(context, agreement_id, form),
            form=_form(request, context, agreement_id, "sign"),
            done=here,
            success=_("The extension was signed and the new expiry recorded; publish it and "
                      "file it with Sở Nội vụ within 10 days."),
            conflict=here,
        )  # fmt: skip

    @post("/{agreement_id:int}/amend", opt={"permission": BARGAIN})
    async def amend(self, request: Request, context: Context, agreement_id: Id) -> Response:
        here = self._here(context, agreement_id)

        async def action(form: RequestForm) -> int:
            agreement = await inputs.agreement(context, agreement_id)
            if not may_amend_or_extend(agreement):
                raise Conflict(_("Only a signed agreement is amended."))
            return await bargaining.create_request(
                context, form, kind=AgreementKind.AMENDMENT, amends=agreement.id
            )

        return await submit(
            request,
            RequestForm,
            action,
            form=_form(request, context, agreement_id, "amend"),
            done=lambda new_id: redirect(request, f"{_base(context)}/{new_id}"),
            success=_(
                "The amendment is bargained, voted and signed like the agreement (Labour Code "
                "45/2019/QH14, Art. 82)."
            ),
            conflict=here,
        )


async def public_section(enterprise) -> dict[str, Any] | None:
    return await queries.published_for_public(enterprise)


class PublicAgreementController(Controller):
    """The anonymised copy of a published agreement, for the workers' page (no account)."""

    path = "/p/{token:str}/agreements"

    @get("/{published_id:int}/copy.docx", opt={"public": True})
    async def public_copy(self, token: FromPath[str], published_id: FromPath[int]) -> Response:
        enterprise = await enterprises.by_public_token(token)
        agreement = (
            await Agreement.objects()
            .where(
                (Agreement.id == published_id)
                & (Agreement.enterprise == enterprise.id)
                & Agreement.published_on.is_not_null()
                & (Agreement.kind != AgreementKind.EXTENSION.value)
            )
            .first()
        )
        if agreement is None:
            raise NotFound
        content = await issue.public_copy(enterprise, agreement)
        return Response(
            content,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="thoa-uoc-{agreement.id}.docx"'},
        )


ROUTES = [AgreementsController, PublicAgreementController]
