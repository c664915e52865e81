"""`python -m bench agreements [--runs N] [--articles 200]`: issue 14's figures.

- agreement_docx_ms: the agreement template rendered through the document engine for a
  200-article agreement (about 40 pages), and zip_floor_ms: the same document's XML parts
  written into a .docx with `zipfile` alone, in the same run (the floor no renderer beats);
  agreement_bilingual_docx_ms: the same agreement in Vietnamese and English side by side (one
  two-column table per article);
- redline_docx_ms: the tracked-changes .docx between two versions with 20 % of the articles
  changed;
- legal_check_ms: checking 200 clauses' terms against the dated floors;
- docx_import_ms: splitting that agreement's .docx into chapters and articles.
Medians of N runs after a warm-up. No database involved. The approval vote at 10,000 workers
is `python -m bench votes`.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import statistics
import time
import zipfile

SENTENCE = (
    "Người sử dụng lao động bảo đảm cho người lao động được hưởng đầy đủ chế độ theo quy định "
    "của pháp luật và thỏa ước này, không thấp hơn mức quy định của Bộ luật Lao động."
)
SENTENCE_EN = (
    "The employer ensures that employees fully receive the benefits provided by law and by this "
    "agreement, no lower than those set by the Labour Code."
)
TERMS = ("wage_month", "annual_leave", "overtime_month", "premium_weekday", "meal_allowance")
VALUES = (5_600_000, 14, 36, 150, 30_000)


def _text(articles: int, changed_every: int = 0, english: bool = False) -> list[dict]:
    chapters, number = [], 0
    for chapter in range(1, 11):
        items = []
        for _ in range(articles // 10):
            number += 1
            changed = changed_every and number % changed_every == 0
            lines = [f"{number}.{k}. {SENTENCE}" for k in range(1, 5)]
            if changed:
                lines[1] = lines[1].replace("đầy đủ", "kịp thời và đầy đủ") + " Sửa đổi."
            items.append(
                {"number": number, "title": f"Điều khoản số {number}", "text": "\n".join(lines)}
            )
            if english:
                items[-1]["title_en"] = f"Article {number}"
                items[-1]["text_en"] = "\n".join(
                    f"{number}.{k}. {SENTENCE_EN}" for k in range(1, 5)
                )
        chapters.append({"number": chapter, "title": f"Chương mẫu {chapter}", "articles": items})
        if english:
            chapters[-1]["title_en"] = f"Sample chapter {chapter}"
    return chapters


def _median(function, runs: int) -> float:
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench agreements")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--articles", type=int, default=200)
    options = parser.parse_args(argv)

    from labour_democracy import modules

    modules.install()
    from labour_democracy.agreements import importing, ledger, redline
    from labour_democracy.agreements.documents import AGREEMENT, contexts, samples
    from labour_democracy.documents import engine

    text = _text(options.articles)
    parties = samples.sample_enterprise(), samples.sample_head(), samples.sample_agreement()
    context = contexts.agreement_context(*parties, text)
    bilingual = contexts.agreement_context(
        *parties, _text(options.articles, english=True), bilingual=True
    )

    async def render_runs(filled: dict) -> tuple[list[float], bytes]:
        content = await engine.render(AGREEMENT, filled)
        timings = []
        for _ in range(options.runs):
            started = time.perf_counter()
            content = await engine.render(AGREEMENT, filled)
            timings.append((time.perf_counter() - started) * 1000)
        return timings, content

    timings, content = asyncio.run(render_runs(context))
    bilingual_timings, _ = asyncio.run(render_runs(bilingual))
    parts = {
        name: zipfile.ZipFile(io.BytesIO(content)).read(name)
        for name in zipfile.ZipFile(io.BytesIO(content)).namelist()
    }

    def zip_floor() -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    changed = _text(options.articles, changed_every=5)  # 20 % of the articles
    moment = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    redline_ms = _median(
        lambda: redline.redline_docx("Thỏa ước", text, changed, moment), options.runs
    )
    rows = [
        {"id": i, "chapter": 1, "position": i, "title": "", "title_en": "", "text": "",
         "text_en": "", "status": "clause_agreed", "term": TERMS[i % 5], "value": VALUES[i % 5]}
        for i in range(options.articles)
    ]  # fmt: skip
    on, signed = dt.date(2026, 12, 6), dt.date(2025, 6, 1)
    legal_ms = _median(lambda: [ledger.check_clause(r, on, 1, signed) for r in rows], options.runs)
    import_ms = _median(lambda: importing.preview(content), options.runs)
    pages = sum(len(c["articles"]) for c in text) * 5 // 25  # ~25 paragraphs a page

    render_ms = statistics.median(timings)
    floor_ms = _median(zip_floor, options.runs)
    print(f"articles: {options.articles}")
    print(f"pages_estimate: {pages}")
    print(f"agreement_docx_bytes: {len(content)}")
    print(f"agreement_docx_ms: {render_ms:.1f}")
    print(f"zip_floor_ms: {floor_ms:.1f}")
    print(f"agreement_over_floor: {render_ms / floor_ms:.1f}")
    print(f"agreement_bilingual_docx_ms: {statistics.median(bilingual_timings):.1f}")
    print(f"redline_docx_ms: {redline_ms:.1f}")
    print(f"legal_check_ms: {legal_ms:.2f}")
    print(f"docx_import_ms: {import_ms:.1f}")
