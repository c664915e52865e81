"""Use cases of the disclosure board (công khai thông tin, Decree 145 Art. 43; Law 10/2022 Arts.
64-66): the checklist of matters with their deadlines, disclosing one (notice .docx and the
workers' public page), workers acknowledging with their code or at a kiosk, who has not read
it by unit, and the suggestions taken up on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core import audit, throttle
from labour_democracy.core.enterprises import ACTIVE_WORKER_SQL
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Ownership, Worker
from labour_democracy.db import write_transaction
from labour_democracy.documents import services as issuing
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.notices.documents import TEMPLATE as NOTICE_TEMPLATE
from labour_democracy.notices.documents import notice_context
from labour_democracy.suggestions.tables import Suggestion
from labour_democracy.workplace_rules import documents, rules
from labour_democracy.workplace_rules.permissions import (
    DISCLOSE,
    EDIT_RULES,
    VIEW_READINGS,
    VIEW_RULES,
)
from labour_democracy.workplace_rules.regulation import require
from labour_democracy.workplace_rules.schemas import DisclosureForm, SettingsForm
from labour_democracy.workplace_rules.settings import settings_for, soe_rules
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    DisclosureReading,
    DisclosureSuggestion,
    WorkplaceRulesSettings,
)

# Decree 30/2020, Appendix I, II.9: who receives the notice, ending with the archive copy.
RECIPIENTS = "Toàn thể người lao động;\nTổ chức đại diện người lao động;\nLưu: VT, HCNS."


async def update_settings(context: EnterpriseContext, form: SettingsForm) -> None:
    require(context, EDIT_RULES)
    soe = context.enterprise.ownership == Ownership.STATE_OWNED or form.follows_law_10
    if not rules.disclosure_days_allowed(soe, form.disclosure_days):
        raise Invalid(
            {
                "disclosure_days": _(
                    "At least 1 day; a state-owned enterprise discloses within 15 days "
                    "(Law 10/2022/QH15, Art. 65(2))."
                )
            }
        )
    if form.disclosure_days > 365:
        raise Invalid({"disclosure_days": _("At most 365 days.")})
    found = await settings_for(context.enterprise_id)
    async with write_transaction():
        await WorkplaceRulesSettings.update(
            {
                WorkplaceRulesSettings.disclosure_days: form.disclosure_days,
                WorkplaceRulesSettings.unread_names_shown: form.unread_names_shown,
                WorkplaceRulesSettings.follows_law_10: form.follows_law_10,
            }
        ).where(WorkplaceRulesSettings.id == found.id)
        await audit.record(
            context.actor,
            "disclosure.settings",
            "workplace_rules_settings",
            found.id,
            context.enterprise_id,
        )


@dataclass
class MatterRow:
    key: str
    title: str
    article: str
    last_disclosed_on: dt.date | None
    count: int
    late: int


async def checklist(context: EnterpriseContext) -> list[MatterRow]:
    """Every matter the law lists, with its last disclosure and how many were late."""
    require(context, VIEW_RULES)
    days = (await settings_for(context.enterprise_id)).disclosure_days
    rows = await Disclosure.select(
        Disclosure.matter, Disclosure.decided_on, Disclosure.disclosed_on
    ).where(Disclosure.enterprise == context.enterprise_id)
    on = today()
    result = []
    for key, title, article in rules.disclosure_matters(await soe_rules(context.enterprise)):
        mine = [row for row in rows if row["matter"] == key]
        dates = [row["disclosed_on"] for row in mine if row["disclosed_on"]]
        result.append(
            MatterRow(
                key=key,
                title=title,
                article=article,
                last_disclosed_on=max(dates) if dates else None,
                count=len(mine),
                late=sum(
                    1
                    for row in mine
                    if rules.disclosed_late(row["decided_on"], days, row["disclosed_on"], on)
                ),
            )
        )
    return result


async def disclose(context: EnterpriseContext, form: DisclosureForm) -> int:
    """Disclose a matter: a numbered notice, shown on the workers' public page. A late one is
    recorded and flagged; a state-owned posting shorter than 20 days is refused."""
    require(context, DISCLOSE)
    soe = await soe_rules(context.enterprise)
    matters = {key for key, _t, _a in rules.disclosure_matters(soe)}
    errors: dict[str, str] = {}
    if form.matter not in matters:
        errors["matter"] = _("Choose one of the matters offered.")
    if not form.title.strip() or len(form.title) > 300:
        errors["title"] = _("Give the disclosure a title (at most 300 characters).")
    if not form.body.strip() or len(form.body) > 20_000:
        errors["body"] = _("Write what is disclosed (at most 20,000 characters).")
    if form.decided_on > form.disclosed_on:
        errors["decided_on"] = _("The decision comes before its disclosure.")
    if form.disclosed_on > today():
        errors["disclosed_on"] = _("This date cannot be in the future.")
    if form.disclosed_on.year != today().year:
        errors["disclosed_on"] = _("Date the notice in this year (Decree 30/2020/NĐ-CP, Art. 15).")
    unknown = [f for f in form.forms if f not in rules.DISCLOSURE_FORMS]
    if unknown:
        errors["forms"] = _("Choose one of the options offered.")
    posted_until = form.posted_until or rules.posting_until_default(soe, form.disclosed_on)
    if not rules.posting_until_allowed(soe, form.disclosed_on, posted_until):
        errors["posted_until"] = _(
            "A state-owned enterprise keeps a disclosure posted at least 20 consecutive days "
            "(Law 10/2022/QH15, Art. 65(2))."
        )
    elif posted_until and posted_until < form.disclosed_on:
        errors["posted_until"] = _("The posting ends after it starts.")
    if errors:
        raise Invalid(errors)
    days = (await settings_for(context.enterprise_id)).disclosure_days
    head = await issuing.letterhead(context)
    title = form.title.strip()
    async with write_transaction():
        document = await issuing.issue(
            context,
            kind=documents.DISCLOSURE_KIND,
            type_code="TB",
            title=title,
            template=NOTICE_TEMPLATE,
            document_context=notice_context(
                issuer=head.issuer,
                subject=f"Về việc công khai: {title}",
                body=form.body,
                place=head.place,
                issued_on=form.disclosed_on,
                signer_authority="",
                signer_title=head.signer_title,
                signer_name=head.signer_name,
                recipients=RECIPIENTS,
            ),
            on=form.disclosed_on,
        )
        disclosure = Disclosure(
            enterprise=context.enterprise_id,
            matter=form.matter,
            title=title,
            body=form.body.strip(),
            decided_on=form.decided_on,
            due_on=rules.disclosure_due(form.decided_on, days),
            disclosed_on=form.disclosed_on,
            posted_until=posted_until,
            forms=",".join(sorted(set(form.forms) | {"public_page"})),
            notice_document=document.id,
            created_by=context.actor.id,
        )
        await disclosure.save()
        await audit.record(
            context.actor,
            "disclosure.created",
            "disclosure",
            disclosure.id,
            context.enterprise_id,
            document=document.id,
        )
    return disclosure.id


async def page_of_disclosures(enterprise_id: int, page: int = 1, per_page: int = 20) -> Page:
    """One page of the disclosures, newest first, for the board."""
    clause = Disclosure.enterprise == enterprise_id
    total = await Disclosure.count().where(clause)
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = (
        await Disclosure.select(
            Disclosure.id,
            Disclosure.title,
            Disclosure.due_on,
            Disclosure.disclosed_on,
            Disclosure.notice_document.reference.as_alias("reference"),
        )
        .where(clause)
        .order_by(Disclosure.disclosed_on, Disclosure.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def is_late(row) -> bool:
    due = row["due_on"] if isinstance(row, dict) else row.due_on
    disclosed = row["disclosed_on"] if isinstance(row, dict) else row.disclosed_on
    return bool(disclosed and disclosed > due)


async def list_disclosures(enterprise_id: int, limit: int = 200) -> list[dict]:
    return (
        await Disclosure.select(
            Disclosure.id,
            Disclosure.matter,
            Disclosure.title,
            Disclosure.decided_on,
            Disclosure.due_on,
            Disclosure.disclosed_on,
            Disclosure.posted_until,
            Disclosure.notice_document,
            Disclosure.notice_document.reference.as_alias("reference"),
        )
        .where(Disclosure.enterprise == enterprise_id)
        .order_by(Disclosure.disclosed_on, Disclosure.id, ascending=False)
        .limit(limit)
    )


@dataclass
class UnitReadings:
    unit: str
    workers: int
    read: int
    unread_names: list[str]


async def readings(
    context: EnterpriseContext, disclosure_id: int
) -> tuple[list[UnitReadings], bool]:
    """Who has not read the disclosure, by unit: names only where the regulation allows them
    (a setting), counts otherwise. Returns the rows and whether names are shown."""
    require(context, VIEW_READINGS)
    disclosure = await get_owned(context, Disclosure, disclosure_id)
    shown = (await settings_for(context.enterprise_id)).unread_names_shown
    rows = await Worker.raw(
        "SELECT w.full_name AS name, w.employee_code AS code, u.name AS unit, "
        "r.id AS reading FROM worker AS w LEFT JOIN org_unit AS u ON u.id = w.org_unit "
        "LEFT JOIN disclosure_reading AS r ON r.worker = w.id AND r.disclosure = {} "
        f"WHERE {ACTIVE_WORKER_SQL} ORDER BY u.name, w.sort_key, w.id",
        disclosure.id,
        context.enterprise_id,
        today(),
    )
    units: dict[str, UnitReadings] = {}
    for row in rows:
        name = row["unit"] or _("No unit")
        unit = units.setdefault(name, UnitReadings(name, 0, 0, []))
        unit.workers += 1
        if row["reading"]:
            unit.read += 1
        elif shown:
            unit.unread_names.append(f"{row['name']} ({row['code']})")
    return list(units.values()), shown


async def get_disclosure(context: EnterpriseContext, disclosure_id: int) -> Disclosure:
    require(context, VIEW_RULES)
    return await get_owned(context, Disclosure, disclosure_id)


async def public_disclosure(enterprise: Enterprise, disclosure_id: int) -> Disclosure:
    """A disclosure as the workers' page shows it: of this enterprise, still posted."""
    found = (
        await Disclosure.objects()
        .where((Disclosure.id == disclosure_id) & (Disclosure.enterprise == enterprise.id))
        .first()
    )
    if found is None:
        raise NotFound
    return found


