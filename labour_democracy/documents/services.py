"""Use cases of the document engine: number, render, store and list issued documents.

Other modules call `issue` from inside their own use case (after checking their own
permission), so the document, its number and their record are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio

from labour_democracy.core import audit
from labour_democracy.core.errors import Forbidden
from labour_democracy.core.permissions import VIEW_DOCUMENTS
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Province
from labour_democracy.db import write_transaction
from labour_democracy.documents import checks, engine, rules
from labour_democracy.documents.tables import DocumentCounter, IssuedDocument
from labour_democracy.i18n import today

# Portable upsert (PostgreSQL, and SQLite since 3.35 for RETURNING): the row lock it takes is
# what makes two concurrent issues wait for each other instead of sharing a number.
_NEXT_NUMBER = (
    "INSERT INTO document_counter (enterprise, issuer, type_code, year, last_number) "
    "VALUES ({}, {}, {}, {}, 1) "
    "ON CONFLICT (enterprise, issuer, type_code, year) "
    "DO UPDATE SET last_number = document_counter.last_number + 1 "
    "RETURNING last_number"
)


async def next_number(issuer: str, type_code: str, year: int, *, enterprise_id: int) -> int:
    """The next number of `issuer`'s documents of `type_code` in `year`, starting at 1 each
    year (Decree 30/2020, Art. 15). Joins the caller's write transaction if there is one, so
    a failed issue gives its number back."""
    async with write_transaction():
        rows = await DocumentCounter.raw(_NEXT_NUMBER, enterprise_id, issuer, type_code, year)
    return rows[0]["last_number"]


async def issue(
    context: EnterpriseContext,
    *,
    kind: str,
    type_code: str,
    title: str,
    template: str,
    document_context: dict,
    issuer: str | None = None,
    on: dt.date | None = None,
    finish: Callable[[bytes], bytes] | None = None,
    reuse_unchanged: bool = False,
) -> IssuedDocument:
    """Number, render and store a document of the context's enterprise.

    `issuer` is the issuing body's symbol (default: the enterprise's, e.g. "SHVN"); `type_code`
    a Decree 30 abbreviation such as "TB", or "" for a letter; `on` the date of issue, whose
    year picks the number sequence. The reference ("01/TB-SHVN") and number are added to the
    context (as `reference`, `number` and `header.reference`). The caller checks permission.

    `reuse_unchanged`: when the enterprise's last document of this kind and title says the same
    (its number, date of issue and audit line aside), that document is returned and no number
    is used: asking again for a document, or for its PDF, gives a copy of the one issued, never
    a second number for the same text (a changed text is a new document with a new number).
    """
    if not rules.is_known_type(type_code):
        raise ValueError(f"unknown document type code {type_code!r}")
    issued_on = on or today()
    symbol = issuer or context.enterprise.symbol
    async with write_transaction():
        if reuse_unchanged:
            previous = await _same_as_last(context, kind, title, template, document_context, finish)
            if previous is not None:
                return previous
        number = await next_number(
            symbol, type_code, issued_on.year, enterprise_id=context.enterprise_id
        )
        reference = rules.format_reference(number, type_code, symbol)
        filled: dict[str, Any] = {**document_context, "reference": reference, "number": number}
        if isinstance(filled.get("header"), Mapping):
            filled["header"] = {**filled["header"], "reference": reference}
        content = await engine.render(template, filled)
        if finish is not None:
            content = await anyio.to_thread.run_sync(finish, content)
        checksum = hashlib.sha256(content).hexdigest()
        document = IssuedDocument(
            enterprise=context.enterprise_id,
            kind=kind,
            issuer=symbol,
            type_code=type_code,
            number=number,
            year=issued_on.year,
            issued_on=issued_on,
            reference=reference,
            title=rules.single_line(title)[:500],
            template=template,
            content=content,
            sha256=checksum,
            created_by=context.actor.id,
        )
        await document.save()
        await audit.record(
            context.actor,
            "document.issued",
            "document",
            document.id,
            context.enterprise_id,
            kind=kind,
            reference=reference,
            sha256=checksum,
        )
    return document


# The place and date line ("Bắc Ninh, ngày 05 tháng 01 năm 2026") and the number: what differs
# between two issues of the same text.
_PLACE_AND_DATE = re.compile(r"^[^,]*,\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}$")


def comparable_text(content: bytes) -> list[str]:
    return [
        text
        for text in checks.paragraph_texts(content)
        if not text.startswith(("Số:", "Nhật ký:")) and not _PLACE_AND_DATE.match(text.strip())
    ]


async def _same_as_last(
    context: EnterpriseContext,
    kind: str,
    title: str,
    template: str,
    document_context: dict,
    finish: Callable[[bytes], bytes] | None,
) -> IssuedDocument | None:
    previous = (
        await IssuedDocument.objects()
        .where(
            (IssuedDocument.enterprise == context.enterprise_id)
            & (IssuedDocument.kind == kind)
            & (IssuedDocument.title == rules.single_line(title)[:500])
        )
        .order_by(IssuedDocument.id, ascending=False)
        .first()
    )
    if previous is None:
        return None
    draft = await engine.render(template, {**document_context, "reference": "", "number": 0})

    def compare() -> bool:
        finished = finish(draft) if finish is not None else draft
        return comparable_text(finished) == comparable_text(previous.content)

    same = await anyio.to_thread.run_sync(compare)
    return previous if same else None


async def render_unnumbered(template: str, context: Mapping[str, Any]) -> bytes:
    """A document that carries no number (a ballot slip, a list): rendered, not stored."""
    return await engine.render(template, context)


@dataclass(frozen=True)
class Letterhead:
    """What an enterprise's documents print by default."""

    issuer: str  # the issuing body's name, upper case
    place: str  # "Bắc Ninh"
    signer_name: str
    signer_title: str


