"""Small things a new user trips over (issue 13, item 6): the favicon, the projector of a
closed vote, the words of the check-in undo button."""

from __future__ import annotations

from labour_democracy.core.tables import Role
from labour_democracy.settings import PACKAGE_DIR
from labour_democracy.voting import services
from labour_democracy.web.responses import HTMX_STOP_POLLING
from tests import factories
from tests.voting.conftest import make_ballot


async def test_the_favicon_is_served(browser_for):
    anonymous = await browser_for()
    response = await anonymous.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/")
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file


async def test_the_projector_stops_polling_once_the_vote_is_closed(browser_for):
    setup = await make_ballot(role=Role.UNION)
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    url = f"/enterprises/{setup.context.enterprise_id}/ballots/{setup.ballot_id}/projector"
    assert 'hx-trigger="every 3s"' in (await union.get(url)).text
    assert (await union.get(url, headers={"hx-request": "true"})).status_code == 200
    await services.close_ballot(setup.context, setup.ballot_id)
    assert "hx-trigger" not in (await union.get(url)).text
    polled = await union.get(url, headers={"hx-request": "true"})
    assert polled.status_code == HTMX_STOP_POLLING  # htmx stops the poll on this answer


def test_undoing_a_check_in_says_what_it_undoes():
    template = PACKAGE_DIR.parent / "templates" / "conferences" / "_search_results.html"
    source = template.read_text(encoding="utf-8")
    assert 'checkin/undo"' in source
    assert '_("Undo the check-in")' in source and '_("Undo")' not in source


async def test_a_closed_conference_stops_the_attendance_polls(browser_for):
    from labour_democracy.conferences.tables import Conference, ConferenceStatus
    from tests.conferences.test_documents import make_conference

    setup = await make_conference()
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    url = f"/enterprises/{setup.context.enterprise_id}/conferences/{setup.conference_id}/projector"
    await Conference.update({Conference.status: ConferenceStatus.IN_SESSION}).where(
        Conference.id == setup.conference_id
    )
    assert (await union.get(url, headers={"hx-request": "true"})).status_code == 200
    await Conference.update({Conference.status: ConferenceStatus.CLOSED}).where(
        Conference.id == setup.conference_id
    )
    polled = await union.get(url, headers={"hx-request": "true"})
    assert polled.status_code == HTMX_STOP_POLLING