# Unknown codes typed from one address are slowed down (core/throttle.py), as vote codes are:
# a kiosk serves a whole workshop, so a few typing mistakes cost nothing.
CODE_GUESSES = throttle.Policy(free=20, first_delay=5, max_delay=60)


async def acknowledge(
    enterprise: Enterprise, disclosure_id: int, employee_code: str, channel: str, client: str
) -> str:
    """A worker confirms reading the disclosure with their employee code; returns the first
    name to greet. Once per worker; a second time is no error. This is a reading receipt, not
    a signature: an employee code is no secret."""
    disclosure = await public_disclosure(enterprise, disclosure_id)
    code = employee_code.strip()
    if not code or len(code) > 50:
        raise Invalid({"employee_code": _("Enter your employee code.")})
    row_key = throttle.key("disclosure-code", client)
    if wait := await throttle.seconds_to_wait(row_key):
        raise Invalid(
            {
                "employee_code": _(
                    "Too many unknown codes were typed here. Try again in {wait}."
                ).format(wait=throttle.wait_words(wait))
            }
        )
    rows = await Worker.raw(
        "SELECT w.id, w.full_name FROM worker AS w WHERE "
        f"{ACTIVE_WORKER_SQL} AND LOWER(w.employee_code) = LOWER({{}})",
        enterprise.id,
        today(),
        code,
    )
    if not rows:
        await throttle.record(row_key, CODE_GUESSES)
        raise Invalid({"employee_code": _("No worker of this enterprise has this code.")})
    worker = rows[0]
    once = f"{disclosure.id}:{worker['id']}"
    async with write_transaction():
        exists = await DisclosureReading.exists().where(DisclosureReading.once == once)
        if not exists:
            await DisclosureReading(
                disclosure=disclosure.id,
                worker=worker["id"],
                once=once,
                channel="kiosk" if channel == "kiosk" else "code",
            ).save()
    return worker["full_name"].split()[-1] if worker["full_name"].split() else ""


