"""Administration of users: accounts, roles, disabling and password resets."""

from __future__ import annotations

import json

import pytest

from labour_democracy.core.tables import AuditEntry, Membership, Role, User
from tests import factories

NEW_PASSWORD = "another-long-password"


@pytest.fixture
async def admin(browser_for):
    admin_id = await factories.english_user("admin@x.vn", Role.ADMIN)
    browser = await browser_for("admin@x.vn")
    browser.user_id = admin_id
    return browser


async def _user_id(email: str) -> int:
    return (await User.select(User.id).where(User.email == email).first())["id"]


def _new_user(**changes) -> dict[str, str]:
    return {
        "email": "Lan.Nguyen@May.vn",
        "full_name": "Nguyễn Thị Lan",
        "password": "a-long-password",
        "language": "",
        **changes,
    }


async def test_creating_a_user_stores_the_e_mail_in_lower_case_and_asks_for_a_role(admin):
    response = await admin.post("/admin/users/new", _new_user())
    assert response.status_code == 303
    user_id = await _user_id("lan.nguyen@may.vn")
    assert response.headers["location"] == f"/admin/users/{user_id}"
    page = (await admin.get(response.headers["location"])).text
    assert "The user was created. Now give them a role." in page
    assert "No role yet" in page
    (entry,) = await AuditEntry.select().where(AuditEntry.action == "user.created")
    assert entry["record_id"] == str(user_id)
    assert "Nguyễn" not in json.dumps(entry, default=str, ensure_ascii=False)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "lan.nguyen"}, "email", "This is not an e-mail address."),
        ({"email": "ADMIN@x.vn"}, "email", "A user with this e-mail already exists."),
        ({"password": "123456789"}, "password", "The password must have at least 10 characters."),
        ({"language": "de"}, "language", "Unknown language."),
        ({"full_name": ""}, "full_name", "This field is required."),
    ],
)
async def test_a_refused_user_keeps_the_form_but_never_the_password(admin, changes, field, message):
    users = await User.count()
    response = await admin.post("/admin/users/new", _new_user(**changes))
    assert response.status_code == 422
    assert f'id="{field}-error">{message}</p>' in response.text
    assert (
        'value="a-long-password"' not in response.text and 'value="123456789"' not in response.text
    )
    if field != "full_name":
        assert 'value="Nguyễn Thị Lan"' in response.text
    assert await User.count() == users


async def test_a_ten_character_password_is_long_enough(admin):
    response = await admin.post("/admin/users/new", _new_user(password="0123456789"))
    assert response.status_code == 303


async def test_roles_need_their_enterprise_or_province_and_are_not_given_twice(admin):
    enterprise_id = await factories.enterprise("Công ty May Sông Hồng")
    user_id = await factories.user("lan@may.vn", Role.UNION, enterprise_id)
    base = f"/admin/users/{user_id}"

    response = await admin.post(f"{base}/memberships", {"role": "hr", "enterprise": ""})
    assert response.status_code == 422
    assert 'id="enterprise-error">Choose the enterprise this role is for.</p>' in response.text
    response = await admin.post(f"{base}/memberships", {"role": "federation", "province": ""})
    assert 'id="province-error">Choose the province this officer covers.</p>' in response.text
    response = await admin.post(f"{base}/memberships", {"role": "hr", "enterprise": "999999"})
    assert "Choose the enterprise this role is for." in response.text
    response = await admin.post(
        f"{base}/memberships", {"role": "union", "enterprise": str(enterprise_id)}
    )
    assert response.status_code == 422 and "The user already has this role." in response.text
    assert await Membership.count().where(Membership.user == user_id) == 1

    province = await factories.province_id("24")
    response = await admin.post(
        f"{base}/memberships", {"role": "federation", "province": str(province)}
    )
    assert response.status_code == 303
    roles = await Membership.select(Membership.role, Membership.province).where(
        (Membership.user == user_id) & (Membership.role == "federation")
    )
    assert roles == [{"role": "federation", "province": province}]
    (entry,) = await AuditEntry.select().where(AuditEntry.action == "membership.added")
    assert json.loads(entry["details"]) == {"role": "federation"}


async def test_a_removed_role_takes_the_enterprise_away_at_once(admin, browser_for):
    enterprise_id = await factories.enterprise()
    user_id = await factories.user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    assert (await hr.get(f"/enterprises/{enterprise_id}")).status_code == 200
    membership = (await Membership.select(Membership.id).where(Membership.user == user_id))[0]
    response = await admin.post(f"/admin/users/{user_id}/memberships/{membership['id']}/delete")
    assert response.status_code == 303
    assert (await hr.get(f"/enterprises/{enterprise_id}")).status_code == 404
    assert await AuditEntry.exists().where(AuditEntry.action == "membership.removed")


async def test_an_administrator_cannot_remove_their_own_administrator_role(admin):
    membership = (await Membership.select(Membership.id).where(Membership.user == admin.user_id))[0]
    response = await admin.post(
        f"/admin/users/{admin.user_id}/memberships/{membership['id']}/delete"
    )
    assert response.status_code == 422
    assert "You cannot remove your own administrator role." in response.text
    assert await Membership.exists().where(Membership.id == membership["id"])


