"""Every UI string is translated in every language; the catalogue tool keeps translators' work."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo

from labour_democracy import catalogues
from labour_democracy.catalogues import Project


def test_every_ui_string_has_a_vietnamese_english_and_french_translation():
    project = Project()
    found = [line for domain in project.modules for line in catalogues.problems(project, domain)]
    assert not found, (
        "Untranslated or broken catalogue entries. Run `python -m labour_democracy.catalogues "
        "update`, then fill in the msgstr of:\n" + "\n".join(found)
    )


def test_a_msgid_shared_by_modules_has_one_translation_per_language():
    found = catalogues.conflicts(Project())
    assert not found, (
        "The app merges the catalogues, so only one translation can show. Use the same "
        "translation, or tell the meanings apart with pgettext:\n" + "\n".join(found)
    )


def test_every_catalogue_compiles():
    project = Project()
    for path in sorted(project.locale_dir.glob("*/LC_MESSAGES/*.po")):
        language, domain = path.parent.parent.name, path.stem
        catalogue = catalogues._read(path, language, domain)
        assert catalogue is not None and not catalogue.fuzzy, f"{path} is marked fuzzy"
        write_mo(io.BytesIO(), catalogue)


# The tool on a small project of its own.


def _project(root: Path) -> Project:
    (root / "pkg" / "core").mkdir(parents=True)
    (root / "pkg" / "web").mkdir()
    (root / "pkg" / "quiet").mkdir()
    (root / "templates" / "core").mkdir(parents=True)
    (root / "templates" / "_partials").mkdir()
    (root / "pkg" / "core" / "rules.py").write_text(
        "LABEL = N_('Grassroots trade union')\n"
        "def message(n):\n"
        "    # Translators: shown after a failed sign-in\n"
        "    return _('Wait {minutes} minutes.'), ngettext('%(n)s worker', '%(n)s workers', n)\n",
        encoding="utf-8",
    )
    (root / "pkg" / "web" / "errors.py").write_text("TITLE = _('Not found')\n")
    (root / "pkg" / "quiet" / "tables.py").write_text("NAME = 'no UI text here'\n")
    (root / "templates" / "core" / "page.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block content %}<h1>{{ _('Roster') }}</h1>\n"
        "<p>{{ _('Delete the unit %(name)s?', name=unit) }} {{ _(variable) }}</p>\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (root / "templates" / "_partials" / "pager.html").write_text("{{ _('Next') }}\n")
    return Project(root=root, package="pkg", modules=("core", "quiet"))


def _translate(project: Project, language: str, domain: str, strings: dict) -> None:
    path = project.po_path(language, domain)
    catalogue = catalogues._read(path, language, domain)
    for msgid, (string, *flags) in strings.items():
        message = catalogue.get(msgid)
        message.string = string
        message.flags.update(flags)
    path.write_bytes(catalogues.render(catalogue))


def _strings(project: Project, language: str, domain: str = "core") -> dict:
    catalogue = catalogues._read(project.po_path(language, domain), language, domain)
    return {message.id: message.string for message in catalogue if message.id}


def test_update_extracts_python_and_templates_of_the_domain_and_fills_english(tmp_path):
    project = _project(tmp_path)
    catalogues.update(project, "core")
    english = _strings(project, "en")
    assert english == {
        "Grassroots trade union": "Grassroots trade union",
        "Wait {minutes} minutes.": "Wait {minutes} minutes.",
        ("%(n)s worker", "%(n)s workers"): ("%(n)s worker", "%(n)s workers"),
        "Not found": "Not found",
        "Roster": "Roster",
        "Delete the unit %(name)s?": "Delete the unit %(name)s?",
        "Next": "Next",
    }
    assert set(_strings(project, "vi")) == set(english)
    assert all(not string for string in _strings(project, "fr").values() if isinstance(string, str))
    assert _strings(project, "vi")[("%(n)s worker", "%(n)s workers")] == ("",)  # one plural form
    text = project.po_path("vi", "core").read_text(encoding="utf-8")
    assert "#. shown after a failed sign-in" in text
    assert "#: pkg/core/rules.py\n" in text  # files without line numbers: no churn


def test_a_domain_without_strings_gets_no_catalogue(tmp_path):
    project = _project(tmp_path)
    assert catalogues.update(project, "quiet") == []
    assert not (project.locale_dir / "vi" / "LC_MESSAGES" / "quiet.po").exists()
    assert catalogues.problems(project, "quiet") == []


def test_update_keeps_translations_and_adds_a_changed_msgid_as_a_new_empty_entry(tmp_path):
    project = _project(tmp_path)
    catalogues.update(project, "core")
    _translate(
        project,
        "vi",
        "core",
        {"Roster": ("Danh sách người lao động",), "Next": ("Trang sau",)},
    )
    page = tmp_path / "templates" / "core" / "page.html"
    page.write_text(page.read_text().replace("'Roster'", "'Workers'"))
    (tmp_path / "templates" / "_partials" / "pager.html").write_text("{{ _('Next') }} ok\n")

    catalogues.update(project, "core")

    vietnamese = _strings(project, "vi")
    assert vietnamese["Next"] == "Trang sau"
    assert vietnamese["Workers"] == ""
    assert "Roster" not in vietnamese  # obsolete entries are dropped
    assert "fuzzy" not in project.po_path("vi", "core").read_text()


def test_update_keeps_a_translators_fuzzy_mark_and_a_corrected_english_wording(tmp_path):
    project = _project(tmp_path)
    catalogues.update(project, "core")
    _translate(project, "fr", "core", {"Roster": ("Liste du personnel", "fuzzy")})
    _translate(project, "en", "core", {"Roster": ("Worker roster",)})
    catalogues.update(project, "core")
    assert "#, fuzzy\n" in project.po_path("fr", "core").read_text()
    assert _strings(project, "en")["Roster"] == "Worker roster"


def test_a_second_update_changes_no_file(tmp_path):
    project = _project(tmp_path)
    catalogues.update(project, "core")
    before = {p: p.read_bytes() for p in project.locale_dir.rglob("*.po")}
    report = catalogues.update(project, "core")
    assert all(": unchanged (" in line for line in report)
    assert {p: p.read_bytes() for p in project.locale_dir.rglob("*.po")} == before


def test_conflicts_name_a_msgid_translated_differently_in_two_domains(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "pkg" / "quiet" / "pages.py").write_text("A = _('Roster')\nB = _('Next')\n")
    catalogues.update(project, "core")
    catalogues.update(project, "quiet")
    _translate(project, "vi", "core", {"Roster": ("Danh sách",), "Next": ("Tiếp",)})
    _translate(project, "vi", "quiet", {"Roster": ("Sổ lao động",), "Next": ("Tiếp",)})
    assert catalogues.conflicts(project) == [
        "quiet/vi: 'Roster' is 'Sổ lao động' here but 'Danh sách' in core"
    ]


def test_check_lists_missing_empty_fuzzy_and_placeholder_problems(tmp_path):
    project = _project(tmp_path)
    catalogues.update(project, "core")
    project.po_path("fr", "core").unlink()
    _translate(
        project,
        "vi",
        "core",
        {
            "Grassroots trade union": ("Công đoàn cơ sở",),
            "Wait {minutes} minutes.": ("Vui lòng chờ {phut} phút.",),
            ("%(n)s worker", "%(n)s workers"): (("%(n)s người lao động",),),
            "Not found": ("Không tìm thấy", "fuzzy"),
            "Roster": ("Danh sách người lao động",),
            "Delete the unit %(name)s?": ("Xóa đơn vị?",),
        },
    )
    found = catalogues.problems(project, "core")
    assert "core/vi: empty: 'Next'" in found
    assert "core/vi: fuzzy: 'Not found'" in found
    assert any(line.startswith("core/vi: placeholders ['{phut}']") for line in found)
    assert any("'Delete the unit %(name)s?'" in line for line in found)
    assert not any("'Roster'" in line and "/vi" in line for line in found)
    assert not any("worker" in line and "/vi" in line for line in found)
    assert "core/fr: missing: 'Roster'" in found
    assert sum(line.startswith("core/fr: missing:") for line in found) == 7
    assert not any(line.startswith("core/en") for line in found)


def test_a_template_that_does_not_parse_stops_the_update_naming_the_file(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "templates" / "core" / "broken.html").write_text("{% if x %}{{ _('Lost') }}\n")
    with pytest.raises(catalogues.ExtractionError, match=r"templates/core/broken\.html:\d+"):
        catalogues.update(project, "core")
    assert not project.locale_dir.exists()


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="Python 3.12 splits f-strings into tokens: nothing is hidden",
)
def test_check_names_a_msgid_hidden_in_an_f_string(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "pkg" / "core" / "pages.py").write_text(
        "def label(header, rule):\n"
        "    return f\"A — {header or _('(no header)')}\"\n"
        "def source(rule):\n"
        '    return f"({_(rule.source)})"  # a msgid marked elsewhere\n'
    )
    catalogues.update(project, "core")
    assert catalogues.hidden_msgids(project, "core") == [
        "core: pkg/core/pages.py:2: a msgid inside an f-string is not extracted; "
        "translate it before the f-string"
    ]
    assert catalogues.hidden_msgids(project, "core")[0] in catalogues.problems(project, "core")


@pytest.mark.parametrize(
    ("msgid", "translation", "differ"),
    [
        ("%(count)s workers", "%(count)s người", False),
        ("%(count)s workers", "%(count)d người", True),
        ("%(count)s workers", "người", True),
        ("At most {n} characters.", "Tối đa {n} ký tự.", False),
        ("At most {n} characters.", "Tối đa {m} ký tự.", True),
        ("100%% sure", "chắc chắn 100%%", False),
        ("100%% sure", "chắc chắn 100%", True),
        ("50% of the workforce", "50% số lao động", False),
    ],
)
def test_placeholders_must_match_the_msgid(msgid, translation, differ):
    assert (catalogues.placeholders(msgid) != catalogues.placeholders(translation)) is differ


def test_the_command_names_the_domains_when_one_is_unknown(capsys):
    with pytest.raises(SystemExit, match="core"):
        catalogues.main(["update", "--domain", "nonexistent"])
