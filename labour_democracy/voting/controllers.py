"""Pages of the voting engine: organising a consultation or ballot, and voting with a code."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import enterprises, throttle
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.documents.controllers import content_disposition
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import (
    codes,
    documents,
    listing,
    permissions,
    rules,
    services,
    slips,
    tally,
    voters,
)
from labour_democracy.voting import labels as _labels
from labour_democracy.voting.permissions import MANAGE_BALLOTS
from labour_democracy.voting.schemas import BallotForm, QuestionForm, TallySheetForm
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    BallotStatus,
    Channel,
    Channels,
    ElectionMethod,
    ElectorateKind,
    QuestionKind,
    Secrecy,
    TallyKind,
)
from labour_democracy.web.forms import FieldError, convert, form_values, parse, read_form
from labour_democracy.web.params import Context, FromPath, FromQuery, Id, client_address
from labour_democracy.web.responses import HTMX_STOP_POLLING, flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

PUBLIC = {"public": True}
MANAGE = {"permission": MANAGE_BALLOTS}
# What a new ballot's form and a new question's form start with (the Structs' defaults).
NEW_BALLOT = {
    "secrecy": "secret",
    "channels": "both",
    "electorate_kind": "all_workers",
    "quorum_comparator": "ge",
    "quorum_numerator": 0,
    "quorum_denominator": 1,
}
NEW_QUESTION = {
    "kind": "motion",
    "max_selections": 1,
    "seats": 1,
    "method": "tick",
    "rule_comparator": "gt",
    "rule_numerator": 1,
    "rule_denominator": 2,
    "rule_base": "valid",
}


async def _quorum_form(request: Request) -> dict:
    """The ballot form, its quorum chosen in words spelt out as the fraction."""
    return rules.expand_choice(
        await read_form(request), "quorum", rules.QUORUM_CHOICES, with_base=False
    )


# Enums and helpers the voting templates use.
ENUMS = {
    "describe_rule": _labels.describe_rule,
    "of_electorate": _labels.of_electorate,
    "quorum_choices": rules.QUORUM_CHOICES,
    "pass_choices": rules.PASS_CHOICES,
    "describe_rule_text": _labels.describe_rule_text,
    "Channels": Channels,
    "ElectionMethod": ElectionMethod,
    "ElectorateKind": ElectorateKind,
    "QuestionKind": QuestionKind,
    "Secrecy": Secrecy,
    "TallyKind": TallyKind,
}


def _base(context) -> str:
    return f"/enterprises/{context.enterprise_id}/ballots"


def _record_ids(raw: Any) -> list[int]:
    """Ticked rows (checkbox values) as ids; a value the page never sends is refused."""
    try:
        return convert(raw, list[int])
    except FieldError as error:
        raise Invalid(str(error)) from None


def read_answers(data: dict[str, Any], questions: list[dict]) -> voters.Answers:
    """Form fields q<id> (radio or checkboxes) -> {question id: option ids or "invalid"}."""
    answers: voters.Answers = {}
    for question in questions:
        raw = data.get(f"q{question['id']}", [])
        values = raw if isinstance(raw, list) else [raw]
        if "invalid" in values:
            answers[question["id"]] = "invalid"
            continue
        chosen = []
        for value in values:
            try:
                chosen.append(int(value))
            except (TypeError, ValueError):
                continue
        answers[question["id"]] = chosen
    return answers


class BallotController(Controller):
    path = "/enterprises/{enterprise_id:int}/ballots"

    @get("/")
    async def index(
        self,
        request: Request,
        context: Context,
        status: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        ballots = await listing.list_ballots(context, status, page)
        return render(
            request,
            "voting/ballots.html",
            ectx=context,
            listing=ballots,
            status=status or "",
            can_manage=context.can(MANAGE_BALLOTS),
        )

    @get("/new", opt=MANAGE)
    async def new(self, request: Request, context: Context) -> Template:
        return await _ballot_form(request, context, None, NEW_BALLOT, {})

    @post("/new", opt=MANAGE)
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            BallotForm,
            lambda form: services.create_ballot(context, form),
            data=await _quorum_form(request),
            form=lambda values, errors: _ballot_form(request, context, None, values, errors),
            done=lambda ballot_id: redirect(request, f"{_base(context)}/{ballot_id}"),
            success=_("The vote was created. Add its questions."),
        )

    @get("/{ballot_id:int}")
    async def detail(self, request: Request, context: Context, ballot_id: Id) -> Template:
        return await _detail(request, context, ballot_id, NEW_QUESTION, {})

    @get("/{ballot_id:int}/edit", opt=MANAGE)
    async def edit(self, request: Request, context: Context, ballot_id: Id) -> Template:
        ballot = await services.get_ballot(context, ballot_id)
        return await _ballot_form(request, context, ballot, listing.form_values_of(ballot), {})

    @post("/{ballot_id:int}/edit", opt=MANAGE)
    async def update(self, request: Request, context: Context, ballot_id: Id) -> Response:
        ballot = await services.get_ballot(context, ballot_id)
        return await submit(
            request,
            BallotForm,
            lambda form: services.update_ballot(context, ballot_id, form),
            data=await _quorum_form(request),
            form=lambda values, errors: _ballot_form(request, context, ballot, values, errors),
            done=f"{_base(context)}/{ballot_id}",
            success=_("The vote's settings were saved."),
        )

    @post("/{ballot_id:int}/questions", opt=MANAGE)
    async def add_question(self, request: Request, context: Context, ballot_id: Id) -> Response:
        return await submit(
            request,
            QuestionForm,
            lambda form: services.add_question(context, ballot_id, form),
            data=rules.expand_choice(
                await read_form(request), "rule", rules.PASS_CHOICES, with_base=True
            ),
            form=lambda values, errors: _detail(request, context, ballot_id, values, errors),
            done=f"{_base(context)}/{ballot_id}#questions",
            success=_("The question was added."),
        )

    @post("/{ballot_id:int}/questions/delete", opt=MANAGE)
    async def delete_question(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        try:
            question_id = convert(data.get("question_id", ""), int)
        except FieldError:
            raise Invalid(_("Choose a question.")) from None
        await services.delete_question(context, ballot_id, question_id)
        flash(request, _("The question was removed."))
        return redirect(request, f"{_base(context)}/{ballot_id}#questions")

    @post("/{ballot_id:int}/attachment", opt=MANAGE)
    async def attach(self, request: Request, context: Context, ballot_id: Id) -> Response:
        form = await request.form()
        upload = form.get("attachment")
        if upload is None or not getattr(upload, "filename", ""):
            return await _detail(
                request, context, ballot_id, {}, {"attachment": _("Choose a file to attach.")}
            )
        content = await upload.read()
        try:
            await services.attach_document(
                context,
                ballot_id,
                upload.filename,
                upload.content_type or "application/octet-stream",
                content,
            )
        except Invalid as error:  # an upload, not a parsed form: the page shows the file's error
            return await _detail(request, context, ballot_id, {}, error.errors)
        flash(request, _("The document was attached."))
        return redirect(request, f"{_base(context)}/{ballot_id}")

    @get("/{ballot_id:int}/attachment")
    async def attachment(self, context: Context, ballot_id: Id) -> Response:
        ballot = await services.get_ballot(context, ballot_id)
        return _attachment_response(ballot)

    @get("/{ballot_id:int}/electors", opt=MANAGE)
    async def electors(
        self, request: Request, context: Context, ballot_id: Id, q: FromQuery[str | None] = None
    ) -> Template:
        ballot = await services.get_ballot(context, ballot_id)
        return render(
            request,
            "voting/electors.html",
            ectx=context,
            ballot=ballot,
            q=q or "",
            choices=await listing.elector_choices(context, ballot, q),
            errors={},
        )

    @post("/{ballot_id:int}/electors", opt=MANAGE)
    async def set_electors(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        ids = _record_ids(data.get("workers", []))
        count = await services.set_named_list(context, ballot_id, ids)
        flash(request, _("The electorate now lists {n} people.").format(n=count))
        return redirect(request, f"{_base(context)}/{ballot_id}")

    @post("/{ballot_id:int}/slips", opt=MANAGE)
    async def issue_slips(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        if data.get("confirm_reprint") != "on" and await listing.slips_issued(ballot_id):
            message = _("Printing again cancels every slip printed before: tick the box.")
            return await _detail(
                request, context, ballot_id, form_values(data), {"confirm_reprint": message}
            )
        issued = await services.issue_codes(context, ballot_id)
        ballot = await services.get_ballot(context, ballot_id)
        content = await slips.render(context, ballot, issued)
        return _download(content, f"phieu-{ballot.id}.docx")

    @post("/{ballot_id:int}/slips/replace", opt=MANAGE)
    async def replace_slip(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        try:
            serial = convert(data.get("serial", ""), int)
        except FieldError:
            return await _detail(
                request,
                context,
                ballot_id,
                form_values(data),
                {"serial": _("Enter the number printed on the slip.")},
            )
        try:
            issued = await services.replace_code(context, ballot_id, serial)
        except Invalid as error:  # the answer is a download, not a page: a refusal draws the page
            return await _detail(request, context, ballot_id, form_values(data), error.errors)
        ballot = await services.get_ballot(context, ballot_id)
        content = await slips.render(context, ballot, [issued])
        return _download(content, f"phieu-{ballot.id}-{issued.serial}.docx")

    @get("/{ballot_id:int}/signature-sheet.docx", opt=MANAGE)
    async def signature_sheet(self, request: Request, context: Context, ballot_id: Id) -> Response:
        ballot = await services.get_ballot(context, ballot_id)
        if ballot.frozen_at is None:
            flash(
                request,
                _("The electorate is fixed when the slips are printed; print them first."),
                "warning",
            )
            return redirect(request, f"{_base(context)}/{ballot_id}")
        return _download(
            await documents.signature_sheet(context, ballot), f"ky-nhan-phieu-{ballot.id}.docx"
        )

    @post("/{ballot_id:int}/received", opt=MANAGE)
    async def slips_received(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        ids = _record_ids(data.get("electors", []))
        count = await services.record_slips_received(context, ballot_id, ids)
        flash(request, _("{n} signatures recorded.").format(n=count))
        return redirect(request, f"{_base(context)}/{ballot_id}#slips")

    @post("/{ballot_id:int}/open", opt=MANAGE)
    async def open(self, request: Request, context: Context, ballot_id: Id) -> Response:
        await services.open_ballot(context, ballot_id)
        flash(request, _("Voting is open."))
        return redirect(request, f"{_base(context)}/{ballot_id}")

    @post("/{ballot_id:int}/close", opt=MANAGE)
    async def close(self, request: Request, context: Context, ballot_id: Id) -> Response:
        await services.close_ballot(context, ballot_id)
        flash(request, _("Voting is closed and counted."))
        return redirect(request, f"{_base(context)}/{ballot_id}")

    @get("/{ballot_id:int}/paper", opt=MANAGE)
    async def paper_form(self, request: Request, context: Context, ballot_id: Id) -> Template:
        return await _paper_page(request, context, ballot_id, {}, {}, None)

    @post("/{ballot_id:int}/paper", opt=MANAGE)
    async def record_paper(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        questions = await services.questions_with_options(ballot_id)
        try:
            await voters.record_paper_ballot(
                context, ballot_id, str(data.get("code", "")), read_answers(data, questions)
            )
        except (Invalid, Conflict) as error:  # a spent code is a Conflict shown on the code field
            errors = error.errors if isinstance(error, Invalid) else {"code": str(error)}
            return await _paper_page(request, context, ballot_id, form_values(data), errors, None)
        return await _paper_page(
            request,
            context,
            ballot_id,
            {},
            {},
            _("The paper ballot was recorded. Enter the next one."),
        )

    @get("/{ballot_id:int}/tally-sheet", opt=MANAGE)
    async def tally_form(self, request: Request, context: Context, ballot_id: Id) -> Template:
        return await _tally_page(request, context, ballot_id, {}, {})

    @post("/{ballot_id:int}/tally-sheet", opt=MANAGE)
    async def add_tally(self, request: Request, context: Context, ballot_id: Id) -> Response:
        data = await read_form(request)
        questions = await services.questions_with_options(ballot_id)

        async def record(data: dict) -> None:
            errors: dict[str, str] = {}
            form = counts = None
            try:  # the sheet's fields and its counts are checked together: every error at once
                form = parse(TallySheetForm, data)
            except Invalid as error:
                errors.update(error.errors)
            try:
                counts = listing.read_counts(data, questions)
            except Invalid as error:
                errors.update(error.errors)
            if errors:
                raise Invalid(errors)
            await services.add_tally_sheet(context, ballot_id, form, counts)

        return await submit(
            request,
            None,
            record,
            form=lambda values, errors: _tally_page(request, context, ballot_id, values, errors),
            done=f"{_base(context)}/{ballot_id}",
            success=_("The counted totals were recorded."),
            data=data,
        )

    @get("/{ballot_id:int}/projector")
    async def projector(self, request: Request, context: Context, ballot_id: Id) -> Template:
        ballot = await services.get_ballot(context, ballot_id)
        template = "voting/_turnout.html" if is_htmx(request) else "voting/projector.html"
        page = render(
            request,
            template,
            ectx=context,
            ballot=ballot,
            turnout=await services.turnout(ballot),
            **ENUMS,
        )
        if is_htmx(request) and ballot.status == BallotStatus.CLOSED:
            page.status_code = HTMX_STOP_POLLING  # the last figures; nothing changes any more
        return page

    @get("/{ballot_id:int}/minutes")
    async def minutes(self, request: Request, context: Context, ballot_id: Id) -> Response:
        ballot = await services.get_ballot(context, ballot_id)
        if not permissions.counted(ballot):
            flash(request, _("The vote-count minutes exist once the vote is closed."), "warning")
            return redirect(request, f"{_base(context)}/{ballot_id}")
        return redirect(
            request, f"/enterprises/{context.enterprise_id}/documents/{ballot.minutes}/docx"
        )


async def _ballot_form(request, context, ballot, values, errors) -> Template:
    return render(
        request,
        "voting/ballot_form.html",
        status_code=422 if errors else 200,
        ectx=context,
        ballot=ballot,
        values=values,
        errors=errors,
        units=await enterprises.org_unit_tree(context),
        **ENUMS,
    )


async def _detail(request, context, ballot_id, values, errors) -> Template:
    ballot = await services.get_ballot(context, ballot_id)
    view = await listing.ballot_view(context, ballot)
    return render(
        request,
        "voting/ballot.html",
        status_code=422 if errors else 200,
        ectx=context,
        ballot=ballot,
        view=view,
        values=values,
        errors=errors,
        can_manage=context.can(MANAGE_BALLOTS),
        counted=permissions.counted(ballot),
        **ENUMS,
    )


async def _paper_page(request, context, ballot_id, values, errors, done) -> Template:
    ballot = await services.get_ballot(context, ballot_id)
    return render(
        request,
        "voting/paper.html",
        status_code=422 if errors else 200,
        ectx=context,
        ballot=ballot,
        questions=await services.questions_with_options(ballot_id),
        turnout=await services.turnout(ballot),
        values=values,
        errors=errors,
        done=done,
    )


async def _tally_page(request, context, ballot_id, values, errors) -> Template:
    ballot = await services.get_ballot(context, ballot_id)
    return render(
        request,
        "voting/tally_sheet.html",
        status_code=422 if errors else 200,
        ectx=context,
        ballot=ballot,
        questions=await services.questions_with_options(ballot_id),
        values=values,
        errors=errors,
        **ENUMS,
    )


def _download(content: bytes, filename: str) -> Response:
    return Response(
        content,
        status_code=200,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _attachment_response(ballot: Ballot) -> Response:
    if ballot.attachment is None:
        raise NotFound
    # The uploader chose the name and the type: always a download (a Vietnamese name through
    # RFC 5987, as for issued documents), and never sniffed into a page.
    return Response(
        ballot.attachment,
        media_type=ballot.attachment_type,
        headers={
            "Content-Disposition": content_disposition(ballot.attachment_name or "file"),
            "X-Content-Type-Options": "nosniff",
        },
    )


# The worker's side: no account, a code. --------------------------------------------------------

# Guessing codes from one address is slowed down: a code of the right form (its check character
# agrees) that names no slip counts; typing mistakes almost never keep the check character right,
# so voters behind one address (a factory's network) are not held back by their typos. The
# count is a row per address (core/throttle.py), read once per code entered.
CODE_GUESSES = throttle.Policy(free=20, first_delay=5, max_delay=60)


async def _resolve(request: Request, typed: str, check_unused: bool = True) -> voters.VoterBallot:
    """`voters.resolve_code`, behind the per-address limit on unknown codes."""
    row_key = throttle.key("vote-code", client_address(request))
    if wait := await throttle.seconds_to_wait(row_key):
        raise Invalid(
            {
                "code": _(
                    "Too many unknown codes were typed from this connection. Try again in "
                    "{wait}, and check the code on your slip carefully."
                ).format(wait=throttle.wait_words(wait))
            }
        )
    try:
        return await voters.resolve_code(typed, check_unused=check_unused)
    except Invalid:
        code = rules.normalise_code(typed or "")
        if code is not None and not await BallotCode.exists().where(
            BallotCode.code_hash == codes.code_hash(code)
        ):
            await throttle.record(row_key, CODE_GUESSES)
        raise


class VoterController(Controller):
    path = "/v"
    opt = PUBLIC

    @get("/")
    async def start(
        self,
        request: Request,
        c: FromQuery[str | None] = None,
        code: FromQuery[str | None] = None,
    ) -> Template:
        # Slips printed before the code moved into the link's fragment (#code=, read by
        # static/voter-code.js) carry it in the query: they still work.
        if c or code:
            return await _voter_ballot(request, c or code, {}, {})
        return render(request, "voting/voter_code.html", values={}, errors={})

    @post("/")
    async def enter_code(self, request: Request) -> Template:
        data = await read_form(request)
        return await _voter_ballot(request, str(data.get("code", "")), {}, {})

    @post("/review")
    async def review(self, request: Request) -> Template:
        data = await read_form(request)
        code = str(data.get("code", ""))
        try:
            voter = await _resolve(request, code)
        except voters.CodeUsed as used:
            return _already_counted(request, used)
        except Invalid as error:  # the voter's pages: an unknown code goes back to the code page
            return render(
                request,
                "voting/voter_code.html",
                status_code=422,
                values={"code": code},
                errors=error.errors,
            )
        answers = read_answers(data, voter.questions)
        try:
            voters.check_answers(voter.questions, answers, allow_invalid=False)
        except Invalid as error:  # checked before the review page, which is not a form
            return await _voter_ballot(request, code, answers, error.errors)
        return render(
            request,
            "voting/voter_review.html",
            voter=voter,
            answers=answers,
            summary=listing.answer_summary(voter.questions, answers),
        )

    @post("/cast")
    async def cast(self, request: Request) -> Template:
        data = await read_form(request)
        code = str(data.get("code", ""))
        try:
            voter = await _resolve(request, code, check_unused=False)
            answers = read_answers(data, voter.questions)
            receipt = await voters.cast(voter, answers, Channel.ONLINE)
        except (voters.CodeUsed, voters.AlreadyCounted) as used:
            return _already_counted(request, used)
        except Invalid as error:  # which page depends on the field that was refused
            if "code" in error.errors:
                return render(
                    request,
                    "voting/voter_code.html",
                    status_code=422,
                    values={"code": code},
                    errors=error.errors,
                )
            return await _voter_ballot(
                request, code, read_answers(data, voter.questions), error.errors
            )
        except Conflict as error:
            return render(
                request,
                "voting/voter_code.html",
                status_code=409,
                values={"code": code},
                errors={"code": str(error)},
            )
        return render(request, "voting/voter_receipt.html", receipt=receipt, ballot=voter.ballot)


@get("/V/{code:str}", opt=PUBLIC)
async def qr_link(request: Request, code: FromPath[str]) -> Template:
    """The upper-case address printed in the slips' QR codes (see voting/slips.py)."""
    return await _voter_ballot(request, code, {}, {})


