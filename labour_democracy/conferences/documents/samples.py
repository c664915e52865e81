"""Sample contexts of the conference documents, for `labour-democracy check-templates`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.conferences.documents.common import Head
from labour_democracy.conferences.documents.invitations import (
    attendance_context,
    delegate_list_context,
    invitation_context,
)
from labour_democracy.conferences.documents.minutes import minutes_context
from labour_democracy.conferences.documents.plan import agenda_context, plan_context
from labour_democracy.conferences.documents.records import DelegateRow, ItemOutcome, attendance
from labour_democracy.conferences.documents.resolution import resolution_context
from labour_democracy.conferences.documents.review_report import ReviewFacts, review_report_context
from labour_democracy.conferences.tables import (
    AgendaKind,
    Conference,
    ConferenceForm,
    ConferenceKind,
    DelegateKind,
    StepStatus,
    VoteMode,
)
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting.schemas import BallotResult, OptionResult, QuestionResult


def _sample_conference() -> Conference:
    return Conference(
        enterprise=1,
        year=2026,
        kind=ConferenceKind.ANNUAL,
        held_on=dt.date(2027, 1, 15),
        starts_at=dt.time(8, 0),
        venue="Hội trường tầng 2, nhà văn phòng",
        form=ConferenceForm.DELEGATES,
        employer_chair="Nguyễn Văn An",
        union_chair="Trần Thị Bình",
        secretary="Lê Thị Cúc",
        soe_rules=False,
        quorum_rule="electorate ge 2/3",
        quorum_source=voting_rules.SOE_CONFERENCE_QUORUM.source,
        pass_rule="present gt 1/2",
        pass_source=voting_rules.SOE_CONFERENCE_RESOLUTION.source,
        resolution_summary="Thông qua kết quả sản xuất kinh doanh năm 2026.",
    )


_SAMPLE_HEAD = Head(
    "CÔNG TY TNHH MAY SÔNG HỒNG",
    "Bắc Ninh",
    "Nguyễn Văn An",
    "Giám đốc",
    "Công ty TNHH May Sông Hồng",
)
_SAMPLE_DELEGATES = [
    DelegateRow("Nguyễn Văn An", "SH0001", "", DelegateKind.EX_OFFICIO, "Giám đốc", "K7Q2M9", None),
    DelegateRow(
        "Nguyễn Thị Lan",
        "SH0002",
        "Tổ may 1A",
        DelegateKind.ELECTED,
        "",
        "P4X8R2",
        dt.datetime(2027, 1, 15, 0, 45, tzinfo=dt.UTC),
    ),
]


def _numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    context["header"]["reference"] = reference
    return {**context, "reference": reference, "number": 1}


def _sample_outcomes() -> list[ItemOutcome]:
    result = BallotResult(
        ballot=1,
        electorate=2,
        slips_issued=0,
        cast=2,
        online=0,
        paper=0,
        counted_by_tellers=2,
        present=2,
        quorum_rule="electorate ge 0/1",
        quorum_source=voting_rules.NO_QUORUM.source,
        quorum_reached=True,
        receipts_hash="0" * 64,
        questions=[
            QuestionResult(
                id=1,
                position=1,
                kind="motion",
                text="Thông qua Nghị quyết",
                valid=2,
                invalid=0,
                blank=0,
                rule="present gt 1/2",
                rule_source=voting_rules.SOE_CONFERENCE_RESOLUTION.source,
                threshold=2,
                options=[
                    OptionResult(id=1, label="For", votes=2, meets_rule=True),
                    OptionResult(id=2, label="Against", votes=0, meets_rule=False),
                    OptionResult(id=3, label="Abstain", votes=0, meets_rule=False),
                ],
                passed=True,
            )
        ],
    )
    labels = {1: "Tán thành", 2: "Không tán thành", 3: "Không ý kiến"}
    return [
        ItemOutcome(1, "Báo cáo kết quả sản xuất kinh doanh", AgendaKind.INFO, "", None, {}),
        ItemOutcome(
            2,
            "Thông qua Nghị quyết hội nghị",
            AgendaKind.RESOLUTION,
            VoteMode.SHOW_OF_HANDS,
            result,
            labels,
        ),
    ]


def sample_plan() -> dict[str, Any]:
    step = {
        "title": "Xây dựng kế hoạch tổ chức hội nghị",
        "owner": "Phòng Hành chính nhân sự",
        "due_on": dt.date(2026, 12, 1),
        "status": StepStatus.DONE,
        "done_on": dt.date(2026, 11, 30),
    }
    context = plan_context(_SAMPLE_HEAD, _sample_conference(), [step], dt.date(2026, 11, 26))
    return _numbered(context, "01/KH-SHVN")


def sample_invitation() -> dict[str, Any]:
    context = invitation_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 5)
    )
    return _numbered(context, "01/GM-SHVN")


def sample_agenda() -> dict[str, Any]:
    items = [
        {"title": "Báo cáo kết quả sản xuất kinh doanh", "kind": "info", "vote_mode": ""},
        {"title": "Thông qua Nghị quyết", "kind": "resolution", "vote_mode": "show_of_hands"},
    ]
    context = agenda_context(_SAMPLE_HEAD, _sample_conference(), items, dt.date(2027, 1, 5))
    return _numbered(context, "01/CTr-SHVN")


def sample_delegate_list() -> dict[str, Any]:
    context = delegate_list_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 5)
    )
    return _numbered(context, "01/DS-SHVN")


def sample_attendance() -> dict[str, Any]:
    context = attendance_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 15)
    )
    return _numbered(context, "02/DS-SHVN")


def sample_minutes() -> dict[str, Any]:
    conference = _sample_conference()
    context = minutes_context(
        _SAMPLE_HEAD,
        conference,
        attendance(conference, _SAMPLE_DELEGATES),
        _sample_outcomes(),
        [{"subject": "Tăng phụ cấp ăn ca", "body": "", "answer": "Tăng từ tháng 3/2027."}],
        dt.datetime(2027, 1, 15, 11, 30),
    )
    return _numbered(context, "01/BB-SHVN")


def sample_resolution() -> dict[str, Any]:
    conference = _sample_conference()
    commitment = {
        "title": "Tăng phụ cấp ăn ca lên 30.000 đồng",
        "owner": "Người sử dụng lao động",
        "due_on": dt.date(2027, 3, 1),
    }
    context = resolution_context(
        _SAMPLE_HEAD,
        conference,
        attendance(conference, _SAMPLE_DELEGATES),
        _sample_outcomes(),
        [commitment],
    )
    return _numbered(context, "01/NQ-SHVN")


def sample_review_report() -> dict[str, Any]:
    conference = _sample_conference()
    commitments = [
        {
            "title": "Tăng phụ cấp ăn ca lên 30.000 đồng",
            "owner": "Người sử dụng lao động",
            "due_on": dt.date(2027, 3, 1),
            "status": FollowUpStatus.DONE,
            "done_on": dt.date(2027, 2, 27),
            "drop_reason": "",
        },
        {
            "title": "Lắp thêm quạt thông gió xưởng may",
            "owner": "Phòng Hành chính nhân sự",
            "due_on": dt.date(2027, 6, 30),
            "status": FollowUpStatus.OPEN,
            "done_on": None,
            "drop_reason": "",
        },
    ]
    facts = ReviewFacts(
        held_on=dt.date(2027, 7, 15),
        since=conference.held_on,
        months=6,
        report="Sản xuất ổn định, thu nhập bình quân tăng 6 %.",
        informed_workers_on=dt.date(2027, 7, 20),
        resolution_reference="01/NQ-SHVN",
        resolution_on=conference.held_on,
    )
    context = review_report_context(
        _SAMPLE_HEAD, conference, facts, commitments, dt.date(2027, 7, 20)
    )
    return _numbered(context, "01/BC-SHVN")
