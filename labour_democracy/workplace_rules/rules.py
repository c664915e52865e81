"""The legal rules of the democracy regulation, the internal labour rules and disclosure, as pure
functions and small tables, each citing its article (Decree 145/2020/NĐ-CP Arts. 37(2), 42-48,
114(4); Labour Code 45/2019/QH14 Arts. 118-121; Law 10/2022/QH15 Arts. 64-82 for state-owned
enterprises). Nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from labour_democracy.core.calendar import add_working_days
from labour_democracy.core.legal_sources import (
    DECREE_59_2023,
    DECREE_145,
    DEMOCRACY_LAW,
    LABOUR_CODE,
)

# Decree 145/2020 Art. 114(4): an employer of fewer than 10 workers need not issue the
# democracy regulation (Art. 48) nor hold the worker conference (Art. 47); Labour Code
# Arts. 118(1) and 119(1): written internal labour rules, and their registration, from 10 workers.
WORKFORCE_THRESHOLD = 10


def regulation_required(workforce: int) -> bool:
    """Must the employer issue a democracy regulation (Decree 145 Arts. 48, 114(4))?"""
    return workforce >= WORKFORCE_THRESHOLD


def internal_rules_required(workforce: int) -> bool:
    """Must the internal labour rules be written and registered (Labour Code Arts. 118(1),
    119(1))?"""
    return workforce >= WORKFORCE_THRESHOLD


# The regulation's chapters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One required chapter of the democracy regulation: its key, the article that requires it,
    and the law's default text (Vietnamese: it is printed in the regulation)."""

    key: str
    title: str  # Vietnamese, as printed
    article: str
    default_text: str
    # The matters of this chapter the law gives workers: a regulation may add, never drop one
    # (Law 10/2022 Art. 82(3)). Empty when the chapter has no such list.
    legal_matters: tuple[str, ...] = ()


# Decree 145 Art. 44(1): what workers comment on.
COMMENT_MATTERS = (
    "internal_rules",  # (a) xây dựng, sửa đổi nội quy, quy chế
    "wages_norms_bargaining",  # (b) thang lương, bảng lương, định mức, đề xuất thương lượng
    "working_conditions",  # (c) tiết kiệm chi phí, năng suất, điều kiện làm việc, môi trường, PCCN
)
# Decree 145 Art. 45(1): what workers decide.
DECIDE_MATTERS = (
    "own_contract",  # (a) giao kết, sửa đổi, chấm dứt hợp đồng lao động
    "join_organisation",  # (b) gia nhập tổ chức đại diện người lao động
    "strike",  # (c) tham gia đình công
    "cba_vote",  # (d) biểu quyết nội dung thương lượng tập thể
)
# Decree 145 Art. 46(1): what workers inspect and supervise.
SUPERVISE_MATTERS = (
    "contracts_and_cba",  # (a)
    "rules_and_regulations",  # (b)
    "funds",  # (c)
    "union_fee_insurance",  # (d)
    "emulation_discipline_complaints",  # (đ)
)
# Law 10/2022 Art. 71 adds, for state-owned enterprises: anti-corruption, internal dispute and
# discipline procedures, the draft democracy regulation.
SOE_COMMENT_MATTERS = (*COMMENT_MATTERS, "anti_corruption", "draft_regulation")
# Law 10/2022 Art. 67: what workers of a state-owned enterprise decide.
SOE_DECIDE_MATTERS = (*DECIDE_MATTERS, "contributed_funds", "inspection_board", "resolution")

