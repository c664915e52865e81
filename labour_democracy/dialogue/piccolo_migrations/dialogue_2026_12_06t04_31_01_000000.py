"""Texts the dialogue wrote from its catalogue, in the writer's language, become keys (issue 10).

- A requested dialogue's title "Dialogue requested by X" (or its Vietnamese or French
  translation) keeps X and the key "requested"; the title is composed where shown.
- An agenda item carried from a follow-up loses its generated note "Agreed at ..., due ...;
  carried out by ..." (any of the three languages): the note is composed where shown.
- A draft election of the workers' dialogue group created with an English or French interface
  gets its Vietnamese title and question (the voting engine stores a ballot's texts as its slips
  print them). Ballots already opened keep the texts their voters saw and their result sealed.

Self-contained: the translations are copied here, no application code is imported.
"""

import datetime as dt
import re

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-06T04:31:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "dialogue texts written from the catalogue become keys"

REQUESTED = {
    "en": "Dialogue requested by {who}",
    "vi": "Đối thoại theo yêu cầu của {who}",
    "fr": "Dialogue demandé par {who}",
}
CARRIED = {
    "en": "Agreed at {source}, due {date}; carried out by {owner}.",
    "vi": "Đã thống nhất tại {source}, hạn {date}; người thực hiện: {owner}.",
    "fr": "Convenu lors de {source}, échéance {date} ; réalisé par {owner}.",
}
ELECTION_TITLE = {
    "en": "Election of the workers' dialogue group (list from {date})",
    "vi": "Bầu nhóm đại diện đối thoại của người lao động (danh sách từ {date})",
    "fr": "Élection du groupe de dialogue des travailleurs (liste du {date})",
}
ELECTION_QUESTION = {
    "en": "Members of the workers' dialogue group",
    "vi": "Thành viên nhóm đại diện đối thoại của người lao động",
    "fr": "Membres du groupe de dialogue des travailleurs",
}


def _pattern(text: str) -> re.Pattern:
    """A translation with its {fields} as groups, matching a whole stored text."""
    parts = re.split(r"\{(\w+)\}", text)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.DOTALL)


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


async def _run(sql: str, *values):
    return await engine_finder().run_querystring(QueryString(sql, *values))


async def _requested_titles() -> None:
    patterns = [_pattern(text) for text in REQUESTED.values()]
    for row in await _run("SELECT id, title FROM dialogue WHERE title_key = ''"):
        for pattern in patterns:
            match = pattern.match(row["title"] or "")
            if match is None:
                continue
            who = match.group("who")
            # Only where the dialogue is the answer to a request by that name.
            requests = await _run(
                "SELECT id FROM dialogue_request WHERE dialogue = {} AND requested_by = {}",
                row["id"],
                who,
            )
            if requests:
                await _run(
                    "UPDATE dialogue SET title = {}, title_key = 'requested' WHERE id = {}",
                    who,
                    row["id"],
                )
            break


async def _carried_notes() -> None:
    patterns = [_pattern(text) for text in CARRIED.values()]
    for row in await _run(
        "SELECT id, details FROM dialogue_agenda_item WHERE source = 'from_follow_up'"
    ):
        if any(pattern.match((row["details"] or "").strip()) for pattern in patterns):
            await _run("UPDATE dialogue_agenda_item SET details = '' WHERE id = {}", row["id"])


async def _draft_elections() -> None:
    titles = [_pattern(ELECTION_TITLE[code]) for code in ("en", "fr")]
    questions = {ELECTION_QUESTION["en"], ELECTION_QUESTION["fr"]}
    rows = await _run(
        "SELECT ballot.id AS id, ballot.title AS title, dialogue_member_list.valid_from AS valid_from "
        "FROM ballot JOIN dialogue_member_list ON dialogue_member_list.election_ballot = ballot.id "
        "WHERE ballot.purpose = 'dialogue_group' AND ballot.status = 'draft'"
    )
    for row in rows:
        if any(pattern.match(row["title"] or "") for pattern in titles):
            title = ELECTION_TITLE["vi"].format(date=f"{_day(row['valid_from']):%d/%m/%Y}")
            await _run("UPDATE ballot SET title = {} WHERE id = {}", title, row["id"])
        for question in await _run(
            "SELECT id, text FROM question WHERE ballot = {}", row["id"]
        ):
            if question["text"] in questions:
                await _run(
                    "UPDATE question SET text = {} WHERE id = {}",
                    ELECTION_QUESTION["vi"],
                    question["id"],
                )


async def convert() -> None:
    await _requested_titles()
    await _carried_notes()
    await _draft_elections()


async def restore_titles() -> None:
    # Before the key, the title was the text itself: write it in Vietnamese, the documents'
    # language. The carried notes and ballot texts need no undoing (both readings show them).
    for row in await _run("SELECT id, title FROM dialogue WHERE title_key = 'requested'"):
        await _run(
            "UPDATE dialogue SET title = {}, title_key = '' WHERE id = {}",
            REQUESTED["vi"].format(who=row["title"]),
            row["id"],
        )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="dialogue", description=DESCRIPTION)
    manager.add_raw(convert)
    manager.add_raw_backwards(restore_titles)
    return manager
