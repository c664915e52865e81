"""Founding a union, first steps: the campaign committee (ban vận động, Law 50/2024/QH15,
Art. 19(5)), the workers' applications from the public page and their review, and the count
toward the founding minimum."""

from __future__ import annotations

import datetime as dt
import hashlib

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.names import sort_people
from labour_democracy.core.permissions import Actor, Permission
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Province, Worker
from labour_democracy.db import write_transaction
from labour_democracy.documents import rules as document_rules
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.settings import get_settings
from labour_democracy.suggestions import rules as tracking
from labour_democracy.suggestions.tables import SubmissionWindow
from labour_democracy.unions import documents, rules
from labour_democracy.unions.permissions import RUN_FOUNDING, UPPER_UNION
from labour_democracy.unions.schemas import ApplicationForm, CampaignForm, ReviewForm
from labour_democracy.unions.tables import (
    ApplicationStatus,
    CampaignMember,
    CommitteeOrigin,
    GrassrootsUnion,
    UnionApplication,
    UnionStatus,
)
from labour_democracy.voting.rules import format_code, new_code, normalise_code

# Who acts when a worker applies from the public page (no account).
PUBLIC_PAGE = Actor(id=None, email="public-page", full_name="Public page")
NAME_LIMIT = 255
APPLICATIONS_PER_HOUR = 20
CHECKS_PER_HOUR = 60
_COUNT_USE = (
    "INSERT INTO submission_window (key, window_start, count) VALUES ({}, {}, 1) "
    "ON CONFLICT (key) DO UPDATE SET count = submission_window.count + 1 RETURNING count"
)


def require(context: EnterpriseContext, permission: Permission) -> None:
    if not context.can(permission):
        raise Forbidden


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


async def current_union(enterprise_id: int) -> GrassrootsUnion | None:
    """The enterprise's union, recognised, being founded or dissolved (the latest: a union
    founded after a dissolution replaces the dissolved one here)."""
    return (
        await GrassrootsUnion.objects()
        .where(GrassrootsUnion.enterprise == enterprise_id)
        .order_by(GrassrootsUnion.id, ascending=False)
        .first()
    )


async def union_in_scope(context: EnterpriseContext) -> GrassrootsUnion:
    union = await current_union(context.enterprise_id)
    if union is None:
        raise Conflict(_("No union is being founded at this enterprise yet."))
    return union


async def default_upper_union(enterprise: Enterprise) -> str:
    """The provincial federation, the upper level since Law 97/2025 (law.md §4.1)."""
    row = await Province.select(Province.name).where(Province.id == enterprise.province).first()
    place = document_rules.place_name(row["name"]) if row else ""
    prefix = "" if place.lower().startswith(("thành phố", "tỉnh")) else "tỉnh "
    return f"Liên đoàn Lao động {prefix}{place}".strip()


def default_union_name(enterprise: Enterprise) -> str:
    return f"Công đoàn cơ sở {enterprise.name}"


def _campaign_members(text: str) -> list[tuple[str, str]]:
    members = []
    for line in text.splitlines():
        line = _one_line(line)
        if not line:
            continue
        name, _sep, position = line.partition(" - ")
        members.append((name.strip()[:NAME_LIMIT], position.strip()[:NAME_LIMIT]))
    # The head (the first line) first, then the members in Vietnamese name order: the
    # decision and the union's page list them alike.
    return members[:1] + sort_people(members[1:], name=lambda member: member[0])