async def test_a_membership_of_another_user_is_not_found(admin):
    enterprise_id = await factories.enterprise()
    first = await factories.user("a@a.vn", Role.HR, enterprise_id)
    second = await factories.user("b@a.vn", Role.HR, enterprise_id)
    membership = (await Membership.select(Membership.id).where(Membership.user == second))[0]
    response = await admin.post(f"/admin/users/{first}/memberships/{membership['id']}/delete")
    assert response.status_code == 404
    assert await Membership.count() == 3


async def test_disabling_an_account_signs_the_user_out_and_keeps_them_out(admin, browser_for):
    enterprise_id = await factories.enterprise()
    user_id = await factories.user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    response = await admin.post(f"/admin/users/{user_id}/active", {"active": "0"})
    assert response.status_code == 303
    assert (await hr.get("/enterprises")).status_code == 303  # to the login page
    again = await browser_for()
    refused = await again.post("/login", {"email": "hr@a.vn", "password": factories.PASSWORD})
    assert refused.status_code == 400
    assert (await admin.post(f"/admin/users/{user_id}/active", {"active": "1"})).status_code == 303
    await again.sign_in("hr@a.vn", factories.PASSWORD)
    actions = [row["action"] for row in await AuditEntry.select(AuditEntry.action)]
    assert actions == ["user.disabled", "user.enabled"]


async def test_an_administrator_cannot_disable_their_own_account(admin):
    response = await admin.post(f"/admin/users/{admin.user_id}/active", {"active": "0"})
    assert response.status_code == 422
    assert "You cannot disable your own account." in response.text
    assert (await User.select(User.is_active).where(User.id == admin.user_id))[0]["is_active"]


async def test_a_password_reset_ends_the_users_sessions_and_the_new_one_works(admin, browser_for):
    enterprise_id = await factories.enterprise()
    user_id = await factories.user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    before = (await User.select(User.password_hash).where(User.id == user_id))[0]
    short = await admin.post(f"/admin/users/{user_id}/password", {"password": "short"})
    assert short.status_code == 422
    assert "The password must have at least 10 characters." in short.text
    assert (await User.select(User.password_hash).where(User.id == user_id))[0] == before
    assert (await hr.get("/enterprises")).status_code == 200

    done = await admin.post(f"/admin/users/{user_id}/password", {"password": NEW_PASSWORD})
    assert done.status_code == 303
    assert (await hr.get("/enterprises")).status_code == 303
    await (await browser_for()).sign_in("hr@a.vn", NEW_PASSWORD)
    (entry,) = await AuditEntry.select().where(AuditEntry.action == "user.password_reset")
    assert NEW_PASSWORD not in json.dumps(entry, default=str)


async def test_the_user_list_searches_and_shows_each_users_roles(admin):
    enterprise_id = await factories.enterprise("Công ty May Sông Hồng")
    await factories.user("lan@may.vn", Role.UNION, enterprise_id, name="Nguyễn Thị Lan")
    await factories.user("binh@may.vn", Role.HR, enterprise_id, name="Trần Văn Bình")
    page = (await admin.get("/admin/users?q=Lan")).text
    assert "lan@may.vn" in page and "binh@may.vn" not in page
    assert "Union officer" in page and "Công ty May Sông Hồng" in page
    fragment = await admin.get("/admin/users?q=binh", headers={"hx-request": "true"})
    assert "<html" not in fragment.text and "binh@may.vn" in fragment.text


async def test_the_user_list_pages_stay_within_range(admin):
    for number in range(30):
        await User(email=f"u{number:02d}@x.vn", full_name="Người", password_hash="x").save()
    last = (await admin.get("/admin/users?page=50")).text
    assert "Page 2 of 2" in last


async def test_no_role_is_preselected_and_granting_admin_is_confirmed_and_audited(admin):
    """Issue 13, item 8: one click made a new user an administrator."""
    await admin.post("/admin/users/new", _new_user())
    user_id = await _user_id("lan.nguyen@may.vn")
    page = (await admin.get(f"/admin/users/{user_id}")).text
    role_select = page[
        page.index('name="role"') : page.index("</select>", page.index('name="role"'))
    ]
    assert "selected" not in role_select
    assert '<option value="">' in role_select

    response = await admin.post(f"/admin/users/{user_id}/memberships", {"role": "admin"})
    assert response.status_code == 422
    assert 'id="f-confirm_admin"' in response.text and "Tick the box" in response.text
    assert not await Membership.exists().where(Membership.user == user_id)

    response = await admin.post(
        f"/admin/users/{user_id}/memberships", {"role": "admin", "confirm_admin": "on"}
    )
    assert response.status_code == 303
    entry = await AuditEntry.select().where(AuditEntry.action == "membership.added").first()
    assert json.loads(entry["details"]) == {"role": "admin", "confirmed": True}