_PRIVATE_CHAPTERS = (
    Chapter(
        "general",
        "Những quy định chung",
        "Nghị định số 145/2020/NĐ-CP, Điều 42",
        "Việc thực hiện dân chủ ở cơ sở tại nơi làm việc bảo đảm các nguyên tắc thiện chí, hợp "
        "tác, trung thực, bình đẳng, công khai, minh bạch; tôn trọng quyền và lợi ích hợp pháp "
        "của các bên; tuân thủ pháp luật.",
    ),
    Chapter(
        "disclosure",
        "Nội dung và hình thức công khai",
        "Nghị định số 145/2020/NĐ-CP, Điều 43",
        "Người sử dụng lao động công khai các nội dung quy định tại khoản 1 Điều 43 Nghị định "
        "145/2020/NĐ-CP bằng hình thức niêm yết tại nơi làm việc, thông báo tại các cuộc họp "
        "và đối thoại, thông báo bằng văn bản cho tổ chức đại diện người lao động và qua trang "
        "thông tin của doanh nghiệp dành cho người lao động.",
    ),
    Chapter(
        "comment",
        "Nội dung người lao động tham gia ý kiến",
        "Nghị định số 145/2020/NĐ-CP, Điều 44",
        "Người lao động tham gia ý kiến về các nội dung quy định tại khoản 1 Điều 44 Nghị định "
        "145/2020/NĐ-CP, trực tiếp hoặc thông qua tổ chức đại diện người lao động tại Hội nghị "
        "người lao động, đối thoại tại nơi làm việc, hoặc gửi kiến nghị.",
        COMMENT_MATTERS,
    ),
    Chapter(
        "decide",
        "Nội dung người lao động quyết định",
        "Nghị định số 145/2020/NĐ-CP, Điều 45",
        "Người lao động quyết định các nội dung quy định tại khoản 1 Điều 45 Nghị định "
        "145/2020/NĐ-CP.",
        DECIDE_MATTERS,
    ),
    Chapter(
        "supervise",
        "Nội dung người lao động kiểm tra, giám sát",
        "Nghị định số 145/2020/NĐ-CP, Điều 46",
        "Người lao động kiểm tra, giám sát các nội dung quy định tại khoản 1 Điều 46 Nghị định "
        "145/2020/NĐ-CP thông qua Hội nghị người lao động, đối thoại tại nơi làm việc và tổ "
        "chức đại diện người lao động.",
        SUPERVISE_MATTERS,
    ),
    Chapter(
        "dialogue",
        "Đối thoại tại nơi làm việc",
        "Nghị định số 145/2020/NĐ-CP, Điều 37 khoản 2",
        "",  # drawn from the dialogue module's settings (see dialogue_chapter_text)
    ),
    Chapter(
        "conference",
        "Hội nghị người lao động",
        "Nghị định số 145/2020/NĐ-CP, Điều 47 khoản 3",
        "Hội nghị người lao động được tổ chức mỗi năm một lần, với sự tham gia của toàn thể "
        "người lao động hoặc đại biểu; nội dung, trình tự "
        "do người sử dụng lao động phối hợp với tổ chức đại diện người lao động (nếu có) quyết "
        "định; kết quả hội nghị được công khai tới người lao động.",
    ),
)

_SOE_CHAPTERS = (
    _PRIVATE_CHAPTERS[0],
    Chapter(
        "disclosure",
        "Nội dung và hình thức công khai",
        f"{DEMOCRACY_LAW.cited}, Điều 64, 65, 66",
        "Doanh nghiệp công khai các nội dung quy định tại khoản 1 Điều 64 Luật Thực hiện dân "
        "chủ ở cơ sở chậm nhất 15 ngày kể từ ngày ban hành quyết định; việc niêm yết, đăng tải "
        "được thực hiện ít nhất 20 ngày liên tục.",
    ),
    Chapter(
        "comment",
        "Nội dung người lao động tham gia ý kiến",
        f"{DEMOCRACY_LAW.cited}, Điều 71, 72",
        "Người lao động tham gia ý kiến về các nội dung quy định tại Điều 71 Luật Thực hiện dân "
        "chủ ở cơ sở, bằng các hình thức quy định tại Điều 72.",
        SOE_COMMENT_MATTERS,
    ),
    Chapter(
        "decide",
        "Nội dung người lao động quyết định",
        f"{DEMOCRACY_LAW.cited}, Điều 67",
        "Người lao động quyết định các nội dung quy định tại Điều 67 Luật Thực hiện dân chủ ở "
        "cơ sở.",
        SOE_DECIDE_MATTERS,
    ),
    Chapter(
        "supervise",
        "Nội dung người lao động kiểm tra, giám sát",
        f"{DEMOCRACY_LAW.cited}, Điều 75 đến Điều 81",
        "Người lao động kiểm tra, giám sát việc thực hiện các nội dung quy định tại các Điều "
        "75 đến 81 Luật Thực hiện dân chủ ở cơ sở, trực tiếp và thông qua Ban Thanh tra nhân "
        "dân.",
        SUPERVISE_MATTERS,
    ),
    _PRIVATE_CHAPTERS[5],
    Chapter(
        "conference",
        "Hội nghị người lao động",
        f"{DEMOCRACY_LAW.cited}, Điều 67 đến Điều 70",
        "Hội nghị người lao động được tổ chức hằng năm; hội nghị tiến hành khi có ít nhất hai "
        "phần ba số người lao động hoặc đại biểu được triệu tập tham dự; nghị quyết được thông "
        "qua khi có trên 50% số người tham dự biểu quyết tán thành.",
    ),
    Chapter(
        "inspection_board",
        "Ban Thanh tra nhân dân",
        f"{DEMOCRACY_LAW.cited}, Điều 80, 81; {DECREE_59_2023.cited}, Điều 24 đến Điều 27",
        "Ban Thanh tra nhân dân do Hội nghị người lao động bầu; kiến nghị của Ban được người "
        "đứng đầu doanh nghiệp trả lời trong thời hạn 15 ngày.",
    ),
)


