"""Keyed hashes of ballot codes: what is stored, what stops reuse, what the voter keeps.

- `code_hash` (stored with the code's serial) proves a typed code was issued;
- `nullifier` (stored with the vote, unique per ballot) stops a second use of the same code;
- `receipt` (shown to the voter, published for every counted vote) proves the vote was counted.
Each is keyed BLAKE2b (a MAC in its keyed mode) under its own key derived from LD_SECRET_KEY,
which never enters the database: whoever reads the database cannot tell which code, serial or
receipt a vote came from. BLAKE2b rather than HMAC-SHA256 because a published list recomputes
one receipt per counted vote, a hundred thousand at a time.
"""

from __future__ import annotations

import hashlib
from functools import cache

from labour_democracy.settings import get_settings

_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's, like the codes
_RECEIPT_PAIRS = [a + b for a in _RECEIPT_ALPHABET for b in _RECEIPT_ALPHABET]  # 10 bits each


@cache
def _key(purpose: str) -> bytes:
    return get_settings().key(purpose)


def _mac(purpose: str, message: str, size: int = 32) -> bytes:
    return hashlib.blake2b(message.encode(), key=_key(purpose), digest_size=size).digest()


def code_hash(code: str) -> str:
    return _mac("ballot-code", code).hex()


def nullifier(code_hash_: str) -> str:
    return _mac("ballot-nullifier", code_hash_).hex()


def receipt(nullifier_: str) -> str:
    """Ten easy characters, shown as XXXXX-XXXXX (50 bits: guessing one is hopeless)."""
    value = int.from_bytes(_mac("ballot-receipt", nullifier_, 7), "big") >> 6
    # Two characters per lookup where it can: a tally recomputes one receipt per counted vote.
    pairs, single = _RECEIPT_PAIRS, _RECEIPT_ALPHABET
    return (
        f"{pairs[value >> 40]}{pairs[(value >> 30) & 1023]}{single[(value >> 25) & 31]}-"
        f"{single[(value >> 20) & 31]}{pairs[(value >> 10) & 1023]}{pairs[value & 1023]}"
    )
