"""A conference election can be held on strike-out ballots, like elections elsewhere, and its
candidates stand in Vietnamese name order (issue 11, item 10)."""

from __future__ import annotations

from labour_democracy.conferences import agenda as agenda_stage
from labour_democracy.conferences import session
from labour_democracy.conferences.schemas import AgendaItemForm
from labour_democracy.conferences.tables import AgendaKind, VoteMode
from labour_democracy.voting import services as voting
from labour_democracy.voting.tables import ElectionMethod
from tests.conferences.test_services import _in_session


async def test_a_conference_election_can_be_a_strike_out_ballot_in_name_order():
    context, conference_id, _resolution = await _in_session()
    item = await agenda_stage.add_item(
        context,
        conference_id,
        AgendaItemForm(
            title="Bầu Ban Thanh tra nhân dân",
            kind=AgendaKind.ELECTION,
            vote_mode=VoteMode.SECRET,
            candidates="Vũ Văn Dũng\nĐỗ Thị Đào\nLê Thị Đào\nTrần Văn An",
            seats=3,
            election_method=ElectionMethod.STRIKE,
        ),
    )
    ballot_id = await session.prepare_vote(context, conference_id, item)
    (question,) = await voting.questions_with_options(ballot_id)
    assert question["method"] == ElectionMethod.STRIKE
    assert [o["label"] for o in question["options"]] == [
        "Trần Văn An",
        "Vũ Văn Dũng",
        "Đỗ Thị Đào",  # same given and middle name: the family name, Đ before L
        "Lê Thị Đào",
    ]
