from labour_democracy.core.tables import AuditEntry, LoginAttempt, Role, User
from tests import factories


async def test_sign_in_sets_an_httponly_lax_session_and_lands_on_the_enterprise(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    browser = await browser_for()
    response = await browser.sign_in("hr@a.vn", factories.PASSWORD)
    cookie = response.headers["set-cookie"]
    assert "ld_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("SameSite=Lax", "SameSite=lax")
    home = await browser.get("/")
    assert home.status_code == 303
    assert home.headers["location"] == f"/enterprises/{enterprise}"


async def test_wrong_password_is_refused_with_a_message_and_nothing_signed_in(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for()
    response = await browser.post("/login", {"email": "hr@a.vn", "password": "wrong-password"})
    assert response.status_code == 400
    assert "wrong" in response.text.lower() or "sai" in response.text.lower()
    assert (await browser.get("/enterprises")).status_code == 303  # still signed out


async def test_login_is_rate_limited_per_email_with_a_clear_message(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for()
    for _ in range(5):
        await browser.post("/login", {"email": "hr@a.vn", "password": "wrong-password"})
    response = await browser.post("/login", {"email": "hr@a.vn", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "15" in response.text  # "wait 15 minutes"
    assert await LoginAttempt.count() == 10  # 5 per e-mail + 5 per client, nothing more


async def test_a_post_without_the_csrf_token_is_refused(client):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    await client.get("/login")
    response = await client.post(
        "/login", data={"email": "hr@a.vn", "password": factories.PASSWORD}
    )
    assert response.status_code == 403
    assert "ld_session" not in response.headers.get("set-cookie", "")


async def test_changing_the_password_signs_out_other_sessions(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    first = await browser_for("hr@a.vn")
    second = await browser_for("hr@a.vn")
    response = await first.post(
        "/account/password",
        {
            "current": factories.PASSWORD,
            "new": "another-long-password",
            "confirm": "another-long-password",
        },
    )
    assert response.status_code == 303
    assert (await first.get("/enterprises")).status_code == 200
    assert (await second.get("/enterprises")).status_code == 303  # back to the login page
    assert await AuditEntry.exists().where(AuditEntry.action == "user.password_changed")


async def test_a_too_short_new_password_keeps_the_old_one(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for("hr@a.vn")
    before = (await User.select(User.password_hash).first())["password_hash"]
    response = await browser.post(
        "/account/password", {"current": factories.PASSWORD, "new": "short", "confirm": "short"}
    )
    assert response.status_code == 422  # a refused form, drawn again
    assert "10" in response.text
    assert (await User.select(User.password_hash).first())["password_hash"] == before


async def test_sign_out_ends_the_session(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for("hr@a.vn")
    assert (await browser.post("/logout")).status_code == 303
    assert (await browser.get("/enterprises")).status_code == 303


async def test_the_login_page_refuses_to_redirect_off_site(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for()
    response = await browser.post(
        "/login",
        {"email": "hr@a.vn", "password": factories.PASSWORD, "next": "//evil.example/x"},
    )
    assert response.headers["location"] == "/"


async def test_signing_out_everywhere_ends_every_session_of_the_account(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    phone = await browser_for("hr@a.vn")
    office = await browser_for("hr@a.vn")
    colleague = await browser_for("union@a.vn")
    await office.post("/language", {"language": "en"})
    assert "Sign out on every device" in (await office.get("/account/password")).text
    response = await office.post("/account/sign-out-everywhere", {})
    assert response.status_code == 303
    assert "/login" in response.headers["location"]
    assert "signed out on every device" in (await office.get("/login")).text
    for browser in (phone, office):
        assert (await browser.get("/enterprises")).status_code == 303  # back to the login page
    assert (await colleague.get("/enterprises")).status_code == 200  # another account stays
    assert await AuditEntry.exists().where(AuditEntry.action == "user.signed_out_everywhere")
