"""Translation catalogues: extract the English msgids of each module and check the translations.

    python -m labour_democracy.catalogues update [--domain D]   # refresh the .po files
    python -m labour_democracy.catalogues check  [--domain D]   # list what is not translated

One domain per module (labour_democracy/modules.py), written to
`labour_democracy/locale/<lang>/LC_MESSAGES/<domain>.po` for every language. `update` keeps
existing translations, adds each new or changed msgid as an empty entry (never marked fuzzy),
drops msgids no longer in the sources and fills the English catalogue with the msgids
themselves, so only Vietnamese and French need a translator. Entries are sorted and carry file
names without line numbers, so moving code does not rewrite the catalogues.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2 import TemplateSyntaxError
from jinja2.ext import babel_extract

from labour_democracy.modules import MODULES
from labour_democracy.settings import LANGUAGES, PACKAGE_DIR

SOURCE_LANGUAGE = "en"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
# A comment starting with this tag, on the line of a msgid or just above, reaches the translator.
COMMENT_TAGS = ("Translators:",)
# As the app's Jinja environment (web/templating.py), so {% trans %} blocks give the same msgids;
# a template that does not parse stops the extraction instead of losing its strings silently.
JINJA_OPTIONS = {
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "newstyle_gettext": "true",
    "silent": "false",
}
TEMPLATE_SUFFIXES = (".html", ".txt")  # pages and plain-text e-mails
# Besides its own folders, the core domain owns the package's top-level modules, the web layer
# and the templates every module shares.
CORE_PACKAGES = ("web",)
CORE_TEMPLATES = ("base.html", "_partials", "errors", "auth", "admin")
# templates/documents/ holds .docx files only, so the documents module's pages live apart.
DOMAIN_TEMPLATES = {"documents": ("docs_pages",)}
HEADER_COMMENT = (
    "# Translations of labour-democracy.\n"
    "# Written by `python -m labour_democracy.catalogues update`: translate the empty msgstr\n"
    "# entries; the tool keeps them when it runs again.\n"
    "#"
)
# %(name)s, positional %s / %d ..., a literal %% (newstyle Jinja gettext always applies %), {name}.
# Python 3.11 reads an f-string as one token, so Babel never sees a msgid called inside one.
_F_STRING = re.compile(r"[rRbBuU]*[fF]")
_KEYWORD_CALL = re.compile(r"\b(?:" + "|".join(KEYWORDS) + r")\(\s*[rRuU]?['\"]")  # a literal msgid
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0+-]?\d*(?:\.\d+)?[sdifr%]|\{\w*(?:[:!][^{}]*)?\}")


class ExtractionError(ValueError):
    """A source file cannot be read for strings; the message names the file and line."""


@dataclass(frozen=True)
class Project:
    """Where the sources and the catalogues are: a source checkout by default."""

    root: Path = PACKAGE_DIR.parent
    package: str = PACKAGE_DIR.name
    modules: tuple[str, ...] = tuple(module.name for module in MODULES)
    languages: tuple[str, ...] = LANGUAGES

    @property
    def package_dir(self) -> Path:
        return self.root / self.package

    @property
    def template_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locale_dir(self) -> Path:
        return self.package_dir / "locale"

    def po_path(self, language: str, domain: str) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if folder.is_file():
        return [folder] if folder.suffix in suffixes else []
    return [p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes]


def sources(project: Project, domain: str) -> tuple[list[Path], list[Path]]:
    """(Python files, templates) whose strings belong to `domain`, sorted."""
    python = _files(project.package_dir / domain, (".py",))
    templates = _files(project.template_dir / domain, TEMPLATE_SUFFIXES)
    for name in DOMAIN_TEMPLATES.get(domain, ()):
        templates += _files(project.template_dir / name, TEMPLATE_SUFFIXES)
    if domain == "core":
        python += sorted(project.package_dir.glob("*.py"))
        for package in CORE_PACKAGES:
            python += _files(project.package_dir / package, (".py",))
        for name in CORE_TEMPLATES:
            templates += _files(project.template_dir / name, TEMPLATE_SUFFIXES)
    return sorted(set(python)), sorted(set(templates))


def _extract_file(path: Path, method) -> Iterator[tuple[int, str | tuple[str, ...], list, None]]:
    options = JINJA_OPTIONS if method is babel_extract else {}
    with path.open("rb") as fileobj:
        try:
            yield from extract(method, fileobj, KEYWORDS, COMMENT_TAGS, options, True)
        except TemplateSyntaxError as error:  # Jinja's message does not name the file
            raise ExtractionError(f"{path}:{error.lineno}: {error.message}") from error


def extract_domain(project: Project, domain: str) -> Catalog:
    """Every msgid of the domain's sources, with the files that use it."""
    template = Catalog(domain=domain, fuzzy=False)
    python, templates = sources(project, domain)
    for paths, method in ((python, "python"), (templates, babel_extract)):
        for path in paths:
            location = (path.relative_to(project.root).as_posix(), None)
            for _, msgid, comments, context in _extract_file(path, method):
                template.add(msgid, locations=[location], auto_comments=comments, context=context)
    return template


