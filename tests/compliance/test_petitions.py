"""Petitions of enterprises that do not use the app: reported facts carry the petitions received
and resolved in a year, entered by hand or imported, and the dashboard, the API and the annual
report count them with those the app records; a bad count is refused and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.compliance import dashboard, fact_import, facts, report, tallies
from labour_democracy.compliance.tables import Fact, FactSource, FactState
from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import federation_scope
from labour_democracy.core.tables import Role
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today
from tests import factories
from tests.compliance.test_services import imported

KEY = "suggestions_answered"


async def _items(actor) -> dashboard.Line:
    v = await dashboard.view(actor, dashboard.Filters(year=today().year))
    return next(li for li in await dashboard.totals(v) if li.obligation.key == KEY)


async def test_reported_petitions_count_with_the_recorded_ones_in_the_rate_and_the_report():
    actor, ids = await imported()
    year = today().year
    for enterprise_id, (received, resolved) in zip(ids, [(40, 36), (10, 10), (0, 0)], strict=False):
        context = await factories.context(enterprise_id, Role.FEDERATION)
        await facts.report(
            context,
            obligation=KEY,
            year=year,
            met=False,
            on=None,
            received=received,
            resolved=resolved,
        )
    async with write_transaction():  # an enterprise that uses the app: 8 of 10 answered
        await facts.put(
            ids[3],
            year,
            KEY,
            FactState.NOT_MET,
            on=None,
            source=FactSource.RECORDED,
            done=8,
            total=10,
        )
    states = {
        row["enterprise"]: (row["state"], row["source"], row["done"], row["total"])
        for row in await Fact.select().where(Fact.obligation == KEY)
    }
    assert states[ids[0]] == ("not_met", "reported", 36, 40)  # 4 petitions unresolved
    assert states[ids[1]] == ("met", "reported", 10, 10)
    assert states[ids[2]] == ("nothing_due", "reported", 0, 0)
    line = await _items(actor)
    assert (line.items.held, line.items.eligible, str(line.items.rate)) == (54, 60, "90.0")
    assert (line.figure.held, line.figure.eligible) == (1, 3)
    v = await dashboard.view(actor, dashboard.Filters(year=year))
    rules = dashboard.rules_of(v)
    for group in ("province", "upper_union"):
        assert await tallies.eligible_counts(year, rules, group) == (
            await tallies.raw_eligible_counts(year, rules, group)
        )
    context = await report.context(v, "Tỉnh Thái Nguyên", today())
    assert any("54/60 nội dung đã được giải quyết, đạt 90,0%" in p for p in context["body"])
    # A corrected count moves the figures: the first enterprise resolved them all since.
    await facts.report(
        await factories.context(ids[0], Role.FEDERATION),
        obligation=KEY,
        year=year,
        met=False,
        on=None,
        received=40,
        resolved=40,
    )
    line = await _items(actor)
    assert (line.items.held, line.items.eligible, line.figure.held) == (58, 60, 2)


@pytest.mark.parametrize(
    ("counts", "field", "message"),
    [
        ((10, 12), "resolved", "More resolved than received."),
        ((-1, 0), "received", "Write a number of 0 or more."),
        ((5, -2), "resolved", "Write a number of 0 or more."),
        ((5, None), "resolved", "Give both numbers, received and resolved, or neither."),
    ],
)
async def test_a_bad_count_of_petitions_is_refused_and_changes_nothing(counts, field, message):
    actor, ids = await imported()
    context = await factories.context(ids[0], Role.FEDERATION)
    received, resolved = counts
    with i18n.language("en"), pytest.raises(Invalid) as refused:
        await facts.report(
            context,
            obligation=KEY,
            year=today().year,
            met=False,
            on=None,
            received=received,
            resolved=resolved,
        )
    assert refused.value.errors == {field: message}
    assert await Fact.count() == 0
    assert (await _items(actor)).items.eligible == 0


async def test_petitions_of_a_future_year_are_refused():
    _actor, ids = await imported()
    context = await factories.context(ids[0], Role.FEDERATION)
    with i18n.language("en"), pytest.raises(Invalid) as refused:
        await facts.report(
            context,
            obligation=KEY,
            year=today().year + 1,
            met=False,
            on=None,
            received=3,
            resolved=3,
        )
    assert refused.value.errors == {"year": "Choose a year up to this one."}
    assert await Fact.count() == 0


def _facts_file(*rows: str) -> bytes:
    return (
        "\n".join(["tax_code,obligation,year,done_on,note,received,resolved", *rows]) + "\n"
    ).encode()


async def test_imported_petitions_are_checked_row_by_row_then_counted():
    actor, _ids = await imported()
    year = today().year
    last_year = year - 1
    bad = _facts_file(
        f"4600000001,{KEY},{year},,,30,31",
        f"4600000002,{KEY},{year},,,-4,0",
        f"4600000003,{KEY},{year},,,ba,1",
        f"4600000004,{KEY},{year + 1},,,3,3",
        f"4600000005,conference_held,{year},{dt.date(year, 1, 5):%d/%m/%Y},,,",
    )
    with i18n.language("en"), pytest.raises(fact_import.register.RegisterRejected) as refused:
        await fact_import.import_facts(actor, federation_scope(actor), bad)
    problems = {(p.row, p.column): p.message for p in refused.value.report.problems}
    assert problems == {
        (2, "resolved"): "More resolved than received.",
        (3, "received"): "Write a number of 0 or more.",
        (4, "received"): "Write a whole number.",
        (5, "year"): "Choose a year up to this one.",
    }
    assert await Fact.count() == 0
    good = _facts_file(
        f"4600000001,{KEY},{year},,,30,24",
        f"4600000002,{KEY},{year},,,20,20",
        f"4600000003,{KEY},{last_year},,,5,1",
        f"4600000005,conference_held,{year},{dt.date(year, 1, 5):%d/%m/%Y},,,",
    )
    assert await fact_import.import_facts(actor, federation_scope(actor), good) == 4
    line = await _items(actor)
    assert (line.items.held, line.items.eligible, str(line.items.rate)) == (44, 50, "88.0")
    assert (line.figure.held, line.figure.eligible) == (1, 2)
