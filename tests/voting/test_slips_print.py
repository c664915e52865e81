"""Ballot slips print as real slips: Times New Roman, nothing under 13 pt, the Decree 30 page,
no "python-docx" in the metadata, and no blank page however many slips."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from labour_democracy.documents import pdf
from labour_democracy.voting import slips
from tests.documents import docx_rules
from tests.helpers import require_tool


def _run_sizes(content: bytes) -> set[int]:
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    runs = re.findall(r"<w:r>(.*?)</w:r>", body, flags=re.S)
    return {int(size) for run in runs for size in re.findall(r'<w:sz w:val="(\d+)"/>', run)}


@pytest.mark.unit
def test_slips_are_in_times_new_roman_at_13_pt_or_more_on_the_decree_page():
    content = slips.sample(60)
    assert docx_rules.font_problems(content) == []
    assert docx_rules.page_problems(content) == []
    assert docx_rules.metadata_problems(content) == []
    assert min(_run_sizes(content)) >= 26  # half-points
    assert "Courier" not in zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()


@pytest.mark.pdf
async def test_sixty_slips_print_without_a_blank_page():
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    from pypdf import PdfReader

    printed = await pdf.to_pdf(slips.sample(60))
    assert docx_rules.pdf_page_problems(printed) == []
    pages = PdfReader(io.BytesIO(printed)).pages
    codes = sum(len(re.findall(r"ABCD-\d{4}-EFGH", page.extract_text())) for page in pages)
    assert codes == 60
    assert len(pages) <= 15  # four slips a page at least, not 29 pages half of them blank
