"""Words for the module's enum values and matter keys (translated where shown)."""

from __future__ import annotations

from labour_democracy.core.labels import register
from labour_democracy.i18n import N_
from labour_democracy.workplace_rules.tables import (
    CommentStatus,
    InternalRulesStatus,
    RegulationStatus,
)

register(
    {
        RegulationStatus.DRAFT: N_("Draft"),
        RegulationStatus.CONSULTING: N_("Under consultation"),
        RegulationStatus.ISSUED: N_("Issued, not yet published"),
        RegulationStatus.PUBLISHED: N_("Published"),
        RegulationStatus.SUPERSEDED: N_("Replaced by a later version"),
        CommentStatus.PENDING: N_("Waiting for an answer"),
        CommentStatus.ACCEPTED: N_("Taken up"),
        CommentStatus.REJECTED: N_("Not taken up"),
        InternalRulesStatus.DRAFT: N_("Draft"),
        InternalRulesStatus.ISSUED: N_("Issued, to be filed"),
        InternalRulesStatus.FILED: N_("Filed with the authority"),
        InternalRulesStatus.REGISTERED: N_("Registered"),
        InternalRulesStatus.TO_AMEND: N_("To amend at the authority's request"),
    }
)

# What workers comment on, decide and supervise (rules.COMMENT_MATTERS ...), as msgids.
MATTERS = {
    "internal_rules": N_("Internal rules and regulations"),
    "wages_norms_bargaining": N_("Wage scales, labour norms, proposals for bargaining"),
    "working_conditions": N_("Costs, productivity, working conditions, environment, fire safety"),
    "anti_corruption": N_("Preventing corruption, internal disputes and discipline"),
    "draft_regulation": N_("The draft democracy regulation"),
    "own_contract": N_("Their own labour contract"),
    "join_organisation": N_("Joining a representative organisation"),
    "strike": N_("Taking part in a strike"),
    "cba_vote": N_("The vote on the agreed bargaining content"),
    "contributed_funds": N_("Funds from workers' contributions"),
    "inspection_board": N_("Electing the People's Inspection Board"),
    "resolution": N_("The worker conference's resolution"),
    "contracts_and_cba": N_("Labour contracts and the collective agreement"),
    "rules_and_regulations": N_("Internal rules and regulations"),
    "funds": N_("Reward, welfare and contributed funds"),
    "union_fee_insurance": N_("Union fee and insurance payments"),
    "emulation_discipline_complaints": N_("Emulation, rewards, discipline, complaints"),
}

# Decree 145 Art. 43(2); Law 10/2022 Art. 65(1).
FORMS = {
    "posting": N_("Posted at the workplace"),
    "meeting": N_("Announced at meetings and dialogues"),
    "written_notice": N_("Written notice to the representative organisation"),
    "intranet": N_("Internal information system"),
    "public_page": N_("The workers' public page"),
}
