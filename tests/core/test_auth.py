from labour_democracy.core.tables import AuditEntry, Role, User, UserSession
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


async def test_wrong_passwords_slow_the_account_down_without_locking_out_a_known_device(
    browser_for,
):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    own = await browser_for("hr@a.vn")  # signed in here before: a known device
    await own.post("/logout")
    stranger = await browser_for()
    await stranger.post("/language", {"language": "en"})
    for _ in range(5):
        response = await stranger.post("/login", {"email": "hr@a.vn", "password": "wrong-pass"})
        assert "The e-mail or the password is wrong." in response.text
    response = await stranger.post("/login", {"email": "hr@a.vn", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "Try again in 30 seconds" in response.text
    assert "On a device you have signed in with before, you can sign in now." in response.text
    # The owner, on the device they used before, is not held back by the stranger's guesses.
    response = await own.post("/login", {"email": "hr@a.vn", "password": factories.PASSWORD})
    assert response.status_code == 303
    assert (await own.get("/enterprises")).status_code == 200


async def test_a_device_cookie_someone_made_up_is_no_known_device(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    stranger = await browser_for()
    stranger.client.cookies.set("ld_device", "x" * 43)
    for _ in range(5):
        await stranger.post("/login", {"email": "hr@a.vn", "password": "wrong-pass"})
    response = await stranger.post("/login", {"email": "hr@a.vn", "password": factories.PASSWORD})
    assert response.status_code == 400


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


async def test_a_session_cookie_captured_before_sign_out_is_refused_after(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for("hr@a.vn")
    captured = browser.client.cookies.get("ld_session")
    assert await UserSession.count() == 1
    assert (await browser.post("/logout")).status_code == 303
    assert await UserSession.count() == 0
    thief = await browser_for()
    thief.client.cookies.set("ld_session", captured)
    response = await thief.get("/enterprises")
    assert response.status_code == 303 and "/login" in response.headers["location"]


async def test_a_csrf_token_of_another_session_is_refused(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    attacker = await browser_for("union@a.vn")
    victim = await browser_for("hr@a.vn")
    token = await attacker.csrf()
    # Even with the attacker's token planted in the victim's cookie (a double-submit check
    # alone would pass), the token is not the victim's session's.
    victim.client.cookies.set("ld_csrf", token)
    response = await victim.client.post(
        "/account/sign-out-everywhere", headers={"x-csrftoken": token}, follow_redirects=False
    )
    assert response.status_code == 403
    assert (await victim.get("/enterprises")).status_code == 200  # still signed in
    # Its own session's token passes.
    victim.client.cookies.delete("ld_csrf")
    await victim.get("/enterprises")
    assert (await victim.post("/account/sign-out-everywhere")).status_code == 303


async def test_the_csrf_token_changes_when_the_session_does(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for()
    before = await browser.csrf()
    await browser.sign_in("hr@a.vn", factories.PASSWORD)
    after = browser.client.cookies.get("ld_csrf")
    assert after and after != before
    # The token of the page before sign-in no longer passes.
    response = await browser.client.post(
        "/account/sign-out-everywhere", headers={"x-csrftoken": before}, follow_redirects=False
    )
    assert response.status_code == 403
