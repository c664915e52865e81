"""One sample record per path parameter, for the route-scope walker (tests/test_route_scope.py).

The walker fills every `{name}` in a route's path with `await SAMPLES[name](enterprise_id)`: a
record of that kind belonging to the given enterprise. A module that adds a route with a new
path parameter registers its sample here with `@sample("name")`; until it does, the walker
fails and names the parameter, so no route escapes the scope test.

Samples for the same enterprise must fit together where a path nests one record inside
another (`/admin/users/{user_id}/memberships/{membership_id}`): those samples look up or
create one shared parent instead of making a new one each time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Awaitable, Callable

from labour_democracy.core.tables import Membership, Role, RosterUpload, User
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.notices.tables import Notice
from tests import factories

Sample = Callable[[int], Awaitable[int]]
SAMPLES: dict[str, Sample] = {}


def sample(name: str) -> Callable[[Sample], Sample]:
    def register(factory: Sample) -> Sample:
        SAMPLES[name] = factory
        return factory

    return register


@sample("enterprise_id")
async def _enterprise(enterprise_id: int) -> int:
    return enterprise_id


@sample("unit_id")
async def _org_unit(enterprise_id: int) -> int:
    return await factories.org_unit(enterprise_id, name=f"Phòng mẫu {enterprise_id}")


@sample("worker_id")
async def _worker(enterprise_id: int) -> int:
    return await factories.worker(enterprise_id, name="Trần Văn Mẫu")


@sample("user_id")
async def _user(enterprise_id: int) -> int:
    """The enterprise's sample user (an HR officer), created on first use."""
    email = f"sample-{enterprise_id}@route.test"
    row = await User.select(User.id).where(User.email == email).first()
    if row:
        return row["id"]
    return await factories.user(email, Role.HR, enterprise_id, name="Người dùng mẫu")


@sample("membership_id")
async def _membership(enterprise_id: int) -> int:
    """A membership of the enterprise's sample user, so it nests under `user_id`."""
    user_id = await _user(enterprise_id)
    row = await Membership.select(Membership.id).where(Membership.user == user_id).first()
    return row["id"]


_DOCUMENT_BYTES = b"sample issued document"


async def _issued_document(enterprise_id: int, kind: str, type_code: str) -> int:
    number = await IssuedDocument.count().where(IssuedDocument.enterprise == enterprise_id) + 1
    document = IssuedDocument(
        enterprise=enterprise_id,
        kind=kind,
        type_code=type_code,
        number=number,
        year=2026,
        reference=f"{number:02d}/{type_code}-MAU",
        title="Văn bản mẫu",
        template="notices/notice.docx",
        content=_DOCUMENT_BYTES,
        sha256=hashlib.sha256(_DOCUMENT_BYTES).hexdigest(),
    )
    await document.save()
    return document.id


@sample("document_id")
async def _document(enterprise_id: int) -> int:
    return await _issued_document(enterprise_id, "notice", "TB")


@sample("notice_id")
async def _notice(enterprise_id: int) -> int:
    notice = Notice(
        enterprise=enterprise_id,
        document=await _issued_document(enterprise_id, "notice", "TB"),
        subject="Thông báo mẫu",
        body="Nội dung thông báo.",
        place="Bắc Ninh",
        issued_on=dt.date(2026, 1, 5),
        signer_authority="TM. BAN GIÁM ĐỐC",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn A",
        recipients="Như trên;\nLưu: VT.",
    )
    await notice.save()
    return notice.id


@sample("upload_id")
async def _roster_upload(enterprise_id: int) -> int:
    """A roster spreadsheet waiting for its mapping step (core.roster_import)."""
    upload = RosterUpload(
        enterprise=enterprise_id,
        filename="danh-sach.csv",
        content="Mã NV,Họ và tên,Giới tính,Loại hợp đồng\nMAU01,Trần Văn Mẫu,Nam,Mùa vụ\n".encode(),
    )
    await upload.save()
    return upload.id


