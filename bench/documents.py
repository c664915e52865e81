"""`python -m bench documents [--renders N]`: how long one notice takes to render.

Renders the shipped notice template with its sample data through the engine's public path
(`engine.render`: template bytes from the cache, a fresh DocxTemplate, a worker thread) after
one warm-up render, and prints the median and spread in milliseconds. No database involved.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench documents")
    parser.add_argument("--renders", type=int, default=50)
    options = parser.parse_args(argv)

    from labour_democracy.documents import engine
    from labour_democracy.notices.documents import TEMPLATE, sample_context

    async def measure() -> tuple[list[float], int]:
        context = sample_context()
        size = len(await engine.render(TEMPLATE, context))  # warm-up: reads the template
        timings = []
        for _ in range(options.renders):
            started = time.perf_counter()
            await engine.render(TEMPLATE, context)
            timings.append((time.perf_counter() - started) * 1000)
        return timings, size

    timings, size = asyncio.run(measure())
    print(f"renders: {options.renders}")
    print(f"notice_ms: {statistics.median(timings):.1f}")
    print(f"notice_min_ms: {min(timings):.1f}")
    print(f"notice_max_ms: {max(timings):.1f}")
    print(f"notice_bytes: {size}")
