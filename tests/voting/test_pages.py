"""The consultation pages: organisers through a browser-like client, workers with a code."""

from __future__ import annotations

import io
import re

import docx

from labour_democracy.core.tables import Role
from labour_democracy.voting.tables import Ballot, BallotStatus, Option, Question, Vote
from tests import factories


async def _english(browser):
    await browser.post("/language", {"language": "en"})
    return browser


async def _organiser(browser_for, workers: int = 5, role: Role = Role.UNION):
    enterprise = await factories.enterprise()
    await factories.workers(enterprise, workers)
    await factories.user("union@a.vn", role, enterprise)
    return enterprise, await _english(await browser_for("union@a.vn"))


async def _create(browser, enterprise: int, **fields) -> int:
    response = await browser.post(
        f"/enterprises/{enterprise}/ballots/new",
        {
            "title": "Lấy ý kiến về quy chế thưởng",
            "secrecy": "secret",
            "channels": "both",
            "electorate_kind": "all_workers",
            "quorum_comparator": "ge",
            "quorum_numerator": "0",
            "quorum_denominator": "1",
            **fields,
        },
    )
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[-1])


async def _add_motion(browser, enterprise: int, ballot: int) -> None:
    response = await browser.post(
        f"/enterprises/{enterprise}/ballots/{ballot}/questions",
        {
            "kind": "motion",
            "text": "Đồng ý với dự thảo?",
            "rule_comparator": "gt",
            "rule_numerator": "1",
            "rule_denominator": "2",
            "rule_base": "valid",
        },
    )
    assert response.status_code == 303, response.text


async def _print_slips(browser, enterprise: int, ballot: int) -> list[str]:
    response = await browser.post(f"/enterprises/{enterprise}/ballots/{ballot}/slips")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    return re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)


async def test_a_union_officer_runs_a_secret_consultation_end_to_end(browser_for):
    enterprise, browser = await _organiser(browser_for)
    ballot = await _create(browser, enterprise)
    await _add_motion(browser, enterprise, ballot)
    codes = await _print_slips(browser, enterprise, ballot)
    assert len(codes) == 5
    response = await browser.post(f"/enterprises/{enterprise}/ballots/{ballot}/open")
    assert response.status_code == 303

    question = (await Question.select(Question.id).first())["id"]
    yes = (await Option.select(Option.id).where(Option.role == "for").first())["id"]
    voter = await _english(await browser_for())  # a worker: no account
    page = await voter.get(f"/v?c={codes[0]}")
    assert page.status_code == 200 and "Đồng ý với dự thảo?" in page.text
    review = await voter.post("/v/review", {"code": codes[0], f"q{question}": str(yes)})
    assert review.status_code == 200
    cast = await voter.post("/v/cast", {"code": codes[0], f"q{question}": str(yes)})
    assert cast.status_code == 200
    receipt = re.search(r'class="receipt"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5})<', cast.text).group(1)
    # A second submission (the answer to the first was lost): counted once, same receipt.
    again = await voter.post("/v/cast", {"code": codes[0], f"q{question}": str(yes)})
    assert again.status_code == 200 and "already voted" in again.text and receipt in again.text
    assert await Vote.count() == 1

    response = await browser.post(f"/enterprises/{enterprise}/ballots/{ballot}/close")
    assert response.status_code == 303
    token = (await Ballot.select(Ballot.public_token).first())["public_token"]
    published = await voter.get(f"/r/{token}?receipt={receipt}")
    assert published.status_code == 200 and receipt in published.text
    assert "your vote was counted" in published.text.lower()


async def test_the_secret_result_is_not_shown_before_closing(browser_for):
    enterprise, browser = await _organiser(browser_for)
    ballot = await _create(browser, enterprise)
    await _add_motion(browser, enterprise, ballot)
    await _print_slips(browser, enterprise, ballot)
    await browser.post(f"/enterprises/{enterprise}/ballots/{ballot}/open")
    page = await browser.get(f"/enterprises/{enterprise}/ballots/{ballot}")
    assert 'id="result"' not in page.text
    token = (await Ballot.select(Ballot.public_token).first())["public_token"]
    assert (await browser.get(f"/r/{token}")).status_code == 404


async def test_a_bad_code_gets_a_clear_message_on_the_phone(browser_for):
    voter = await _english(await browser_for())
    response = await voter.post("/v", {"code": "ABCD-EFGH-JKMX"})
    assert response.status_code == 422
    assert "not valid" in response.text


