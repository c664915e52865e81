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


async def test_a_conference_ballot_names_its_rules_in_the_conference_words_on_every_page(
    browser_for,
):
    """Issue 13, item 6: the conference pages said "số được triệu tập", the conference ballot's
    own pages (staff, projector, published result) and its vote-count minutes "tổng số cử tri"."""
    from labour_democracy.documents import checks, engine
    from labour_democracy.documents.tables import IssuedDocument
    from labour_democracy.voting.tables import Ballot
    from tests.conferences.conftest import published_soe

    context, _conference = await published_soe(symbol="WRD")
    ballot = await Ballot.objects().where(Ballot.enterprise == context.enterprise_id).first()
    await factories.user("union@a.vn", Role.UNION, context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "vi"})
    anonymous = await browser_for()
    await anonymous.post("/language", {"language": "vi"})
    base = f"/enterprises/{context.enterprise_id}/ballots/{ballot.id}"
    pages = {
        base: await union.get(base),
        f"{base}/projector": await union.get(f"{base}/projector"),
        "/r/…": await anonymous.get(f"/r/{ballot.public_token}"),
    }
    for url, response in pages.items():
        assert response.status_code == 200, url
        text = " ".join(visible_text(response.text).split("\n"))
        assert "cử tri" not in text, url
        if not url.endswith("/projector"):  # the projector shows turnout, not the rules
            assert "trên 1/2 số người có mặt" in text, url
    staff = " ".join(visible_text(pages[base].text).split("\n"))
    assert "ít nhất 2/3 số được triệu tập" in staff
    projector = " ".join(visible_text(pages[f"{base}/projector"].text).split("\n"))
    assert "số phiếu đã bỏ trên số được triệu tập" in projector
    minutes = await IssuedDocument.objects().where(IssuedDocument.id == ballot.minutes).first()
    text = checks.all_text(minutes.content).replace(engine.NBSP, " ")
    assert "Điều kiện hợp lệ của cuộc biểu quyết: ít nhất 2/3 số được triệu tập" in text
    assert "Quy tắc: trên 1/2 số người có mặt" in text
    assert "cử tri" not in text


async def test_an_extraordinary_conference_is_asked_for_by_a_share_of_all_the_workers(
    browser_for,
):
    """The workers' request is a share of all the workers, not of those convened."""
    import pytest

    from labour_democracy import i18n
    from labour_democracy.conferences import planning
    from labour_democracy.conferences.tables import ConferenceForm, ConferenceKind, Requester
    from labour_democracy.core.errors import Invalid
    from labour_democracy.core.tables import Ownership
    from tests.conferences.conftest import plan_form, planned

    context, _conference = await planned(ownership=Ownership.STATE_OWNED)
    form = plan_form(
        form=ConferenceForm.WHOLE,
        kind=ConferenceKind.EXTRAORDINARY,
        requested_by=Requester.WORKERS,
        requesters=33,
    )
    with i18n.language("vi"), pytest.raises(Invalid) as error:
        await planning.plan_conference(context, form)
    assert "ít nhất 1/3 tổng số người lao động: 34 trên 100" in error.value.errors["requesters"]
    await factories.user("union@a.vn", Role.UNION, context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "vi"})
    page = await union.get(f"/enterprises/{context.enterprise_id}/conferences/rules")
    text = " ".join(visible_text(page.text).split("\n"))
    assert "ít nhất 1/3 tổng số người lao động" in text
    assert "1/3 số được triệu tập" not in text
