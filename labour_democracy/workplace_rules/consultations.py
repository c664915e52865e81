"""Consulting the workers themselves through the voting engine (lấy ý kiến người lao động): on
the draft democracy regulation (Law 10/2022 Art. 71; Decree 145 Art. 48(2)) or on a disclosed
matter (Decree 145 Art. 44). The ballot is made as a draft consultation, linked to its record;
its questions, electorate and opening are set on the ballot's own pages."""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import services as voting
from labour_democracy.voting.permissions import MANAGE_BALLOTS
from labour_democracy.voting.schemas import BallotForm
from labour_democracy.workplace_rules.permissions import DISCLOSE, EDIT_RULES
from labour_democracy.workplace_rules.regulation import require
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    RegulationChapter,
    RegulationStatus,
    RegulationVersion,
)

EXPLANATION_LIMIT = 10_000


async def consult_on_regulation(context: EnterpriseContext, version_id: int) -> int:
    """A draft consultation ballot on the draft regulation under consultation; its id."""
    require(context, EDIT_RULES)
    require(context, MANAGE_BALLOTS)
    version = await get_owned(context, RegulationVersion, version_id)
    if version.status != RegulationStatus.CONSULTING:
        raise Conflict(_("Comments are recorded while the draft is under consultation."))
    if version.ballot_id is not None:
        raise Conflict(_("A consultation of the workers is already linked."))
    chapters = await RegulationChapter.select(RegulationChapter.text).where(
        RegulationChapter.version == version.id
    )
    explanation = "\n\n".join(row["text"] for row in chapters)[:EXPLANATION_LIMIT]
    form = BallotForm(
        title=f"Lấy ý kiến dự thảo Quy chế dân chủ ở cơ sở tại nơi làm việc (lần {version.number})",
        explanation=explanation,
    )
    async with write_transaction():
        ballot_id = await voting.create_ballot(context, form)
        await RegulationVersion.update({RegulationVersion.ballot_id: ballot_id}).where(
            RegulationVersion.id == version.id
        )
        await audit.record(
            context.actor,
            "regulation.ballot",
            "regulation_version",
            version.id,
            context.enterprise_id,
            ballot=ballot_id,
        )
    return ballot_id


async def consult_on_disclosure(context: EnterpriseContext, disclosure_id: int) -> int:
    """A draft consultation ballot on a disclosed matter, for workers' comments or decision."""
    require(context, DISCLOSE)
    require(context, MANAGE_BALLOTS)
    disclosure = await get_owned(context, Disclosure, disclosure_id)
    if disclosure.ballot_id is not None:
        raise Conflict(_("A consultation of the workers is already linked."))
    form = BallotForm(
        title=f"Lấy ý kiến: {disclosure.title}"[:300],
        explanation=disclosure.body[:EXPLANATION_LIMIT],
    )
    async with write_transaction():
        ballot_id = await voting.create_ballot(context, form)
        await Disclosure.update({Disclosure.ballot_id: ballot_id}).where(
            Disclosure.id == disclosure.id
        )
        await audit.record(
            context.actor,
            "disclosure.ballot",
            "disclosure",
            disclosure.id,
            context.enterprise_id,
            ballot=ballot_id,
        )
    return ballot_id
