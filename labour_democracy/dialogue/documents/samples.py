"""Sample records and contexts of the dialogue's documents, for `check-templates` and tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.core.tables import Enterprise, Gender, Representation
from labour_democracy.dialogue.documents.member_list import member_list_context
from labour_democracy.dialogue.documents.minutes import minutes_context
from labour_democracy.dialogue.documents.publication_notice import publication_context
from labour_democracy.dialogue.documents.record import DialogueRecord
from labour_democracy.dialogue.documents.request_reply import request_reply_context
from labour_democracy.dialogue.tables import (
    AgendaItem,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    Member,
    MemberList,
    RequestSide,
    Side,
)
from labour_democracy.documents import services as issuing


def sample_enterprise() -> Enterprise:
    return Enterprise(
        _ignore_missing=True,
        id=1,
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        legal_representative="Nguyễn Văn An",
        legal_representative_title="Giám đốc",
        representation=Representation.GRASSROOTS_UNION,
        representative_body="Công đoàn cơ sở Công ty TNHH May Sông Hồng",
    )


def sample_members() -> list[Member]:
    people = [
        (Side.EMPLOYER, "Nguyễn Văn An", Gender.MALE, "Giám đốc", True, False),
        (Side.EMPLOYER, "Trần Thị Bích", Gender.FEMALE, "Trưởng phòng Nhân sự", False, False),
        (Side.EMPLOYER, "Lê Văn Cường", Gender.MALE, "Quản đốc", False, False),
        (Side.UNION, "Phạm Thị Dung", Gender.FEMALE, "Chủ tịch Công đoàn", False, True),
        (Side.UNION, "Hoàng Văn Em", Gender.MALE, "Tổ trưởng", False, False),
        (Side.UNION, "Vũ Thị Giang", Gender.FEMALE, "Công nhân may", False, False),
        (Side.DIALOGUE_GROUP, "Đỗ Thị Hoa", Gender.FEMALE, "Công nhân", False, True),
    ]
    return [
        Member(
            id=index,
            member_list=1,
            side=side,
            full_name=name,
            gender=gender,
            title=title,
            legal_representative=legal,
            signs_for_side=signs,
            position=index,
        )
        for index, (side, name, gender, title, legal, signs) in enumerate(people, start=1)
    ]


def sample_record() -> DialogueRecord:
    dialogue = Dialogue(
        id=1,
        enterprise=1,
        kind=DialogueKind.PERIODIC,
        title="Đối thoại định kỳ 6 tháng đầu năm 2026",
        scheduled_at=dt.datetime(2026, 6, 15, 1, 30, tzinfo=dt.UTC),
        started_at=dt.datetime(2026, 6, 15, 1, 30, tzinfo=dt.UTC),
        ended_at=dt.datetime(2026, 6, 15, 4, 0, tzinfo=dt.UTC),
        place="Hội trường tầng 2",
        held_on=dt.date(2026, 6, 15),
        chair="Nguyễn Văn An",
        secretary="Trần Thị Bích",
        authorised_person="",
        summary="",
    )
    items = [
        AgendaItem(
            id=1,
            dialogue=1,
            position=1,
            title="Tiền ăn giữa ca",
            employer_position="Tăng lên 30.000 đồng từ tháng 7.",
            worker_position="Đề nghị 35.000 đồng.",
            agreed=True,
            agreed_text="Tăng lên 32.000 đồng từ ngày 01/7/2026.",
            owner="Phòng Hành chính - Nhân sự",
            due_on=dt.date(2026, 7, 1),
        ),
        AgendaItem(
            id=2,
            dialogue=1,
            position=2,
            title="Làm thêm giờ ngày thứ Bảy",
            employer_position="Duy trì như hiện nay.",
            worker_position="Giảm xuống 2 thứ Bảy mỗi tháng.",
            agreed=False,
            agreed_text="",
        ),
    ]
    members = sample_members()
    return DialogueRecord(
        sample_enterprise(), dialogue, members, {m.id for m in members if m.id != 6}, items
    )


def sample_head() -> issuing.Letterhead:
    return issuing.Letterhead("CÔNG TY TNHH MAY SÔNG HỒNG", "Bắc Ninh", "Nguyễn Văn An", "Giám đốc")


def numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    context["header"]["reference"] = reference
    return {**context, "reference": reference, "number": 1}


def sample_minutes() -> dict[str, Any]:
    return numbered(minutes_context(sample_record(), sample_head()), "01/BB-SHVN")


def sample_publication() -> dict[str, Any]:
    record = sample_record()
    record.minutes_reference = "01/BB-SHVN"
    context = publication_context(record, sample_head(), dt.date(2026, 6, 17))
    return numbered(context, "05/TB-SHVN")


def sample_request_reply() -> dict[str, Any]:
    request = DialogueRequest(
        id=1,
        enterprise=1,
        side=RequestSide.WORKERS,
        requested_by="Ban Chấp hành Công đoàn cơ sở Công ty TNHH May Sông Hồng",
        reason="Điều kiện làm việc tại xưởng may số 2 trong mùa nắng nóng.",
        submitted_on=dt.date(2026, 5, 4),
        reply_due_on=dt.date(2026, 5, 11),
        replied_on=dt.date(2026, 5, 8),
        reply_at=dt.datetime(2026, 5, 20, 7, 0, tzinfo=dt.UTC),
        reply_place="Phòng họp số 1",
        reply_text="",
    )
    context = request_reply_context(
        sample_enterprise(), request, sample_head(), sample_members(), dt.date(2026, 5, 8)
    )
    return numbered(context, "12/SHVN")


def sample_member_list() -> dict[str, Any]:
    member_list = MemberList(id=1, enterprise=1, valid_from=dt.date(2026, 1, 5))
    context = member_list_context(
        sample_enterprise(), member_list, sample_members(), {}, sample_head(), dt.date(2026, 1, 5)
    )
    return numbered(context, "01/TB-SHVN")
