"""The Vietnamese words every dialogue document shares: the decree cited, the names of the
sides, the matters of an event dialogue (Labour Code 2019 Art. 63(2)(c)), the kind of dialogue
in the law's words, and times and dates as the documents print them.
"""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.legal_sources import DECREE_145
from labour_democracy.core.tables import Enterprise, Gender, Representation
from labour_democracy.dialogue import labels
from labour_democracy.dialogue.tables import Dialogue, DialogueKind, EventMatter, Side
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.rules import LABOUR_CODE, TRADE_UNION_LAW
from labour_democracy.i18n import LOCAL_TIMEZONE, N_, format_percentage, language

DECREE = DECREE_145.cited  # "Nghị định số 145/2020/NĐ-CP"
# Where the grassroots union acts (names its members, replies, signs), its documents cite the
# Trade Union Law (law.md §9); a workers' organisation or a dialogue group does not.
UNION_LAW_BASIS = f"Căn cứ {TRADE_UNION_LAW};"
SIDE_NAMES = {
    Side.EMPLOYER: "Bên người sử dụng lao động",
    Side.UNION: "Công đoàn cơ sở",
    Side.WORKERS_ORGANISATION: "Tổ chức của người lao động tại doanh nghiệp",
    Side.DIALOGUE_GROUP: "Nhóm đại diện đối thoại của người lao động",
}
# Labour Code 2019 Art. 63(2)(c) and Decree 145 Art. 41: the matters and their articles.
MATTERS = {
    EventMatter.PERFORMANCE_RULES: (
        "quy chế đánh giá mức độ hoàn thành công việc",
        "điểm a khoản 1 Điều 36",
    ),
    EventMatter.REDUNDANCY: (
        "cho thôi việc do thay đổi cơ cấu, công nghệ hoặc vì lý do kinh tế",
        "Điều 42",
    ),
    EventMatter.LABOUR_USAGE_PLAN: ("phương án sử dụng lao động", "Điều 44"),
    EventMatter.WAGE_SCALE: ("thang lương, bảng lương, định mức lao động", "Điều 93"),
    EventMatter.BONUS_RULES: ("quy chế thưởng", "Điều 104"),
    EventMatter.INTERNAL_RULES: ("nội quy lao động", "Điều 118"),
    EventMatter.SUSPENSION: ("tạm đình chỉ công việc", "Điều 128"),
}
GENDERS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ", Gender.OTHER: "Khác"}
PUBLIC_RECIPIENTS = "Toàn thể người lao động (niêm yết tại nơi làm việc)"


def side_name(record_enterprise: Enterprise, side: Side) -> str:
    """The organisation's own name where the enterprise records it ("Công đoàn cơ sở Công ty
    TNHH May Sông Hồng"), else the law's word for that kind of organisation or group."""
    named = {
        Side.UNION: Representation.GRASSROOTS_UNION,
        Side.WORKERS_ORGANISATION: Representation.WORKERS_ORGANISATION,
    }
    body = (record_enterprise.representative_body or "").strip()
    if body and named.get(side) == record_enterprise.representation:
        return body
    return SIDE_NAMES[side]


def side_label(side: Side) -> str:
    """The English msgid naming a side, translated where shown."""
    return {
        Side.EMPLOYER: N_("the employer side"),
        Side.UNION: N_("the grassroots union"),
        Side.WORKERS_ORGANISATION: N_("the workers' organisation"),
        Side.DIALOGUE_GROUP: N_("the workers' dialogue group"),
    }[side]


def kind_phrase(dialogue: Dialogue) -> str:
    """ "đối thoại định kỳ tại nơi làm việc", ... in the words of Labour Code Art. 63(2)."""
    if dialogue.kind == DialogueKind.PERIODIC:
        return "đối thoại định kỳ tại nơi làm việc"
    if dialogue.kind == DialogueKind.REQUESTED:
        return "đối thoại tại nơi làm việc theo yêu cầu"
    matter = MATTERS.get(dialogue.matter)
    return f"đối thoại tại nơi làm việc về {matter[0]}" if matter else "đối thoại tại nơi làm việc"


def legal_basis(dialogue: Dialogue) -> str:
    if dialogue.kind == DialogueKind.PERIODIC:
        return f"Căn cứ Điều 63, Điều 64 {LABOUR_CODE} và Điều 39 {DECREE};"
    if dialogue.kind == DialogueKind.REQUESTED:
        return f"Căn cứ Điều 63 {LABOUR_CODE} và Điều 40 {DECREE};"
    matter = MATTERS.get(dialogue.matter)
    article = f"{matter[1]}, " if matter else ""
    return f"Căn cứ {article}Điều 63 {LABOUR_CODE} và Điều 41 {DECREE};"


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(LOCAL_TIMEZONE) if moment else None


def time(moment: dt.datetime) -> str:
    return f"{moment:%H} giờ {moment:%M}"


def held_on(dialogue: Dialogue) -> dt.date:
    start = local(dialogue.started_at) or local(dialogue.scheduled_at)
    return dialogue.held_on or start.date()


def summary(dialogue: Dialogue) -> str:
    phrase = kind_phrase(dialogue)
    phrase = phrase[0].upper() + phrase[1:]
    if dialogue.kind == DialogueKind.PERIODIC:
        return f"{phrase} năm {held_on(dialogue).year}"
    return f"{phrase} ngày {short_date(held_on(dialogue))}"


def share(present: int, total: int) -> str:
    with language("vi"):
        return format_percentage(present / total, 2) if total else "—"


def title(dialogue: Dialogue) -> str:
    """The dialogue's title as the documents print it: in Vietnamese where the app composed it
    (labels.TITLES), else as its user typed it."""
    with language("vi"):
        return labels.dialogue_title(dialogue.title, dialogue.title_key)