@sample("ballot_id")
async def _ballot(enterprise_id: int) -> int:
    """A draft consultation of the enterprise with one motion (voting)."""
    from labour_democracy.voting.tables import Ballot, Option, Question

    ballot = Ballot(
        enterprise=enterprise_id,
        title="Lấy ý kiến mẫu",
        quorum_rule="electorate ge 0/1",
        quorum_source="No quorum required",
        quorum_minimum="electorate ge 0/1",
        public_token=f"sample-{enterprise_id}",
        attachment_name="du-thao.pdf",
        attachment_type="application/pdf",
        attachment=b"%PDF-1.4 sample",
    )
    await ballot.save()
    question = Question(
        ballot=ballot.id,
        position=1,
        kind="motion",
        text="Đồng ý?",
        rule="valid gt 1/2",
        rule_source="",
        rule_minimum="valid ge 0/1",
    )
    await question.save()
    await Option.insert(
        *(
            Option(question=question.id, ballot=ballot.id, position=i, label=label, role=role)
            for i, (role, label) in enumerate(
                (("for", "For"), ("against", "Against"), ("abstain", "Abstain")), start=1
            )
        )
    )
    return ballot.id


@sample("suggestion_id")
async def _suggestion(enterprise_id: int) -> int:
    """A published suggestion, so every role of the enterprise may open it (suggestions)."""
    from labour_democracy.suggestions.tables import Suggestion

    suggestion = Suggestion(
        enterprise=enterprise_id,
        kind="suggestion",
        subject="Kiến nghị mẫu",
        body="Đề nghị tăng suất ăn ca.",
        channel="paper_box",
        received_on=dt.date(2026, 1, 5),
        status="published",
    )
    await suggestion.save()
    return suggestion.id


@sample("followup_id")
async def _followup(enterprise_id: int) -> int:
    """An open follow-up action agreed at a dialogue (followups)."""
    from labour_democracy.followups.tables import FollowUp

    action = FollowUp(
        enterprise=enterprise_id,
        source_kind="dialogue",
        source_id=1,
        title="Lắp thêm quạt ở xưởng may",
        owner="Ban Giám đốc",
        due_on=dt.date(2026, 3, 31),
    )
    await action.save()
    return action.id


@sample("conference_id")
async def _conference(enterprise_id: int) -> int:
    """A planned whole-workforce conference with one convened worker (conferences)."""
    from labour_democracy.conferences.tables import Conference, Delegate

    row = await Conference.select(Conference.id).where(Conference.enterprise == enterprise_id)
    if row:
        return row[0]["id"]
    conference = Conference(
        enterprise=enterprise_id,
        year=2027,
        held_on=dt.date(2027, 3, 10),
        starts_at=dt.time(8, 0),
        venue="Hội trường mẫu",
        form="whole_workforce",
        employer_chair="Nguyễn Văn A",
        union_chair="Trần Thị B",
        secretary="Lê Văn C",
        quorum_rule="electorate ge 2/3",
        quorum_source="Law 10/2022/QH15, Art. 69(2)(c): at least two thirds present",
        pass_rule="present gt 1/2",
        pass_source="Law 10/2022/QH15, Art. 69(2)(c): more than half of those present",
    )
    await conference.save()
    worker = await factories.worker(enterprise_id, name="Đại biểu Mẫu")
    await Delegate(
        conference=conference.id,
        worker=worker,
        kind="workforce",
        checkin_code=f"MAU{enterprise_id:07d}",
    ).save()
    return conference.id


async def _dialogue_list(enterprise_id: int) -> int:
    """The enterprise's published dialogue member list, with a legal representative and a
    worker-side signer (dialogue)."""
    from labour_democracy.dialogue.tables import Member, MemberList, MemberListStatus

    row = await MemberList.select(MemberList.id).where(MemberList.enterprise == enterprise_id)
    if row:
        return row[0]["id"]
    version = MemberList(
        enterprise=enterprise_id,
        valid_from=dt.date(2026, 1, 5),
        status=MemberListStatus.PUBLISHED,
        published_on=dt.date(2026, 1, 5),
    )
    await version.save()
    await Member(
        member_list=version.id,
        side="employer_side",
        full_name="Giám đốc Mẫu",
        legal_representative=True,
    ).save()
    await Member(
        member_list=version.id, side="union_side", full_name="Công đoàn Mẫu", signs_for_side=True
    ).save()
    return version.id


@sample("member_list_id")
async def _member_list(enterprise_id: int) -> int:
    return await _dialogue_list(enterprise_id)


