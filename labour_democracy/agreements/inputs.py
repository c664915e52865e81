"""Checks every use case of the module shares: permission, the week of the enterprise, the
agreement and its records in scope, text limits."""

from __future__ import annotations

from labour_democracy.agreements.tables import Agreement, BargainingSession, Clause
from labour_democracy.core import working_calendar
from labour_democracy.core.calendar import WorkingWeek
from labour_democracy.core.errors import Forbidden, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.i18n import gettext as _

NAME_LIMIT = 255
TITLE_LIMIT = 300
TEXT_LIMIT = 20_000


def require(context: EnterpriseContext, permission) -> None:
    if not context.can(permission):
        raise Forbidden


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
