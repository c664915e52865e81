"""Demo dialogue history of the garment company: the regulation (two periodic dialogues a
year), a published member list, the last periodic dialogue held, minuted and publicised with
one agreed point still open, the next periodic dialogue scheduled, and a worker-side request
awaiting its reply."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Gender
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import (
    agenda,
    member_lists,
    planning,
    publication,
    regulation,
    requests,
    rules,
)
from labour_democracy.dialogue.documents.minutes import issue_minutes
from labour_democracy.dialogue.schemas import (
    DialogueForm,
    MemberForm,
    MemberListForm,
    PublishForm,
    RequestForm,
    SettingsForm,
)
from labour_democracy.dialogue.tables import (
    AgendaItem,
    AgendaSource,
    Attendance,
    Dialogue,
    DialogueKind,
    DialogueStatus,
    RequestSide,
    Side,
)
from labour_democracy.followups import services as followups
from labour_democracy.i18n import LOCAL_TIMEZONE, today

# (side, name, gender, title, legal representative, signs for the side)
MEMBERS = [
    (Side.EMPLOYER, "Park Ji-hoon", Gender.MALE, "Tổng Giám đốc", True, False),
    (Side.EMPLOYER, "Nguyễn Thị Minh Thu", Gender.FEMALE, "Trưởng phòng Nhân sự", False, False),
    (Side.EMPLOYER, "Lê Văn Cường", Gender.MALE, "Quản đốc xưởng may", False, False),
    (Side.UNION, "Trần Văn Hải", Gender.MALE, "Chủ tịch Công đoàn cơ sở", False, True),
    (Side.UNION, "Phạm Thị Dung", Gender.FEMALE, "Tổ trưởng tổ may 3", False, False),
    (Side.UNION, "Hoàng Thị Mai", Gender.FEMALE, "Công nhân may", False, False),
    (Side.UNION, "Vũ Văn Nam", Gender.MALE, "Công nhân cắt", False, False),
    (Side.UNION, "Đỗ Thị Hoa", Gender.FEMALE, "Công nhân là", False, False),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TIMEZONE)


async def load(context: EnterpriseContext) -> None:
    on = today()
    await regulation.update_settings(
        context,
        SettingsForm(periodic_per_year=2, periodic_months="6, 12", regulation_adopted_on=None),
    )
    held_on = dt.date(on.year, 6, 16) if on > dt.date(on.year, 6, 30) else on - dt.timedelta(60)
    listed_on = min(dt.date(on.year, 1, 5), held_on - dt.timedelta(30))
    list_id = await member_lists.create_member_list(context, MemberListForm(valid_from=listed_on))
    ids: dict[str, int] = {}
    for side, name, gender, title, legal, signs in MEMBERS:
        ids[name] = await member_lists.add_member(
            context,
            list_id,
            MemberForm(
                side=side,
                full_name=name,
                gender=gender.value,
                title=title,
                legal_representative=legal,
                signs_for_side=signs,
            ),
        )
    await member_lists.publish_member_list(context, list_id, listed_on)

    # The last periodic dialogue (June, or two months ago early in the year) is history: written
    # directly, then minuted and publicised.
    async with write_transaction():
        held = Dialogue(
            enterprise=context.enterprise_id,
            kind=DialogueKind.PERIODIC,
            title=f"Đối thoại định kỳ tháng {held_on:%m/%Y}",
            member_list=list_id,
            scheduled_at=_at(held_on, 8),
            place="Hội trường tầng 2, nhà điều hành",
            status=DialogueStatus.HELD,
            employer_contents=(
                "Tình hình sản xuất, đơn hàng 6 tháng cuối năm; kế hoạch làm thêm giờ."
            ),
            employer_contents_sent_on=rules.contents_deadline(held_on),
            worker_contents="Tiền ăn ca; quạt làm mát xưởng may 2; lịch nghỉ mát.",
            worker_contents_sent_on=rules.contents_deadline(held_on),
            held_on=held_on,
            started_at=_at(held_on, 8),
            ended_at=_at(held_on, 10),
            chair="Park Ji-hoon",
            secretary="Nguyễn Thị Minh Thu",
            summary=(
                "Hai bên thống nhất tăng tiền ăn ca từ 25.000 đồng lên 30.000 đồng từ tháng 8; "
                "lắp thêm 10 quạt làm mát ở xưởng may 2. Lịch nghỉ mát chưa thống nhất, "
                "sẽ bàn tiếp ở kỳ đối thoại sau."
            ),
            created_by=context.actor.id,
        )
        await held.save()
        absent = {"Đỗ Thị Hoa"}
        for name, member_id in ids.items():
            await Attendance(dialogue=held.id, member=member_id, present=name not in absent).save()
        items = [
            (
                "Tiền ăn ca",
                True,
                "Tăng tiền ăn ca lên 30.000 đồng/bữa từ tháng 8",
                "Phòng Nhân sự",
                45,
            ),
            (
                "Quạt làm mát xưởng may 2",
                True,
                "Lắp thêm 10 quạt làm mát ở xưởng may 2",
                "Phòng Hành chính",
                400,
            ),
            ("Lịch nghỉ mát", False, "", "", None),
        ]
        for position, (title, agreed, text, owner, days) in enumerate(items, start=1):
            due = held_on + dt.timedelta(days) if days else None
            item = AgendaItem(
                dialogue=held.id,
                position=position,
                title=title,
                source=AgendaSource.MANUAL,
                employer_position="Công ty đồng ý" if agreed else "Công ty đề nghị nghỉ tháng 8",
                worker_position="Người lao động đề nghị" if agreed else "Đề nghị nghỉ tháng 7",
                agreed=agreed,
                agreed_text=text,
                owner=owner,
                due_on=due,
            )
            await item.save()
            if agreed:
                action = await followups.create(
                    context,
                    agenda.SOURCE_KIND,
                    held.id,
                    text,
                    owner,
                    due,
                )
                await AgendaItem.update({AgendaItem.follow_up_id: action}).where(
                    AgendaItem.id == item.id
                )
    await issue_minutes(context, held.id)
    await publication.publish_dialogue(
        context, held.id, PublishForm(published_on=rules.publication_due(held_on))
    )
    done = await followups.list_for(context, agenda.SOURCE_KIND, held.id)
    if done and done[0]["due_on"] < on:
        await followups.complete(context, done[0]["id"], done[0]["due_on"])

    # The next periodic dialogue, far enough ahead for both sides' contents.
    day = rules.earliest_periodic_date(on) + dt.timedelta(days=14)
    await planning.create_dialogue(
        context,
        DialogueForm(
            kind=DialogueKind.PERIODIC,
            title=f"Đối thoại định kỳ tháng {day:%m/%Y}",
            scheduled_at=_at(day, 8),
            place="Hội trường tầng 2, nhà điều hành",
        ),
    )

    # A worker-side request awaiting the employer's written reply.
    await requests.create_request(
        context,
        RequestForm(
            side=RequestSide.WORKERS,
            requested_by="Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt Nam",
            reason="Bố trí làm thêm giờ trong tháng cao điểm và tiền lương làm thêm giờ.",
            submitted_on=on,
            supporters=[ids["Trần Văn Hải"], ids["Phạm Thị Dung"]],
        ),
    )
