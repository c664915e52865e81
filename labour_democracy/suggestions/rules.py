"""Rules of workers' suggestions as pure functions: moderation steps, tracking codes, limits.

Workers may comment directly or through their representatives at the dialogue and the worker
conference (Decree 145/2020/NĐ-CP, Art. 44(2)); the union moderates what the public page
receives before the employer reads it (our choice, so that a worker's name or a complaint about
a supervisor reaches the employer only through the workers' representatives).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from labour_democracy.suggestions.tables import SuggestionStatus
from labour_democracy.voting.rules import format_code, new_code, normalise_code

# The public form of one client address (a factory's shared Wi-Fi may carry hundreds of
# workers): at most this many suggestions, and this many status checks, per hour.
SUBMISSIONS_PER_HOUR = 20
CHECKS_PER_HOUR = 60
SUBJECT_LIMIT = 200
BODY_LIMIT = 5_000
NAME_LIMIT = 255
ANSWER_LIMIT = 10_000
GROUP_LIMIT = 100

_NEXT_STATUSES = {
    SuggestionStatus.RECEIVED: {SuggestionStatus.PUBLISHED, SuggestionStatus.REJECTED},
    SuggestionStatus.PUBLISHED: {SuggestionStatus.REJECTED, SuggestionStatus.ANSWERED},
    SuggestionStatus.REJECTED: {SuggestionStatus.PUBLISHED},
    SuggestionStatus.ANSWERED: {SuggestionStatus.ANSWERED},
}


def can_move(current: SuggestionStatus, target: SuggestionStatus) -> bool:
    """Received -> published or rejected; published -> answered (or rejected); a rejection
    may be reconsidered; an answer may be corrected."""
    return target in _NEXT_STATUSES[current]


def employer_sees(status: SuggestionStatus) -> bool:
    """The employer reads what the union has published (and its answers), not the rest."""
    return status in (SuggestionStatus.PUBLISHED, SuggestionStatus.ANSWERED)


def new_tracking_code() -> str:
    """A random code for the author (55 bits and a check character), shown once."""
    return new_code()


def normalise_tracking_code(typed: str) -> str | None:
    return normalise_code(typed)


def display_code(code: str) -> str:
    return format_code(code)


def tracking_hash(code: str, key: bytes) -> str:
    return hashlib.blake2b(code.encode(), key=key, digest_size=32).hexdigest()


def window_start(moment: dt.datetime) -> dt.datetime:
    """The hour a submission is counted in."""
    return moment.replace(minute=0, second=0, microsecond=0)


def window_key(client: str, purpose: str, start: dt.datetime, key: bytes) -> str:
    message = f"{purpose}|{client}|{start.isoformat()}"
    return hashlib.blake2b(message.encode(), key=key, digest_size=32).hexdigest()
