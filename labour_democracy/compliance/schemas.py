"""What the compliance pages read: the dashboard's query, a reported fact, a contact note."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.compliance.tables import ContactKind


class FactForm(msgspec.Struct, kw_only=True):
    obligation: str
    year: int
    met: bool = False
    on: dt.date | None = None
    note: str = ""
    received: int | None = None  # items due in the year (petitions received)
    resolved: int | None = None  # of them, done (resolved)


class ContactForm(msgspec.Struct, kw_only=True):
    kind: ContactKind
    on: dt.date
    note: str


class RemindForm(msgspec.Struct, kw_only=True):
    year: int


class ThresholdForm(msgspec.Struct, kw_only=True):
    obligation: str
    min_workforce: int | None = None
