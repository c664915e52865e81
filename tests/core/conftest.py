"""Fixtures of the core tests."""

import pytest

from tests.helpers import audit_log_unguarded


@pytest.fixture
async def tamperable():
    """The audit table without its append-only triggers, as an attacker with the database
    superuser's password would have it; the triggers come back afterwards (PostgreSQL keeps its
    schema between tests)."""
    async with audit_log_unguarded():
        yield
