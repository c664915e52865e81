"""The one worker search behind every picker: folded name or code, paged, one enterprise."""

from __future__ import annotations

from labour_democracy.core import worker_search
from labour_democracy.core.tables import Worker
from tests import factories


async def _workers(enterprise_id: int, count: int) -> list[int]:
    """In batches: PostgreSQL takes at most 32,767 arguments in one statement."""
    ids: list[int] = []
    while len(ids) < count:
        ids += await factories.workers(enterprise_id, min(500, count - len(ids)))
    return ids


async def test_finds_the_2400th_worker_of_2500_by_name_without_diacritics():
    enterprise_id = await factories.enterprise()
    ids = await _workers(enterprise_id, 2500)
    wanted = ids[2399]
    await Worker.update(
        {Worker.full_name: "Đặng Thị Hường", Worker.search_name: "dang thi huong"}
    ).where(Worker.id == wanted)
    other = await factories.enterprise(name="Công ty khác")
    (stranger,) = await factories.workers(other, 1)
    await Worker.update(
        {Worker.full_name: "Đặng Thị Hường", Worker.search_name: "dang thi huong"}
    ).where(Worker.id == stranger)
    context = await factories.context(enterprise_id)

    for term in ("Đặng Thị Hường", "dang thi huong", "HƯỜNG"):
        found = await worker_search.search(context, term)
        assert [row["id"] for row in found.rows] == [wanted], term
        assert found.total == 1
    code = (await Worker.select(Worker.employee_code).where(Worker.id == wanted).first())[
        "employee_code"
    ]
    assert [row["id"] for row in (await worker_search.search(context, code)).rows] == [wanted]


async def test_pages_through_every_match_and_finds_nobody_without_a_term():
    enterprise_id = await factories.enterprise()
    ids = await _workers(enterprise_id, 2500)
    context = await factories.context(enterprise_id)
    first = await worker_search.search(context, "cong nhan")
    assert first.total == 2500 and len(first.rows) == worker_search.PER_PAGE
    seen = set()
    for page in range(1, 2500 // 100 + 1):
        seen |= {
            row["id"]
            for row in (await worker_search.search(context, "công", page, per_page=100)).rows
        }
    assert seen == set(ids)
    past = await worker_search.search(context, "cong", page=10_000)
    assert past.page == 125 and len(past.rows) == 20  # past the last page: the last one
    assert (await worker_search.search(context, "  ")).total == 0
    assert await worker_search.chosen(context, ids[5]) is not None
    other = await factories.enterprise(name="Công ty khác")
    assert await worker_search.chosen(await factories.context(other), ids[5]) is None
    assert await worker_search.chosen(context, "x") is None


async def test_the_member_list_picker_searches_the_roster_instead_of_listing_it(browser_for):
    from labour_democracy.core.tables import Role
    from labour_democracy.dialogue.tables import Member, MemberList
    from labour_democracy.i18n import today

    enterprise_id = await factories.enterprise()
    ids = await _workers(enterprise_id, 2500)
    await Worker.update(
        {Worker.full_name: "Đặng Thị Hường", Worker.search_name: "dang thi huong"}
    ).where(Worker.id == ids[2399])
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    base = f"/enterprises/{enterprise_id}/dialogue/member-lists"
    await hr.post(base, {"valid_from": today().isoformat()})
    here = f"{base}/{(await MemberList.objects().first()).id}"

    page = await hr.get(here)
    assert 'name="worker_q"' in page.text and "Công nhân 1 " not in page.text  # no full list
    found = await hr.get(f"{here}/workers?worker_q=huong", headers={"hx-request": "true"})
    assert f'value="{ids[2399]}"' in found.text and "Đặng Thị Hường" in found.text
    # Without JavaScript the search button reloads the page with the answers.
    plain = await hr.get(f"{here}/workers?worker_q=huong", follow_redirects=False)
    assert plain.status_code == 303
    again = await hr.get(plain.headers["location"])
    assert f'value="{ids[2399]}"' in again.text

    response = await hr.post(
        f"{here}/members",
        {"side": "employer_side", "full_name": "Đặng Thị Hường", "worker": str(ids[2399])},
    )
    assert response.status_code == 303
    assert (await Member.objects().first()).worker == ids[2399]
