"""The dialogue's documents read back with python-docx: minutes (and their refusal without the
signatories Decree 145/2020 Art. 39(4) requires), the main-contents notice, the reply to a
request and the member-list notice; the download and issuing routes (both engines)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pytest

from labour_democracy import i18n
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Gender, Representation, Role
from labour_democracy.dialogue.documents.member_list import MEMBER_LIST, issue_member_list
from labour_democracy.dialogue.documents.minutes import (
    MINUTES,
    MINUTES_KIND,
    issue_minutes,
    minutes_signatories,
    quorum_lines,
)
from labour_democracy.dialogue.documents.publication_notice import (
    PUBLICATION,
    issue_publication_notice,
    publication_lines,
)
from labour_democracy.dialogue.documents.record import DialogueRecord, load_record
from labour_democracy.dialogue.documents.request_reply import REQUEST_REPLY, issue_request_reply
from labour_democracy.dialogue.documents.samples import (
    sample_members,
    sample_minutes,
    sample_record,
)
from labour_democracy.dialogue.tables import (
    AgendaItem,
    Attendance,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    DialogueStatus,
    EventMatter,
    Member,
    MemberList,
    RequestSide,
    Side,
)
from labour_democracy.documents import checks, engine
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import LOCAL_TIMEZONE
from tests import factories

HELD_ON = dt.date(2026, 6, 15)
UNION = "Công đoàn cơ sở Công ty TNHH May Sông Hồng"
# (side, name, gender, title, legal representative, signs for its side)
PEOPLE = [
    (Side.EMPLOYER, "Nguyễn Văn An", Gender.MALE, "Giám đốc", True, False),
    (Side.EMPLOYER, "Trần Thị Bích", Gender.FEMALE, "Trưởng phòng Nhân sự", False, False),
    (Side.EMPLOYER, "Lê Văn Cường", Gender.MALE, "Quản đốc", False, False),
    (Side.UNION, "Phạm Thị Dung", Gender.FEMALE, "Chủ tịch Công đoàn", False, True),
    (Side.UNION, "Hoàng Văn Em", Gender.MALE, "Tổ trưởng", False, False),
    (Side.UNION, "Vũ Thị Giang", Gender.FEMALE, "Công nhân may", False, False),
    (Side.UNION, "Ngô Thị Hạnh", Gender.FEMALE, "Công nhân may", False, False),
    (Side.UNION, "Bùi Văn Khoa", Gender.MALE, "Thợ cắt", False, False),
    (Side.UNION, "Đặng Thị Lan", Gender.FEMALE, "Công nhân là", False, False),
    (Side.DIALOGUE_GROUP, "Đỗ Thị Hoa", Gender.FEMALE, "Công nhân", False, True),
    (Side.DIALOGUE_GROUP, "Lý Văn Minh", Gender.MALE, "Công nhân", False, False),
    (Side.DIALOGUE_GROUP, "Tạ Thị Nga", Gender.FEMALE, "Công nhân", False, False),
]
ABSENT = {"Vũ Thị Giang", "Tạ Thị Nga"}  # 7 of the 9 worker-side members attend


def all_text(content: bytes) -> str:
    """The text; the non-breaking spaces that keep dates on one line read as spaces."""
    return checks.all_text(content).replace(engine.NBSP, " ")


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


@dataclass
class Setup:
    context: EnterpriseContext
    member_list_id: int
    members: dict[str, int]  # name -> id
    dialogue_id: int


async def make_setup(absent: set[str] = ABSENT, people=PEOPLE, **dialogue) -> Setup:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        legal_representative="Nguyễn Văn An",
        representation=Representation.GRASSROOTS_UNION,
        representative_body=UNION,
    )
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    context = await factories.context(enterprise_id)
    member_list = MemberList(enterprise=enterprise_id, valid_from=dt.date(2026, 1, 5))
    await member_list.save()
    members = {}
    for position, (side, name, gender, title, legal, signs) in enumerate(people, start=1):
        member = Member(
            member_list=member_list.id,
            side=side,
            full_name=name,
            gender=gender,
            title=title,
            legal_representative=legal,
            signs_for_side=signs,
            position=position,
        )
        await member.save()
        members[name] = member.id
    values = {
        "enterprise": enterprise_id,
        "kind": DialogueKind.PERIODIC,
        "title": "Đối thoại định kỳ 6 tháng đầu năm 2026",
        "member_list": member_list.id,
        "scheduled_at": dt.datetime(2026, 6, 15, 8, 30, tzinfo=LOCAL_TIMEZONE),
        "started_at": dt.datetime(2026, 6, 15, 8, 30, tzinfo=LOCAL_TIMEZONE),
        "ended_at": dt.datetime(2026, 6, 15, 11, 0, tzinfo=LOCAL_TIMEZONE),
        "place": "Hội trường tầng 2",
        "held_on": HELD_ON,
        "chair": "Nguyễn Văn An",
        "secretary": "Trần Thị Bích",
    }
    values.update(dialogue)
    row = Dialogue(**values)
    await row.save()
    await Attendance.insert(
        *[
            Attendance(dialogue=row.id, member=member_id, present=name not in absent)
            for name, member_id in members.items()
        ]
    )
    await AgendaItem.insert(
        AgendaItem(
            dialogue=row.id,
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
            dialogue=row.id,
            position=2,
            title="Làm thêm giờ ngày thứ Bảy",
            employer_position="Duy trì như hiện nay.",
            worker_position="Giảm xuống 2 thứ Bảy mỗi tháng.",
            agreed=False,
        ),
    )
    return Setup(context, member_list.id, members, row.id)


async def _dialogue(setup: Setup) -> Dialogue:
    return await Dialogue.objects().where(Dialogue.id == setup.dialogue_id).first()


# Templates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [MINUTES, PUBLICATION, REQUEST_REPLY, MEMBER_LIST],
)
@pytest.mark.unit
def test_every_template_renders_its_sample_without_leftover_tags(template):
    from labour_democracy.documents.registry import templates

    sample = templates()[template].sample()
    text = all_text(engine.render_sync(template, sample))
    assert "{{" not in text and "{%" not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "CÔNG TY TNHH MAY SÔNG HỒNG" in text


@pytest.mark.unit
def test_the_sample_minutes_carry_a_signature_block_per_side():
    text = all_text(engine.render_sync(MINUTES, sample_minutes()))
    assert "Số: 01/BB-SHVN" in text and "BIÊN BẢN" in text
    assert "Đối thoại định kỳ tại nơi làm việc năm 2026" in text
    assert "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG" in text
    assert "ĐẠI DIỆN CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY SÔNG HỒNG" in text
    assert "ĐẠI DIỆN NHÓM ĐẠI DIỆN ĐỐI THOẠI CỦA NGƯỜI LAO ĐỘNG" in text
    # 3 of the 4 worker-side members of the sample attend.
    assert "3/4 thành viên có mặt, đạt 75,00%" in text


# The signatories rule (Decree 145/2020, Art. 39(4)) -------------------------------------------


def _record(present_names=None, authorised="", people=None) -> DialogueRecord:
    record = sample_record()
    if people is not None:
        record = DialogueRecord(
            record.enterprise, record.dialogue, people, {m.id for m in people}, record.items
        )
    if present_names is not None:
        record.present = {m.id for m in record.members if m.full_name in present_names}
    record.dialogue.authorised_person = authorised
    return record


def _everyone_but(*names: str) -> set[str]:
    return {m.full_name for m in sample_members()} - set(names)


@pytest.mark.unit
def test_signatories_are_the_legal_representative_and_each_worker_side():
    signers = minutes_signatories(_record())
    assert [(s.authority, s.name) for s in signers] == [
        ("ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG", "Nguyễn Văn An"),
        ("ĐẠI DIỆN CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY SÔNG HỒNG", "Phạm Thị Dung"),
        ("ĐẠI DIỆN NHÓM ĐẠI DIỆN ĐỐI THOẠI CỦA NGƯỜI LAO ĐỘNG", "Đỗ Thị Hoa"),
    ]


@pytest.mark.unit
def test_an_authorised_person_signs_when_the_legal_representative_is_absent():
    record = _record(_everyone_but("Nguyễn Văn An"), authorised="Trần Thị Bích")
    employer = minutes_signatories(record)[0]
    assert (employer.title, employer.name) == ("Người được ủy quyền", "Trần Thị Bích")


@pytest.mark.unit
def test_minutes_refused_without_legal_representative_or_authorised_person():
    with pytest.raises(Invalid) as refused:
        minutes_signatories(_record(_everyone_but("Nguyễn Văn An")))
    message = refused.value.errors[""]
    assert "Art. 39(4)" in message and "legal representative" in message


@pytest.mark.unit
def test_minutes_refused_when_a_worker_side_has_no_signer_present():
    with pytest.raises(Invalid) as refused:
        minutes_signatories(_record(_everyone_but("Đỗ Thị Hoa")))
    message = refused.value.errors[""]
    assert "no member present signs for the workers' dialogue group" in message
    assert "grassroots union" not in message


@pytest.mark.unit
def test_minutes_refused_when_a_side_marks_no_signer():
    people = [m for m in sample_members() if m.full_name != "Phạm Thị Dung"]
    with pytest.raises(Invalid) as refused:
        minutes_signatories(_record(people=people))
    assert "no member present signs for the grassroots union" in refused.value.errors[""]


@pytest.mark.unit
def test_minutes_refused_without_any_worker_side_member():
    people = [m for m in sample_members() if m.side == Side.EMPLOYER]
    with pytest.raises(Invalid) as refused:
        minutes_signatories(_record(people=people))
    assert "no worker-side members" in refused.value.errors[""]


# Issuing, read back ------------------------------------------------------------------------------


async def test_minutes_read_back_with_participants_quorum_items_actions_and_signers():
    setup = await make_setup()
    document = await issue_minutes(setup.context, setup.dialogue_id)
    assert document.reference == "01/BB-SHVN" and document.year == 2026
    assert document.kind == MINUTES_KIND
    assert (await _dialogue(setup)).minutes_document == document.id
    text = all_text(document.content)
    assert "Số: 01/BB-SHVN" in text and "Bắc Ninh, ngày 15 tháng 6 năm 2026" in text
    assert "Đối thoại định kỳ tại nơi làm việc năm 2026" in text
    assert "vào lúc 08 giờ 30 ngày 15/06/2026, tại Hội trường tầng 2" in text
    assert "Chủ trì: Nguyễn Văn An. Thư ký: Trần Thị Bích." in text
    for name, *_ in (p[1:] for p in PEOPLE):
        assert name in text
    assert text.count("Vắng mặt") == 2 and text.count("Có mặt") == 10
    assert "người đại diện theo pháp luật, Nguyễn Văn An, có mặt." in text
    assert "7/9 thành viên có mặt, đạt 77,78% (yêu cầu trên 70%)." in text
    assert "đủ điều kiện tiến hành theo khoản 4 Điều 39" in text
    assert "1. Tiền ăn giữa ca" in text and "2. Làm thêm giờ ngày thứ Bảy" in text
    assert "Ý kiến của bên người lao động: Đề nghị 35.000 đồng." in text
    assert "Kết quả: hai bên thống nhất: Tăng lên 32.000 đồng từ ngày 01/7/2026." in text
    assert "Kết quả: hai bên chưa thống nhất." in text
    assert "Phòng Hành chính - Nhân sự" in text and "01/07/2026" in text
    assert "kết thúc vào lúc 11 giờ 00" in text
    assert f"ĐẠI DIỆN {UNION.upper()}" in text
    assert "ĐẠI DIỆN NHÓM ĐẠI DIỆN ĐỐI THOẠI CỦA NGƯỜI LAO ĐỘNG" in text


async def test_quorum_at_exactly_70_percent_is_stated_as_not_reached():
    # 7 of 10 worker-side members: 70 %, and the law asks for more than 70 %.
    people = [*PEOPLE, (Side.DIALOGUE_GROUP, "Mai Văn Phúc", Gender.MALE, "Thợ máy", False, False)]
    setup = await make_setup(absent={"Vũ Thị Giang", "Tạ Thị Nga", "Mai Văn Phúc"}, people=people)
    text = all_text((await issue_minutes(setup.context, setup.dialogue_id)).content)
    assert "7/10 thành viên có mặt, đạt 70,00%" in text
    assert "không đủ điều kiện tiến hành" in text


@pytest.mark.parametrize(
    ("kind", "basis"),
    [(DialogueKind.REQUESTED, "khoản 3 Điều 40"), (DialogueKind.EVENT, "điểm d khoản 1 Điều 41")],
)
@pytest.mark.unit
def test_minutes_of_a_requested_or_event_dialogue_give_no_seventy_percent_verdict(kind, basis):
    # Art. 39(4)'s quorum is for periodic dialogues; 1 of 4 attending is no verdict here.
    record = _record(_everyone_but("Hoàng Văn Em", "Vũ Thị Giang", "Đỗ Thị Hoa"))
    record.dialogue.kind = kind
    record.dialogue.matter = EventMatter.BONUS_RULES if kind == DialogueKind.EVENT else ""
    lines = quorum_lines(record)
    text = " ".join(lines)
    assert "1/4 thành viên có mặt" in text
    assert "70%" not in text and "điều kiện tiến hành" not in text
    assert f"theo quy chế dân chủ ở cơ sở tại nơi làm việc ({basis}" in lines[-1]


@pytest.mark.unit
def test_minutes_name_the_womens_representative():
    record = _record()
    record.dialogue.concerns_women = True
    record.dialogue.womens_representative = "Ngô Thị Hạnh"
    lines = quorum_lines(record)
    assert "Đại diện lao động nữ tham gia (khoản 4 Điều 38" in lines[2]
    assert lines[2].endswith("Ngô Thị Hạnh.") and "điều kiện tiến hành" in lines[3]


@pytest.mark.unit
def test_minutes_of_a_periodic_dialogue_state_the_quorum_verdict():
    lines = quorum_lines(_record(_everyone_but("Hoàng Văn Em", "Vũ Thị Giang")))
    assert "2/4 thành viên có mặt, đạt 50,00% (yêu cầu trên 70%)." in lines[1]
    assert lines[2].startswith("Cuộc đối thoại không đủ điều kiện tiến hành theo khoản 4 Điều 39")


async def test_event_minutes_name_the_matter_and_its_article():
    setup = await make_setup(kind=DialogueKind.EVENT, matter=EventMatter.BONUS_RULES)
    text = all_text((await issue_minutes(setup.context, setup.dialogue_id)).content)
    assert "Đối thoại tại nơi làm việc về quy chế thưởng ngày 15/06/2026" in text
    assert "Căn cứ Điều 104, Điều 63 Bộ luật Lao động số 45/2019/QH14 và Điều 41" in text


async def test_minutes_without_the_required_signatories_issue_nothing():
    setup = await make_setup(absent={"Nguyễn Văn An", "Phạm Thị Dung"})
    with pytest.raises(Invalid) as refused:
        await issue_minutes(setup.context, setup.dialogue_id)
    message = refused.value.errors[""]
    assert "legal representative" in message and "grassroots union" in message
    assert await IssuedDocument.count() == 0
    assert (await _dialogue(setup)).minutes_document is None


async def test_minutes_of_a_dialogue_not_yet_recorded_are_refused():
    setup = await make_setup(held_on=None)
    with pytest.raises(Invalid) as refused:
        await issue_minutes(setup.context, setup.dialogue_id)
    assert "Record the dialogue" in refused.value.errors[""]
    assert await IssuedDocument.count() == 0


async def test_a_member_replaced_before_the_dialogue_is_not_listed():
    setup = await make_setup()
    newcomer = Member(
        member_list=setup.member_list_id,
        side=Side.UNION,
        full_name="Cao Thị Quyên",
        title="Công nhân may",
        position=20,
        added_on=dt.date(2026, 3, 1),
    )
    await newcomer.save()
    await Member.update(
        {Member.replaced_by: newcomer.id, Member.replaced_on: dt.date(2026, 3, 1)}
    ).where(Member.id == setup.members["Vũ Thị Giang"])
    await Attendance.insert(
        Attendance(dialogue=setup.dialogue_id, member=newcomer.id, present=True)
    )
    text = all_text((await issue_minutes(setup.context, setup.dialogue_id)).content)
    assert "Cao Thị Quyên" in text and "Vũ Thị Giang" not in text
    assert "8/9 thành viên có mặt" in text


async def test_a_replacement_after_the_dialogue_leaves_the_minutes_as_they_were():
    setup = await make_setup()
    later = Member(
        member_list=setup.member_list_id,
        side=Side.UNION,
        full_name="Cao Thị Quyên",
        position=20,
        added_on=dt.date(2026, 7, 1),
    )
    await later.save()
    await Member.update(
        {Member.replaced_by: later.id, Member.replaced_on: dt.date(2026, 7, 1)}
    ).where(Member.id == setup.members["Vũ Thị Giang"])
    text = all_text((await issue_minutes(setup.context, setup.dialogue_id)).content)
    assert "Vũ Thị Giang" in text and "Cao Thị Quyên" not in text
    assert "7/9 thành viên có mặt" in text


async def test_publication_notice_reads_back_the_main_contents():
    setup = await make_setup()
    minutes = await issue_minutes(setup.context, setup.dialogue_id)
    document = await issue_publication_notice(
        setup.context, setup.dialogue_id, on=dt.date(2026, 6, 17)
    )
    assert document.reference == "01/TB-SHVN" and document.issued_on == dt.date(2026, 6, 17)
    assert (await _dialogue(setup)).publication_document == document.id
    text = all_text(document.content)
    assert "THÔNG BÁO" in text and "Bắc Ninh, ngày 17 tháng 6 năm 2026" in text
    assert "Nội dung chính của cuộc đối thoại định kỳ tại nơi làm việc năm 2026" in text
    assert "khoản 5 Điều 39" in text
    assert "3 thành viên bên người sử dụng lao động và 7/9 thành viên bên người lao động" in text
    assert "- Tiền ăn giữa ca: Tăng lên 32.000 đồng từ ngày 01/7/2026." in text
    assert "- Làm thêm giờ ngày thứ Bảy" in text
    assert (
        "- Tăng lên 32.000 đồng từ ngày 01/7/2026; người thực hiện: Phòng Hành chính - Nhân sự; "
        "thời hạn: 01/07/2026." in text
    )
    assert f"Biên bản đối thoại số {minutes.reference}" in text
    assert "GIÁM ĐỐC" in text and "Nguyễn Văn An" in text
    assert f"- {UNION};" in text and "- Lưu: VT, HCNS." in text


async def test_publication_lines_are_the_public_page_text():
    setup = await make_setup()
    dialogue = await _dialogue(setup)
    lines = publication_lines(await load_record(setup.context.enterprise, dialogue))
    assert lines[0].startswith("Ngày 15/06/2026, tại Hội trường tầng 2")
    assert "1. Các nội dung hai bên đã thống nhất:" in lines


async def test_the_public_page_shows_the_notices_main_contents(browser_for):
    setup = await make_setup(summary="Hai bên trao đổi trong không khí cởi mở.")
    await issue_minutes(setup.context, setup.dialogue_id)
    await Dialogue.update(
        {Dialogue.status: DialogueStatus.PUBLICISED, Dialogue.published_on: dt.date(2026, 6, 16)}
    ).where(Dialogue.id == setup.dialogue_id)
    notice = await issue_publication_notice(setup.context, setup.dialogue_id, dt.date(2026, 6, 16))
    lines = publication_lines(await load_record(setup.context.enterprise, await _dialogue(setup)))
    token = (
        await Enterprise.select(Enterprise.public_token)
        .where(Enterprise.id == setup.context.enterprise_id)
        .first()
    )["public_token"]
    page = (await (await browser_for()).get(f"/p/{token}")).text
    section = page[page.index('id="dialogues"') :]
    notice_text = all_text(notice.content)
    for line in lines:
        assert html.escape(line, quote=False) in section and line in notice_text
    assert "Hai bên trao đổi trong không khí cởi mở." in section
    assert "- Tiền ăn giữa ca: Tăng lên 32.000 đồng từ ngày 01/7/2026." in section


async def _request(setup: Setup, side: RequestSide, **values) -> int:
    row = DialogueRequest(
        enterprise=setup.context.enterprise_id,
        side=side,
        member_list=setup.member_list_id,
        requested_by=values.pop("requested_by", f"Ban Chấp hành {UNION}"),
        reason="Điều kiện làm việc tại xưởng may số 2 trong mùa nắng nóng.",
        submitted_on=dt.date(2026, 5, 4),
        reply_due_on=dt.date(2026, 5, 11),
        replied_on=values.pop("replied_on", dt.date(2026, 5, 8)),
        reply_at=values.pop("reply_at", dt.datetime(2026, 5, 20, 14, 0, tzinfo=LOCAL_TIMEZONE)),
        reply_place=values.pop("reply_place", "Phòng họp số 1"),
        **values,
    )
    await row.save()
    return row.id


async def test_the_employer_replies_to_a_worker_request_in_a_letter():
    setup = await make_setup()
    request_id = await _request(setup, RequestSide.WORKERS)
    document = await issue_request_reply(setup.context, request_id)
    assert document.reference == "01/SHVN" and document.type_code == ""
    assert document.issued_on == dt.date(2026, 5, 8)
    row = await DialogueRequest.objects().where(DialogueRequest.id == request_id).first()
    assert row.reply_document == document.id
    text = all_text(document.content)
    assert "Số: 01/SHVN" in text and "V/v Trả lời đề nghị đối thoại tại nơi làm việc" in text
    assert f"Kính gửi: Ban Chấp hành {UNION}" in text
    assert "Ngày 04/05/2026, Công ty TNHH May Sông Hồng nhận được đề nghị" in text
    assert "Điều 40" in text
    assert "- Thời gian: 14 giờ 00, ngày 20/05/2026." in text
    assert "- Địa điểm: Phòng họp số 1." in text
    assert "GIÁM ĐỐC" in text and "Nguyễn Văn An" in text


async def test_the_union_replies_to_an_employer_request_under_its_own_number():
    setup = await make_setup()
    request_id = await _request(
        setup, RequestSide.EMPLOYER, requested_by="Ban Giám đốc Công ty TNHH May Sông Hồng"
    )
    context = await factories.context(setup.context.enterprise_id, Role.UNION)
    document = await issue_request_reply(context, request_id, on=dt.date(2026, 5, 6))
    assert document.reference == "01/CĐCS"
    text = all_text(document.content)
    assert UNION.upper() in text and "Kính gửi: Ban Giám đốc Công ty TNHH May Sông Hồng" in text
    # Issue 11, point 7: the upper-level union above the union's name, "TM. BAN CHẤP HÀNH".
    assert "TM. BAN CHẤP HÀNH" in text and "Phạm Thị Dung" in text
    assert f"TM. {UNION.upper()}" not in text
    assert text.index("LIÊN ĐOÀN LAO ĐỘNG") < text.index(UNION.upper())


async def test_only_the_side_that_received_the_request_drafts_the_reply():
    setup = await make_setup()
    by_workers = await _request(setup, RequestSide.WORKERS)
    by_employer = await _request(setup, RequestSide.EMPLOYER)
    union = await factories.context(setup.context.enterprise_id, Role.UNION)
    with pytest.raises(Forbidden):
        await issue_request_reply(union, by_workers)
    with pytest.raises(Forbidden):
        await issue_request_reply(setup.context, by_employer)
    assert await IssuedDocument.count() == 0


async def test_the_reply_route_refuses_the_requesting_side_with_a_reason(browser_for):
    setup = await make_setup()
    by_workers = await _request(setup, RequestSide.WORKERS)
    by_employer = await _request(setup, RequestSide.EMPLOYER)
    base = f"/enterprises/{setup.context.enterprise_id}/dialogue/requests"
    for email, request_id in (("union@a.vn", by_workers), ("hr@a.vn", by_employer)):
        browser = await browser_for(email)
        await browser.post("/language", data={"language": "en"})
        refused = await browser.post(f"{base}/{request_id}/reply")
        assert refused.status_code == 403
        assert "Only the side that received the request drafts the reply" in refused.text
    assert await IssuedDocument.count() == 0


async def test_a_reply_without_the_agreed_time_and_place_is_refused():
    setup = await make_setup()
    request_id = await _request(setup, RequestSide.WORKERS, reply_at=None, reply_place=" ")
    with pytest.raises(Invalid) as refused:
        await issue_request_reply(setup.context, request_id)
    assert set(refused.value.errors) == {"reply_at", "reply_place"}
    assert await IssuedDocument.count() == 0


async def test_a_reply_letter_waits_for_the_reply_to_be_recorded():
    setup = await make_setup()
    request_id = await _request(setup, RequestSide.WORKERS, replied_on=None)
    with pytest.raises(Invalid) as refused:
        await issue_request_reply(setup.context, request_id)
    assert "Record the reply" in refused.value.errors[""]
    assert await IssuedDocument.count() == 0


async def test_member_list_notice_reads_back_each_side_and_replacements():
    setup = await make_setup()
    newcomer = Member(
        member_list=setup.member_list_id,
        side=Side.UNION,
        full_name="Cao Thị Quyên",
        gender=Gender.FEMALE,
        title="Công nhân may",
        position=20,
    )
    await newcomer.save()
    await Member.update(
        {Member.replaced_by: newcomer.id, Member.replaced_on: dt.date(2026, 3, 1)}
    ).where(Member.id == setup.members["Vũ Thị Giang"])
    document = await issue_member_list(setup.context, setup.member_list_id, on=dt.date(2026, 3, 2))
    assert document.reference == "01/TB-SHVN"
    row = await MemberList.objects().where(MemberList.id == setup.member_list_id).first()
    assert row.document == document.id
    text = all_text(document.content)
    assert "Danh sách thành viên đại diện đối thoại tại nơi làm việc" in text
    assert "áp dụng từ ngày 05/01/2026" in text
    assert "1. Bên người sử dụng lao động (3 người)" in text
    assert f"2. Bên người lao động: {UNION} (6 người)" in text
    assert "3. Bên người lao động: Nhóm đại diện đối thoại của người lao động (3 người)" in text
    assert "Thay Vũ Thị Giang" in text and "Người đại diện theo pháp luật" in text
    assert "Bên người lao động có 9 thành viên, trong đó 6 nữ." in text
    assert "khoản 3 Điều 38" in text


async def test_an_empty_member_list_is_refused():
    setup = await make_setup()
    empty = MemberList(enterprise=setup.context.enterprise_id, valid_from=dt.date(2026, 7, 1))
    await empty.save()
    with pytest.raises(Invalid):
        await issue_member_list(setup.context, empty.id)
    assert await IssuedDocument.count() == 0


# Routes ------------------------------------------------------------------------------------------


async def test_hr_issues_and_downloads_the_minutes(browser_for):
    setup = await make_setup()
    hr = await browser_for("hr@a.vn")
    base = f"/enterprises/{setup.context.enterprise_id}/dialogue/{setup.dialogue_id}"
    before = await hr.get(f"{base}/minutes.docx")
    assert before.status_code == 303 and before.headers["location"] == base
    issued = await hr.post(f"{base}/minutes")
    assert issued.status_code == 200
    assert issued.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "01-BB-SHVN" in issued.headers["content-disposition"]
    download = await hr.get(f"{base}/minutes.docx")
    assert download.status_code == 200 and download.content == issued.content
    assert "7/9 thành viên có mặt" in all_text(download.content)


async def test_the_minutes_route_refuses_with_the_reason(browser_for):
    setup = await make_setup(absent={"Phạm Thị Dung"})
    hr = await browser_for("hr@a.vn")
    response = await hr.post("/language", {"language": "en", "next": "/"})
    base = f"/enterprises/{setup.context.enterprise_id}/dialogue/{setup.dialogue_id}"
    response = await hr.post(f"{base}/minutes")
    assert response.status_code == 303 and response.headers["location"] == base
    page = await hr.get("/", follow_redirects=True)
    assert "no member present signs for the grassroots union" in page.text
    assert await IssuedDocument.count() == 0


async def test_the_reply_letter_is_issued_then_downloaded(browser_for):
    setup = await make_setup()
    answered = await _request(setup, RequestSide.WORKERS)
    unanswered = await _request(setup, RequestSide.WORKERS, replied_on=None)
    hr = await browser_for("hr@a.vn")
    base = f"/enterprises/{setup.context.enterprise_id}/dialogue/requests"
    refused = await hr.post(f"{base}/{unanswered}/reply")
    assert refused.status_code == 303 and refused.headers["location"] == f"{base}/{unanswered}"
    issued = await hr.post(f"{base}/{answered}/reply")
    assert issued.status_code == 200 and "01-SHVN" in issued.headers["content-disposition"]
    union = await browser_for("union@a.vn")
    download = await union.get(f"{base}/{answered}/reply.docx")
    assert download.status_code == 200 and download.content == issued.content
    assert "- Địa điểm: Phòng họp số 1." in all_text(download.content)
    assert await IssuedDocument.count() == 1


async def test_the_notices_are_downloaded_once_issued(browser_for):
    setup = await make_setup()
    union = await browser_for("union@a.vn")
    base = f"/enterprises/{setup.context.enterprise_id}/dialogue"
    listing = f"{base}/member-lists/{setup.member_list_id}/notice.docx"
    publication = f"{base}/{setup.dialogue_id}/publication.docx"
    assert (await union.get(listing)).status_code == 303
    assert (await union.get(publication)).status_code == 303
    await issue_member_list(setup.context, setup.member_list_id, on=dt.date(2026, 1, 5))
    await issue_publication_notice(setup.context, setup.dialogue_id, dt.date(2026, 6, 16))
    response = await union.get(listing)
    assert response.status_code == 200 and "Đỗ Thị Hoa" in all_text(response.content)
    response = await union.get(publication)
    assert response.status_code == 200 and "Tiền ăn giữa ca" in all_text(response.content)