async def start_campaign(context: EnterpriseContext, form: CampaignForm) -> int:
    """Form the campaign committee and draft its decision: appointed by the upper-level union
    (a federation officer) or formed by the workers with its help (a union-role account) —
    Law 50/2024/QH15, Art. 19(5)."""
    appointed = context.can(UPPER_UNION) and not context.can(RUN_FOUNDING)
    if not (context.can(UPPER_UNION) or context.can(RUN_FOUNDING)):
        raise Forbidden
    errors: dict[str, str] = {}
    name, upper = _one_line(form.union_name), _one_line(form.upper_union)
    if not name or len(name) > NAME_LIMIT:
        errors["union_name"] = _("Give the union's name (at most 255 characters).")
    if not upper or len(upper) > NAME_LIMIT:
        errors["upper_union"] = _("Name the upper-level union (at most 255 characters).")
    members = _campaign_members(form.members)
    if not members:
        errors["members"] = _("Name at least one member of the campaign committee, one a line.")
    if form.formed_on > today():
        errors["formed_on"] = _("The committee cannot be formed in the future.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        existing = await current_union(context.enterprise_id)
        if existing is not None and existing.status != UnionStatus.DISSOLVED:
            raise Conflict(_("This enterprise already has a union or a founding campaign."))
        union = GrassrootsUnion(
            enterprise=context.enterprise_id,
            name=name,
            upper_union=upper,
            committee_origin=CommitteeOrigin.APPOINTED if appointed else CommitteeOrigin.WORKERS,
            campaign_formed_on=form.formed_on,
            election_rule=rules.UNION_ELECTION_MAJORITY.encode(),
            term_years=int(rules.COMMITTEE_TERM_YEARS.value),
        )
        await union.save()
        await CampaignMember.insert(
            *(
                CampaignMember(union=union.id, full_name=n, position=p, is_head=i == 0)
                for i, (n, p) in enumerate(members)
            )
        )
        decision = await documents.issue_campaign_decision(context, union, members)
        await GrassrootsUnion.update({GrassrootsUnion.campaign_decision: decision.id}).where(
            GrassrootsUnion.id == union.id
        )
        await audit.record(
            context.actor,
            "union.campaign_formed",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            origin=union.committee_origin,
            members=len(members),
        )
    return union.id


# The public page ------------------------------------------------------------------------------


def _key(purpose: str) -> bytes:
    return get_settings().key(purpose)


async def _count_use(client: str, purpose: str, limit: int) -> None:
    """At most `limit` uses an hour from one address (a keyed hash of it, as suggestions do)."""
    now = dt.datetime.now(dt.UTC)
    start = tracking.window_start(now)
    key = tracking.window_key(client, purpose, start, _key("union-window"))
    rows = await SubmissionWindow.raw(_COUNT_USE, key, start)
    if rows[0]["count"] > limit:
        raise Invalid(
            _(
                "Too many requests from this connection in the last hour. Please try again "
                "later, or give your application to a member of the campaign committee."
            )
        )


def _tracking_hash(code: str) -> str:
    return hashlib.blake2b(code.encode(), key=_key("union-code"), digest_size=32).hexdigest()


async def campaign_open(enterprise: Enterprise) -> GrassrootsUnion | None:
    """The union collecting applications at the enterprise, if any."""
    union = await current_union(enterprise.id)
    if union is None or union.status in (UnionStatus.RECOGNISED, UnionStatus.DISSOLVED):
        return None
    return union


def _check_application(form: ApplicationForm) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name, unit = _one_line(form.full_name), _one_line(form.unit)
    nationality = _one_line(form.nationality).upper()
    if not name or len(name) > NAME_LIMIT:
        errors["full_name"] = _("Give your full name (at most 255 characters).")
    if len(unit) > NAME_LIMIT:
        errors["unit"] = _("At most {n} characters.").format(n=NAME_LIMIT)
    if len(nationality) != 2 or not nationality.isalpha():
        errors["nationality"] = _("Give the nationality as a two-letter code, e.g. VN.")
    if form.contract_months is not None and not 1 <= form.contract_months <= 600:
        errors["contract_months"] = _(
            "Give the contract's length in months, or leave it empty for an indefinite contract."
        )
    if errors:
        raise Invalid(errors)
    return name, unit, nationality


async def apply(enterprise: Enterprise, form: ApplicationForm, client: str) -> str:
    """A worker's application from the public page; returns the tracking code, shown once."""
    name, unit, nationality = _check_application(form)
    code = new_code()
    async with write_transaction():
        await _count_use(client, "union-apply", APPLICATIONS_PER_HOUR)
        union = await campaign_open(enterprise)
        if union is None:
            raise Conflict(_("No union is being founded here at the moment."))
        application = UnionApplication(
            enterprise=enterprise.id,
            union=union.id,
            full_name=name,
            gender=form.gender,
            unit=unit,
            nationality=nationality,
            contract_months=form.contract_months,
            eligibility=rules.eligibility(nationality, form.contract_months),
            tracking_hash=_tracking_hash(code),
            received_on=today(),
        )
        await application.save()
        await audit.record(
            PUBLIC_PAGE,
            "union.application_received",
            "union_application",
            application.id,
            enterprise.id,
        )
    return format_code(code)


async def track(enterprise: Enterprise, typed: str, client: str) -> dict:
    """What an applicant may read with the tracking code: status and a refusal's reason."""
    async with write_transaction():
        await _count_use(client, "union-check", CHECKS_PER_HOUR)
    code = normalise_code(typed)
    not_found = Invalid(
        {"code": _("No application has this code. Check the code on your note and try again.")}
    )
    if code is None:
        raise not_found
    row = (
        await UnionApplication.select(
            UnionApplication.status,
            UnionApplication.eligibility,
            UnionApplication.refusal_reason,
            UnionApplication.received_on,
        )
        .where(UnionApplication.enterprise == enterprise.id)
        .where(UnionApplication.tracking_hash == _tracking_hash(code))
        .first()
    )
    if row is None:
        raise not_found
    return row


# The committee's review ------------------------------------------------------------------------


async def applications(context: EnterpriseContext) -> list[UnionApplication]:
    require(context, RUN_FOUNDING)
    union = await current_union(context.enterprise_id)
    if union is None:
        return []
    return (
        await UnionApplication.objects()
        .where(UnionApplication.union == union.id)
        .order_by(UnionApplication.id)
    )


async def review(context: EnterpriseContext, application_id: int, form: ReviewForm) -> str:
    """Accept or refuse an application. Accepting a foreign worker on a contract under 12 months
    is refused (Law 50/2024/QH15, Art. 5(2)); the applicant may be matched to the roster by
    employee code (needed to vote at the congress)."""
    require(context, RUN_FOUNDING)
    application = await get_owned(context, UnionApplication, application_id)
    if form.decision not in ("accept", "refuse"):
        raise Invalid({"decision": _("Accept or refuse the application.")})
    update: dict = {}
    if form.decision == "refuse":
        reason = _one_line(form.reason)
        if not reason:
            raise Invalid({"reason": _("Say why, so the applicant can read it.")})
        update = {
            UnionApplication.status: ApplicationStatus.REFUSED,
            UnionApplication.refusal_reason: reason[:1000],
        }
    else:
        if application.eligibility == rules.Eligibility.NOT_ELIGIBLE:
            raise Invalid(
                {
                    "decision": _(
                        "A foreign worker joins with a labour contract of 12 months or more and "
                        "never counts among the founders (Law 50/2024/QH15, Art. 5)."
                    )
                }
            )
        update = {UnionApplication.status: ApplicationStatus.ACCEPTED}
        code = _one_line(form.employee_code)
        if code:
            worker = (
                await Worker.select(Worker.id)
                .where(
                    (Worker.enterprise == context.enterprise_id) & (Worker.employee_code == code)
                )
                .first()
            )
            if worker is None:
                raise Invalid({"employee_code": _("No worker of this enterprise has this code.")})
            taken = await UnionApplication.exists().where(
                (UnionApplication.union == application.union)
                & (UnionApplication.worker == worker["id"])
                & (UnionApplication.id != application.id)
                & (UnionApplication.status == ApplicationStatus.ACCEPTED)
            )
            if taken:
                raise Invalid(
                    {"employee_code": _("This worker's application is already accepted.")}
                )
            update[UnionApplication.worker] = worker["id"]
    async with write_transaction():
        await UnionApplication.update(update).where(UnionApplication.id == application.id)
        await audit.record(
            context.actor,
            "union.application_accepted"
            if form.decision == "accept"
            else "union.application_refused",
            "union_application",
            application.id,
            context.enterprise_id,
        )
    return form.decision


async def founders(union_id: int) -> int:
    """Accepted applicants who may found the union (Vietnamese workers, Art. 5(1))."""
    return await UnionApplication.count().where(
        (UnionApplication.union == union_id)
        & (UnionApplication.status == ApplicationStatus.ACCEPTED)
        & (UnionApplication.eligibility == rules.Eligibility.FOUNDER)
    )


async def founders_by_union(union_ids: list[int]) -> dict[int, int]:
    rows = await UnionApplication.raw(
        'SELECT "union" AS union_id, COUNT(*) AS n FROM union_application '
        'WHERE status = {} AND eligibility = {} GROUP BY "union"',
        ApplicationStatus.ACCEPTED.value,
        rules.Eligibility.FOUNDER.value,
    )
    wanted = set(union_ids)
    return {r["union_id"]: r["n"] for r in rows if r["union_id"] in wanted}
