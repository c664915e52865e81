"""Keyed hashes of ballot codes: what is stored, what stops reuse, what the voter keeps.

- `code_hash` (stored with the code's serial) proves a typed code was issued;
- `nullifier` (stored with the vote, unique per ballot) stops a second use of the same code;
- `receipt` (shown to the voter, published for every counted vote) proves the vote was counted.
Each is a keyed HMAC under its own key derived from LD_SECRET_KEY, which never enters the
database: whoever reads the database cannot tell which code, serial or receipt a vote came from.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from labour_democracy.settings import get_settings


def _mac(purpose: str, message: str) -> bytes:
    return hmac.new(get_settings().key(purpose), message.encode(), hashlib.sha256).digest()


def code_hash(code: str) -> str:
    return _mac("ballot-code", code).hex()


def nullifier(code_hash_: str) -> str:
    return _mac("ballot-nullifier", code_hash_).hex()


def receipt(nullifier_: str) -> str:
    """Ten easy characters, shown as XXXXX-XXXXX (50 bits: guessing one is hopeless)."""
    text = base64.b32encode(_mac("ballot-receipt", nullifier_)).decode()[:10]
    return f"{text[:5]}-{text[5:]}"
