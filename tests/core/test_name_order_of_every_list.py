"""The lists of people tests/core/test_name_order_in_lists.py does not cover follow the same
Vietnamese name order (issue 13, item 9): the administrator's user list (named users by given
name, then those without a name by e-mail), the union's member register, its committees and
accepted applicants, and the bargaining teams of an agreement."""

from __future__ import annotations

import importlib

import pytest

from labour_democracy import i18n
from labour_democracy.agreements import bargaining, queries
from labour_democracy.agreements.documents import issue
from labour_democracy.agreements.schemas import RequestForm, SessionForm, TeamMemberForm
from labour_democracy.agreements.tables import Agreement, BargainingSession, BargainingSide
from labour_democracy.core import users
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.schemas import UserForm
from labour_democracy.core.tables import Role, User
from labour_democracy.i18n import today
from labour_democracy.unions import congress, membership, overview
from labour_democracy.unions.tables import Body, CommitteeMember, Office, UnionMember
from tests import factories
from tests.agreements import REPRESENTED
from tests.agreements.test_services import _docx_text
from tests.unions.helpers import campaign_form, enterprise_with_workers, found_union
from tests.unions.test_founding import document_text

PASSWORD = "a-long-password-for-tests"


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


async def test_the_user_list_is_in_name_order_and_users_without_a_name_come_last_by_email():
    for email, name in [
        ("a@x.vn", "Nguyễn Văn Đức"),
        ("b@x.vn", ""),
        ("c@x.vn", "Trần Thị Dung"),
        ("d@x.vn", "Lê An"),
        ("0@x.vn", ""),
    ]:
        await users.create_user(SYSTEM, UserForm(email=email, full_name=name, password=PASSWORD))
    listing = await users.list_users(SYSTEM)
    assert [row["email"] for row in listing.rows] == [
        "d@x.vn",
        "c@x.vn",
        "a@x.vn",
        "0@x.vn",
        "b@x.vn",
    ]


async def test_the_migration_fills_the_users_key_as_the_helper_computes_it():
    migration = importlib.import_module(
        "labour_democracy.core.piccolo_migrations.core_2026_12_06t09_20_00_000000"
    )
    for name in ["Nguyễn Thị Thu Hà", "Hà", "", "  ", "Đặng Văn Ánh", "Müller  Jürgen"]:
        assert migration.sort_key(name) == users.user_sort_key(name)
    user_id = await users.create_user(
        SYSTEM, UserForm(email="e@x.vn", full_name="Lê Văn Đức", password=PASSWORD)
    )
    await User.update({User.sort_key: ""}).where(User.id == user_id)
    await migration.fill()
    row = await User.select(User.sort_key).where(User.id == user_id).first()
    assert row["sort_key"] == person_sort_key("Lê Văn Đức")


async def test_the_union_lists_its_people_in_name_order():
    enterprise_id, _workers = await enterprise_with_workers()
    union = await found_union(enterprise_id)
    context = await factories.context(enterprise_id, Role.UNION)
    # The register: by given name (it was by family name: Hoàng, Lê, Nguyễn, Phạm, Trần).
    register = await membership.members(context)
    assert [m["full_name"] for m in register] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Hoàng Văn Em",
    ]
    # The committees: the chair and vice-chair first, then the members by name.
    await CommitteeMember.insert(
        CommitteeMember(
            union=union.id, body=Body.EXECUTIVE, full_name="Lê Thị Dung", elected_on=today()
        ),
        CommitteeMember(
            union=union.id, body=Body.EXECUTIVE, full_name="Đỗ Văn Ánh", elected_on=today()
        ),
    )
    committee = await congress.committee(union.id)
    assert [(m.full_name, m.office) for m in committee] == [
        ("Nguyễn Văn An", Office.CHAIR),
        ("Trần Thị Bình", Office.VICE_CHAIR),
        ("Đỗ Văn Ánh", Office.MEMBER),
        ("Lê Văn Cường", Office.MEMBER),
        ("Lê Thị Dung", Office.MEMBER),
        # The inspection committee's only member, elected its chair (Chủ nhiệm) at its meeting.
        ("Hoàng Văn Em", Office.CHAIR),
    ]
    view = await overview.union_view(context)
    assert [a.full_name for a in view.accepted] == [m["full_name"] for m in register]


