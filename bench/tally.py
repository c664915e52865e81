"""`python -m bench tally [--ballots 100000]`: count a closed vote from its stored ballots.

Stores `ballots` votes of a two-question ballot (a motion and a 3-of-6 election) directly in
the database, then times `voting.tally.count`, which reads them in a fixed number of grouped
queries. Prints `tally_seconds` (goal < 1 s) and the engine. Uses LD_DATABASE_URL, or a
temporary SQLite file; `--engine postgres` uses its own PostgreSQL database.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid

from bench.common import reset_postgres_database, use_database


async def _run(ballots: int) -> None:
    from bench.votes import _prepare_ballot
    from labour_democracy import db
    from labour_democracy.voting import codes, services, tally
    from labour_democracy.voting.schemas import QuestionForm
    from labour_democracy.voting.tables import Mark, Option, QuestionKind, Vote

    context, ballot_id = await _prepare_ballot(10, open_it=False)
    election = await services.add_question(
        context,
        ballot_id,
        QuestionForm(
            kind=QuestionKind.ELECTION,
            text="Bầu 3 người",
            options="\n".join(f"Ứng viên {i}" for i in range(1, 7)),
            seats=3,
        ),
    )
    await services.issue_codes(context, ballot_id)
    await services.open_ballot(context, ballot_id)
    questions = await services.questions_with_options(ballot_id)
    motion = next(q for q in questions if q["kind"] == "motion")
    candidates = [
        o["id"] for o in await Option.select(Option.id).where(Option.question == election)
    ]
    generator = random.Random(7)
    # 1,000 ballots (4,000 marks) per batch stays under PostgreSQL's 32,767 bind parameters.
    for start in range(0, ballots, 1000):
        votes, marks = [], []
        for number in range(start, min(ballots, start + 1000)):
            vote_id = uuid.uuid4()
            votes.append(
                Vote(
                    id=vote_id,
                    ballot=ballot_id,
                    channel="online",
                    nullifier=codes.nullifier(f"bench-{number}"),
                )
            )
            marks.append(
                Mark(
                    vote=vote_id,
                    ballot=ballot_id,
                    question=motion["id"],
                    option=generator.choice(motion["options"])["id"],
                )
            )
            marks += [
                Mark(vote=vote_id, ballot=ballot_id, question=election, option=o)
                for o in generator.sample(candidates, 3)
            ]
        async with db.write_transaction():
            await Vote.insert(*votes)
            await Mark.insert(*marks)
    engine = db.engine()
    queries = engine.query_count
    started = time.perf_counter()
    result = await tally.count(ballot_id)
    elapsed = time.perf_counter() - started
    queries = engine.query_count - queries
    await db.close_pool()
    print(f"engine: {'sqlite' if db.is_sqlite() else 'postgres'}")
    print(f"ballots: {result.cast}")
    print(f"tally_seconds: {elapsed:.3f}")
    print(f"queries: {queries}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench tally")
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    url = None
    if args.engine == "postgres":
        from bench.votes import DATABASE

        url = reset_postgres_database(DATABASE)
    use_database(url)
    asyncio.run(_run(args.ballots))
