"""The federation's counting rules, each once, as pure functions and small tables.

- Who an obligation applies to: enterprises of at least its workforce threshold (the law's, as
  the module declares it: Decree 145/2020 Art. 114(4) exempts employers of fewer than 10
  workers from the worker conference and the democracy regulation; law.md §9), state-owned
  ones only where it says so. The threshold is a setting of the federation (some count 30+):
  its default is the obligation's own.
- The rate: held / eligible, in percent, one decimal, rounded half up (core/rates.py:
  41/43 = 95.3 %), "—" over zero eligible enterprises.
- The reporting dates: the VGCL's statistics cut off on 31/5 and 30/11 (Decision 1454/QĐ-TLĐ,
  form 2-HĐCĐ; law.md §9, SECONDARY).
- A reported fact cannot be dated in the future.
- Sectors are the sections of the Vietnam Standard Industrial Classification 2018 (VSIC 2018,
  Decision 27/2018/QĐ-TTg).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from labour_democracy.core.rates import percent

# Size bands the tallies count by: a threshold is always one of these lower edges, so the
# figures for any threshold are sums of whole bands. Every threshold an installed module
# declares is added (`bands`).
BASE_BANDS = (0, 1, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 5000)

# The filters by size the dashboard offers: (key, lowest, below), in workers.
SIZE_CLASSES = (
    ("1-9", 1, 10),
    ("10-49", 10, 50),
    ("50-199", 50, 200),
    ("200-999", 200, 1000),
    ("1000+", 1000, None),
)

# VGCL statistics cut-off dates (day, month): Decision 1454/QĐ-TLĐ, report form 2-HĐCĐ.
SNAPSHOT_DATES = ((31, 5), (30, 11))

# VSIC 2018 sections (Decision 27/2018/QĐ-TTg, Appendix I), by letter.
VSIC_SECTIONS = {
    "A": "Nông nghiệp, lâm nghiệp và thủy sản",
    "B": "Khai khoáng",
    "C": "Công nghiệp chế biến, chế tạo",
    "D": "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
    "E": "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
    "F": "Xây dựng",
    "G": "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác",
    "H": "Vận tải kho bãi",
    "I": "Dịch vụ lưu trú và ăn uống",
    "J": "Thông tin và truyền thông",
    "K": "Hoạt động tài chính, ngân hàng và bảo hiểm",
    "L": "Hoạt động kinh doanh bất động sản",
    "M": "Hoạt động chuyên môn, khoa học và công nghệ",
    "N": "Hoạt động hành chính và dịch vụ hỗ trợ",
    "O": "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh "
    "quốc phòng; bảo đảm xã hội bắt buộc",
    "P": "Giáo dục và đào tạo",
    "Q": "Y tế và hoạt động trợ giúp xã hội",
    "R": "Nghệ thuật, vui chơi và giải trí",
    "S": "Hoạt động dịch vụ khác",
    "T": "Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất và "
    "dịch vụ tự tiêu dùng của hộ gia đình",
    "U": "Hoạt động của các tổ chức và cơ quan quốc tế",
}


def bands(declared_thresholds: Iterable[int]) -> tuple[int, ...]:
    """The size bands: the base ones and every threshold a module declares."""
    return tuple(sorted(set(BASE_BANDS) | {max(0, t) for t in declared_thresholds}))


def band_of(workforce: int, edges: tuple[int, ...]) -> int:
    """The lower edge of the band `workforce` falls in (0 for an unknown or empty workforce)."""
    return edges[max(0, bisect.bisect_right(edges, max(0, workforce)) - 1)]


def threshold(law_minimum: int, setting: int | None) -> int:
    """The workforce from which the federation counts an obligation: its own setting, else the
    law's threshold the module declared (Decree 145/2020 Art. 114(4): 10 for the conference)."""
    return setting if setting is not None else law_minimum


def applies(workforce: int, ownership: str, minimum: int, state_owned_only: bool) -> bool:
    """Whether an enterprise of `workforce` workers and `ownership` is counted."""
    if state_owned_only and ownership != "state_owned":
        return False
    return workforce >= minimum


@dataclass(frozen=True)
class Figure:
    """One obligation's count over a set of enterprises: `held` of `eligible`, the rest late."""

    held: int
    eligible: int

    @property
    def late(self) -> int:
        return self.eligible - self.held

    @property
    def rate(self) -> Decimal | None:
        """Percent, one decimal, half up; None ("—") over zero eligible enterprises."""
        return percent(self.held, self.eligible)


def figure(
    enterprises: int, met: int, not_met: int, nothing_due: int, owed_by_default: bool
) -> Figure:
    """The figure from counts of the enterprises the obligation applies to.

    An enterprise with no fact for the year (it reported nothing, and does not use the app)
    counts as late when the obligation is owed every year (e.g. the annual conference), and is
    left out when it is owed only once something happens (requests answered on time)."""
    if owed_by_default:
        return Figure(held=met, eligible=enterprises - nothing_due)
    return Figure(held=met, eligible=met + not_met)


def snapshot_dates(year: int) -> list[dt.date]:
    return [dt.date(year, month, day) for day, month in SNAPSHOT_DATES]


def last_snapshot_date(on: dt.date) -> dt.date | None:
    """The latest reporting date on or before `on` (None before the year's first)."""
    passed = [d for d in snapshot_dates(on.year) if d <= on]
    return passed[-1] if passed else None


def fact_date_refusal(on: dt.date | None, today: dt.date) -> bool:
    """True when a reported fact's date is in the future (refused)."""
    return on is not None and on > today


def size_class_range(key: str) -> tuple[int, int | None] | None:
    for name, lowest, below in SIZE_CLASSES:
        if name == key:
            return lowest, below
    return None
