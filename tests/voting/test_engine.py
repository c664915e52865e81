"""The voting engine's guarantees, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from piccolo.conf.apps import Finder

from labour_democracy import db
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.voting import services, tally, voters
from labour_democracy.voting.rules import Base, Comparator
from labour_democracy.voting.schemas import BallotForm, TallySheetForm
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    BallotStatus,
    Channel,
    Elector,
    Mark,
    Secrecy,
    TallyKind,
    Vote,
)
from tests import factories
from tests.voting.conftest import election, make_ballot, motion, option_ids


async def test_exactly_one_of_twenty_simultaneous_submissions_of_a_code_counts():
    setup = await make_ballot()
    yes = (await option_ids(setup.question_ids[0]))["for"]
    code = setup.codes[0].code
    results = await asyncio.gather(
        *(voters.cast_code(code, {setup.question_ids[0]: [yes]}) for _ in range(20)),
        return_exceptions=True,
    )
    receipts = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, Conflict | Invalid)]
    assert len(receipts) == 1
    assert len(refused) == 19, [r for r in results if not isinstance(r, str | Conflict | Invalid)]
    assert all("already been used" in str(r) for r in refused)
    assert await Vote.count().where(Vote.ballot == setup.ballot_id) == 1


async def test_a_used_code_is_refused_on_paper_too():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    await voters.cast_code(setup.codes[0].code, {question: [yes]})
    with pytest.raises(Invalid, match="already been used"):
        await voters.record_paper_ballot(
            setup.context, setup.ballot_id, setup.codes[0].code, {question: [yes]}
        )


async def test_a_code_used_on_paper_cannot_vote_online():
    setup = await make_ballot()
    question = setup.question_ids[0]
    against = (await option_ids(question))["against"]
    await voters.record_paper_ballot(
        setup.context, setup.ballot_id, setup.codes[1].code, {question: [against]}
    )
    with pytest.raises(Conflict, match="already been used"):
        await voters.cast_code(setup.codes[1].code, {question: [against]})


async def test_no_vote_before_opening_or_after_closing_and_no_reopening():
    setup = await make_ballot(open_it=False)
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    with pytest.raises(Invalid, match="not started"):
        await voters.cast_code(setup.codes[0].code, {question: [yes]})
    await services.open_ballot(setup.context, setup.ballot_id)
    await voters.cast_code(setup.codes[0].code, {question: [yes]})
    await services.close_ballot(setup.context, setup.ballot_id)
    with pytest.raises(Invalid, match="closed"):
        await voters.cast_code(setup.codes[1].code, {question: [yes]})
    with pytest.raises(Conflict):
        await services.open_ballot(setup.context, setup.ballot_id)
    with pytest.raises(Conflict):
        await services.close_ballot(setup.context, setup.ballot_id)
    assert await Vote.count() == 1


async def test_mistyped_and_cancelled_codes_are_refused_with_a_reason():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    code = setup.codes[2].code
    with pytest.raises(Invalid, match="not valid"):
        await voters.cast_code(code[:-1] + ("0" if code[-1] != "0" else "1"), {question: [yes]})
    replacement = await services.replace_code(setup.context, setup.ballot_id, setup.codes[2].serial)
    with pytest.raises(Invalid, match="cancelled"):
        await voters.cast_code(code, {question: [yes]})
    assert await voters.cast_code(replacement.code, {question: [yes]})
    entries = await AuditEntry.select(AuditEntry.action).where(
        AuditEntry.action.is_in(["ballot.code_cancelled", "ballot.code_issued"])
    )
    assert sorted(e["action"] for e in entries) == ["ballot.code_cancelled", "ballot.code_issued"]


async def test_a_used_code_cannot_be_replaced():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    await voters.cast_code(setup.codes[0].code, {question: [yes]})
    with pytest.raises(Conflict, match="already been used"):
        await services.replace_code(setup.context, setup.ballot_id, setup.codes[0].serial)


async def test_secret_ballot_links_no_elector_to_a_choice_in_any_table_or_log(caplog):
    caplog.set_level(logging.INFO)  # the app's level; SQL parameters are never logged
    setup = await make_ballot(workers=4, questions=(motion(), election(["An", "Bình", "Chi"], 2)))
    motion_id, election_id = setup.question_ids
    yes = (await option_ids(motion_id))["for"]
    candidates = await option_ids(election_id)
    receipts = [
        await voters.cast_code(issued.code, {motion_id: [yes], election_id: [candidates["An"]]})
        for issued in setup.codes[:3]
    ]
    await services.record_slips_received(
        setup.context, setup.ballot_id, [e["id"] for e in await Elector.select(Elector.id)]
    )
    await services.close_ballot(setup.context, setup.ballot_id)

    # The tables that name electors never point at a vote, and the votes name nobody.
    assert await Vote.count().where(Vote.elector.is_not_null()) == 0
    assert await BallotCode.count().where(BallotCode.elector.is_not_null()) == 0
    vote_columns = {c._meta.name for c in Vote._meta.columns}
    assert vote_columns == {"id", "ballot", "nullifier", "channel", "elector"}
    # No table holds a code, a receipt or the hash a voter could recompute from either.
    secrets_ = [c.code for c in setup.codes] + receipts
    for table in Finder().get_table_classes():
        for row in await table.select():
            text = " ".join(str(value) for value in row.values())
            assert not any(secret in text for secret in secrets_), table._meta.tablename
    # No log line or audit entry carries a code or a receipt, and no audit entry names an elector.
    details = [json.loads(e["details"]) for e in await AuditEntry.select(AuditEntry.details)]
    logged = caplog.text + json.dumps(details)
    assert not any(secret in logged for secret in secrets_)
    assert not any({"elector", "worker", "elector_id", "worker_id"} & set(d) for d in details)


async def test_named_ballot_records_who_voted_what():
    setup = await make_ballot(secrecy=Secrecy.NAMED)
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    await voters.cast_code(setup.codes[0].code, {question: [yes]})
    vote = await Vote.select(Vote.elector).first()
    assert vote["elector"] is not None
    assert setup.codes[0].elector_name is not None


@pytest.mark.parametrize(("approvals", "passed"), [(500, False), (501, True)])
async def test_an_agreement_vote_needs_more_than_half_of_all_workers(approvals, passed):
    from labour_democracy.voting import rules

    enterprise = await factories.enterprise()
    await factories.workers(enterprise, 1000)
    context = await factories.context(enterprise, Role.UNION)
    ballot_id = await services.create_ballot(
        context, BallotForm(title="Thỏa ước"), purpose="agreement"
    )
    question = await services.add_question(
        context,
        ballot_id,
        motion(
            rule_base=Base.ELECTORATE,
            rule_comparator=Comparator.GREATER,
            rule_numerator=1,
            rule_denominator=2,
        ),
        rule_minimum=rules.AGREEMENT_APPROVAL,
    )
    await services.issue_codes(context, ballot_id)
    await services.open_ballot(context, ballot_id)
    options = await option_ids(question)
    await services.add_tally_sheet(
        context,
        ballot_id,
        TallySheetForm(
            kind=TallyKind.PAPER, ballots=900, teller_one="Lê Văn A", teller_two="Trần Thị B"
        ),
        {
            (question, options["for"], False): approvals,
            (question, options["against"], False): 900 - approvals,
        },
    )
    await services.close_ballot(context, ballot_id)
    stored = await Ballot.select(Ballot.result).where(Ballot.id == ballot_id).first()
    result = tally.unseal(stored["result"])
    assert result.electorate == 1000
    assert result.questions[0].passed is passed
    assert result.questions[0].threshold == 501
    assert "Art. 76" in result.questions[0].rule_source


async def test_the_law_s_minimum_rule_cannot_be_weakened():
    from labour_democracy.voting import rules

    enterprise = await factories.enterprise()
    await factories.workers(enterprise, 3)
    context = await factories.context(enterprise, Role.UNION)
    ballot_id = await services.create_ballot(context, BallotForm(title="Thỏa ước"))
    with pytest.raises(Invalid, match="cannot be lower"):
        await services.add_question(
            context,
            ballot_id,
            motion(
                rule_base=Base.VALID,
                rule_comparator=Comparator.GREATER,
                rule_numerator=1,
                rule_denominator=2,
            ),
            rule_minimum=rules.AGREEMENT_APPROVAL,
        )
    with pytest.raises(Invalid, match="cannot be lower"):
        await services.create_ballot(
            context,
            BallotForm(title="Hội nghị", quorum_numerator=1, quorum_denominator=2),
            quorum_minimum=rules.SOE_CONFERENCE_QUORUM,
        )


async def test_a_vote_cannot_open_while_the_quorum_is_missing():
    from labour_democracy.voting import rules

    enterprise = await factories.enterprise()
    await factories.workers(enterprise, 30)
    context = await factories.context(enterprise, Role.UNION)
    ballot_id = await services.create_ballot(
        context,
        BallotForm(title="Nghị quyết", quorum_numerator=2, quorum_denominator=3),
        quorum_minimum=rules.SOE_CONFERENCE_QUORUM,
    )
    await services.add_question(context, ballot_id, motion())
    await services.issue_codes(context, ballot_id)
    with pytest.raises(Conflict, match="quorum"):
        await services.open_ballot(context, ballot_id, present=19)
    assert (await Ballot.select(Ballot.status).first())["status"] == BallotStatus.DRAFT
    await services.open_ballot(context, ballot_id, present=20)  # exactly 2/3 of 30


async def test_closing_is_audited_with_the_tally_hash_and_a_recount_matches():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    for issued in setup.codes[:3]:
        await voters.cast_code(issued.code, {question: [yes]})
    digest = await services.close_ballot(setup.context, setup.ballot_id)
    entry = (
        await AuditEntry.select(AuditEntry.details)
        .where(AuditEntry.action == "ballot.closed")
        .first()
    )
    assert digest in entry["details"]
    _text, recounted = tally.seal(await tally.count(setup.ballot_id))
    assert recounted == digest
    opened = await AuditEntry.exists().where(AuditEntry.action == "ballot.opened")
    assert opened


async def test_counting_takes_the_same_number_of_queries_for_few_or_many_ballots():
    async def queries_for(votes: int) -> int:
        setup = await make_ballot(workers=votes, questions=(motion(), election(["A", "B"], 1)))
        motion_id, election_id = setup.question_ids
        yes = (await option_ids(motion_id))["for"]
        a = (await option_ids(election_id))["A"]
        for issued in setup.codes:
            await voters.cast_code(issued.code, {motion_id: [yes], election_id: [a]})
        engine = db.engine()
        before = engine.query_count
        await tally.count(setup.ballot_id)
        return engine.query_count - before

    assert await queries_for(2) == await queries_for(40)


async def test_results_count_online_paper_and_tellers_together():
    setup = await make_ballot(workers=6)
    question = setup.question_ids[0]
    options = await option_ids(question)
    await voters.cast_code(setup.codes[0].code, {question: [options["for"]]})
    await voters.record_paper_ballot(
        setup.context, setup.ballot_id, setup.codes[1].code, {question: "invalid"}
    )
    await services.add_tally_sheet(
        setup.context,
        setup.ballot_id,
        TallySheetForm(kind=TallyKind.SHOW_OF_HANDS, ballots=3, teller_one="A", teller_two="B"),
        {(question, options["for"], False): 2, (question, options["abstain"], False): 1},
    )
    result = await tally.count(setup.ballot_id)
    assert (result.cast, result.online, result.paper, result.counted_by_tellers) == (5, 1, 1, 3)
    q = result.questions[0]
    assert (q.valid, q.invalid) == (4, 1)
    assert {o.label: o.votes for o in q.options} == {"For": 3, "Against": 0, "Abstain": 1}
    assert await Mark.count().where(Mark.invalid.eq(True)) == 1
    assert Channel.PAPER == "paper"


async def test_tally_sheet_needs_two_different_tellers_and_consistent_counts():
    setup = await make_ballot()
    question = setup.question_ids[0]
    options = await option_ids(question)
    with pytest.raises(Invalid) as error:
        await services.add_tally_sheet(
            setup.context,
            setup.ballot_id,
            TallySheetForm(kind=TallyKind.PAPER, ballots=2, teller_one="Lan", teller_two="lan"),
            {(question, options["for"], False): 3},
        )
    assert set(error.value.errors) == {"teller_two", f"q{question}"}
