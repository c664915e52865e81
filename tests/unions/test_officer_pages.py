"""The officers' page through the test client: the committee records its first meeting and
draws a round, a refused form marks its field and keeps the input, the employer reads the page
without a form and cannot post, a union founded before the app says so."""

from __future__ import annotations

from labour_democracy.core import demo as core_demo
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.i18n import today
from labour_democracy.unions.tables import CommitteeMeeting, OfficerRound
from tests import factories
from tests.unions import helpers
from tests.unions.test_pages import in_english


async def test_the_committee_records_its_meeting_and_draws_a_round_on_the_page(browser_for):
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await helpers.committee_elected(enterprise_id)
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/union/officers"
    page = await union.get(base)
    assert page.status_code == 200
    assert "more than 1/2 of the committee&#39;s members" in page.text
    assert "no article is named" in page.text
    assert f'action="{base}/meeting"' in page.text

    refused = await union.post(
        f"{base}/meeting",
        {
            "body": "executive_committee",
            "met_on": "2020-01-01",
            "place": "Phòng họp tầng 3",
            "vice_chair_seats": "1",
        },
    )
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text and "after the congress" in refused.text
    assert "Phòng họp tầng 3" in refused.text and await CommitteeMeeting.count() == 0

    hr = await in_english(await browser_for("hr@a.vn"))
    read = await hr.get(base)
    assert read.status_code == 200 and f'action="{base}/meeting"' not in read.text
    assert "Nguyễn Văn An" in read.text
    meeting = {"body": "executive_committee", "met_on": "", "place": "P", "vice_chair_seats": "1"}
    assert (await hr.post(f"{base}/meeting", meeting)).status_code == 403

    done = await union.post(
        f"{base}/meeting",
        {**meeting, "met_on": today().isoformat(), "place": "Phòng họp tầng 3"},
    )
    assert done.status_code == 303
    ids = await helpers.member_ids(enterprise_id)
    wrong = await union.post(
        f"{base}/round",
        {
            "body": "executive_committee",
            "office": "chair",
            "candidates": [str(ids["Hoàng Văn Em"])],
        },
    )
    assert wrong.status_code == 422 and "among this committee&#39;s members" in wrong.text
    drawn = await union.post(
        f"{base}/round",
        {
            "body": "executive_committee",
            "office": "chair",
            "candidates": [str(ids["Nguyễn Văn An"]), str(ids["Lê Văn Cường"])],
        },
    )
    assert drawn.status_code == 303 and await OfficerRound.count() == 1
    page = await union.get(base)
    assert "Open the vote's page" in page.text and "Being voted or counted" in page.text
    # The voting engine's page of the round names its majority in the committee's words.
    ballot_id = (await OfficerRound.objects().first()).ballot
    ballot_page = await union.get(f"/enterprises/{enterprise_id}/ballots/{ballot_id}")
    assert ballot_page.status_code == 200
    assert "more than 1/2 of the committee&#39;s members" in ballot_page.text
    assert "of the electorate" not in ballot_page.text


async def test_a_union_founded_before_the_app_says_its_officers_were_entered(browser_for):
    await core_demo.load_demo()
    garment = (
        await Enterprise.select(Enterprise.id).where(Enterprise.tax_code == "2300123456").first()
    )["id"]
    await factories.user("union@g.vn", Role.UNION, garment)
    union = await in_english(await browser_for("union@g.vn"))
    page = await union.get(f"/enterprises/{garment}/union/officers")
    assert page.status_code == 200 and 'id="founded-before"' in page.text
    assert "Trần Thị Hoa — Chair" in page.text
    assert "/officers/meeting" not in page.text
