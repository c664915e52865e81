"""Input of the workplace-rules forms."""

from __future__ import annotations

import datetime as dt

import msgspec


class ChapterForm(msgspec.Struct, kw_only=True):
    key: str = ""
    text: str = ""
    matters: list[str] = msgspec.field(default_factory=list)


class ConsultationForm(msgspec.Struct, kw_only=True):
    consulted_bodies: str
    started_on: dt.date


class CommentForm(msgspec.Struct, kw_only=True):
    author: str
    body: str
    chapter_key: str = ""
    received_on: dt.date | None = None


class PublicCommentForm(msgspec.Struct, kw_only=True):
    body: str
    author: str = ""
    chapter_key: str = ""


class DecisionForm(msgspec.Struct, kw_only=True):
    decision: str  # accept / reject
    reason: str = ""


class IssueForm(msgspec.Struct, kw_only=True):
    issued_on: dt.date
    signer_title: str
    signer_name: str


class SettingsForm(msgspec.Struct, kw_only=True):
    disclosure_days: int
    unread_names_shown: bool = False
    follows_law_10: bool = False


class ContentsForm(msgspec.Struct, kw_only=True):
    working_time: str = ""
    workplace_order: str = ""
    safety: str = ""
    harassment: str = ""
    assets_secrets: str = ""
    transfer: str = ""
    violations: str = ""
    liability: str = ""
    competent_person: str = ""


class ConsultRulesForm(msgspec.Struct, kw_only=True):
    consulted_on: dt.date
    opinion: str


class IssueRulesForm(msgspec.Struct, kw_only=True):
    issued_on: dt.date


class FileRulesForm(msgspec.Struct, kw_only=True):
    filed_on: dt.date
    authority: str


class ReplyForm(msgspec.Struct, kw_only=True):
    reply_on: dt.date
    outcome: str  # registered / to_amend
    reply: str = ""


class DisclosureForm(msgspec.Struct, kw_only=True):
    matter: str
    title: str
    body: str
    decided_on: dt.date
    disclosed_on: dt.date
    posted_until: dt.date | None = None
    forms: list[str] = msgspec.field(default_factory=list)


class AcknowledgeForm(msgspec.Struct, kw_only=True):
    employee_code: str


class LinkSuggestionForm(msgspec.Struct, kw_only=True):
    suggestion_id: int
