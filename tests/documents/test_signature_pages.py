"""A signature never moves to a page of its own: lists of every length that brings the signature
block to the bottom of a page print with the block whole and with the list's last rows."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.conferences.documents.invitations import delegate_list_context
from labour_democracy.conferences.documents.records import DelegateRow
from labour_democracy.conferences.documents.samples import _SAMPLE_HEAD, _sample_conference
from labour_democracy.conferences.documents.templates import DELEGATE_LIST
from labour_democracy.conferences.tables import DelegateKind
from labour_democracy.documents import engine, pdf
from tests.documents import docx_rules
from tests.helpers import require_tool


def _delegates(count: int) -> list[DelegateRow]:
    return [
        DelegateRow(
            f"Nguyễn Thị Lan {n}", f"SH{n:04d}", "Tổ may 1A", DelegateKind.ELECTED, "", "X", None
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.pdf
@pytest.mark.parametrize("count", [26, 28, 30])  # the signature falls at the page end
async def test_a_long_delegate_list_keeps_its_signature_whole(count):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    context = delegate_list_context(
        _SAMPLE_HEAD, _sample_conference(), _delegates(count), dt.date(2027, 1, 5)
    )
    context["header"]["reference"] = "01/DS-SHVN"
    content = engine.render_sync(DELEGATE_LIST, context)
    assert docx_rules.keep_problems(content) == []
    printed = await pdf.to_pdf(content)
    assert docx_rules.pdf_page_problems(printed) == []
