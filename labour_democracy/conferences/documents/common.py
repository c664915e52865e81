"""What every conference document shares: the conference's name, dates and times in Vietnamese
words, the letterhead, the standard context of a Decree 30 document, and issuing a numbered
document into the enterprise's register."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from labour_democracy.conferences.tables import (
    AgendaKind,
    Conference,
    ConferenceForm,
    ConferenceKind,
    VoteMode,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Representation
from labour_democracy.documents import layout, rules
from labour_democracy.documents import services as documents
from labour_democracy.documents.engine import vietnamese_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import LOCAL_TIMEZONE, language
from labour_democracy.i18n import gettext as _
from labour_democracy.unions.wording import workers_side
from labour_democracy.voting import rules as voting_rules

FORM_WORDS = {
    ConferenceForm.WHOLE: "hội nghị toàn thể người lao động",
    ConferenceForm.DELEGATES: "hội nghị đại biểu",
    ConferenceForm.EITHER: "hội nghị toàn thể hoặc hội nghị đại biểu",
}
AGENDA_WORDS = {
    AgendaKind.INFO: "Báo cáo, thảo luận",
    AgendaKind.RESOLUTION: "Biểu quyết",
    AgendaKind.ELECTION: "Bầu cử",
}
VOTE_WORDS = {
    VoteMode.SHOW_OF_HANDS: "giơ tay",
    VoteMode.NAMED: "bỏ phiếu có ghi tên",
    VoteMode.SECRET: "bỏ phiếu kín",
}


# Words and numbers ------------------------------------------------------------------------------


def conference_name(conference: Conference) -> str:
    """ "Hội nghị người lao động năm 2026" (or "... bất thường năm 2026")."""
    extraordinary = conference.kind == ConferenceKind.EXTRAORDINARY
    return f"Hội nghị người lao động{' bất thường' if extraordinary else ''} năm {conference.year}"


def clock_text(value: dt.time) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}"


def when_text(conference: Conference) -> str:
    return f"{clock_text(conference.starts_at)}, {long_date(conference.held_on)}"


def long_date(value: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 16 tháng 6 năm 2026" (Decree 30/2020)."""
    return vietnamese_date(value)


def short_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def share_text(count: int, base: int) -> str:
    return f"{count * 100 / base:.2f} %".replace(".", ",") if base else "—"


def local_time(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(LOCAL_TIMEZONE) if moment else None


@dataclass(frozen=True)
class Head(documents.Letterhead):
    """The letterhead, and the enterprise's name as written in sentences."""

    name: str = ""
    # The workers' side as the enterprise has it (Decree 145/2020, Art. 47(1): "if any").
    workers: str = "Ban Chấp hành Công đoàn cơ sở"
    workers_chair: str = "Chủ tịch Công đoàn cơ sở"
    has_union: bool = True
    # A grassroots union of the VGCL acts (co-organises, co-chairs, co-signs), so the documents
    # cite the Trade Union Law; a workers' organisation or a dialogue group does not make them.
    union: bool = True


async def head_of(context: EnterpriseContext) -> Head:
    letterhead = await documents.letterhead(context)
    side = workers_side(context.enterprise.representation)
    return Head(
        **dataclasses.asdict(letterhead),
        name=context.enterprise.name,
        workers=side.body,
        workers_chair=side.chair,
        has_union=side.has_union,
        union=context.enterprise.representation == Representation.GRASSROOTS_UNION,
    )


BASE_WORDS = {
    voting_rules.Base.ELECTORATE: "số {who} được triệu tập",
    voting_rules.Base.PRESENT: "số {who} có mặt",
    voting_rules.Base.VALID: "số phiếu hợp lệ",
}


def attendees(conference: Conference) -> str:
    """Who attends: every worker at a whole-workforce conference, else delegates."""
    return "người lao động" if conference.form == ConferenceForm.WHOLE else "đại biểu"


def rule_text(encoded: str, source: str, who: str) -> tuple[str, str]:
    """A stored rule in the words of a conference ("ít nhất 2/3 số đại biểu được triệu tập"),
    and its legal source in Vietnamese."""
    rule = voting_rules.Rule.decode(encoded, source)
    with language("vi"):
        translated = _(source)
    if rule.numerator == 0:
        return "không yêu cầu", translated
    comparator = "trên" if rule.comparator is voting_rules.Comparator.GREATER else "ít nhất"
    base = BASE_WORDS[rule.base].format(who=who)
    return f"{comparator} {rule.numerator}/{rule.denominator} {base}", translated


# Contexts ---------------------------------------------------------------------------------------


def conference_context(
    head: Head,
    conference: Conference,
    *,
    doc_type: str,
    on: dt.date,
    body: list[str],
    recipients: list[str],
    summary: str | None = None,
    signer_authority: str = "",
    **extra: Any,
) -> dict[str, Any]:
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type=doc_type,
        summary=summary or conference_name(conference),
        body=body,
        signer_authority=signer_authority,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=recipients,
        **extra,
    )


def legal_bases(head: Head, conference: Conference, *more: str) -> list[str]:
    """The "Căn cứ" lines of the conference's documents, laws before decrees: the Labour Code;
    Law 10/2022 for a state-owned enterprise (or one that opted in); the Trade Union Law where a
    grassroots union co-organises the conference (law.md §9; Law 50/2024 Art. 25), never for an
    enterprise without one (Decree 145/2020 Art. 47(1): the union "if any"); else Decree 145;
    the enterprise's democracy regulation; then `more` (the vote a resolution rests on)."""
    sources = [
        rules.LABOUR_CODE,
        *([rules.DEMOCRACY_LAW] if conference.soe_rules else []),
        *([rules.TRADE_UNION_LAW] if head.union else []),
        *([] if conference.soe_rules else [rules.DECREE_145]),
        f"Quy chế dân chủ ở cơ sở tại nơi làm việc của {head.name}",
        *more,
    ]
    return [
        f"Căn cứ {source}{'.' if index == len(sources) - 1 else ';'}"
        for index, source in enumerate(sources)
    ]


def opening_text(head: Head, conference: Conference, held: dt.datetime | None = None) -> str:
    """Where, when and how the conference is held: as planned, or (`held`, the moment it was
    opened) as it happened, with the planned date when that differs."""
    when = when_text(conference)
    if held is not None:
        when = f"{clock_text(held.time())}, {long_date(held.date())}"
        if held.date() != conference.held_on:
            when += f" (kế hoạch: {long_date(conference.held_on)})"
    return (
        f"{conference_name(conference)} của {head.name} được tổ chức vào "
        f"{when}, tại {conference.venue}, theo hình thức "
        f"{FORM_WORDS.get(conference.form, conference.form)}."
    )


async def issue_document(
    context: EnterpriseContext,
    conference: Conference,
    *,
    kind: str,
    type_code: str,
    template: str,
    document_context: dict[str, Any],
    on: dt.date,
    finish=None,
    reuse_unchanged: bool = False,
) -> IssuedDocument:
    return await documents.issue(
        context,
        kind=kind,
        type_code=type_code,
        title=f"{document_context['doc_type'].capitalize()}: {document_context['summary']}",
        template=template,
        document_context=document_context,
        on=on,
        finish=finish,
        reuse_unchanged=reuse_unchanged,
    )


def chairs_text(head: Head, conference: Conference, capacity: str) -> str:
    """Who chairs: the employer's co-chair, and the workers' side's where there is one."""
    text = f"Chủ trì hội nghị: Ông/Bà {conference.employer_chair} (đại diện người sử dụng lao động)"
    if conference.union_chair:
        text += f" và Ông/Bà {conference.union_chair} ({capacity})"
    return text + "."
