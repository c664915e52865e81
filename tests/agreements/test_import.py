"""Importing an agreement from .docx: the split by "Chương"/"Điều" headings, the preview, the
refusal of a file that is not an agreement (with the reason), the articles in the ledger."""

from __future__ import annotations

import io

import docx
import pytest

from labour_democracy.agreements import importing
from labour_democracy.agreements.tables import Agreement, Chapter, Clause
from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Role
from labour_democracy.i18n import language, today
from tests import factories
from tests.agreements import REPRESENTED

AGREEMENT = [
    "THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
    "Căn cứ Bộ luật Lao động số 45/2019/QH14;",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi áp dụng",
    "Thỏa ước áp dụng cho toàn bộ người lao động.",
    "Điều 2: Thời hạn",
    "Thỏa ước có thời hạn 02 năm.",
    "Chương II: TIỀN LƯƠNG",
    "Điều 3. Mức lương thấp nhất",
    "Mức lương thấp nhất là 5.600.000 đồng/tháng.",
    "Phụ cấp ăn ca 30.000 đồng/bữa.",
    "Chương III. ĐIỀU KHOẢN THI HÀNH",
    "Điều 4. Hiệu lực",
]


def _docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.unit
def test_the_split_follows_the_chapter_and_article_headings():
    sections = importing.split_lines(AGREEMENT)
    assert [s.title for s in sections] == ["QUY ĐỊNH CHUNG", "TIỀN LƯƠNG", "ĐIỀU KHOẢN THI HÀNH"]
    assert [[a.title for a in s.articles] for s in sections] == [
        ["Phạm vi áp dụng", "Thời hạn"],
        ["Mức lương thấp nhất"],
        ["Hiệu lực"],
    ]
    assert sections[1].articles[0].lines == [
        "Mức lương thấp nhất là 5.600.000 đồng/tháng.",
        "Phụ cấp ăn ca 30.000 đồng/bữa.",
    ]


@pytest.mark.unit
def test_the_preview_lines_split_again_the_same_way():
    lines = importing.preview(_docx(AGREEMENT))
    assert lines[0] == "Chương 1. QUY ĐỊNH CHUNG" and "Điều 3. Mức lương thấp nhất" in lines
    again = importing.split_lines(lines)
    assert [len(s.articles) for s in again] == [2, 1, 1]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a zip at all", "not a Word .docx"),
        (_docx(["Biên bản họp", "Nội dung không có điều khoản"]), "No article was found"),
    ],
)
def test_a_file_that_is_not_an_agreement_is_refused_with_the_reason(content, reason):
    with language("en"), pytest.raises(Invalid) as refused:
        importing.preview(content)
    assert reason in refused.value.errors["file"]


async def test_the_pages_preview_and_import_the_articles(browser_for):
    enterprise = await factories.enterprise(**REPRESENTED)
    await factories.user("hr@a.vn", Role.HR, enterprise)
    hr = await browser_for("hr@a.vn")
    await hr.post("/language", {"language": "en", "next": "/"})
    base = f"/enterprises/{enterprise}/agreements"
    response = await hr.post(
        base,
        {"requested_by": "cba_employer", "received_on": today().isoformat(), "title": "T",
         "contents": "C"},
    )  # fmt: skip
    agreement_id = (await Agreement.objects().first()).id
    response = await hr.post(
        f"{base}/{agreement_id}/import",
        files={"file": ("old.docx", b"garbage", "application/octet-stream")},
    )
    assert response.status_code == 422 and "not a Word .docx" in response.text
    response = await hr.post(
        f"{base}/{agreement_id}/import",
        files={"file": ("old.docx", _docx(AGREEMENT), "application/octet-stream")},
    )
    assert response.status_code == 200
    assert "3 chapters, 4 articles" in response.text
    lines = importing.preview(_docx(AGREEMENT))
    response = await hr.post(f"{base}/{agreement_id}/import/confirm", {"text": "\n".join(lines)})
    assert response.status_code == 303
    assert await Clause.count().where(Clause.agreement == agreement_id) == 4
    assert await Chapter.count().where(Chapter.agreement == agreement_id) == 3
