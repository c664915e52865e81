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
