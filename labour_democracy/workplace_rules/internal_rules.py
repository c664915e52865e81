"""Use cases of the internal labour rules (Nội quy lao động, Labour Code Arts. 118-121): the
Art. 118(2) contents, the representative organisation's opinion, issuing, the registration
dossier to Sở Nội vụ within 10 days, and the authority's reply. Only for 10+ workers."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from labour_democracy.core import audit
from labour_democracy.core.enterprises import workforce
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Representation
from labour_democracy.db import write_transaction
from labour_democracy.documents import services as issuing
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.workplace_rules import documents, rules
from labour_democracy.workplace_rules.permissions import COMMENT_RULES, EDIT_RULES, VIEW_RULES
from labour_democracy.workplace_rules.regulation import require
from labour_democracy.workplace_rules.schemas import (
    ConsultRulesForm,
    ContentsForm,
    FileRulesForm,
    IssueRulesForm,
    ReplyForm,
)
from labour_democracy.workplace_rules.tables import InternalRules, InternalRulesStatus


@dataclass
class RulesView:
    rules: InternalRules | None
    contents: dict[str, str]
    missing: list[str]
    workforce: int
    has_representative: bool
    registration_due: dt.date | None
    reply_due: dt.date | None
    effective_on: dt.date | None
    late: bool

    @property
    def required(self) -> bool:
        return rules.internal_rules_required(self.workforce)


async def latest(enterprise_id: int) -> InternalRules | None:
    return (
        await InternalRules.objects()
        .where(InternalRules.enterprise == enterprise_id)
        .order_by(InternalRules.number, ascending=False)
        .first()
    )


async def overview(context: EnterpriseContext) -> RulesView:
    require(context, VIEW_RULES)
    found = await latest(context.enterprise_id)
    contents = json.loads(found.contents) if found else {}
    saturday = bool(context.enterprise.saturday_works)
    due = rules.registration_due(found.issued_on) if found and found.issued_on else None
    return RulesView(
        rules=found,
        contents=contents,
        missing=rules.missing_contents(contents),
        workforce=(await workforce(context.enterprise_id)).count,
        has_representative=context.enterprise.representation != Representation.NONE,
        registration_due=due,
        reply_due=rules.authority_reply_due(found.filed_on, saturday)
        if found and found.filed_on
        else None,
        effective_on=rules.internal_rules_effective_on(found.filed_on)
        if found and found.filed_on
        else None,
        late=bool(due and (found.filed_on or today()) > due),
    )


async def _required(context: EnterpriseContext, permission=EDIT_RULES) -> None:
    require(context, permission)
    if not rules.internal_rules_required((await workforce(context.enterprise_id)).count):
        raise Conflict(
            _(
                "Written internal labour rules and their registration start at 10 workers "
                "(Labour Code 45/2019/QH14, Arts. 118(1), 119(1))."
            )
        )


async def _draft(context: EnterpriseContext) -> InternalRules:
    found = await latest(context.enterprise_id)
    if found is None or found.status in (InternalRulesStatus.REGISTERED,):
        found = InternalRules(
            enterprise=context.enterprise_id, number=(found.number + 1) if found else 1
        )
        await found.save()
    return found


async def save_contents(context: EnterpriseContext, form: ContentsForm) -> None:
    await _required(context)
    texts = {key: (getattr(form, key) or "").strip() for key in rules.INTERNAL_RULES_KEYS}
    too_long = {
        key: _("At most {n} characters.").format(n=20_000)
        for key, v in texts.items()
        if len(v) > 20_000
    }
    if too_long:
        raise Invalid(too_long)
    async with write_transaction():
        found = await _draft(context)
        if found.status not in (InternalRulesStatus.DRAFT, InternalRulesStatus.TO_AMEND):
            raise Conflict(_("These rules are issued; they change once the authority asks."))
        await InternalRules.update(
            {InternalRules.contents: json.dumps(texts, ensure_ascii=False)}
        ).where(InternalRules.id == found.id)
        await audit.record(
            context.actor,
            "internal_rules.contents",
            "internal_rules",
            found.id,
            context.enterprise_id,
        )


async def record_consultation(context: EnterpriseContext, form: ConsultRulesForm) -> None:
    """The representative organisation's opinion (Labour Code Art. 118(3)), recorded by the
    union itself or by HR from its letter."""
    await _required(context, COMMENT_RULES)
    found = await latest(context.enterprise_id)
    if found is None or found.status not in (
        InternalRulesStatus.DRAFT,
        InternalRulesStatus.TO_AMEND,
    ):
        raise Conflict(_("Write the contents first."))
    errors = {}
    if not form.opinion.strip() or len(form.opinion) > 20_000:
        errors["opinion"] = _("Summarise the representative organisation's opinion.")
    if form.consulted_on > today():
        errors["consulted_on"] = _("This date cannot be in the future.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await InternalRules.update(
            {
                InternalRules.consulted_on: form.consulted_on,
                InternalRules.consultation_opinion: form.opinion.strip(),
            }
        ).where(InternalRules.id == found.id)
        await audit.record(
            context.actor,
            "internal_rules.consulted",
            "internal_rules",
            found.id,
            context.enterprise_id,
        )


async def issue(context: EnterpriseContext, form: IssueRulesForm) -> None:
    """Sign the rules: every Art. 118(2) content, and the opinion where a representative
    organisation exists (Art. 118(3))."""
    await _required(context)
    view = await overview(context)
    found = view.rules
    if found is None or found.status not in (
        InternalRulesStatus.DRAFT,
        InternalRulesStatus.TO_AMEND,
    ):
        raise Conflict(_("Write the contents first."))
    if view.missing:
        raise Invalid(
            {
                "": _(
                    "Some contents the law requires are missing (Labour Code 45/2019/QH14, Art. "
                    "118(2))."
                )
            }
        )
    if view.has_representative and found.consulted_on is None:
        raise Invalid(
            {
                "": _(
                    "Record the representative organisation's opinion first "
                    "(Labour Code 45/2019/QH14, Art. 118(3))."
                )
            }
        )
    if form.issued_on > today() or (found.consulted_on and form.issued_on < found.consulted_on):
        raise Invalid({"issued_on": _("Issue on a day between the consultation and today.")})
    async with write_transaction():
        await InternalRules.update(
            {
                InternalRules.status: InternalRulesStatus.ISSUED,
                InternalRules.issued_on: form.issued_on,
                InternalRules.filed_on: None,
                InternalRules.reply_on: None,
            }
        ).where(InternalRules.id == found.id)
        await audit.record(
            context.actor,
            "internal_rules.issued",
            "internal_rules",
            found.id,
            context.enterprise_id,
        )


async def file_dossier(context: EnterpriseContext, form: FileRulesForm) -> bool:
    """Record the dossier received by the authority and issue its covering letter; returns
    whether it was late (Art. 119(2): within 10 days of issuing)."""
    await _required(context)
    found = await latest(context.enterprise_id)
    if found is None or found.status != InternalRulesStatus.ISSUED:
        raise Conflict(_("Issue the internal labour rules before filing them."))
    errors = {}
    if not form.authority.strip() or len(form.authority) > 255:
        errors["authority"] = _("Name the authority, e.g. Sở Nội vụ tỉnh Bắc Ninh.")
    if form.filed_on > today() or form.filed_on < found.issued_on:
        errors["filed_on"] = _("File on a day between the issue and today.")
    if form.filed_on.year != today().year:
        errors["filed_on"] = _("Date the letter in this year (Decree 30/2020/NĐ-CP, Art. 15).")
    if errors:
        raise Invalid(errors)
    head = await issuing.letterhead(context)
    async with write_transaction():
        letter = await issuing.issue(
            context,
            kind=documents.REGISTRATION_KIND,
            type_code="",
            title="Đăng ký nội quy lao động",
            template=documents.REGISTRATION,
            document_context=documents.registration_context(
                issuer=head.issuer,
                place=head.place,
                on=form.filed_on,
                signer_title=head.signer_title,
                signer_name=head.signer_name,
                authority=form.authority.strip(),
                issued_on=found.issued_on,
                consulted=found.consulted_on is not None,
            ),
            on=form.filed_on,
        )
        await InternalRules.update(
            {
                InternalRules.status: InternalRulesStatus.FILED,
                InternalRules.filed_on: form.filed_on,
                InternalRules.authority: form.authority.strip(),
                InternalRules.dossier_document: letter.id,
            }
        ).where(InternalRules.id == found.id)
        await audit.record(
            context.actor,
            "internal_rules.filed",
            "internal_rules",
            found.id,
            context.enterprise_id,
            document=letter.id,
        )
    return form.filed_on > rules.registration_due(found.issued_on)


async def record_reply(context: EnterpriseContext, form: ReplyForm) -> None:
    """The authority's answer: registered, or amendments asked (Art. 119(3))."""
    await _required(context)
    found = await latest(context.enterprise_id)
    if found is None or found.status != InternalRulesStatus.FILED:
        raise Conflict(_("Record the filing first."))
    errors = {}
    if form.outcome not in ("registered", "to_amend"):
        errors["outcome"] = _("Choose one of the options offered.")
    if form.outcome == "to_amend" and not form.reply.strip():
        errors["reply"] = _("Write what the authority asks to amend.")
    if form.reply_on > today() or form.reply_on < found.filed_on:
        errors["reply_on"] = _("Enter a day between the filing and today.")
    if len(form.reply) > 20_000:
        errors["reply"] = _("At most {n} characters.").format(n=20_000)
    if errors:
        raise Invalid(errors)
    status = (
        InternalRulesStatus.REGISTERED
        if form.outcome == "registered"
        else InternalRulesStatus.TO_AMEND
    )
    async with write_transaction():
        changes = {
            InternalRules.status: status,
            InternalRules.reply_on: form.reply_on,
            InternalRules.reply: form.reply.strip(),
        }
        if status == InternalRulesStatus.TO_AMEND:
            # The amended rules are consulted on again before they are issued (Art. 118(3)).
            changes[InternalRules.consulted_on] = None
        await InternalRules.update(changes).where(InternalRules.id == found.id)
        await audit.record(
            context.actor,
            "internal_rules.reply",
            "internal_rules",
            found.id,
            context.enterprise_id,
            status=status.value,
        )


async def get(context: EnterpriseContext, rules_id: int) -> InternalRules:
    require(context, VIEW_RULES)
    return await get_owned(context, InternalRules, rules_id)
