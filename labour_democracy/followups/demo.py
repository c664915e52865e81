"""Demo: actions the garment company agreed before it used this application."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.followups import services
from labour_democracy.i18n import today

# Agreed at a dialogue held on paper, so no dialogue record of this application stands
# behind it (source id 0): the list names its source "Workplace dialogue".
SOURCE = ("dialogue", 0)


async def load(context: EnterpriseContext) -> None:
    on = today()
    overdue = await services.create(
        context,
        *SOURCE,
        "Lắp thêm 12 quạt công nghiệp ở xưởng may 2",
        "Phòng Hành chính",
        on - dt.timedelta(days=10),
    )
    await services.add_note(context, overdue, "Đã có báo giá, chờ Giám đốc duyệt.")
    await services.create(
        context,
        *SOURCE,
        "Công khai quỹ thưởng Tết trên bảng tin",
        "Ban Giám đốc",
        on + dt.timedelta(days=5),
    )
    done = await services.create(
        context,
        *SOURCE,
        "Sửa nhà vệ sinh khu B",
        "Phòng Hành chính",
        on - dt.timedelta(days=20),
    )
    await services.complete(
        context, done, on - dt.timedelta(days=22), "Đã sửa xong, công đoàn đã kiểm tra."
    )
