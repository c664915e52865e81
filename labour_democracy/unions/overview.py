"""What the union's pages show: the union's standing and the next founding step, the defaults
of its forms, the fee schedule computed from a payroll typed in, and the settings with their
sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from labour_democracy.core.errors import Invalid
from labour_democracy.core.names import sort_people
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import congress, dissolution, founding, membership, officers, rules
from labour_democracy.unions.permissions import RUN_FOUNDING
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    CampaignMember,
    GrassrootsUnion,
    UnionApplication,
    UnionDissolution,
    UnionStatus,
)
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting.labels import describe_rule

PAYROLL_LIMIT = 10**15


@dataclass
class UnionView:
    union: GrassrootsUnion | None
    founders: int = 0
    minimum: int = int(rules.FOUNDING_MINIMUM.value)
    received: int = 0
    accepted: list[UnionApplication] = field(default_factory=list)
    campaign: list[CampaignMember] = field(default_factory=list)
    executive: list = field(default_factory=list)
    inspection: list = field(default_factory=list)
    election: dict | None = None
    documents: list[dict] = field(default_factory=list)
    members: int = 0
    election_rule: str = ""
    election_source: str = ""
    term_expired: bool = False
    dissolution: UnionDissolution | None = None


async def union_view(context: EnterpriseContext) -> UnionView:
    union = await founding.current_union(context.enterprise_id)
    view = UnionView(union)
    if union is None:
        return view
    view.founders = await founding.founders(union.id)
    view.received = await UnionApplication.count().where(
        (UnionApplication.union == union.id)
        & (UnionApplication.status == ApplicationStatus.RECEIVED)
    )
    if context.can(RUN_FOUNDING):  # names of applicants: the committee's only
        view.accepted = sort_people(
            await UnionApplication.objects().where(
                (UnionApplication.union == union.id)
                & (UnionApplication.status == ApplicationStatus.ACCEPTED)
            ),
            name=lambda application: application.full_name,
        )
    # The committee's head first, then the members in name order.
    campaign = sort_people(
        await CampaignMember.objects().where(CampaignMember.union == union.id),
        name=lambda member: member.full_name,
    )
    view.campaign = sorted(campaign, key=lambda member: not member.is_head)
    elected = await congress.committee(union.id)
    view.executive = [m for m in elected if m.body == Body.EXECUTIVE.value]
    view.inspection = [m for m in elected if m.body == Body.INSPECTION.value]
    view.election = await congress.election_view(context, union)
    view.dissolution = await dissolution.dissolution_of(union.id)
    ids = [
        i
        for i in (
            view.dissolution.decision if view.dissolution else None,
            union.campaign_decision,
            union.congress_minutes,
            union.dossier,
            union.recognition_decision,
            view.election["ballot"].minutes if view.election else None,
        )
        if i is not None
    ] + await officers.document_ids(union.id)
    view.documents = await IssuedDocument.select(
        IssuedDocument.id, IssuedDocument.reference, IssuedDocument.title, IssuedDocument.kind
    ).where(IssuedDocument.id.is_in(ids or [-1]))
    view.members = await membership.active_count(union.id)
    rule = congress.election_rule(union)
    view.election_rule = voting_rules.describe(rule)
    view.election_source = _(rule.source)
    view.term_expired = bool(
        union.next_congress_on
        and union.status == UnionStatus.RECOGNISED
        and today() >= union.next_congress_on
    )
    return view


async def form_defaults(context: EnterpriseContext, view: UnionView) -> dict[str, Any]:
    enterprise = context.enterprise
    defaults: dict[str, Any] = {
        "union_name": founding.default_union_name(enterprise),
        "upper_union": await founding.default_upper_union(enterprise),
        "formed_on": today().isoformat(),
        "congress_on": today().isoformat(),
        "executive_seats": rules.DEFAULT_EXECUTIVE_SEATS,
        "inspection_seats": rules.DEFAULT_INSPECTION_SEATS,
    }
    union = view.union
    if union is not None and union.congress_on is not None:
        defaults |= {
            "congress_on": union.congress_on.isoformat(),
            "place": union.congress_place,
            "executive_seats": union.executive_seats,
            "inspection_seats": union.inspection_seats,
            "executive_candidates": union.executive_candidates,
            "inspection_candidates": union.inspection_candidates,
        }
    return defaults


def settings_shown() -> list[dict[str, Any]]:
    """Each setting with its value, the day it applies from and its source."""
    shown = [
        {
            "key": s.key,
            "value": s.value,
            "since": s.since,
            "source": _(s.source),
            "verified": s.verified,
        }
        for s in rules.SETTINGS
    ]
    shown.append(
        {
            "key": "election_majority",
            "value": voting_rules.describe(rules.UNION_ELECTION_MAJORITY),
            "since": None,
            "source": _(rules.UNION_ELECTION_MAJORITY.source),
            "verified": False,
        }
    )
    shown.append(
        {
            "key": "officer_majority",
            "value": describe_rule(rules.OFFICER_MAJORITY, officers.PURPOSE),
            "since": None,
            "source": _(rules.OFFICER_MAJORITY.source),
            "verified": False,
        }
    )
    return shown


@dataclass(frozen=True)
class FeeMonth:
    year: int
    month: int
    fee: int
    due_on: dt.date
    not_paid_from: dt.date
    standing: str


def fee_schedule(enterprise: Enterprise, values: dict[str, str]) -> dict | None:
    """The fee for the months of a year from one monthly payroll typed in (information, not
    accounting); None when nothing was typed. Invalid for a payroll that is not a sum."""
    raw = (values.get("payroll") or "").replace(".", "").replace(" ", "").replace(",", "")
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > PAYROLL_LIMIT:
        raise Invalid({"payroll": _("Enter the month's social-insurance payroll in đồng.")})
    payroll = int(raw)
    year_text = values.get("year") or str(today().year)
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise Invalid({"year": _("Enter a year between 2000 and 2100.")})
    year = int(year_text)
    on = today()
    months = [
        FeeMonth(
            year,
            month,
            rules.union_fee(payroll),
            rules.fee_due_on(year, month),
            rules.fee_not_paid_from(rules.fee_due_on(year, month)),
            rules.fee_standing(rules.fee_due_on(year, month), on).value,
        )
        for month in range(1, 13)
    ]
    return {
        "payroll": payroll,
        "year": year,
        "months": months,
        "yearly": sum(m.fee for m in months),
        "dues_example": rules.member_dues(payroll),
        "suspension_reply": rules.suspension_reply_due(on, bool(enterprise.saturday_works)),
    }
