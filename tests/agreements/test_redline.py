"""The comparison of two versions: paragraphs aligned, words diffed, and a .docx whose changes
are real Word revisions (w:ins / w:del) that python-docx and lxml read back."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from labour_democracy.agreements import redline

pytestmark = pytest.mark.unit
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(*articles):
    return [
        {
            "number": 1,
            "title": "Tiền lương",
            "articles": [
                {"number": n, "title": title, "text": text}
                for n, (title, text) in enumerate(articles, start=1)
            ],
        }
    ]


OLD = _text(("Mức lương", "Mức lương thấp nhất là 5.000.000 đồng."), ("Thưởng", "Thưởng Tết."))
NEW = _text(
    ("Mức lương", "Mức lương thấp nhất là 5.600.000 đồng."), ("Ăn ca", "Bữa ăn 30.000 đồng.")
)


def test_a_changed_figure_is_one_word_deleted_and_one_inserted():
    rows = redline.compare(OLD, NEW)
    changed = next(row for row in rows if row.change == "changed" and "5.600.000" in row.new)
    assert [p for p in changed.pieces if p.kind != "same"] == [
        redline.Piece("del", "5.000.000"),
        redline.Piece("ins", "5.600.000"),
    ]
    assert rows[0].change == "same"  # the chapter heading


def test_the_docx_carries_tracked_insertions_and_deletions():
    content = redline.redline_docx("Thỏa ước", OLD, NEW)
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml"))
    inserted = ["".join(t.itertext()) for t in xml.iter(f"{W}ins") if len(t)]
    deleted = ["".join(t.itertext()) for t in xml.iter(f"{W}del") if len(t)]
    assert "5.600.000" in inserted and "5.000.000" in deleted
    assert any("Ăn ca" in text for text in inserted)
    assert any("Thưởng" in text for text in deleted)
    assert all(e.get(f"{W}author") for e in xml.iter(f"{W}ins"))
    ids = [e.get(f"{W}id") for e in xml.iter() if e.tag in (f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))
    # python-docx opens it; the accepted text (insertions kept, deletions dropped) is NEW.
    document = docx.Document(io.BytesIO(content))
    assert document.paragraphs[0].text == "Thỏa ước"


def test_identical_versions_have_no_revision():
    content = redline.redline_docx("T", OLD, OLD)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "<w:ins" not in xml and "<w:del " not in xml


def test_user_text_is_escaped():
    content = redline.redline_docx("T", [], _text(("A & B", "<w:p> x")))
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "A &amp; B" in xml and "&lt;w:p&gt;" in xml
