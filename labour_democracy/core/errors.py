"""Errors a use case raises; the web layer turns them into pages, fragments or problem details."""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a person can act on."""


class NotFound(DomainError):
    """The record does not exist, or is outside the actor's scope (the two look the same)."""


class Forbidden(DomainError):
    """The record is visible, but the actor's role does not allow this action."""


class Invalid(DomainError):
    """Input breaks a rule. `errors` maps a form field to its message; "" is the whole form."""

    def __init__(self, errors: dict[str, str] | str) -> None:
        self.errors = {"": errors} if isinstance(errors, str) else dict(errors)
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in self.errors.items()))


class Conflict(DomainError):
    """The action clashes with the record's current state (already closed, already used...)."""