def required_chapters(state_owned: bool) -> tuple[Chapter, ...]:
    """The chapters the regulation must have: Decree 145 Arts. 37(2), 43(2), 44-46, 47(3), 48
    for every enterprise; for a state-owned one, the Law 10/2022 Ch. IV Sec. 1 versions and the
    People's Inspection Board (Arts. 80-81)."""
    return _SOE_CHAPTERS if state_owned else _PRIVATE_CHAPTERS


def chapter(key: str, state_owned: bool) -> Chapter | None:
    return next((c for c in required_chapters(state_owned) if c.key == key), None)


def missing_chapters(state_owned: bool, texts: dict[str, str]) -> list[str]:
    """Keys of the required chapters that have no text yet."""
    return [c.key for c in required_chapters(state_owned) if not (texts.get(c.key) or "").strip()]


def dialogue_chapter_text(per_year: int, months: str, event_reply_days: int) -> str:
    """The dialogue chapter from what the dialogue module keeps (Decree 145 Art. 37(2)(c)):
    the number and months of periodic dialogues, and the worker side's time to answer."""
    return (
        f"Đối thoại định kỳ được tổ chức {per_year} lần mỗi năm, vào tháng {months}; đối thoại "
        f"khi có yêu cầu của một bên và khi có vụ việc theo Điều 63 {LABOUR_CODE.cited} và các "
        f"Điều 38 đến 41 {DECREE_145.cited}. Bên người lao động có ý "
        f"kiến bằng văn bản về vụ việc trong {event_reply_days} ngày làm việc."
    )


def restricted_matters(legal_matters: Iterable[str], chosen: Iterable[str]) -> list[str]:
    """The matters the law gives workers that the regulation leaves out: a regulation may
    extend workers' democratic rights, never restrict them (Law 10/2022 Art. 82(3))."""
    kept = set(chosen)
    return [matter for matter in legal_matters if matter not in kept]


# Consultation (Decree 145 Art. 48(2)-(3)) ------------------------------------------------------


def may_issue(consulted: bool, pending_comments: int, missing: int) -> bool:
    """The regulation is issued only after the representative organisations and the dialogue
    group were consulted, every comment answered, and no required chapter left empty."""
    return consulted and pending_comments == 0 and missing == 0


def rejection_reason_valid(reason: str | None) -> bool:
    """A comment not taken up needs its reason stated (Decree 145 Art. 48(2))."""
    return bool((reason or "").strip())


# Internal labour rules (Labour Code Arts. 118-121) ---------------------------------------------

# Art. 118(2): what the internal labour rules must contain.
INTERNAL_RULES_CONTENTS = (
    ("working_time", "Thời giờ làm việc, thời giờ nghỉ ngơi", "118(2)(a)"),
    ("workplace_order", "Trật tự tại nơi làm việc", "118(2)(b)"),
    ("safety", "An toàn, vệ sinh lao động", "118(2)(c)"),
    ("harassment", "Phòng, chống quấy rối tình dục tại nơi làm việc", "118(2)(d)"),
    ("assets_secrets", "Bảo vệ tài sản, bí mật kinh doanh, bí mật công nghệ", "118(2)(đ)"),
    ("transfer", "Trường hợp tạm thời chuyển người lao động làm công việc khác", "118(2)(e)"),
    ("violations", "Hành vi vi phạm kỷ luật lao động và hình thức xử lý", "118(2)(g)"),
    ("liability", "Trách nhiệm vật chất", "118(2)(h)"),
    ("competent_person", "Người có thẩm quyền xử lý kỷ luật lao động", "118(2)(i)"),
)
INTERNAL_RULES_KEYS = tuple(key for key, _title, _article in INTERNAL_RULES_CONTENTS)
# Art. 119(2): the dossier goes to the provincial labour authority (Sở Nội vụ) within 10 days
# of issuing the rules.
REGISTRATION_DAYS = 10
# Art. 119(3): the authority answers within 7 working days of receiving the dossier when the
# rules contain something contrary to law.
AUTHORITY_REPLY_WORKING_DAYS = 7
# Art. 121(1): the rules take effect 15 days after the authority receives the dossier.
EFFECT_DAYS = 15


def missing_contents(texts: dict[str, str]) -> list[str]:
    """Keys of Art. 118(2) that the internal labour rules do not cover yet."""
    return [key for key in INTERNAL_RULES_KEYS if not (texts.get(key) or "").strip()]


def registration_due(issued_on: dt.date) -> dt.date:
    """Last day to file the registration dossier (Labour Code Art. 119(2): 10 days)."""
    return issued_on + dt.timedelta(days=REGISTRATION_DAYS)


