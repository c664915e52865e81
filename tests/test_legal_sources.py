"""No rule is attributed to a source the app cannot name (issue 11, point 9): every legal
citation a user reads or a document prints names an instrument of the registry
(core/legal_sources.py) with its number, and an article law.md reads, or says it is not
verified. The texts read: every message of the interface (the msgids of the code and templates,
and their Vietnamese and French translations), the sources shown beside rules (obligations,
settings, voting rules, legal floors), the shipped .docx templates, and the documents the
samples command writes (tests/documents/test_samples.py)."""

from __future__ import annotations

import ast
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from labour_democracy import manifest, modules
from labour_democracy.agreements import floors
from labour_democracy.conferences import rules as conference_rules
from labour_democracy.core import legal_sources
from labour_democracy.core.vietnamese_dates import date_words
from labour_democracy.documents import rules as docrules
from labour_democracy.documents.engine import vietnamese_date
from labour_democracy.unions import rules as union_rules
from labour_democracy.voting import rules as voting_rules
from tests.legal_citations import NUMBER, citation_problems

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "labour_democracy"
GETTEXT = {"_", "N_", "gettext", "ngettext", "lazy_gettext"}


def _messages_of_the_code() -> list[tuple[str, str]]:
    """(where, msgid) of every gettext call with a literal in the Python sources."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "piccolo_migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.append((where, node.args[0].value))
    return found


def _catalogue_texts() -> list[tuple[str, str]]:
    """(where, text) of every msgid and of its translations: what the pages show, in every
    language (the templates' msgids are in the catalogues too)."""
    found = []
    for path in sorted((PACKAGE / "locale").rglob("*.po")):
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            where = f"{path.relative_to(ROOT)}: {ids[0][:50]!r}"
            found += [(where, text) for text in (*ids, *strings) if text]
    return found


def _template_texts() -> list[tuple[str, str]]:
    """Each line of the HTML templates (their msgids are also in the catalogues, but a literal
    outside `_()` is not), and the text of each shipped .docx template."""
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found.append((f"{path.relative_to(ROOT)}:{number}", line))
    for path in sorted((ROOT / "templates" / "documents").rglob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        for number, paragraph in enumerate(xml.split("</w:p>")):
            text = "".join(part.split(">", 1)[-1] for part in paragraph.split("<w:t")[1:])
            found.append((f"{path.relative_to(ROOT)} ¶{number}", text.replace("</w:t>", "")))
    return found


def _source_fields() -> list[tuple[str, str]]:
    """The sources shown beside rules and counted figures."""
    modules.install()
    found = [
        (f"obligation {o.key}", o.legal_source) for m in manifest.installed() for o in m.obligations
    ]
    found += [(f"floor {f.term}", f.source) for f in floors.FLOORS]
    found += [(f"union setting {s.key}", s.source) for s in union_rules.SETTINGS]
    found += [
        (f"rule {module.__name__}.{name}", value.source)
        for module in (voting_rules, conference_rules, union_rules)
        for name, value in vars(module).items()
        if isinstance(value, voting_rules.Rule)
    ]
    choices = voting_rules.QUORUM_CHOICES + voting_rules.PASS_CHOICES
    found += [(f"choice {c.key}", c.rule.source) for c in choices]
    return found


TEXTS = _messages_of_the_code() + _catalogue_texts() + _template_texts() + _source_fields()


def test_every_citation_names_a_registered_instrument_with_its_number_and_a_read_article():
    problems = [f"{where}: {p}" for where, text in TEXTS for p in citation_problems(text)]
    assert not problems, "\n".join(problems)


def test_the_texts_read_hold_citations():
    """The scan reads what it should: the known citations are among its texts."""
    joined = "\n".join(text for _, text in TEXTS)
    assert "Decree 145/2020/NĐ-CP, Art. 39(3)" in joined
    assert "Bộ luật Lao động số 45/2019/QH14, Điều 63(2)(a)" in joined
    assert "Nghị định số 293/2025/NĐ-CP, Điều 3" in joined


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Decree 145 Art. 39(3)", "without its number"),
        ("(Labour Code Art. 70(1))", "without its number"),
        ("Bộ luật Lao động 2019, Điều 77", "without its number"),
        ("(Art. 70(1))", "an article with no instrument"),
        ("Nghị định số 146/2020/NĐ-CP", "not in the registry"),
        ("Labour Code 45/2019/QH14, Art. 121", "law.md does not read it"),
        ("Nghị định số 74/2024/NĐ-CP, Điều 3", "not verified and not labelled"),
        ("VGCL Charter (2020), Art. 13(1)", "law.md does not read it"),
    ],
)
def test_a_citation_the_app_cannot_name_is_found(text, problem):
    assert any(problem in found for found in citation_problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ Điều 63, Điều 64 Bộ luật Lao động số 45/2019/QH14 và Điều 39 Nghị định số "
        "145/2020/NĐ-CP;",
        "Decree 145/2020/NĐ-CP, Art. 47(1); Law 10/2022/QH15, Art. 69(1); Trade Union Law "
        "50/2024/QH15, Art. 25",
        "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 75 đến Điều 81",
        "décret 145/2020/NĐ-CP, art. 39(3)",
        "Nghị định số 74/2024/NĐ-CP, Điều 3 (chưa kiểm chứng)",
        "VGCL Charter (2020), Art. 13(1): at least 5 applicants (secondary source)",
        "Căn cứ Điều lệ Công đoàn Việt Nam;",
        "Điều 1. Ban hành kèm theo Quyết định này",
        "Như Điều 3;",
        "Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020 của Chính phủ quy định chi "
        "tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và "
        "quan hệ lao động;",
    ],
)
def test_a_citation_the_app_can_name_passes(text):
    assert citation_problems(text) == []


def test_the_registry_cites_each_instrument_with_its_number_and_date():
    assert legal_sources.LABOUR_CODE.cited == "Bộ luật Lao động số 45/2019/QH14"
    assert legal_sources.TRADE_UNION_LAW.cited == "Luật Công đoàn số 50/2024/QH15"
    assert (
        legal_sources.DECREE_145.cited_with_date
        == "Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020"
    )
    assert legal_sources.VGCL_DECISION_933.cited_with_date.endswith("ngày 14 tháng 5 năm 2024")
    assert legal_sources.TRADE_UNION_LAW.cited_with_date == legal_sources.TRADE_UNION_LAW.cited
    numbers = [i.number for i in legal_sources.INSTRUMENTS if i.number]
    assert len(numbers) == len(set(numbers))
    assert all(NUMBER.fullmatch(number) for number in numbers)


def test_a_decree_is_cited_whole_in_a_basis_line():
    """Decree 30/2020 practice: "Căn cứ" cites a decree with its date, issuer and title."""
    assert docrules.DECREE_145 == (
        "Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020 của Chính phủ quy định chi tiết "
        "và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ "
        "lao động"
    )


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (dt.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
        (dt.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (dt.date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
    ],
)
def test_one_date_rule_for_documents_and_citations(day, words):
    """Decree 30/2020: a leading zero only for days below 10 and months 1 and 2; the documents'
    dates (non-breaking spaces) and the registry's dated citations use the same rule."""
    assert " ".join(date_words(day)) == words
    assert vietnamese_date(day) == words.replace(" ", "\u00a0")
    dated = legal_sources.Instrument(
        "1/2026/NĐ-CP", "Nghị định", "Decree", day, "VERIFIED", frozenset()
    )
    assert dated.cited_with_date == f"Nghị định số 1/2026/NĐ-CP {words}"
