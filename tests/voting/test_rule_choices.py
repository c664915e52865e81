"""Rules chosen by their words, with their legal source; a fraction only as the advanced
choice (issue 13, item 7)."""

from __future__ import annotations

import pytest

from labour_democracy.core.tables import Role
from labour_democracy.voting import rules
from labour_democracy.voting.tables import Ballot, Question
from tests import factories


@pytest.mark.unit
def test_a_choice_is_spelt_out_as_its_fraction_and_custom_keeps_the_typed_one():
    typed = {"quorum_comparator": "gt", "quorum_numerator": "3", "quorum_denominator": "5"}
    spelt = rules.expand_choice(
        {**typed, "quorum_choice": "two_thirds"}, "quorum", rules.QUORUM_CHOICES, False
    )
    assert (spelt["quorum_comparator"], spelt["quorum_numerator"], spelt["quorum_denominator"]) == (
        "ge",
        "2",
        "3",
    )
    custom = {**typed, "quorum_choice": "custom"}
    assert rules.expand_choice(custom, "quorum", rules.QUORUM_CHOICES, False) == custom
    assert rules.expand_choice(typed, "quorum", rules.QUORUM_CHOICES, False) == typed
    spelt = rules.expand_choice(
        {"rule_choice": "more_than_half_present"}, "rule", rules.PASS_CHOICES, True
    )
    assert spelt["rule_base"] == "present" and spelt["rule_comparator"] == "gt"


@pytest.mark.unit
def test_a_rule_is_recognised_as_its_choice_or_custom():
    assert rules.choice_of(rules.PASS_CHOICES, rules.SOE_CONFERENCE_RESOLUTION, True) == (
        "more_than_half_present"
    )
    three_fifths = rules.Rule(rules.Base.PRESENT, rules.Comparator.GREATER, 3, 5, "")
    assert rules.choice_of(rules.PASS_CHOICES, three_fifths, True) == rules.CUSTOM
    # The base matters for a passing rule: half of the valid ballots is not half of those present.
    assert rules.choice_of(rules.PASS_CHOICES, rules.CONSULTATION_MAJORITY, True) == (
        "more_than_half_valid"
    )


async def test_the_forms_offer_rules_in_words_and_store_the_rule_chosen(browser_for):
    enterprise = await factories.enterprise()
    await factories.workers(enterprise, 3)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    union = await browser_for("union@a.vn")
    await union.post("/language", {"language": "en"})
    page = (await union.get(f"/enterprises/{enterprise}/ballots/new")).text
    assert "At least two thirds of those entitled to vote take part" in page
    assert "Law 10/2022/QH15, Art. 69(2)(c)" in page
    assert '<details class="advanced" data-when="quorum_choice=custom">' in page  # closed
    response = await union.post(
        f"/enterprises/{enterprise}/ballots/new",
        {
            "title": "Lấy ý kiến về quy chế thưởng",
            "secrecy": "secret",
            "channels": "both",
            "electorate_kind": "all_workers",
            "quorum_choice": "two_thirds",
            "quorum_comparator": "ge",
            "quorum_numerator": "0",
            "quorum_denominator": "1",
        },
    )
    assert response.status_code == 303, response.text
    ballot = await Ballot.objects().first()
    assert ballot.quorum_rule == "electorate ge 2/3"
    response = await union.post(
        f"/enterprises/{enterprise}/ballots/{ballot.id}/questions",
        {
            "kind": "motion",
            "text": "Đồng ý?",
            "rule_choice": "more_than_half_present",
            "rule_comparator": "ge",
            "rule_numerator": "0",
            "rule_denominator": "1",
            "rule_base": "valid",
        },
    )
    assert response.status_code == 303, response.text
    assert (await Question.objects().first()).rule == "present gt 1/2"
