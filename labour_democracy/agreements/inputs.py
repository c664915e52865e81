"""Checks every use case of the module shares: permission, the week of the enterprise, the
agreement and its records in scope, text limits."""

from __future__ import annotations

from labour_democracy.agreements.tables import Agreement, BargainingSession, Clause
from labour_democracy.core import working_calendar
from labour_democracy.core.calendar import WorkingWeek
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.i18n import gettext as _
from labour_democracy.unions.wording import workers_side

NAME_LIMIT = 255
TITLE_LIMIT = 300
TEXT_LIMIT = 20_000


def require(context: EnterpriseContext, permission) -> None:
    if not context.can(permission):
        raise Forbidden


def has_representative(enterprise) -> bool:
    """Whether the enterprise has a workers' representative organisation (a grassroots union or
    a workers' organisation), read as the conference documents read it (unions/wording.py)."""
    return workers_side(enterprise.representation).has_union


def require_representative(context: EnterpriseContext) -> None:
    """The workers' side of bargaining and of the agreement is the enterprise's representative
    organisation (Labour Code 45/2019/QH14, Arts. 3(3), 68): without one there is no one to
    bargain with or sign for the workers."""
    if not has_representative(context.enterprise):
        raise Conflict(
            _(
                "The enterprise has no workers' representative organisation (a grassroots union "
                "or a workers' organisation): a collective agreement is bargained and signed "
                "with it (Labour Code 45/2019/QH14, Art. 68)."
            )
        )


async def week(enterprise) -> WorkingWeek:
    """The enterprise's working week (rest days, its own days off), passed to core.calendar as
    every module passes it."""
    return await working_calendar.week_for(enterprise)


async def agreement(context: EnterpriseContext, agreement_id: int) -> Agreement:
    return await get_owned(context, Agreement, agreement_id)


async def session_of(context: EnterpriseContext, agreement_id: int, session_id: int):
    session = await get_owned(context, BargainingSession, session_id)
    if session.agreement != agreement_id:
        raise NotFound
    return session


async def clause_of(context: EnterpriseContext, agreement_id: int, clause_id: int) -> Clause:
    clause = await get_owned(context, Clause, clause_id)
    if clause.agreement != agreement_id:
        raise NotFound
    return clause


def text(errors: dict[str, str], name: str, value: str | None, limit: int, required=True) -> str:
    """The trimmed text of a field; an error when it is missing or too long."""
    value = (value or "").strip()
    if required and not value:
        errors[name] = _("Fill in this field.")
    elif len(value) > limit:
        errors[name] = _("At most {n} characters.").format(n=limit)
    return value


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise Invalid(errors)
