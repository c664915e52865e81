"""Words shown for the values of the core enums; each module adds its own with `register`."""

from __future__ import annotations

from enum import Enum

from labour_democracy.core.tables import (
    ContractType,
    Gender,
    OrgUnitKind,
    Ownership,
    Representation,
    Role,
)
from labour_democracy.i18n import N_
from labour_democracy.i18n import gettext as _

_LABELS: dict[Enum, str] = {}


def register(labels: dict[Enum, str]) -> None:
    _LABELS.update(labels)


def label(value: Enum | str | None, enum: type[Enum] | None = None) -> str:
    """The translated word for an enum member (or its stored value, given the enum)."""
    if value is None or value == "":
        return ""
    member = enum(value) if enum is not None and not isinstance(value, Enum) else value
    msgid = _LABELS.get(member)  # type: ignore[arg-type]
    return _(msgid) if msgid else str(value)


def choices(enum: type[Enum]) -> list[tuple[str, str]]:
    """(value, translated label) pairs for a <select>, in the enum's order."""
    return [(member.value, label(member)) for member in enum]


register(
    {
        Ownership.STATE_OWNED: N_("State-owned enterprise"),
        Ownership.PRIVATE_DOMESTIC: N_("Private domestic enterprise"),
        Ownership.FOREIGN_INVESTED: N_("Foreign-invested enterprise"),
        Ownership.COOPERATIVE: N_("Cooperative"),
        Ownership.OTHER: N_("Other"),
        Representation.NONE: N_("No representative organisation"),
        Representation.GRASSROOTS_UNION: N_("Grassroots trade union"),
        Representation.WORKERS_ORGANISATION: N_("Workers' organisation at the enterprise"),
        OrgUnitKind.DEPARTMENT: N_("Department"),
        OrgUnitKind.WORKSHOP: N_("Workshop"),
        OrgUnitKind.TEAM: N_("Team"),
        OrgUnitKind.BRANCH: N_("Branch"),
        Gender.MALE: N_("Male"),
        Gender.FEMALE: N_("Female"),
        Gender.OTHER: N_("Other"),
        ContractType.INDEFINITE: N_("Indefinite term"),
        ContractType.FIXED_TERM: N_("Fixed term"),
        ContractType.SEASONAL: N_("Seasonal or under 12 months"),
        Role.ADMIN: N_("System administrator"),
        Role.FEDERATION: N_("Federation officer"),
        Role.HR: N_("Employer representative / HR"),
        Role.UNION: N_("Union officer"),
        Role.LOCAL_UNION: N_("Commune or industrial-park union officer"),
        Role.NATIONAL: N_("National confederation reader"),
    }
)


# Labour Code Art. 111(2): the weekly rest day(s) an enterprise may fix (core/calendar.py).
_REST_DAYS = {
    "5,6": N_("Saturday and Sunday"),
    "6": N_("Sunday only"),
    "0": N_("Monday"),
    "1": N_("Tuesday"),
    "2": N_("Wednesday"),
    "3": N_("Thursday"),
    "4": N_("Friday"),
    "5": N_("Saturday"),
}


def rest_day_options() -> list[tuple[str, str]]:
    """(stored value, translated words) for the weekly rest days, the default first."""
    return [(value, _(text)) for value, text in _REST_DAYS.items()]


def rest_days_label(value: str) -> str:
    text = _REST_DAYS.get(value)
    return _(text) if text else value
