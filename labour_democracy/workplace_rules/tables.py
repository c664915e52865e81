"""Workplace rules: the democracy regulation's versions, chapters and consultation comments;
the internal labour rules and their registration; disclosures and who read them (Decree
145/2020/NĐ-CP Arts. 42-48; Labour Code Arts. 118-121; Law 10/2022/QH15 Arts. 64-82)."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise, Worker
from labour_democracy.documents.tables import IssuedDocument

# Enum values are distinct from every other module's: core.labels keys words by value.


class RegulationStatus(StrEnum):
    DRAFT = "reg_draft"  # being written
    CONSULTING = "reg_consulting"  # sent to the representatives (Decree 145 Art. 48(2))
    ISSUED = "reg_issued"  # decision signed
    PUBLISHED = "reg_published"  # publicised to the workers (Art. 48(3))
    SUPERSEDED = "reg_superseded"  # replaced by a later version


class CommentStatus(StrEnum):
    PENDING = "comment_pending"
    ACCEPTED = "comment_accepted"
    REJECTED = "comment_rejected"


class InternalRulesStatus(StrEnum):
    DRAFT = "ir_draft"
    ISSUED = "ir_issued"  # signed by the employer
    FILED = "ir_filed"  # dossier received by Sở Nội vụ (Labour Code Art. 119)
    REGISTERED = "ir_registered"  # no objection, or the authority confirmed
    TO_AMEND = "ir_to_amend"  # the authority asked for amendments (Art. 119(3))


class WorkplaceRulesSettings(Table):
    """What the democracy regulation leaves to the enterprise for disclosure (quy chế dân chủ,
    phần công khai), Decree 145 Art. 43(2); defaults are the law's."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, unique=True)
    # Days from the decision to its disclosure; at most 15 for a state-owned enterprise.
    disclosure_days = SmallInt(default=15)
    # May HR see the names of the workers who have not read a disclosure, or only counts?
    unread_names_shown = Boolean(default=True)
    # A non-state enterprise may apply Law 10/2022's rules for state-owned enterprises (Art.
    # 82(2)): the SOE chapters, matters, deadline and posting period then apply to it.
    follows_law_10 = Boolean(default=False)
    updated_at = Timestamptz(default=TimestamptzNow())


class RegulationVersion(Table):
    """One version of the enterprise's democracy regulation (Quy chế dân chủ ở cơ sở tại nơi
    làm việc), Decree 145/2020 Art. 48."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    number = Integer(default=1)  # 1, 2, ...: each revision is a new version
    status = Varchar(length=16, choices=RegulationStatus, default=RegulationStatus.DRAFT)
    state_owned = Boolean(default=False)  # which chapters apply (Law 10/2022 for SOEs)
    # Comma-separated keys of the matters each chapter lists (Law 10/2022 Art. 82(3) check).
    comment_matters = Text(default="")
    decide_matters = Text(default="")
    supervise_matters = Text(default="")
    consultation_started_on = Date(null=True, default=None)
    consulted_bodies = Varchar(length=500, default="")  # who received the draft
    # A consultation of the workers themselves through the voting engine (Law 10/2022 Art. 71
    # lists the draft regulation among what workers comment on).
    ballot_id = Integer(null=True, default=None)
    issued_on = Date(null=True, default=None)
    signer_name = Varchar(length=255, default="")
    signer_title = Varchar(length=255, default="")
    published_on = Date(null=True, default=None)
    decision_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    regulation_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class RegulationChapter(Table):
    """The text of one chapter (chương) of a regulation version."""

    version = ForeignKey(RegulationVersion, null=False, on_delete=OnDelete.cascade, index=True)
    key = Varchar(length=30)
    text = Text(default="")
    updated_at = Timestamptz(default=TimestamptzNow())


class RegulationComment(Table):
    """A comment on the draft regulation (ý kiến góp ý dự thảo quy chế), Decree 145 Art. 48(2):
    taken up, or not with its reason."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    version = ForeignKey(RegulationVersion, null=False, on_delete=OnDelete.cascade, index=True)
    chapter_key = Varchar(length=30, default="")
    author = Varchar(length=255)  # a representative body, a worker, or "anonymous"
    body = Text()
    status = Varchar(length=20, choices=CommentStatus, default=CommentStatus.PENDING)
    reason = Text(default="")
    received_on = Date()
    decided_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class InternalRules(Table):
    """One version of the internal labour rules (Nội quy lao động), Labour Code Arts. 118-121."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    number = Integer(default=1)
    status = Varchar(length=16, choices=InternalRulesStatus, default=InternalRulesStatus.DRAFT)
    contents = Text(default="{}")  # JSON: Art. 118(2) key -> text
    consulted_on = Date(null=True, default=None)  # the representative organisation's opinion
    consultation_opinion = Text(default="")
    issued_on = Date(null=True, default=None)
    filed_on = Date(null=True, default=None)  # the authority received the dossier
    authority = Varchar(length=255, default="")
    reply_on = Date(null=True, default=None)
    reply = Text(default="")
    dossier_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    created_at = Timestamptz(default=TimestamptzNow())


class Disclosure(Table):
    """A matter the employer disclosed to the workers (công khai thông tin), Decree 145 Art. 43;
    Law 10/2022 Arts. 64-66."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    matter = Varchar(length=30)
    title = Varchar(length=300)
    body = Text()
    decided_on = Date()  # the decision or event that must be disclosed
    due_on = Date()
    disclosed_on = Date(null=True, default=None)
    posted_until = Date(null=True, default=None)  # SOE: at least 20 consecutive days
    forms = Varchar(length=200, default="")  # comma-separated Art. 43(2) forms
    notice_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    # A consultation ballot of the voting engine on the matter, when workers decide or comment.
    ballot_id = Integer(null=True, default=None)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class DisclosureReading(Table):
    """A worker's acknowledgement of having read a disclosure (xác nhận đã đọc)."""

    disclosure = ForeignKey(Disclosure, null=False, on_delete=OnDelete.cascade, index=True)
    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.cascade, index=True)
    # "<disclosure>:<worker>": one acknowledgement each, enforced by the database.
    once = Varchar(length=40, unique=True)
    channel = Varchar(length=10, default="code")  # code (own phone) or kiosk
    read_at = Timestamptz(default=TimestamptzNow())


class DisclosureSuggestion(Table):
    """A worker's suggestion taken up as a comment on a disclosed matter (Decree 145 Art. 44)."""

    disclosure = ForeignKey(Disclosure, null=False, on_delete=OnDelete.cascade, index=True)
    suggestion_id = Integer(index=True)
    created_at = Timestamptz(default=TimestamptzNow())