async def test_the_ballot_form_keeps_input_and_names_the_wrong_field(browser_for):
    enterprise, browser = await _organiser(browser_for)
    response = await browser.post(
        f"/enterprises/{enterprise}/ballots/new",
        {
            "title": "",
            "secrecy": "secret",
            "channels": "both",
            "electorate_kind": "org_unit",
            "quorum_comparator": "ge",
            "quorum_numerator": "3",
            "quorum_denominator": "2",
        },
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert await Ballot.count() == 0


async def test_an_hr_reader_of_another_role_cannot_open_a_vote(browser_for):
    enterprise = await factories.enterprise()
    await factories.workers(enterprise, 3)
    await factories.user("fed@a.vn", Role.FEDERATION, province="24")
    await factories.user("union@a.vn", Role.UNION, enterprise)
    union = await browser_for("union@a.vn")
    ballot = await _create(union, enterprise)
    federation = await browser_for("fed@a.vn")
    assert (await federation.get(f"/enterprises/{enterprise}/ballots/{ballot}")).status_code == 200
    response = await federation.post(f"/enterprises/{enterprise}/ballots/{ballot}/open")
    assert response.status_code == 403
    assert (await Ballot.select(Ballot.status).first())["status"] == BallotStatus.DRAFT


async def test_coded_paper_ballots_and_a_show_of_hands_count_together(browser_for):
    enterprise, browser = await _organiser(browser_for, workers=6)
    ballot = await _create(browser, enterprise)
    await _add_motion(browser, enterprise, ballot)
    codes = await _print_slips(browser, enterprise, ballot)
    await browser.post(f"/enterprises/{enterprise}/ballots/{ballot}/open")
    question = (await Question.select(Question.id).first())["id"]
    options = {o["role"]: o["id"] for o in await Option.select(Option.id, Option.role)}
    base = f"/enterprises/{enterprise}/ballots/{ballot}"
    paper = await browser.post(
        f"{base}/paper", {"code": codes[1], f"q{question}": str(options["against"])}
    )
    assert paper.status_code == 200 and "recorded" in paper.text
    sheet = await browser.post(
        f"{base}/tally-sheet",
        {
            "kind": "show_of_hands",
            "ballots": "2",
            "teller_one": "Lê Văn An",
            "teller_two": "Trần Thị Bình",
            f"c{question}_{options['for']}": "2",
        },
    )
    assert sheet.status_code == 303, sheet.text
    await browser.post(f"{base}/close")
    page = await browser.get(base)
    assert "Adopted" in page.text
    assert await Vote.count() == 1


async def test_an_attachment_with_a_vietnamese_name_downloads_and_is_never_rendered(browser_for):
    enterprise, union = await _organiser(browser_for)
    ballot = await _create(union, enterprise)
    base = f"/enterprises/{enterprise}/ballots/{ballot}"
    response = await union.client.post(
        f"{base}/attachment",
        files={"attachment": ('Tờ "trình" <b>.html', b"<script>alert(1)</script>", "text/html")},
        headers={"x-csrftoken": await union.csrf()},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert (await Ballot.select(Ballot.attachment_name).first())["attachment_name"] == (
        'Tờ "trình" <b>.html'
    )
    response = await union.get(f"{base}/attachment")
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="To _trinh_ <b>.html";')
    assert "filename*=UTF-8''T%E1%BB%9D%20%22tr%C3%ACnh%22%20%3Cb%3E.html" in disposition


async def test_numbers_no_database_can_hold_are_refused_with_a_message(browser_for):
    """A superscript "²" passes str.isdigit() but not int(); 10**20 passes int() but no
    database column. Each used to answer 500."""
    enterprise, browser = await _organiser(browser_for, workers=3)
    ballot = await _create(browser, enterprise)
    await _add_motion(browser, enterprise, ballot)
    question = (await Question.select(Question.id).first())["id"]
    option = (await Option.select(Option.id).first())["id"]
    base = f"/enterprises/{enterprise}/ballots/{ballot}"
    huge = "99999999999999999999"
    for url, data in (
        (f"{base}/questions/delete", {"question_id": huge}),
        (f"{base}/received", {"electors": "²"}),
        (f"{base}/electors", {"workers": ["1", huge]}),
    ):
        response = await browser.post(url, data)
        assert response.status_code == 422, (url, response.status_code)
    assert await Question.count() == 1

    await _print_slips(browser, enterprise, ballot)
    response = await browser.post(f"{base}/slips/replace", {"serial": huge})
    assert response.status_code == 422 and "Enter the number printed on the slip." in response.text
    await browser.post(f"{base}/open")
    response = await browser.post(
        f"{base}/tally-sheet",
        {
            "kind": "show_of_hands",
            "ballots": "2",
            "teller_one": "Lê Văn An",
            "teller_two": "Trần Thị Bình",
            f"c{question}_{option}": "²",
        },
    )
    assert response.status_code == 422 and "Enter whole numbers of zero or more." in response.text