def _empty(string: str | tuple[str, ...] | None) -> bool:
    if isinstance(string, tuple | list):
        return not string or any(not form for form in string)
    return not string


def _translated(message: Message, old: Message | None, language: str, forms: int):
    """The msgstr to keep for `message`: the old one when its msgid is unchanged."""
    if old is not None and old.id == message.id and not _empty(old.string):
        return old.string
    if language == SOURCE_LANGUAGE:
        return message.id
    return ("",) * forms if message.pluralizable else ""


def merge(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """The catalogue of `language` for the msgids of `template`, keeping what was translated."""
    catalogue = Catalog(
        locale=language,
        domain=template.domain,
        header_comment=HEADER_COMMENT,
        project="labour-democracy",
        version=metadata.version("labour-democracy"),
        creation_date=existing.creation_date if existing else None,
        revision_date=existing.revision_date if existing else None,
        last_translator=existing.last_translator if existing else None,
        language_team=existing.language_team if existing else None,
        fuzzy=False,
    )
    for message in template:
        if not message.id:
            continue
        old = existing.get(message.id, message.context) if existing else None
        same = old is not None and old.id == message.id
        catalogue.add(
            message.id,
            _translated(message, old, language, catalogue.num_plurals),
            locations=message.locations,
            # A translator's own "fuzzy" stays until they clear it; the tool sets none.
            flags={"fuzzy"} if same and old.fuzzy else (),
            auto_comments=message.auto_comments,
            user_comments=old.user_comments if same else (),
            context=message.context,
        )
    return catalogue


def _read(path: Path, language: str, domain: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=language, domain=domain, ignore_obsolete=True)


def render(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def update(project: Project, domain: str) -> list[str]:
    """Rewrite the domain's catalogues; returns one line per file saying what happened."""
    template = extract_domain(project, domain)
    report: list[str] = []
    for language in project.languages:
        path = project.po_path(language, domain)
        shown = path.relative_to(project.root).as_posix()
        if not len(template):
            if path.exists():
                path.unlink()
                path.with_suffix(".mo").unlink(missing_ok=True)
                report.append(f"{shown}: removed, the domain has no strings left")
            continue
        catalogue = merge(template, _read(path, language, domain), language)
        content = render(catalogue)
        untranslated = sum(1 for m in catalogue if m.id and _empty(m.string))
        summary = f"{len(catalogue)} messages, {untranslated} untranslated"
        if path.exists() and path.read_bytes() == content:
            report.append(f"{shown}: unchanged ({summary})")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        report.append(f"{shown}: written ({summary})")
    return report


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _placeholder_problem(message: Message) -> str | None:
    if message.pluralizable:
        expected = placeholders(message.id[0]) | placeholders(message.id[1])
        forms = [placeholders(form) for form in message.string]
        if any(not form <= expected for form in forms) or set().union(*forms) != expected:
            return f"placeholders differ from the msgid's {sorted(expected)}"
        return None
    expected, found = placeholders(message.id), placeholders(message.string)
    if expected != found:
        return f"placeholders {sorted(found)} differ from the msgid's {sorted(expected)}"
    return None


def _sort_key(message: Message) -> tuple[str, str]:
    return (message.id[0] if message.pluralizable else message.id, message.context or "")


def hidden_msgids(project: Project, domain: str) -> list[str]:
    """Translation calls inside f-strings: not extracted, so shown untranslated."""
    found = []
    for path in sources(project, domain)[0]:
        with path.open("rb") as fileobj:
            for token in tokenize.tokenize(fileobj.readline):
                if (
                    token.type == tokenize.STRING
                    and _F_STRING.match(token.string)
                    and _KEYWORD_CALL.search(token.string)
                ):
                    shown = path.relative_to(project.root).as_posix()
                    found.append(
                        f"{domain}: {shown}:{token.start[0]}: a msgid inside an f-string is not "
                        "extracted; translate it before the f-string"
                    )
    return found


def problems(project: Project, domain: str) -> list[str]:
    """Every msgid of the domain that is missing, empty, fuzzy or has other placeholders, and
    every msgid the extraction cannot see."""
    template = extract_domain(project, domain)
    found = hidden_msgids(project, domain)
    for language in project.languages:
        where = f"{domain}/{language}"
        catalogue = _read(project.po_path(language, domain), language, domain)
        for message in sorted(template, key=_sort_key):
            if not message.id:
                continue
            msgid = _sort_key(message)[0]
            entry = catalogue.get(message.id, message.context) if catalogue else None
            if entry is None or entry.id != message.id:
                found.append(f"{where}: missing: {msgid!r}")
            elif _empty(entry.string):
                found.append(f"{where}: empty: {msgid!r}")
            elif entry.fuzzy:
                found.append(f"{where}: fuzzy: {msgid!r}")
            elif problem := _placeholder_problem(entry):
                found.append(f"{where}: {problem}: {msgid!r}")
            elif entry.pluralizable and len(entry.string) != catalogue.num_plurals:
                found.append(
                    f"{where}: {len(entry.string)} plural forms, the language has "
                    f"{catalogue.num_plurals}: {msgid!r}"
                )
    return found


def conflicts(project: Project) -> list[str]:
    """Every msgid translated differently in two domains of one language.

    The app merges a language's catalogues into one at start-up, so only one of two
    translations of a msgid can ever show: the same English words must mean the same thing in
    every module, or carry a context (`pgettext`) that tells them apart.
    """
    found = []
    for language in project.languages:
        seen: dict[tuple[str | None, object], tuple[str, object]] = {}
        for domain in project.modules:
            catalogue = _read(project.po_path(language, domain), language, domain)
            for message in catalogue or ():
                if not message.id or _empty(message.string):
                    continue
                key = (message.context, message.id)
                first = seen.setdefault(key, (domain, message.string))
                if first[1] != message.string:
                    found.append(
                        f"{domain}/{language}: {_sort_key(message)[0]!r} is "
                        f"{message.string!r} here but {first[1]!r} in {first[0]}"
                    )
    return found


def _domains(project: Project, chosen: str | None) -> Iterable[str]:
    if chosen is None:
        return project.modules
    if chosen not in project.modules:
        known = ", ".join(project.modules)
        raise SystemExit(f"Unknown domain {chosen!r}; the domains are: {known}.")
    return (chosen,)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m labour_democracy.catalogues", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("command", choices=("update", "check"))
    parser.add_argument("--domain", help="one module's catalogues only")
    arguments = parser.parse_args(argv)
    project = Project()
    domains = _domains(project, arguments.domain)
    if arguments.command == "update":
        for domain in domains:
            for line in update(project, domain):
                print(line)
        return 0
    found = [line for domain in domains for line in problems(project, domain)]
    found += conflicts(project)
    for line in found:
        print(line)
    if found:
        print(
            f"{len(found)} translation problems. Run `python -m labour_democracy.catalogues "
            "update`, then fill in the msgstr of the entries above.",
            file=sys.stderr,
        )
        return 1
    print("Every msgid is translated in " + ", ".join(project.languages) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
