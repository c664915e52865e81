"""The clause library: sample articles per topic (data/clause_library.json, with its source),
offered when an article is added; the chapter is the position in the default skeleton."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LIBRARY_FILE = Path(__file__).parent / "data" / "clause_library.json"


@cache
def _library() -> dict:
    return json.loads(LIBRARY_FILE.read_text(encoding="utf-8"))


def source() -> str:
    return _library()["source"]


def samples() -> list[dict]:
    return _library()["clauses"]


def form_values(index: int | None, chapters: list[dict]) -> dict[str, str]:
    """The add-an-article form filled from sample `index` (1-based); {} when there is none."""
    clauses = samples()
    if index is None or not 1 <= index <= len(clauses):
        return {}
    sample = clauses[index - 1]
    chapter = next((c for c in chapters if c["position"] == sample["chapter"]), None)
    values = {key: sample[key] for key in ("title", "text", "title_en", "text_en", "term", "value")}
    if chapter is not None:
        values["chapter"] = str(chapter["id"])
    return values