async def link_suggestion(
    context: EnterpriseContext, disclosure_id: int, suggestion_id: int
) -> None:
    """Take a worker's suggestion up as a comment on the disclosed matter (Decree 145 Art. 44)."""
    require(context, DISCLOSE)
    disclosure = await get_owned(context, Disclosure, disclosure_id)
    found = await Suggestion.exists().where(
        (Suggestion.id == suggestion_id) & (Suggestion.enterprise == context.enterprise_id)
    )
    if not found:
        raise Invalid({"suggestion_id": _("Choose a suggestion of this enterprise.")})
    if await DisclosureSuggestion.exists().where(
        (DisclosureSuggestion.disclosure == disclosure.id)
        & (DisclosureSuggestion.suggestion_id == suggestion_id)
    ):
        raise Conflict(_("This suggestion is already linked."))
    async with write_transaction():
        await DisclosureSuggestion(disclosure=disclosure.id, suggestion_id=suggestion_id).save()
        await audit.record(
            context.actor,
            "disclosure.suggestion_linked",
            "disclosure",
            disclosure.id,
            context.enterprise_id,
            suggestion=suggestion_id,
        )


async def linked_suggestions(disclosure_id: int) -> list[dict]:
    ids = [
        row["suggestion_id"]
        for row in await DisclosureSuggestion.select(DisclosureSuggestion.suggestion_id).where(
            DisclosureSuggestion.disclosure == disclosure_id
        )
    ]
    if not ids:
        return []
    return await Suggestion.select(
        Suggestion.id, Suggestion.subject, Suggestion.status, Suggestion.answer
    ).where(Suggestion.id.is_in(ids))
