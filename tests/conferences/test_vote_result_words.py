"""A closed vote's counts on the agenda and conference pages: the answers in the page's
language, and a space between the outcome badge and the counts (issue 13, item 1)."""

from __future__ import annotations

import re

from labour_democracy.core.tables import Role
from tests import factories
from tests.conferences.test_documents import make_conference
from tests.test_untranslated import Finder, visible_text


async def test_the_vote_result_reads_in_vietnamese_with_a_space_after_the_badge(browser_for):
    setup = await make_conference(present=7, votes_for=6)
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "vi"})
    base = f"/enterprises/{setup.context.enterprise_id}/conferences/{setup.conference_id}"
    finder = Finder()
    for url in (f"{base}/agenda", base):
        page = (await union.get(url)).text
        text = " ".join(visible_text(page).split("\n"))
        assert "Tán thành: 6 · Không tán thành: 1" in text, url
        assert finder.english(visible_text(page)) == [], url
        assert re.search(r"</span> <span class=\"votes\">Tán thành", page), url


async def test_the_quorum_has_one_name_on_every_conference_page(browser_for):
    """Issue 13, item 6: "2/3 tổng số cử tri" on one page, "of those convened" on another."""
    setup = await make_conference(present=7, votes_for=6)
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "vi"})
    enterprise = setup.context.enterprise_id
    base = f"/enterprises/{enterprise}/conferences"
    for url in (f"{base}/{setup.conference_id}", f"{base}/{setup.conference_id}/projector"):
        text = " ".join(visible_text((await union.get(url)).text).split("\n"))
        assert "tổng số cử tri" not in text, url
        assert "số được triệu tập" in text, url


async def test_a_published_conference_does_not_say_published_twice(browser_for):
    """Issue 13, item 6: "Đã công khai công khai ngày …"."""
    import datetime as dt

    from labour_democracy.conferences.tables import Conference, ConferenceStatus
    from tests.test_untranslated import read_lines, repeated_words

    setup = await make_conference()
    await Conference.update(
        {
            Conference.status: ConferenceStatus.PUBLISHED,
            Conference.published_on: dt.date(2026, 12, 5),
        }
    ).where(Conference.id == setup.conference_id)
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "vi"})
    url = f"/enterprises/{setup.context.enterprise_id}/conferences/{setup.conference_id}"
    page = (await union.get(url)).text
    assert repeated_words(read_lines(page)) == []
    assert "ngày 05 tháng 12 năm 2026" in page
