"""Core input and view models (msgspec Structs)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

import msgspec

from labour_democracy.core.tables import (
    ContractType,
    Gender,
    OrgUnitKind,
    Ownership,
    Representation,
    Role,
)


class EnterpriseForm(msgspec.Struct, kw_only=True):
    name: str
    name_en: str | None = None
    symbol: str
    tax_code: str
    ownership: Ownership
    sector: str
    address: str
    province: int
    commune: int | None = None
    legal_representative: str
    legal_representative_title: str
    fiscal_year_end_month: int = 12
    fiscal_year_end_day: int = 31
    representation: Representation = Representation.NONE
    representative_body: str | None = None
    # Labour Code Art. 111(2); one of core.calendar.REST_DAY_CHOICES ("5,6": Saturday and Sunday).
    weekly_rest_days: str = "5,6"
    min_wage_region: int | None = None


class CalendarDayForm(msgspec.Struct, kw_only=True):
    """A day added to the days off (`day_off`), or a public holiday worked, with its reason."""

    day: dt.date
    day_off: bool = True
    note: str


class OrgUnitForm(msgspec.Struct, kw_only=True):
    name: str
    kind: OrgUnitKind = OrgUnitKind.DEPARTMENT
    parent: int | None = None


class WorkerForm(msgspec.Struct, kw_only=True):
    employee_code: str
    full_name: str
    gender: Gender
    org_unit: int | None = None
    position: str | None = None
    contract_type: ContractType
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    nationality: str = "VN"
    union_member: bool = False
    phone: str | None = None
    email: str | None = None


class WorkerStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"
    ALL = "all"


class RosterSort(StrEnum):
    NAME = "name"
    CODE = "code"
    UNIT = "unit"
    START = "start"


class RosterQuery(msgspec.Struct, kw_only=True):
    q: str | None = None
    org_unit: int | None = None
    union_member: str | None = None  # "yes" / "no" / None
    status: WorkerStatus = WorkerStatus.ACTIVE
    sort: RosterSort = RosterSort.NAME
    descending: bool = False
    page: int = 1
    per_page: int = 20


class UserForm(msgspec.Struct, kw_only=True):
    email: str
    full_name: str
    password: str
    language: str | None = None


class MembershipForm(msgspec.Struct, kw_only=True):
    role: Role
    enterprise: int | None = None
    province: int | None = None
    # Granting the administrator role is asked twice: it opens every enterprise to the user.
    confirm_admin: bool = False
    upper_union: int | None = None  # for a local (commune or industrial-park) union officer


class PasswordForm(msgspec.Struct, kw_only=True):
    current: str
    new: str
    confirm: str


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` rows fill, `per_page` a page (an empty list has one)."""
    return max(1, -(-total // per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    """The page to show for the asked `page`: a page before the first shows the first, one
    past the last shows the last."""
    return max(1, min(page, page_count(total, per_page)))


class Page(msgspec.Struct, kw_only=True):
    """One page of a list, and what the pager needs."""

    rows: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


class PageOut(msgspec.Struct, kw_only=True):
    """One page of a list as the JSON API answers it; a subclass names its items' type."""

    total: int
    page: int
    per_page: int
    items: list

    @classmethod
    def of(cls, found: Page, items: list) -> Self:
        """The page `found`, its rows given as `items`."""
        return cls(total=found.total, page=found.page, per_page=found.per_page, items=items)
