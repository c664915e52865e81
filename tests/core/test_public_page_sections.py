"""The workers' public page shows everything published (issue 13, item 4): notices, the way to
the vote page while a vote is open online, the results of closed consultations, the published
list of dialogue members, beside the dialogues, resolutions and suggestions."""

from __future__ import annotations

from labour_democracy import i18n
from labour_democracy.core.demo import load_demo
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.i18n import today
from labour_democracy.notices import services as notices
from labour_democracy.notices.schemas import NoticeForm
from labour_democracy.voting.tables import Ballot, BallotStatus
from tests import factories
from tests.voting.conftest import make_ballot


async def _public_page(browser_for, enterprise_id: int) -> str:
    token = (
        await Enterprise.select(Enterprise.public_token)
        .where(Enterprise.id == enterprise_id)
        .first()
    )["public_token"]
    worker = await browser_for()
    await worker.post("/language", {"language": "vi"})
    return (await worker.get(f"/p/{token}")).text


async def test_the_demo_public_page_shows_results_and_the_dialogue_members(browser_for):
    await load_demo()
    enterprise = await Enterprise.select(Enterprise.id).where(Enterprise.symbol == "SHVN").first()
    page = await _public_page(browser_for, enterprise["id"])
    consultation = (
        await Ballot.select(Ballot.public_token, Ballot.title)
        .where((Ballot.enterprise == enterprise["id"]) & (Ballot.status == BallotStatus.CLOSED))
        .first()
    )
    assert f'href="/r/{consultation["public_token"]}"' in page
    assert "Thành viên đại diện đối thoại" in page
    assert "Park Ji-hoon" in page and "Trần Văn Hải" in page


async def test_an_open_online_vote_and_an_issued_notice_reach_the_public_page(browser_for):
    setup = await make_ballot(role=Role.UNION)
    hr = await factories.context(setup.context.enterprise_id, Role.HR)
    with i18n.language("vi"):
        await notices.create_notice(
            hr,
            NoticeForm(
                subject="Về việc nghỉ Tết Nguyên đán",
                body="Công ty thông báo lịch nghỉ Tết.",
                place="Bắc Ninh",
                issued_on=today(),
                recipients="- Người lao động;\n- Lưu: VT, HCNS.",
                signer_title="Giám đốc",
                signer_name="Nguyễn Văn Giám",
            ),
        )
    page = await _public_page(browser_for, setup.context.enterprise_id)
    assert "Về việc nghỉ Tết Nguyên đán" in page and "Công ty thông báo lịch nghỉ Tết." in page
    assert 'href="/v"' in page and "Lấy ý kiến về quy chế thưởng" in page
