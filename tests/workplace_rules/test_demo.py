"""The demo's workplace-rules history loads through the use cases."""

from __future__ import annotations

from labour_democracy.core.demo import load_demo
from labour_democracy.core.tables import Enterprise
from labour_democracy.workplace_rules.tables import (
    DisclosureReading,
    InternalRules,
    InternalRulesStatus,
    RegulationComment,
    RegulationStatus,
    RegulationVersion,
)


async def test_the_garment_company_has_a_published_regulation_and_registered_rules():
    await load_demo()
    enterprise = await Enterprise.objects().where(Enterprise.symbol == "SHVN").first()
    version = (
        await RegulationVersion.objects()
        .where(RegulationVersion.enterprise == enterprise.id)
        .first()
    )
    assert version.status == RegulationStatus.PUBLISHED and version.regulation_document
    reasons = [
        c.reason for c in await RegulationComment.objects() if c.status == "comment_rejected"
    ]
    assert len(reasons) == 1 and reasons[0]
    rules_row = (
        await InternalRules.objects().where(InternalRules.enterprise == enterprise.id).first()
    )
    assert rules_row.status == InternalRulesStatus.REGISTERED and rules_row.dossier_document
    assert await DisclosureReading.count() == 5
