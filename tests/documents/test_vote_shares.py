"""One vote, one percentage: every document of a conference vote prints a share of the
denominator of the rule it illustrates, says which it is, and prints the same figure."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from labour_democracy.conferences.documents import minutes, resolution
from labour_democracy.conferences.documents.records import ItemOutcome, attendance
from labour_democracy.conferences.documents.samples import (
    _SAMPLE_DELEGATES,
    _SAMPLE_HEAD,
    _sample_conference,
)
from labour_democracy.conferences.tables import AgendaKind, VoteMode
from labour_democracy.documents import checks, engine
from labour_democracy.documents import services as documents
from labour_democracy.voting import documents as voting_documents
from labour_democracy.voting import rules
from labour_democracy.voting.schemas import BallotResult, OptionResult, QuestionResult
from labour_democracy.voting.tables import Ballot

pytestmark = pytest.mark.unit

LABELS = {1: "Tán thành", 2: "Không tán thành", 3: "Không ý kiến"}


def _result() -> BallotResult:
    """12 for, 8 against, 2 abstaining of 22 present, 45 convened: "more than half of those
    present" passes it (12 > 11), which 12/45 = 26,67 % would seem to deny."""
    return BallotResult(
        ballot=1,
        electorate=45,
        slips_issued=0,
        cast=22,
        online=0,
        paper=0,
        counted_by_tellers=22,
        present=22,
        quorum_rule="electorate ge 0/1",
        quorum_source=rules.NO_QUORUM.source,
        quorum_reached=True,
        receipts_hash="",
        questions=[
            QuestionResult(
                id=1,
                position=1,
                kind="motion",
                text="Thông qua Nghị quyết",
                valid=22,
                invalid=0,
                blank=0,
                rule="present gt 1/2",
                rule_source=rules.SOE_CONFERENCE_RESOLUTION.source,
                threshold=12,
                options=[
                    OptionResult(id=1, label="For", votes=12, meets_rule=True),
                    OptionResult(id=2, label="Against", votes=8, meets_rule=False),
                    OptionResult(id=3, label="Abstain", votes=2, meets_rule=False),
                ],
                passed=True,
            )
        ],
    )


def _text(template: str, context: dict) -> str:
    return checks.all_text(engine.render_sync(template, context)).replace(engine.NBSP, " ")


def test_the_minutes_the_resolution_and_the_count_print_one_share_of_those_present():
    conference = _sample_conference()
    present = attendance(conference, _SAMPLE_DELEGATES)
    outcome = ItemOutcome(
        1, "Thông qua Nghị quyết", AgendaKind.RESOLUTION, VoteMode.SECRET, _result(), LABELS
    )
    conference_minutes = minutes.minutes_context(
        _SAMPLE_HEAD, conference, present, [outcome], [], None
    )
    conference_resolution = resolution.resolution_context(
        _SAMPLE_HEAD, conference, present, [outcome], []
    )
    ballot = Ballot(
        enterprise=1,
        purpose="conference",
        title="Thông qua Nghị quyết",
        closed_at=dt.datetime(2027, 1, 15, 3, 0, tzinfo=dt.UTC),
        quorum_rule="",
        quorum_source="",
        quorum_minimum="",
        public_token="x",
    )
    head = documents.Letterhead(_SAMPLE_HEAD.issuer, "Bắc Ninh", "", "")
    count = voting_documents.minutes_context(head, ballot, _result(), LABELS, dt.date(2027, 1, 15))
    texts = {
        "minutes": _text(minutes.MINUTES, conference_minutes),
        "resolution": _text(resolution.RESOLUTION, conference_resolution),
        "vote count": _text(voting_documents.MINUTES, count),
    }
    for name, text in texts.items():
        assert "12/22 đại biểu có mặt = 54,55 %" in text, name
        assert "26,67 %" not in text and "37,50 %" not in text, name


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (rules.Base.ELECTORATE, "12/45 người có quyền biểu quyết = 26,67 %"),
        (rules.Base.PRESENT, "12/22 người có mặt = 54,55 %"),
        (rules.Base.VALID, "12/20 phiếu hợp lệ = 60,00 %"),
    ],
)
def test_a_share_names_its_denominator(base, expected):
    rule = dataclasses.replace(rules.SOE_CONFERENCE_RESOLUTION, base=base)
    counts = rules.Counts(electorate=45, present=22, valid=20)
    assert voting_documents.rule_share(12, rule, counts, "người") == expected


def test_no_one_to_count_prints_no_percentage():
    counts = rules.Counts(electorate=0, present=0, valid=0)
    share = voting_documents.rule_share(0, rules.SOE_CONFERENCE_RESOLUTION, counts, "người")
    assert share == "0/0 người có mặt"
