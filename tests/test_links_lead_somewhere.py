"""A link never leads its reader to a 403 (issue 13, item 6: an overdue item linked the
federation officer to a page that refused them). Every person of the demo opens the
enterprise overview, and every page of it reachable from its links, and each link they are
shown must open for them."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from labour_democracy.core.demo import DEMO_PASSWORD, load_demo
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue.tables import DialogueSettings


def _links(page: str) -> set[str]:
    document = lxml_html.fromstring(page)
    main = document.xpath("//main")
    hrefs = (main[0] if main else document).xpath(".//a/@href")
    return {h.split("#")[0] for h in hrefs if h.startswith("/enterprises/")}


@pytest.mark.parametrize("email", ["federation@demo.vn", "union@demo.vn", "hr@demo.vn"])
async def test_no_link_on_the_overview_leads_to_a_refusal(browser_for, email):
    await load_demo()
    enterprise = await Enterprise.select(Enterprise.id).where(Enterprise.symbol == "SHVN").first()
    # A periodic dialogue planned for a month that has none: an overdue step whose page only
    # HR and the union may open. The enterprise existed then (a new one owes no dialogue for a
    # month before it was recorded: issue 12, item 8).
    await Enterprise.update({Enterprise.created_at: dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}).where(
        Enterprise.id == enterprise["id"]
    )
    await DialogueSettings.update({DialogueSettings.periodic_months: "3, 6, 12"}).where(
        DialogueSettings.enterprise == enterprise["id"]
    )
    person = await browser_for(email, DEMO_PASSWORD)
    overview = await person.get(f"/enterprises/{enterprise['id']}")
    assert overview.status_code == 200
    assert "3/" in overview.text  # the overdue step is listed, with or without its link
    refused = []
    for url in sorted(_links(overview.text)):
        response = await person.get(url)
        if response.status_code == 403:
            refused.append(url)
    assert not refused, f"{email} is shown links that answer 403: {refused}"