async def letterhead(context: EnterpriseContext) -> Letterhead:
    enterprise = context.enterprise
    province = (
        await Province.select(Province.name).where(Province.id == enterprise.province).first()
    )
    return Letterhead(
        issuer=enterprise.name.upper(),
        place=rules.place_name(province["name"]) if province else "",
        signer_name=enterprise.legal_representative,
        signer_title=enterprise.legal_representative_title,
    )


def _require_view(context: EnterpriseContext) -> None:
    if not context.can(VIEW_DOCUMENTS):
        raise Forbidden


async def get_document(context: EnterpriseContext, document_id: int) -> IssuedDocument:
    _require_view(context)
    return await get_owned(context, IssuedDocument, document_id)


async def references(context: EnterpriseContext, ids: Iterable[int | None]) -> dict[int, dict]:
    """The enterprise's issued documents among `ids` (None and another enterprise's skipped),
    by id: their id, reference, title and issue date, for a page or an answer that cites them.
    The caller checks the reader may see the record that names them."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    rows = await IssuedDocument.select(
        IssuedDocument.id, IssuedDocument.reference, IssuedDocument.title, IssuedDocument.issued_on
    ).where((IssuedDocument.enterprise == context.enterprise_id) & IssuedDocument.id.is_in(wanted))
    return {row["id"]: row for row in rows}


LISTED_COLUMNS = (
    IssuedDocument.id,
    IssuedDocument.kind,
    IssuedDocument.reference,
    IssuedDocument.title,
    IssuedDocument.sha256,
    IssuedDocument.issued_on,
)


async def list_documents(
    context: EnterpriseContext, page: int = 1, kind: str | None = None, per_page: int = 20
) -> Page:
    """The enterprise's issued documents, newest first (the files themselves are not read)."""
    _require_view(context)
    clause = IssuedDocument.enterprise == context.enterprise_id
    if kind:
        clause &= IssuedDocument.kind == kind
    total = await IssuedDocument.count().where(clause)
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = (
        await IssuedDocument.select(*LISTED_COLUMNS)
        .where(clause)
        .order_by(IssuedDocument.created_at, IssuedDocument.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def document_kinds(context: EnterpriseContext) -> list[str]:
    _require_view(context)
    rows = (
        await IssuedDocument.select(IssuedDocument.kind)
        .where(IssuedDocument.enterprise == context.enterprise_id)
        .distinct()
    )
    return [row["kind"] for row in rows]