async def test_the_register_key_is_filled_by_every_way_in_and_by_the_migration():
    migration = importlib.import_module(
        "labour_democracy.unions.piccolo_migrations.unions_2026_12_06t09_20_01_000000"
    )
    for name in ["Nguyễn Thị Thu Hà", "Hà", "", "Đặng Văn Ánh"]:
        assert migration.sort_key(name) == person_sort_key(name)
    enterprise_id, _workers = await enterprise_with_workers()
    await found_union(enterprise_id)
    rows = await UnionMember.select(UnionMember.id, UnionMember.full_name, UnionMember.sort_key)
    assert rows and all(r["sort_key"] == person_sort_key(r["full_name"]) for r in rows)
    await UnionMember.update({UnionMember.sort_key: ""}, force=True)
    await migration.fill()
    rows = await UnionMember.select(UnionMember.full_name, UnionMember.sort_key)
    assert all(r["sort_key"] == person_sort_key(r["full_name"]) for r in rows)


async def test_the_campaign_committee_lists_its_head_then_the_members_by_name():
    from labour_democracy.unions import founding

    enterprise_id, _workers = await enterprise_with_workers()
    context = await factories.context(enterprise_id, Role.UNION)
    members = "Trần Văn Đức - Trưởng ban\nLê Thị Dung\nPhạm Văn Ánh"
    await founding.start_campaign(context, campaign_form(members=members))
    view = await overview.union_view(context)
    assert [m.full_name for m in view.campaign] == ["Trần Văn Đức", "Phạm Văn Ánh", "Lê Thị Dung"]
    text = await document_text(view.union.campaign_decision)
    positions = [text.index(name) for name in ("Trần Văn Đức", "Phạm Văn Ánh", "Lê Thị Dung")]
    assert positions == sorted(positions)  # the decision lists them alike


async def test_each_bargaining_team_lists_its_leader_then_its_members_by_name():
    enterprise = await factories.enterprise(**REPRESENTED)
    hr = await factories.context(enterprise, Role.HR)
    union = await factories.context(enterprise, Role.UNION)
    agreement_id = await bargaining.create_request(
        union,
        RequestForm(
            requested_by=BargainingSide.WORKERS,
            received_on=today(),
            title="Thỏa ước lao động tập thể năm 2027",
            contents="Tiền lương",
        ),
    )
    for context, side, name, leads in [
        (union, BargainingSide.WORKERS, "Vũ Thị Yến", False),
        (hr, BargainingSide.EMPLOYER, "Trần Văn Đức", False),
        (union, BargainingSide.WORKERS, "Hoàng Văn Dũng", True),
        (hr, BargainingSide.EMPLOYER, "Lê Thị Dung", False),
        (union, BargainingSide.WORKERS, "Đặng Văn An", False),
        (hr, BargainingSide.EMPLOYER, "Phạm Văn Bình", True),
    ]:
        await bargaining.add_team_member(
            context, agreement_id, TeamMemberForm(side=side, full_name=name, leads=leads)
        )
    expected = [
        "Phạm Văn Bình",
        "Lê Thị Dung",
        "Trần Văn Đức",
        "Hoàng Văn Dũng",
        "Đặng Văn An",
        "Vũ Thị Yến",
    ]
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    view = await queries.agreement_view(hr, agreement)
    assert [m["full_name"] for m in view.team] == expected
    session_id = await bargaining.add_session(
        hr, agreement_id, SessionForm(held_on=today(), place="Hội trường", minute_taker="Lê C")
    )
    session = await BargainingSession.objects().where(BargainingSession.id == session_id).first()
    document = await issue.session_minutes(hr, agreement, session)
    text = await _docx_text(document.id)
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions)


async def test_the_workers_who_have_not_read_a_disclosure_are_listed_by_name_in_each_unit():
    from labour_democracy.workplace_rules import disclosure
    from labour_democracy.workplace_rules.schemas import DisclosureForm

    enterprise = await factories.enterprise(symbol="DSC")
    unit = await factories.org_unit(enterprise, "Tổ may")
    for i, name in enumerate(["Lê Văn Đức", "Dương Thị Bình", "Lê Văn Dũng", "Đặng Văn An"]):
        await factories.worker(enterprise, name, code=f"NV{i}", org_unit=unit)
    context = await factories.context(enterprise, Role.HR)
    disclosure_id = await disclosure.disclose(
        context,
        DisclosureForm(
            matter="business",
            title="Tình hình sản xuất quý I",
            body="Doanh thu tăng.",
            decided_on=today(),
            disclosed_on=today(),
            forms=["posting"],
        ),
    )
    (row,), shown = await disclosure.readings(context, disclosure_id)
    assert shown
    assert [name.split(" (")[0] for name in row.unread_names] == [
        "Đặng Văn An",
        "Dương Thị Bình",
        "Lê Văn Dũng",
        "Lê Văn Đức",
    ]
