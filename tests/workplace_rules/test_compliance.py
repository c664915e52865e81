"""The module's obligations for the federation and its reminders."""

from __future__ import annotations

import datetime as dt

from labour_democracy.i18n import language, today
from labour_democracy.workplace_rules import compliance, deadlines, rules
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    InternalRules,
    InternalRulesStatus,
    RegulationStatus,
    RegulationVersion,
)
from tests import factories

OBLIGATIONS = {o.key: o for o in compliance.OBLIGATIONS}


async def _compute(key: str, enterprise_id: int):
    return (await OBLIGATIONS[key].compute([enterprise_id], today().year))[enterprise_id]


async def test_the_regulation_counts_once_published_and_not_before():
    enterprise = await factories.enterprise()
    version = RegulationVersion(enterprise=enterprise, status=RegulationStatus.ISSUED)
    await version.save()
    assert (await _compute("democracy_regulation_published", enterprise)).met is False
    await RegulationVersion.update(
        {
            RegulationVersion.status: RegulationStatus.PUBLISHED,
            RegulationVersion.published_on: today(),
        }
    ).where(RegulationVersion.id == version.id)
    result = await _compute("democracy_regulation_published", enterprise)
    assert result.met is True and result.on == today()
    assert OBLIGATIONS["democracy_regulation_published"].min_workforce == 10


async def test_internal_rules_count_once_filed():
    enterprise = await factories.enterprise()
    rules_row = InternalRules(
        enterprise=enterprise, status=InternalRulesStatus.ISSUED, issued_on=today()
    )
    await rules_row.save()
    assert (await _compute("internal_rules_registered", enterprise)).met is False
    await InternalRules.update(
        {InternalRules.status: InternalRulesStatus.FILED, InternalRules.filed_on: today()}
    ).where(InternalRules.id == rules_row.id)
    assert (await _compute("internal_rules_registered", enterprise)).met is True


async def test_disclosures_on_time_are_counted():
    enterprise = await factories.enterprise()
    assert (await _compute("disclosures_on_time", enterprise)).met is None
    day = today()
    for due in (day, day - dt.timedelta(days=1)):
        await Disclosure(
            enterprise=enterprise,
            matter="business",
            title="x",
            body="x",
            decided_on=due - dt.timedelta(days=15),
            due_on=due,
            disclosed_on=day,
        ).save()
    result = await _compute("disclosures_on_time", enterprise)
    assert (result.done, result.total, result.met) == (1, 2, False)


async def test_reminders_name_the_filing_and_the_authoritys_answer():
    enterprise = await factories.enterprise()
    context = await factories.context(enterprise)
    issued = today()
    rules_row = InternalRules(
        enterprise=enterprise, status=InternalRulesStatus.ISSUED, issued_on=issued
    )
    await rules_row.save()
    with language("en"):
        items = await deadlines.due(context)
    assert [(i.title, i.due_on) for i in items] == [
        ("File the internal labour rules with Sở Nội vụ", rules.registration_due(issued))
    ]
    await InternalRules.update(
        {InternalRules.status: InternalRulesStatus.FILED, InternalRules.filed_on: issued}
    ).where(InternalRules.id == rules_row.id)
    await RegulationVersion(
        enterprise=enterprise, status=RegulationStatus.ISSUED, issued_on=issued
    ).save()
    with language("en"):
        titles = {i.title for i in await deadlines.due(context)}
    assert titles == {
        "Publish the democracy regulation to the workers",
        "The authority's answer on the internal labour rules",
    }
