"""Importing an existing agreement from its .docx: the text split into chapters and articles by
their headings ("Chương I …", "Điều 1. …"), shown as a preview the person corrects, then put in
the ledger as the starting text of the bargaining."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError

from labour_democracy.agreements import inputs
from labour_democracy.agreements.permissions import BARGAIN, ledger_may_change
from labour_democracy.agreements.tables import Chapter, Clause, ClauseStatus
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _

MAX_BYTES = 10 * 1024 * 1024
CHAPTER = re.compile(r"^\s*Chương\s+([IVXLC]+|\d+)\b[\s.:–-]*(.*)$", re.IGNORECASE)
ARTICLE = re.compile(r"^\s*Điều\s+(\d+)\s*[.:–-]?\s*(.*)$", re.IGNORECASE)


@dataclass
class Article:
    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    articles: list[Article] = field(default_factory=list)


def split_lines(lines: list[str]) -> list[Section]:
    """Chapters and articles from the lines of an agreement. A chapter's title may follow its
    "Chương I" line; text before the first article heading (the preamble) is left out; articles
    before any chapter go in an untitled one."""
    sections: list[Section] = []
    awaiting_title = False
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        chapter = CHAPTER.match(line)
        if chapter:
            sections.append(Section(chapter.group(2).strip()))
            awaiting_title = not chapter.group(2).strip()
            continue
        article = ARTICLE.match(line)
        if article:
            if not sections:
                sections.append(Section(""))
            sections[-1].articles.append(Article(article.group(2).strip() or line))
            awaiting_title = False
            continue
        if awaiting_title and sections:
            sections[-1].title = line
            awaiting_title = False
        elif sections and sections[-1].articles:
            sections[-1].articles[-1].lines.append(line)
    return [section for section in sections if section.articles]


def docx_lines(content: bytes) -> list[str]:
    """The paragraphs of a .docx (tables' cells included, in order of appearance); Invalid
    when the file is not a Word document."""
    if len(content) > MAX_BYTES:
        raise Invalid({"file": _("The file is larger than 10 MB.")})
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise Invalid(
            {"file": _("This is not a Word .docx file (an old .doc must be saved as .docx).")}
        ) from None
    return [paragraph.text for paragraph in document.paragraphs]


def preview(content: bytes) -> list[str]:
    """The lines of the uploaded agreement as the preview shows them (headings on their own
    lines), or Invalid saying why the file is not an agreement."""
    lines = docx_lines(content)
    sections = split_lines(lines)
    if not sections:
        raise Invalid(
            {
                "file": _(
                    "No article was found: an agreement's articles start with “Điều 1.”, "
                    "“Điều 2.” … and its chapters with “Chương I” …"
                )
            }
        )
    return as_lines(sections)


def as_lines(sections: list[Section]) -> list[str]:
    out: list[str] = []
    number = 0
    for index, section in enumerate(sections, start=1):
        out.append(f"Chương {index}. {section.title}".rstrip(". "))
        for article in section.articles:
            number += 1
            out.append(f"Điều {number}. {article.title}")
            out.extend(article.lines)
    return out


async def apply(context: EnterpriseContext, agreement_id: int, text: str) -> int:
    """Put the corrected split in the ledger in place of its empty chapters; returns the number
    of articles. Only into bargaining whose ledger has no article yet."""
    inputs.require(context, BARGAIN)
    if len(text) > 2_000_000:
        raise Invalid({"text": _("The text is too long.")})
    sections = split_lines(text.splitlines())
    if not sections:
        raise Invalid({"text": _("No line starts with “Điều …”: there is no article to import.")})
    for section in sections:
        section.title = section.title[: inputs.TITLE_LIMIT] or "Chương"
        for article in section.articles:
            article.title = article.title[: inputs.TITLE_LIMIT]
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not ledger_may_change(agreement):
            raise Conflict(_("The text changes only while bargaining."))
        if await Clause.exists().where(Clause.agreement == agreement.id):
            raise Conflict(_("This agreement already has articles: import into a new one."))
        await Chapter.delete().where(Chapter.agreement == agreement.id)
        position = 0
        for index, section in enumerate(sections, start=1):
            chapter = Chapter(agreement=agreement.id, position=index, title=section.title)
            await chapter.save()
            rows = []
            for article in section.articles:
                position += 1
                rows.append(
                    Clause(
                        enterprise=context.enterprise_id,
                        agreement=agreement.id,
                        chapter=chapter.id,
                        position=position,
                        title=article.title,
                        text="\n".join(article.lines)[: inputs.TEXT_LIMIT],
                        status=ClauseStatus.PROPOSED,
                    )
                )
            await Clause.insert(*rows)
        await audit.record(
            context.actor,
            "agreement.imported",
            "agreement",
            agreement.id,
            context.enterprise_id,
            articles=position,
        )
    return position