def authority_reply_due(received_on: dt.date, saturday_works: bool = False) -> dt.date:
    """Last day for the authority's notice that the rules must be amended (Art. 119(3))."""
    return add_working_days(received_on, AUTHORITY_REPLY_WORKING_DAYS, saturday_works)


def internal_rules_effective_on(received_on: dt.date) -> dt.date:
    """The day registered rules take effect (Art. 121(1): 15 days after receipt)."""
    return received_on + dt.timedelta(days=EFFECT_DAYS)


# Disclosure (Decree 145 Art. 43; Law 10/2022 Arts. 64-66) ---------------------------------------

_D145 = DECREE_145.cited
_L10 = DEMOCRACY_LAW.cited
# Decree 145 Art. 43(1) (a)-(g); Law 10/2022 Art. 64(1) adds (g) the democracy regulation and (h)
# finance, public assets and personnel for state-owned enterprises.
DISCLOSURE_MATTERS = (
    ("business", "Tình hình sản xuất, kinh doanh", f"{_D145}, Điều 43(1)(a)"),
    (
        "rules_wages",
        "Nội quy, thang lương, bảng lương, định mức lao động, quy chế",
        f"{_D145}, Điều 43(1)(b)",
    ),
    ("cba", "Thỏa ước lao động tập thể", f"{_D145}, Điều 43(1)(c)"),
    (
        "funds",
        "Trích lập, sử dụng quỹ khen thưởng, phúc lợi, quỹ do người lao động đóng góp",
        f"{_D145}, Điều 43(1)(d)",
    ),
    (
        "contributions",
        "Trích nộp kinh phí công đoàn, bảo hiểm xã hội, y tế, thất nghiệp",
        f"{_D145}, Điều 43(1)(đ)",
    ),
    (
        "emulation_discipline",
        "Thi đua, khen thưởng, kỷ luật, giải quyết khiếu nại, tố cáo",
        f"{_D145}, Điều 43(1)(e)",
    ),
    ("other", "Nội dung khác theo quy định của pháp luật", f"{_D145}, Điều 43(1)(g)"),
)
SOE_DISCLOSURE_MATTERS = (
    *DISCLOSURE_MATTERS[:-1],
    ("regulation", "Quy chế dân chủ ở cơ sở tại nơi làm việc", f"{_L10}, Điều 64(1)(g)"),
    ("finance_personnel", "Tài chính, tài sản công, công tác cán bộ", f"{_L10}, Điều 64(1)(h)"),
    DISCLOSURE_MATTERS[-1],
)

# Law 10/2022 Art. 65(2): a state-owned enterprise discloses within 15 days of the decision and
# keeps a posting online or on the board at least 20 consecutive days. Decree 145 fixes no
# deadline for other enterprises: their regulation sets one (a setting, 15 days by default).
SOE_DISCLOSURE_DAYS = 15
SOE_POSTING_DAYS = 20
DEFAULT_DISCLOSURE_DAYS = 15

# Decree 145 Art. 43(2); Law 10/2022 Art. 65(1): the forms of disclosure.
DISCLOSURE_FORMS = ("posting", "meeting", "written_notice", "intranet", "public_page")


def disclosure_matters(state_owned: bool) -> tuple[tuple[str, str, str], ...]:
    return SOE_DISCLOSURE_MATTERS if state_owned else DISCLOSURE_MATTERS


def disclosure_days_allowed(state_owned: bool, days: int) -> bool:
    """A regulation's disclosure deadline: 1 day or more, and for a state-owned enterprise no
    later than the law's 15 days (a longer one would restrict the right, Art. 82(3))."""
    return days >= 1 and (not state_owned or days <= SOE_DISCLOSURE_DAYS)


def disclosure_due(decided_on: dt.date, days: int) -> dt.date:
    """Last day to disclose a matter decided on `decided_on`."""
    return decided_on + dt.timedelta(days=days)


def disclosed_late(
    decided_on: dt.date, days: int, disclosed_on: dt.date | None, on: dt.date
) -> bool:
    """Late: disclosed after its deadline, or still not disclosed once the deadline passed."""
    due = disclosure_due(decided_on, days)
    return (disclosed_on or on) > due


def posting_until_allowed(state_owned: bool, posted_on: dt.date, until: dt.date | None) -> bool:
    """A state-owned enterprise keeps a posting at least 20 consecutive days (Law 10/2022 Art.
    65(2)): `until` is the last day shown, so the first day counts."""
    if not state_owned or until is None:
        return True
    return (until - posted_on).days + 1 >= SOE_POSTING_DAYS


def posting_until_default(state_owned: bool, posted_on: dt.date) -> dt.date | None:
    return posted_on + dt.timedelta(days=SOE_POSTING_DAYS - 1) if state_owned else None