def _already_counted(request, used: voters.CodeUsed | voters.AlreadyCounted) -> Template:
    """A code that has voted: its vote was counted, and here is its receipt again."""
    return render(
        request, "voting/voter_receipt.html", receipt=used.receipt, ballot=used.ballot, again=True
    )


async def _voter_ballot(request, code, answers, errors) -> Template:
    try:
        voter = await _resolve(request, code)
    except voters.CodeUsed as used:
        return _already_counted(request, used)
    except Invalid as error:  # a code from a QR address, not a form
        return render(
            request,
            "voting/voter_code.html",
            status_code=422,
            values={"code": code},
            errors=error.errors,
        )
    return render(
        request,
        "voting/voter_ballot.html",
        status_code=422 if errors else 200,
        voter=voter,
        answers=answers,
        errors=errors,
        **ENUMS,
    )


class PublicResultController(Controller):
    """Published results and receipts of a closed vote, for the workers (no account)."""

    path = "/r"
    opt = PUBLIC

    @get("/{token:str}")
    async def result(
        self, request: Request, token: FromPath[str], receipt: FromQuery[str | None] = None
    ) -> Template:
        ballot = await listing.published_ballot(token)
        result = tally.unseal(ballot.result)
        receipts = await tally.receipts(ballot.id)
        found = None
        if receipt:
            found = rules.normalise_receipt(receipt) in receipts
        return render(
            request,
            "voting/public_result.html",
            ballot=ballot,
            result=result,
            receipts=receipts,
            receipt=receipt or "",
            found=found,
            enterprise_name=await listing.enterprise_name(ballot.enterprise),
            **ENUMS,
        )

    @get("/{token:str}/attachment")
    async def attachment(self, token: FromPath[str]) -> Response:
        return _attachment_response(await listing.published_ballot(token, closed=False))


ROUTES = [BallotController, VoterController, qr_link, PublicResultController]
