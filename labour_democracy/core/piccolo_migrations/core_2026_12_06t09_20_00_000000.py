"""Fill `app_user.sort_key` (Vietnamese name order of the administrator's user list) for the
users made before it; a user without a name keeps "" (listed after, by e-mail).

Self-contained: the key of labour_democracy/core/names.py is copied here as it stood when this
migration was written, so a later change of the helper does not change what this migration
does (a change of the key adds a migration that fills the column again)."""

import unicodedata

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Text, Varchar
from piccolo.table import Table

ID = "2026-12-06T09:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "fill the users' name-order key"

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def _letters(text):
    letters = []
    for char in unicodedata.normalize("NFD", text.lower().replace("đ", "\x00")):
        if char == "\x00":
            letters.append(("đ", 0))
        elif unicodedata.category(char) == "Mn" and letters:
            base, tone = letters[-1]
            if char in _LETTER_MARKS:
                letters[-1] = (unicodedata.normalize("NFC", base + char), tone)
            else:
                letters[-1] = (base, max(tone, _TONES.get(char, 6)))
        elif unicodedata.category(char) != "Mn":
            letters.append((char, 0))
    return letters


def _primary(letter):
    if letter.isspace():
        return "01"
    if "0" <= letter <= "9":
        return f"{2 + int(letter):02d}"
    position = _ALPHABET.find(letter)
    if position >= 0 and len(letter) == 1:
        return f"{12 + position:02d}"
    return f"99{ord(letter[0]):07d}"


def sort_key(full_name):
    words = full_name.split()
    if not words:
        return ""
    elif len(words) == 1:
        parts = (words[0], "", "")
    else:
        parts = (words[-1], " ".join(words[1:-1]), words[0])
    primary, secondary = [], []
    for part in parts:
        for letter, tone in _letters(part):
            primary.append(_primary(letter))
            secondary.append(str(tone))
        primary.append("00")
    return "".join(primary) + "".join(secondary)


class User(Table, tablename="app_user"):
    full_name = Varchar(length=255)
    sort_key = Text(default="")


async def fill() -> None:
    for row in await User.select(User.id, User.full_name):
        await User.update({User.sort_key: sort_key(row["full_name"])}).where(
            User.id == row["id"]
        )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(fill)
    # Backwards the column goes with the previous migration; nothing to undo here.
    return manager
