"""The enterprise's conference rules as set in its democracy regulation (Quy chế dân chủ ở cơ
sở tại nơi làm việc): form, quorum, passing rule and timing, with the law's defaults and floors
for a state-owned enterprise (Law 10/2022/QH15, Arts. 69-70)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.conferences import rules
from labour_democracy.conferences.labels import describe
from labour_democracy.conferences.permissions import (
    VIEW_CONFERENCES,
)
from labour_democracy.conferences.queries import require
from labour_democracy.conferences.schemas import (
    RulesForm,
)
from labour_democracy.conferences.tables import (
    ConferenceForm,
    ConferenceRules,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Ownership
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting.rules import Base, Comparator, Rule


def is_state_owned(enterprise: Enterprise) -> bool:
    return enterprise.ownership == Ownership.STATE_OWNED


@dataclass(frozen=True)
class RulesView:
    """The enterprise's conference rules as in force, with the law's defaults and floors."""

    saved: bool
    state_owned: bool
    soe: bool  # Law 10/2022 applies (state-owned, or opted in)
    opt_in_soe_rules: bool
    form: ConferenceForm
    quorum: Rule
    passing: Rule
    months_after_year_end: int
    review_months: int
    regulation_reference: str
    default_quorum: Rule
    default_passing: Rule
    quorum_minimum: Rule
    pass_minimum: Rule
    # A private enterprise's threshold for an extraordinary conference (None: the regulation
    # sets none); an SOE's is the law's third (rules.extraordinary_rule).
    extraordinary: Rule | None = None
    board_size_exception: str = ""


async def rules_for(context: EnterpriseContext) -> RulesView:
    require(context, VIEW_CONFERENCES)
    return await rules_of(context.enterprise)


async def rules_of(enterprise: Enterprise) -> RulesView:
    row = await ConferenceRules.objects().where(ConferenceRules.enterprise == enterprise.id).first()
    state_owned = is_state_owned(enterprise)
    opted_in = bool(row and row.opt_in_soe_rules)
    soe = rules.soe_rules_apply(state_owned, opted_in)
    default_quorum, default_passing = rules.defaults(soe)
    quorum_minimum, pass_minimum = rules.minimums(soe)
    if row is None:
        return RulesView(
            False,
            state_owned,
            soe,
            False,
            ConferenceForm.EITHER,
            default_quorum,
            default_passing,
            rules.SOE_MONTHS_AFTER_YEAR_END,
            rules.SOE_REVIEW_MONTHS,
            "",
            default_quorum,
            default_passing,
            quorum_minimum,
            pass_minimum,
        )

    def chosen(text: str, default: Rule) -> Rule:
        return default if text == default.encode() else Rule.decode(text, rules.REGULATION_SOURCE)

    return RulesView(
        True,
        state_owned,
        soe,
        opted_in,
        ConferenceForm(row.form),
        chosen(row.quorum_rule, default_quorum),
        chosen(row.pass_rule, default_passing),
        row.months_after_year_end,
        row.review_months,
        row.regulation_reference,
        default_quorum,
        default_passing,
        quorum_minimum,
        pass_minimum,
        Rule.decode(row.extraordinary_rule, rules.REGULATION_SOURCE)
        if row.extraordinary_rule
        else None,
        row.board_size_exception or "",
    )


def _rule_from(
    base: Base, comparator: Comparator, numerator: int, denominator: int, field: str
) -> Rule:
    try:
        return Rule(base, comparator, numerator, denominator, rules.REGULATION_SOURCE)
    except ValueError:
        raise Invalid({field: _("Enter a fraction between 0 and 1, e.g. 2/3.")}) from None


async def save_rules(context: EnterpriseContext, form: RulesForm) -> None:
    require(context)
    quorum = _rule_from(
        Base.ELECTORATE,
        form.quorum_comparator,
        form.quorum_numerator,
        form.quorum_denominator,
        "quorum_numerator",
    )
    passing = _rule_from(
        form.pass_base,
        form.pass_comparator,
        form.pass_numerator,
        form.pass_denominator,
        "pass_numerator",
    )
    soe = rules.soe_rules_apply(is_state_owned(context.enterprise), form.opt_in_soe_rules)
    errors: dict[str, str] = {}
    if len(form.regulation_reference or "") > 255:
        errors["regulation_reference"] = _("At most {n} characters.").format(n=255)
    if not 1 <= form.months_after_year_end <= 12:
        errors["months_after_year_end"] = _("Enter a number of months from 1 to 12.")
    if not 1 <= form.review_months <= 12:
        errors["review_months"] = _("Enter a number of months from 1 to 12.")
    weak = rules.weaker_than_law(
        soe, quorum, passing, form.months_after_year_end, form.review_months
    )
    soe_quorum, soe_pass = rules.minimums(True)
    if "quorum" in weak:
        errors["quorum_numerator"] = _(
            "A state-owned enterprise cannot set a quorum below the law's: {rule} ({source})."
        ).format(rule=describe(soe_quorum), source=_(soe_quorum.source))
    if "pass" in weak:
        errors["pass_numerator"] = _(
            "A state-owned enterprise cannot set a passing rule below the law's: {rule} ({source})."
        ).format(rule=describe(soe_pass), source=_(soe_pass.source))
    if "months_after_year_end" in weak:
        errors["months_after_year_end"] = _(
            "A state-owned enterprise holds its conference within 3 months after the fiscal "
            "year ends (Law 10/2022/QH15, Art. 69(1))."
        )
    if "review_months" in weak:
        errors["review_months"] = _(
            "A state-owned enterprise reviews the resolution at least every 6 months "
            "(Law 10/2022/QH15, Art. 70(3))."
        )
    extraordinary = ""
    if (form.extraordinary_numerator is None) != (form.extraordinary_denominator is None):
        errors["extraordinary_numerator"] = _(
            "Enter both numbers of the share, e.g. 1/3, or leave both blank."
        )
    elif form.extraordinary_numerator is not None:
        try:
            extraordinary = _rule_from(
                Base.ELECTORATE,
                Comparator.AT_LEAST,
                form.extraordinary_numerator,
                form.extraordinary_denominator or 0,
                "extraordinary_numerator",
            ).encode()
        except Invalid as error:
            errors.update(error.errors)
    if errors:
        raise Invalid(errors)
    values = {
        ConferenceRules.opt_in_soe_rules: form.opt_in_soe_rules,
        ConferenceRules.form: form.form,
        ConferenceRules.quorum_rule: quorum.encode(),
        ConferenceRules.pass_rule: passing.encode(),
        ConferenceRules.months_after_year_end: form.months_after_year_end,
        ConferenceRules.review_months: form.review_months,
        ConferenceRules.regulation_reference: (form.regulation_reference or "").strip(),
        ConferenceRules.extraordinary_rule: extraordinary,
        ConferenceRules.board_size_exception: form.board_size_exception.value,
        ConferenceRules.updated_by: context.actor.id,
        ConferenceRules.updated_at: dt.datetime.now(dt.UTC),
    }
    async with write_transaction():
        clause = ConferenceRules.enterprise == context.enterprise_id
        if await ConferenceRules.exists().where(clause):
            await ConferenceRules.update(values).where(clause)
        else:
            await ConferenceRules(
                enterprise=context.enterprise_id,
                **{column._meta.name: value for column, value in values.items()},
            ).save()
        await audit.record(
            context.actor,
            "conference_rules.saved",
            "enterprise",
            context.enterprise_id,
            context.enterprise_id,
            quorum=quorum.encode(),
            passing=passing.encode(),
            soe=soe,
        )


def expand_rule_choices(data: dict) -> dict:
    """The rules form with its quorum and passing rule chosen in words spelt out as fractions
    (voting/rules.expand_choice); "custom" keeps the fractions typed."""
    data = voting_rules.expand_choice(data, "quorum", voting_rules.QUORUM_CHOICES, False)
    return voting_rules.expand_choice(data, "pass", voting_rules.PASS_CHOICES, True)
