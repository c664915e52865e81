"""Guessing vote codes from one address is slowed down, with a message saying when to retry;
typing mistakes (caught by the check character) and real codes do not count."""

from __future__ import annotations

from labour_democracy.voting import rules
from tests.voting.test_pages import _add_motion, _create, _english, _organiser, _print_slips


def _mistyped(code: str) -> str:
    """The code with its last data character changed: the check character no longer agrees."""
    plain = code.replace("-", "")
    other = "0" if plain[-2] != "0" else "1"
    return plain[:-2] + other + plain[-1]


async def _open_ballot(browser_for) -> list[str]:
    enterprise, organiser = await _organiser(browser_for)
    ballot = await _create(organiser, enterprise)
    await _add_motion(organiser, enterprise, ballot)
    codes = await _print_slips(organiser, enterprise, ballot)
    assert (await organiser.post(f"/enterprises/{enterprise}/ballots/{ballot}/open")).is_redirect
    return codes


async def test_guessing_codes_from_one_address_is_slowed_down_with_a_message(browser_for):
    codes = await _open_ballot(browser_for)
    guesser = await _english(await browser_for())
    for _ in range(20):
        response = await guesser.post("/v", {"code": rules.new_code()})
        assert "This code is not valid" in response.text
    response = await guesser.post("/v", {"code": rules.new_code()})
    assert response.status_code == 422
    assert "Too many unknown codes were typed from this connection" in response.text
    assert "Try again in 5 seconds" in response.text
    # While the address waits, no code is looked up, a real one included (on every step).
    for path in ("/v", "/v/review", "/v/cast"):
        response = await guesser.post(path, {"code": codes[0]})
        assert "Too many unknown codes" in response.text
    response = await guesser.get(f"/V/{codes[0]}")
    assert "Too many unknown codes" in response.text


async def test_typing_mistakes_and_real_codes_do_not_count(browser_for):
    codes = await _open_ballot(browser_for)
    voter = await _english(await browser_for())
    for _ in range(40):
        response = await voter.post("/v", {"code": _mistyped(codes[0])})
        assert "This code is not valid" in response.text
    for code in codes:
        response = await voter.post("/v", {"code": code})
        assert response.status_code == 200 and "Too many" not in response.text
