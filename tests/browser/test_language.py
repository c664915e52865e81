"""Choosing the language: vi (default) -> en -> fr, remembered across reloads and sign-out."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from labour_democracy.core.tables import Role
from labour_democracy.i18n import gettext, language
from tests import factories

pytestmark = pytest.mark.browser


def _translated(code: str, message: str) -> str:
    with language(code):
        return gettext(message)


async def test_switching_language_changes_lang_and_text_and_survives_reload(page: Page, sign_in):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await sign_in("hr@a.vn", factories.PASSWORD)
    html = page.locator("html")
    sign_out = page.locator("form[action='/logout'] button")
    await expect(html).to_have_attribute("lang", "vi")
    shown = {"vi": await sign_out.inner_text()}

    for code in ("en", "fr"):
        await page.select_option("#language-choice", code)
        await page.click("form.language button[type=submit]")
        await expect(html).to_have_attribute("lang", code)
        await expect(sign_out).to_have_text(_translated(code, "Sign out"))
        shown[code] = await sign_out.inner_text()
        assert page.url.endswith(f"/enterprises/{enterprise}"), "stays on the same page"
        await page.reload()
        await expect(html).to_have_attribute("lang", code)
        await expect(page.locator("#language-choice")).to_have_value(code)

    assert shown["vi"] == _translated("vi", "Sign out")
    assert len(set(shown.values())) == 3, f"each language shows its own words: {shown}"

    await sign_out.click()
    await page.wait_for_url("**/login")
    await expect(html).to_have_attribute("lang", "fr")
