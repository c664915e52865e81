"""The demo's dialogue history loads through the use cases and reads back as the pages show it."""

from __future__ import annotations

from labour_democracy.core.demo import load_demo
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import compliance, regulation
from labour_democracy.dialogue.tables import (
    Dialogue,
    DialogueRequest,
    DialogueStatus,
    MemberList,
    MemberListStatus,
)


async def test_the_garment_company_has_a_dialogue_history():
    await load_demo()
    enterprise = await Enterprise.objects().where(Enterprise.symbol == "SHVN").first()
    version = await MemberList.objects().where(MemberList.enterprise == enterprise.id).first()
    assert version.status == MemberListStatus.PUBLISHED and version.document
    statuses = sorted(
        row["status"]
        for row in await Dialogue.select(Dialogue.status).where(
            Dialogue.enterprise == enterprise.id
        )
    )
    assert statuses == [DialogueStatus.PLANNED, DialogueStatus.PUBLICISED]
    held = (
        await Dialogue.objects().where(Dialogue.status == DialogueStatus.PUBLICISED.value).first()
    )
    assert held.minutes_document and held.publication_document
    assert await DialogueRequest.count().where(DialogueRequest.replied_on.is_null()) == 1
    facts = await compliance.facts(enterprise.id)
    assert facts.periodic_in_time and facts.publications == facts.publications_on_time == 1
    assert (await regulation.settings_for(enterprise.id)).periodic_months == "6, 12"
