"""Use cases for notices: issue one (numbered, rendered, stored), list them, read one."""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import ISSUE_NOTICE, VIEW_DOCUMENTS
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.documents import rules as document_rules
from labour_democracy.documents import services as documents
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.notices.documents import KIND, TEMPLATE, TYPE_CODE, notice_context
from labour_democracy.notices.schemas import NoticeForm
from labour_democracy.notices.tables import Notice

# "Nơi nhận" of a notice lists who receives it (Decree 30/2020, Appendix I, II.9(c)); "Như
# trên" only refers back to a "Kính gửi" line, which letters have and notices do not.
DEFAULT_RECIPIENTS = "Toàn thể người lao động;\nLưu: VT, HCNS."
_LENGTH_LIMITS = {
    "subject": 500,
    "place": 100,
    "signer_authority": 255,
    "signer_title": 255,
    "signer_name": 255,
}
BODY_LIMIT = 20_000


async def form_defaults(context: EnterpriseContext) -> dict[str, str]:
    """A new notice: today, the enterprise's place, signed by its legal representative."""
    head = await documents.letterhead(context)
    return {
        "place": head.place,
        "issued_on": today().isoformat(),
        "signer_authority": "",
        "signer_title": head.signer_title,
        "signer_name": head.signer_name,
        "recipients": DEFAULT_RECIPIENTS,
    }


def _validate(form: NoticeForm) -> None:
    errors: dict[str, str] = {}
    for field, limit in _LENGTH_LIMITS.items():
        if len(getattr(form, field) or "") > limit:
            errors[field] = _("At most {n} characters.").format(n=limit)
    if len(form.body) > BODY_LIMIT:
        errors["body"] = _("At most {n} characters.").format(n=BODY_LIMIT)
    this_year = today().year
    if form.issued_on.year != this_year:
        errors["issued_on"] = _(
            "Date the notice in {year}: document numbers restart on 1 January, so a notice "
            "takes its number from the year it is issued (Decree 30/2020/NĐ-CP, Art. 15)."
        ).format(year=this_year)
    lines = [line for line in form.recipients.splitlines() if line.strip()]
    if not lines or not document_rules.files_the_original(lines[-1]):
        errors["recipients"] = _(
            'Put one recipient per line and end with the archive copy, e.g. "Lưu: VT, HCNS." '
            "(Decree 30/2020/NĐ-CP, Appendix I, II.9)."
        )
    if errors:
        raise Invalid(errors)


async def create_notice(context: EnterpriseContext, form: NoticeForm) -> int:
    """Issue a notice to the workers: numbered "NN/TB-<symbol>", stored with its file."""
    if not context.can(ISSUE_NOTICE):
        raise Forbidden
    _validate(form)
    head = await documents.letterhead(context)
    document_context = notice_context(
        issuer=head.issuer,
        subject=form.subject,
        body=form.body,
        place=form.place,
        issued_on=form.issued_on,
        signer_authority=form.signer_authority or "",
        signer_title=form.signer_title,
        signer_name=form.signer_name,
        recipients=form.recipients,
    )
    async with write_transaction():
        document = await documents.issue(
            context,
            kind=KIND,
            type_code=TYPE_CODE,
            title=form.subject,
            template=TEMPLATE,
            document_context=document_context,
            on=form.issued_on,
        )
        notice = Notice(
            enterprise=context.enterprise_id,
            document=document.id,
            subject=form.subject,
            body=form.body.strip(),
            place=form.place,
            issued_on=form.issued_on,
            signer_authority=form.signer_authority or "",
            signer_title=form.signer_title,
            signer_name=form.signer_name,
            recipients="\n".join(document_context["recipients"]),
            created_by=context.actor.id,
        )
        await notice.save()
        await audit.record(
            context.actor,
            "notice.created",
            "notice",
            notice.id,
            context.enterprise_id,
            document=document.id,
            reference=document.reference,
        )
    return notice.id


def _require_view(context: EnterpriseContext) -> None:
    if not context.can(VIEW_DOCUMENTS):
        raise Forbidden


async def list_notices(context: EnterpriseContext, page: int = 1, per_page: int = 20) -> Page:
    _require_view(context)
    clause = Notice.enterprise == context.enterprise_id
    total = await Notice.count().where(clause)
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = (
        await Notice.select(
            Notice.id,
            Notice.subject,
            Notice.issued_on,
            Notice.signer_name,
            Notice.document.reference.as_alias("reference"),
        )
        .where(clause)
        .order_by(Notice.issued_on, Notice.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def get_notice(context: EnterpriseContext, notice_id: int) -> dict:
    """The notice with its document's reference and checksum (not the file)."""
    _require_view(context)
    await get_owned(context, Notice, notice_id)
    return (
        await Notice.select(
            *Notice.all_columns(),
            Notice.document.reference.as_alias("reference"),
            Notice.document.sha256.as_alias("sha256"),
        )
        .where(Notice.id == notice_id)
        .first()
    )
