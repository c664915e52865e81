"""`python -m bench ballots [--count 1000]`: personalised slips with QR codes in one .docx.

Times what the "Print the slips" button does for a ballot of `count` electors: issuing the
codes (hashing and storing them) and building the .docx. Prints `ballots_seconds` (goal < 3 s),
with the two parts, the file size and the pages.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import time

from bench.common import use_database


async def _run(count: int) -> None:
    from bench.votes import _prepare_ballot
    from labour_democracy import db
    from labour_democracy.voting import services, slips

    context, ballot_id = await _prepare_ballot(count, open_it=False)
    started = time.perf_counter()
    issued = await services.issue_codes(context, ballot_id)
    codes_done = time.perf_counter()
    ballot = await services.get_ballot(context, ballot_id)
    content = await slips.render(context, ballot, issued)
    finished = time.perf_counter()
    await db.close_pool()

    import docx

    document = docx.Document(io.BytesIO(content))
    print(f"count: {count}")
    print(f"ballots_seconds: {finished - started:.2f}")
    print(f"issue_codes_seconds: {codes_done - started:.2f}")
    print(f"docx_seconds: {finished - codes_done:.2f}")
    print(f"docx_bytes: {len(content)}")
    print(f"slips_in_file: {len(document.inline_shapes)}")
    print(f"pages: {len(document.tables)}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench ballots")
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)
    use_database(None)
    asyncio.run(_run(args.count))