@sample("dialogue_id")
async def _dialogue(enterprise_id: int) -> int:
    """A planned periodic dialogue with the sample member list (dialogue)."""
    from labour_democracy.dialogue.tables import Dialogue

    row = await Dialogue.select(Dialogue.id).where(Dialogue.enterprise == enterprise_id)
    if row:
        return row[0]["id"]
    dialogue = Dialogue(
        enterprise=enterprise_id,
        kind="periodic",
        title="Đối thoại mẫu",
        member_list=await _dialogue_list(enterprise_id),
        scheduled_at=dt.datetime(2027, 6, 15, 1, 0, tzinfo=dt.UTC),
        place="Hội trường",
    )
    await dialogue.save()
    return dialogue.id


@sample("request_id")
async def _dialogue_request(enterprise_id: int) -> int:
    """An unanswered worker-side request for a dialogue (dialogue)."""
    from labour_democracy.dialogue.tables import DialogueRequest

    request = DialogueRequest(
        enterprise=enterprise_id,
        side="by_workers",
        member_list=await _dialogue_list(enterprise_id),
        requested_by="Công đoàn cơ sở",
        reason="Tiền ăn ca",
        submitted_on=dt.date(2026, 3, 2),
        reply_due_on=dt.date(2026, 3, 9),
    )
    await request.save()
    return request.id


@sample("calendar_day_id")
async def _calendar_day(enterprise_id: int) -> int:
    """A day the enterprise added to its days off (core working calendar)."""
    from labour_democracy.core.tables import CalendarDay

    row = CalendarDay(enterprise=enterprise_id, day=dt.date(2026, 8, 31), note="Nghỉ bù mẫu")
    await row.save()
    return row.id


@sample("day_id")
async def _national_day(enterprise_id: int) -> int:
    """A day the administrator added for every enterprise (/admin/calendar)."""
    from labour_democracy.core.tables import CalendarDay

    row = CalendarDay(enterprise=None, day=dt.date(2026, 12, 31), note="Mẫu")
    await row.save()
    return row.id


async def _union(enterprise_id: int) -> int:
    """The enterprise's union being founded (the unions module), created on first use."""
    from labour_democracy.unions.tables import GrassrootsUnion

    row = (
        await GrassrootsUnion.select(GrassrootsUnion.id)
        .where(GrassrootsUnion.enterprise == enterprise_id)
        .first()
    )
    if row:
        return row["id"]
    union = GrassrootsUnion(
        enterprise=enterprise_id,
        name="Công đoàn cơ sở mẫu",
        upper_union="Liên đoàn Lao động tỉnh mẫu",
        committee_origin="formed_by_workers",
        campaign_formed_on=dt.date(2026, 1, 5),
    )
    await union.save()
    return union.id


@sample("union_application_id")
async def _union_application(enterprise_id: int) -> int:
    from labour_democracy.unions.tables import UnionApplication

    application = UnionApplication(
        enterprise=enterprise_id,
        union=await _union(enterprise_id),
        full_name="Trần Văn Mẫu",
        gender="male",
        eligibility="founder",
        received_on=dt.date(2026, 1, 6),
    )
    await application.save()
    return application.id


@sample("union_member_id")
async def _union_member(enterprise_id: int) -> int:
    from labour_democracy.unions.tables import UnionMember

    member = UnionMember(
        enterprise=enterprise_id,
        union=await _union(enterprise_id),
        full_name="Trần Văn Mẫu",
        gender="male",
        joined_on=dt.date(2026, 1, 6),
    )
    await member.save()
    return member.id


@sample("member_upload_id")
async def _member_upload(enterprise_id: int) -> int:
    from labour_democracy.unions.tables import MemberUpload

    upload = MemberUpload(
        enterprise=enterprise_id,
        union=await _union(enterprise_id),
        filename="doan-vien.csv",
        content="Mã NV,Ngày vào công đoàn\nNV001,05/01/2026\n".encode(),
    )
    await upload.save()
    return upload.id


@sample("union_enterprise_id")
async def _union_enterprise(enterprise_id: int) -> int:
    """The federation's pages name the enterprise the upper-level union acts on."""
    return enterprise_id


async def _regulation_version_of(enterprise_id: int) -> int:
    """The enterprise's democracy regulation under consultation, made on first use."""
    from labour_democracy.workplace_rules.tables import RegulationVersion

    row = await RegulationVersion.select(RegulationVersion.id).where(
        RegulationVersion.enterprise == enterprise_id
    )
    if row:
        return row[0]["id"]
    version = RegulationVersion(enterprise=enterprise_id, status="reg_consulting")
    await version.save()
    return version.id


