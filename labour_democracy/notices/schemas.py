"""Input of the notice form."""

from __future__ import annotations

import datetime as dt

import msgspec


class NoticeForm(msgspec.Struct, kw_only=True):
    subject: str
    body: str
    place: str
    issued_on: dt.date
    signer_authority: str | None = None
    signer_title: str
    signer_name: str
    recipients: str
