"""The compliance obligations the installed modules declare in their manifests."""

from __future__ import annotations

import pytest

from labour_democracy.i18n import today
from labour_democracy.manifest import ObligationResult, installed
from tests import factories

OBLIGATIONS = [obligation for module in installed() for obligation in module.obligations]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("done", "total", "met"), [(0, 0, None), (0, 1, False), (2, 3, False), (3, 3, True)]
)
def test_a_counted_obligation_is_met_only_when_every_item_due_is_done(done, total, met):
    assert ObligationResult.counted(done, total, "/x").met is met


@pytest.mark.unit
def test_each_obligation_is_declared_once_with_its_legal_source():
    keys = [obligation.key for obligation in OBLIGATIONS]
    assert len(keys) == len(set(keys))
    assert {
        "conference_held",
        "dialogue_periodic",
        "dialogue_requests_answered",
        "dialogue_published",
        "suggestions_answered",
        "followups_done",
        "union_term",
    } <= set(keys)
    assert all(obligation.legal_source and obligation.applies_to for obligation in OBLIGATIONS)
    conference = next(o for o in OBLIGATIONS if o.key == "conference_held")
    assert conference.min_workforce == 10  # Decree 145/2020, Art. 114(4)


async def test_an_enterprise_with_no_records_owes_what_is_yearly_and_nothing_else():
    first, second = await factories.enterprise(), await factories.enterprise(name="B")
    results = {o.key: await o.compute([first, second], today().year) for o in OBLIGATIONS}
    for key, by_enterprise in results.items():
        assert set(by_enterprise) == {first, second}, key
    owed = {key for key, by_enterprise in results.items() if by_enterprise[first].met is False}
    # No union and no founding under way (the unions module's federation targets). The democracy
    # regulation and the internal labour rules are standing duties: owed until they exist
    # (Decree 145 Art. 48; Labour Code Art. 119).
    assert owed == {
        "conference_held",
        "dialogue_periodic",
        "union_present",
        "union_founding",
        "democracy_regulation_published",
        "internal_rules_registered",
    }
    nothing_due = {
        key for key, by_enterprise in results.items() if by_enterprise[first].met is None
    }
    assert nothing_due == {
        "dialogue_requests_answered",
        "dialogue_published",
        "suggestions_answered",
        "followups_done",
        "union_term",
        "disclosures_on_time",
        "agreement_in_force",
        "agreement_filed",
        "agreement_not_expiring",
        "agreement_clauses_lawful",
    }
