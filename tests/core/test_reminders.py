import datetime as dt

from labour_democracy.core import reminders
from labour_democracy.core.tables import Role
from tests import factories
from tests.helpers import installed_only


async def test_the_enterprise_page_lists_overdue_and_soon_due_items(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    today = dt.date.today()

    async def provider(context):
        return [
            reminders.Due("Gửi nội dung đối thoại", today - dt.timedelta(days=2), "/x"),
            reminders.Due("Công bố biên bản", today + dt.timedelta(days=3), "/y"),
            reminders.Due("Xa lắm", today + dt.timedelta(days=90), "/z"),
        ]

    browser = await browser_for("hr@a.vn")
    with installed_only(due=[provider]):
        page = await browser.get(f"/enterprises/{enterprise}")
    assert "Gửi nội dung đối thoại" in page.text and "Công bố biên bản" in page.text
    assert "Xa lắm" not in page.text
    assert page.text.index("Gửi nội dung đối thoại") < page.text.index("Công bố biên bản")


async def test_digests_are_not_sent_without_smtp():
    from labour_democracy.settings import get_settings

    assert reminders.send_digest(get_settings(), ["a@b.vn"], "s", ["x"]) is False
