"""Numbering, issuing and storing documents (both engines)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json

import pytest

from labour_democracy.core.errors import Forbidden, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import AuditEntry
from labour_democracy.documents import engine, services
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import DocumentCounter, IssuedDocument
from labour_democracy.notices.documents import TEMPLATE, sample_context
from tests import factories


async def _issue(context, on: dt.date, type_code: str = "TB", **options) -> IssuedDocument:
    return await services.issue(
        context,
        kind="notice",
        type_code=type_code,
        title="Về việc nghỉ Tết",
        template=TEMPLATE,
        document_context=sample_context(),
        on=on,
        **options,
    )


async def test_numbers_count_per_issuer_type_and_year():
    a, b = await factories.enterprise(), await factories.enterprise()

    async def number(enterprise, issuer="SHVN", type_code="TB", year=2026):
        return await services.next_number(issuer, type_code, year, enterprise_id=enterprise)

    assert [await number(a) for _ in range(3)] == [1, 2, 3]
    assert await number(a, type_code="QĐ") == 1
    assert await number(a, issuer="CĐCS") == 1
    assert await number(a, year=2027) == 1
    assert await number(b) == 1  # another enterprise with the same symbol
    assert await number(a) == 4


async def test_numbering_restarts_on_the_first_of_january():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    late = [await _issue(context, dt.date(2026, 12, 31)) for _ in range(2)]
    early = await _issue(context, dt.date(2027, 1, 1))
    assert [d.reference for d in late] == ["01/TB-SHVN", "02/TB-SHVN"]
    assert (early.reference, early.number, early.year) == ("01/TB-SHVN", 1, 2027)
    assert early.issued_on == dt.date(2027, 1, 1)


async def test_the_number_is_printed_in_the_document():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    await _issue(context, dt.date(2026, 3, 2))
    second = await _issue(context, dt.date(2026, 3, 2))
    assert "Số: 02/TB-SHVN" in all_text(second.content)


async def test_an_issuer_symbol_and_a_letter_give_their_own_references():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    union = await _issue(context, dt.date(2026, 3, 2), issuer="CĐCS")
    letter = await _issue(context, dt.date(2026, 3, 2), type_code="", issuer="SHVN-VP")
    assert union.reference == "01/TB-CĐCS"
    assert letter.reference == "01/SHVN-VP"


async def test_an_unknown_type_code_is_a_programming_error():
    context = await factories.context(await factories.enterprise())
    with pytest.raises(ValueError, match="XYZ"):
        await _issue(context, dt.date(2026, 3, 2), type_code="XYZ")


async def test_concurrent_issues_never_share_a_number():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    documents = await asyncio.gather(*(_issue(context, dt.date(2026, 5, 1)) for _ in range(10)))
    assert sorted(d.number for d in documents) == list(range(1, 11))
    assert len({d.reference for d in documents}) == 10
    counter = await DocumentCounter.select(DocumentCounter.last_number).first()
    assert counter["last_number"] == 10
    assert await IssuedDocument.count() == 10


async def test_the_stored_checksum_matches_the_stored_bytes_and_is_audited():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    issued = await _issue(context, dt.date(2026, 3, 2))
    stored = await IssuedDocument.objects().where(IssuedDocument.id == issued.id).first()
    assert hashlib.sha256(stored.content).hexdigest() == stored.sha256
    assert stored.content == issued.content
    assert (stored.kind, stored.issuer, stored.created_by) == ("notice", "SHVN", 1)
    entry = await AuditEntry.objects().where(AuditEntry.action == "document.issued").first()
    assert (entry.record_type, entry.record_id) == ("document", str(issued.id))
    assert json.loads(entry.details) == {
        "kind": "notice",
        "reference": "01/TB-SHVN",
        "sha256": stored.sha256,
    }


async def test_a_failed_render_gives_its_number_back_and_stores_nothing():
    context = await factories.context(await factories.enterprise(symbol="SHVN"))
    broken = sample_context()
    del broken["summary"]
    with pytest.raises(engine.DocumentRenderError):
        await services.issue(
            context,
            kind="notice",
            type_code="TB",
            title="x",
            template=TEMPLATE,
            document_context=broken,
            on=dt.date(2026, 3, 2),
        )
    assert await IssuedDocument.count() == 0
    assert not await AuditEntry.exists().where(AuditEntry.action == "document.issued")
    assert (await _issue(context, dt.date(2026, 3, 2))).reference == "01/TB-SHVN"


async def test_documents_are_listed_newest_first_and_filtered_by_kind():
    context = await factories.context(await factories.enterprise())
    for _ in range(3):
        await _issue(context, dt.date(2026, 3, 2))
    await services.issue(
        context,
        kind="minutes",
        type_code="BB",
        title="Biên bản",
        template=TEMPLATE,
        document_context=sample_context(),
    )
    listing = await services.list_documents(context, page=1, per_page=2)
    assert listing.total == 4 and listing.pages == 2
    assert [row["title"] for row in listing.rows] == ["Biên bản", "Về việc nghỉ Tết"]
    assert "content" not in listing.rows[0]
    notices = await services.list_documents(context, kind="notice")
    assert notices.total == 3 and notices.rows[0]["reference"].startswith("03/TB-")
    assert sorted(await services.document_kinds(context)) == ["minutes", "notice"]


async def test_another_enterprises_document_is_not_found():
    own = await factories.context(await factories.enterprise())
    other = await factories.context(await factories.enterprise())
    document = await _issue(other, dt.date(2026, 3, 2))
    with pytest.raises(NotFound):
        await services.get_document(own, document.id)
    assert (await services.get_document(other, document.id)).id == document.id


async def test_a_context_without_view_documents_cannot_read_documents():
    context = await factories.context(await factories.enterprise())
    document = await _issue(context, dt.date(2026, 3, 2))
    no_role = EnterpriseContext(
        actor=context.actor, enterprise=context.enterprise, roles=frozenset()
    )
    with pytest.raises(Forbidden):
        await services.get_document(no_role, document.id)


async def test_the_letterhead_comes_from_the_enterprise_and_its_province():
    enterprise = await factories.enterprise(
        name="Công ty TNHH Đồng Tâm", province="01", legal_representative_title="Tổng Giám đốc"
    )
    head = await services.letterhead(await factories.context(enterprise))
    assert head.issuer == "CÔNG TY TNHH ĐỒNG TÂM"
    assert head.place == "Hà Nội"
    assert (head.signer_name, head.signer_title) == ("Nguyễn Văn A", "Tổng Giám đốc")


async def test_references_give_the_enterprises_own_documents_by_id():
    own = await factories.context(await factories.enterprise())
    other = await factories.context(await factories.enterprise())
    mine = await _issue(own, dt.date(2026, 3, 2))
    theirs = await _issue(other, dt.date(2026, 3, 2))
    found = await services.references(own, [mine.id, None, theirs.id, mine.id])
    assert list(found) == [mine.id]  # None and another enterprise's document skipped
    assert found[mine.id] == {
        "id": mine.id,
        "reference": mine.reference,
        "title": "Về việc nghỉ Tết",
        "issued_on": dt.date(2026, 3, 2),
    }
    assert await services.references(own, [None]) == {}