@sample("regulation_version_id")
async def _regulation_version(enterprise_id: int) -> int:
    return await _regulation_version_of(enterprise_id)


@sample("regulation_comment_id")
async def _regulation_comment(enterprise_id: int) -> int:
    """A comment waiting for an answer on the sample regulation (workplace_rules)."""
    from labour_democracy.workplace_rules.tables import RegulationComment

    comment = RegulationComment(
        enterprise=enterprise_id,
        version=await _regulation_version_of(enterprise_id),
        author="Công đoàn cơ sở",
        body="Góp ý mẫu",
        received_on=dt.date(2026, 3, 2),
    )
    await comment.save()
    return comment.id


@sample("disclosure_id")
async def _disclosure(enterprise_id: int) -> int:
    """A disclosure of the business situation (workplace_rules)."""
    from labour_democracy.workplace_rules.tables import Disclosure

    disclosure = Disclosure(
        enterprise=enterprise_id,
        matter="business",
        title="Tình hình sản xuất quý I",
        body="Doanh thu quý I tăng 5%.",
        decided_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 17),
        disclosed_on=dt.date(2026, 3, 5),
    )
    await disclosure.save()
    return disclosure.id


async def _agreement_in_bargaining(enterprise_id: int) -> int:
    """The enterprise's sample agreement still in bargaining, with its chapters (agreements)."""
    from labour_democracy.agreements.labels import SKELETON
    from labour_democracy.agreements.tables import Agreement, Chapter

    row = await Agreement.select(Agreement.id).where(Agreement.enterprise == enterprise_id).first()
    if row:
        return row["id"]
    agreement = Agreement(
        enterprise=enterprise_id,
        title="Thỏa ước mẫu",
        requested_by="cba_workers",
        request_contents="Tiền lương",
        received_on=dt.date(2026, 3, 2),
        reply_due_on=dt.date(2026, 3, 11),
        first_session_due_on=dt.date(2026, 4, 1),
    )
    await agreement.save()
    for position, (title, title_en) in enumerate(SKELETON, start=1):
        await Chapter(
            agreement=agreement.id, position=position, title=title, title_en=title_en
        ).save()
    return agreement.id


@sample("agreement_id")
async def _agreement(enterprise_id: int) -> int:
    return await _agreement_in_bargaining(enterprise_id)


@sample("bargaining_session_id")
async def _bargaining_session(enterprise_id: int) -> int:
    """A session of the sample agreement (agreements)."""
    from labour_democracy.agreements.tables import BargainingSession

    agreement_id = await _agreement_in_bargaining(enterprise_id)
    session = BargainingSession(
        enterprise=enterprise_id,
        agreement=agreement_id,
        number=1,
        held_on=dt.date(2026, 3, 20),
        place="Hội trường",
        minute_taker="Lê Văn Mẫu",
    )
    await session.save()
    return session.id


@sample("clause_id")
async def _clause(enterprise_id: int) -> int:
    """A wage article of the sample agreement (agreements)."""
    from labour_democracy.agreements.tables import Chapter, Clause

    agreement_id = await _agreement_in_bargaining(enterprise_id)
    chapter = await Chapter.select(Chapter.id).where(Chapter.agreement == agreement_id).first()
    clause = Clause(
        enterprise=enterprise_id,
        agreement=agreement_id,
        chapter=chapter["id"],
        position=1,
        title="Mức lương thấp nhất",
        text="5.400.000 đồng/tháng",
        term="wage_month",
        value=5_400_000,
    )
    await clause.save()
    return clause.id


@sample("version_number")
async def _agreement_version(enterprise_id: int) -> int:
    """Version 1 of the sample agreement (agreements; a number within the agreement)."""
    from labour_democracy.agreements.tables import AgreementVersion

    agreement_id = await _agreement_in_bargaining(enterprise_id)
    if not await AgreementVersion.exists().where(AgreementVersion.agreement == agreement_id):
        await AgreementVersion(
            agreement=agreement_id, number=1, reason="vote", made_on=dt.date(2026, 4, 1), content=[]
        ).save()
    return 1
