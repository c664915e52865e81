"""The register, the facts and the tallies: import all or nothing, 41 of 43 = 95.3 %, the late
ones, and tallies that equal the raw count after changes."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.compliance import dashboard, facts, register, tallies
from labour_democracy.compliance.tables import Fact, FactSource, FactState, RegisterEntry
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.scope import federation_scope
from labour_democracy.core.tables import Enterprise, Role, UpperUnion
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today
from tests import factories
from tests.compliance import seed


async def officer() -> Actor:
    province = await factories.province_id(seed.PROVINCE)
    return Actor(
        1, "lien@tn.vn", "LĐLĐ", grants=(MembershipGrant(Role.FEDERATION, None, province),)
    )


async def imported() -> tuple[Actor, list[int]]:
    codes = await seed.communes()
    actor = await officer()
    await register.import_register(actor, federation_scope(actor), seed.good_file(codes))
    ids = [r["id"] for r in await Enterprise.select(Enterprise.id).order_by(Enterprise.tax_code)]
    return actor, ids


async def test_a_register_with_bad_rows_is_refused_whole_with_each_row_named():
    codes = await seed.communes()
    actor = await officer()
    with i18n.language("en"), pytest.raises(register.RegisterRejected) as refused:
        await register.import_register(actor, federation_scope(actor), seed.bad_file(codes))
    problems = {(p.row, p.column): p.message for p in refused.value.report.problems}
    assert problems == {
        (45, "commune_code"): "Unknown commune code 99999.",
        (46, "tax_code"): "Tax code 4600000001 is already on row 2.",
    }
    assert await Enterprise.count() == 0 and await RegisterEntry.count() == 0


async def test_41_of_43_held_their_conference_is_95_3_percent_and_two_are_late():
    actor, ids = await imported()
    assert len(ids) == 43
    assert await UpperUnion.count() == 4  # three commune unions and the park's
    year = today().year
    held_on = dt.date(year, 1, 2)
    for enterprise_id in ids[:41]:
        async with write_transaction():
            await facts.put(
                enterprise_id,
                year,
                "conference_held",
                FactState.MET,
                on=held_on,
                source=FactSource.REPORTED,
            )
    v = await dashboard.view(actor, dashboard.Filters(year=year))
    line = next(li for li in await dashboard.totals(v) if li.obligation.key == "conference_held")
    assert (line.figure.held, line.figure.eligible, str(line.figure.rate)) == (41, 43, "95.3")
    summed, _group, _groups = await dashboard.overview(v)
    assert summed == await dashboard.totals(v)  # the groups add up to the totals
    late = await dashboard.late(v, "conference_held")
    assert sorted(row["enterprise"] for row in late.rows) == ids[41:]
    # The state-owned filter: 5 of 5.
    soe = await dashboard.view(actor, dashboard.Filters(year=year, ownership="state_owned"))
    line = next(li for li in await dashboard.totals(soe) if li.obligation.key == "conference_held")
    assert (line.figure.held, line.figure.eligible) == (5, 5)


async def test_no_eligible_enterprise_gives_no_rate_not_zero():
    actor = await officer()
    v = await dashboard.view(actor, dashboard.Filters(year=today().year))
    line = next(li for li in await dashboard.totals(v) if li.obligation.key == "conference_held")
    assert line.figure.eligible == 0 and line.figure.rate is None


async def test_the_tallies_equal_the_raw_count_after_facts_and_entries_change():
    actor, ids = await imported()
    year = today().year
    for n, enterprise_id in enumerate(ids):
        async with write_transaction():
            await facts.put(
                enterprise_id,
                year,
                "conference_held",
                FactState.MET if n % 3 else FactState.NOT_MET,
                on=None,
                source=FactSource.REPORTED,
            )
    async with write_transaction():
        await register.enter(ids[0], workforce=5)  # below the threshold: moves band
        await facts.put(
            ids[1],
            year,
            "conference_held",
            FactState.NOTHING_DUE,
            on=None,
            source=FactSource.REPORTED,
        )
        await facts.put(  # petitions: 7 of 9 resolved
            ids[2],
            year,
            "suggestions_answered",
            FactState.NOT_MET,
            on=None,
            source=FactSource.REPORTED,
            done=7,
            total=9,
        )
        await register.enter(ids[2], workforce=500)  # moves band with its petitions
    for by_sector in (False, True):
        kept = await tallies.counts(year, "province", by_sector=by_sector)
        raw = await tallies.raw_counts(year, by_sector=by_sector)
        assert {k: (c.enterprises, dict(c.facts)) for k, c in kept.items()} == {
            k: (c.enterprises, dict(c.facts)) for k, c in raw.items()
        }
    kept = await tallies.counts(year, "province")
    v = await dashboard.view(actor, dashboard.Filters(year=year))
    rules = dashboard.rules_of(v)
    for group in ("province", "upper_union"):
        assert await tallies.eligible_counts(year, rules, group) == (
            await tallies.raw_eligible_counts(year, rules, group)
        )
    await tallies.rebuild()
    again = await tallies.counts(year, "province")
    assert {k: dict(c.facts) for k, c in again.items()} == {
        k: dict(c.facts) for k, c in kept.items()
    }


async def test_a_reported_fact_in_the_future_is_refused_and_changes_nothing():
    _actor, ids = await imported()
    context = await factories.context(ids[0], Role.FEDERATION)
    with i18n.language("en"), pytest.raises(Invalid) as refused:
        await facts.report(
            context,
            obligation="conference_held",
            year=today().year,
            met=True,
            on=today() + dt.timedelta(days=1),
        )
    assert refused.value.errors["on"] == "The date cannot be in the future."
    assert await Fact.count() == 0
