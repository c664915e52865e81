"""What the documents read of what happened: the convened delegates and their check-ins, the
agenda items with their ballots' sealed results, the attendance against the quorum, and the
words for votes and verdicts, so the documents' numbers cannot differ from the app's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.conferences.documents.common import attendees, rule_text
from labour_democracy.conferences.labels import item_title
from labour_democracy.conferences.tables import (
    AgendaItem,
    Conference,
    Delegate,
    DelegateKind,
)
from labour_democracy.core import rules as core_rules
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.i18n import format_number, language
from labour_democracy.voting import documents as voting_documents
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting.documents import option_labels
from labour_democracy.voting.schemas import BallotResult, QuestionResult
from labour_democracy.voting.tables import Ballot, BallotStatus
from labour_democracy.voting.tally import unseal

# Who votes at a conference, as every document of its votes names them (the vote-count minutes
# of a conference ballot too: voting/documents.py, `voters_word`).
VOTERS = "đại biểu"


@dataclass(frozen=True)
class DelegateRow:
    name: str
    code: str
    unit: str
    kind: str
    role: str
    checkin_code: str
    checked_in_at: dt.datetime | None


@dataclass(frozen=True)
class ItemOutcome:
    """An agenda item and, when it was decided, its ballot's sealed result."""

    position: int
    title: str
    kind: str
    vote_mode: str
    result: BallotResult | None
    labels: dict[int, str]


async def conference_of(context: EnterpriseContext, conference_id: int) -> Conference:
    return await get_owned(context, Conference, conference_id)


async def read_delegates(conference_id: int) -> list[DelegateRow]:
    """The convened delegates: ex-officio first, then by unit and name."""
    rows = (
        await Delegate.select(
            Delegate.worker.full_name.as_alias("name"),
            Delegate.worker.employee_code.as_alias("code"),
            Delegate.worker.sort_key.as_alias("sort_key"),
            Delegate.org_unit.name.as_alias("unit"),
            Delegate.kind,
            Delegate.ex_officio_role,
            Delegate.checkin_code,
            Delegate.checked_in_at,
        )
        .where(Delegate.conference == conference_id)
        .order_by(Delegate.id)
    )
    rows.sort(
        key=lambda r: (
            r["kind"] != DelegateKind.EX_OFFICIO,
            core_rules.fold(r["unit"] or ""),
            r["sort_key"],
        )
    )
    return [
        DelegateRow(
            name=row["name"],
            code=row["code"],
            unit=row["unit"] or "",
            kind=row["kind"],
            role=row["ex_officio_role"],
            checkin_code=row["checkin_code"],
            checked_in_at=row["checked_in_at"],
        )
        for row in rows
    ]


async def read_outcomes(conference_id: int) -> list[ItemOutcome]:
    items = (
        await AgendaItem.select(
            AgendaItem.position,
            AgendaItem.key,
            AgendaItem.title,
            AgendaItem.kind,
            AgendaItem.vote_mode,
            AgendaItem.ballot,
        )
        .where(AgendaItem.conference == conference_id)
        .order_by(AgendaItem.position)
    )
    ballot_ids = [item["ballot"] for item in items if item["ballot"]]
    ballots = {
        row["id"]: row
        for row in await Ballot.select(Ballot.id, Ballot.status, Ballot.result).where(
            Ballot.id.is_in(ballot_ids or [0])
        )
    }
    outcomes = []
    for number, item in enumerate(items, start=1):  # positions may have gaps after a move
        ballot = ballots.get(item["ballot"])
        result, labels = None, {}
        if ballot and ballot["status"] == BallotStatus.CLOSED and ballot["result"]:
            result = unseal(ballot["result"])
            labels = option_labels(await voting.questions_with_options(ballot["id"]))
        with language("vi"):  # the catalogue's item title, whoever issues the document
            title = item_title(item["key"], item["title"])
        outcomes.append(ItemOutcome(number, title, item["kind"], item["vote_mode"], result, labels))
    return outcomes


@dataclass(frozen=True)
class Attendance:
    expected: int
    present: int
    quorum: str  # the rule in words
    quorum_source: str
    quorum_reached: bool
    share: str = ""  # "40/45 đại biểu được triệu tập = 88,89 %"


def attendance(conference: Conference, delegates: list[DelegateRow]) -> Attendance:
    expected = len(delegates)
    present = sum(1 for d in delegates if d.checked_in_at)
    rule = voting_rules.Rule.decode(conference.quorum_rule, conference.quorum_source)
    words, source = rule_text(
        conference.quorum_rule, conference.quorum_source, attendees(conference)
    )
    # Nobody convened is no quorum, whatever a fraction of zero would say.
    reached = expected > 0 and voting_rules.quorum_reached(rule, present, expected)
    who = attendees(conference)
    share = f"{format_number(present)}/{format_number(expected)} {who} được triệu tập"
    if expected:
        share += f" = {present * 100 / expected:.2f} %".replace(".", ",")
    return Attendance(expected, present, words, source, reached, share)


def votes_text(question: QuestionResult, labels: dict[int, str], result: BallotResult) -> str:
    """ "Tán thành: 12 (12/22 đại biểu có mặt = 54,55 %); ...": each share of the denominator of
    the question's own rule, worded as the vote-count minutes word it."""
    rule = voting_rules.Rule.decode(question.rule, question.rule_source)
    counts = voting_documents.question_counts(result, question.valid)
    parts = [
        f"{labels.get(option.id, option.label)}: {format_number(option.votes)} "
        f"({voting_documents.rule_share(option.votes, rule, counts, VOTERS)})"
        for option in question.options
    ]
    if question.invalid:
        parts.append(f"Không hợp lệ: {format_number(question.invalid)}")
    return "; ".join(parts)


def verdict_text(question: QuestionResult, labels: dict[int, str], shout: bool = False) -> str:
    """The outcome; `shout` puts the verdict (not people's names) in capitals, as minutes do."""

    def word(text: str) -> str:
        return text.upper() if shout else text

    if question.kind == "motion":
        return word("Được thông qua" if question.passed else "Không được thông qua")
    if question.kind == "election":
        elected = ", ".join(labels.get(i, "") for i in question.elected)
        return f"{word('Trúng cử')}: {elected}" if elected else word("Không ai trúng cử")
    leading = ", ".join(labels.get(i, "") for i in question.leading)
    return f"{word('Nhiều phiếu nhất')}: {leading}" if leading else word("Không có")


def co_chairs(
    conference: Conference, workers: str = "Ban Chấp hành Công đoàn cơ sở"
) -> list[dict[str, str]]:
    """The signers: the employer's co-chair, and the workers' side's where it has one
    (`workers` names that side, `Head.workers`)."""
    signers = [
        {
            "title": "ĐỒNG CHỦ TRÌ HỘI NGHỊ",
            "side": "Đại diện người sử dụng lao động",
            "name": conference.employer_chair,
        },
    ]
    # The templates lay the signers out in fixed columns: an empty one where nobody co-chairs.
    signers.append(
        {
            "title": "ĐỒNG CHỦ TRÌ HỘI NGHỊ" if conference.union_chair else "",
            "side": f"Đại diện {workers}" if conference.union_chair else "",
            "name": conference.union_chair,
        }
    )
    return signers
