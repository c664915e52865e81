"""Words shown for the dialogue's values."""

from labour_democracy.core.labels import register
from labour_democracy.dialogue.tables import (
    AgendaSource,
    DialogueKind,
    DialogueStatus,
    EventMatter,
    MemberListStatus,
    RequestSide,
    Side,
)
from labour_democracy.i18n import N_

register(
    {
        Side.EMPLOYER: N_("Employer side"),
        Side.UNION: N_("Grassroots union"),
        Side.WORKERS_ORGANISATION: N_("Workers' organisation"),
        Side.DIALOGUE_GROUP: N_("Workers' dialogue group"),
        DialogueKind.PERIODIC: N_("Periodic dialogue"),
        DialogueKind.REQUESTED: N_("Dialogue on request"),
        DialogueKind.EVENT: N_("Dialogue on an event"),
        EventMatter.PERFORMANCE_RULES: N_("Work-performance evaluation rules"),
        EventMatter.REDUNDANCY: N_("Dismissals for restructuring or economic reasons"),
        EventMatter.LABOUR_USAGE_PLAN: N_("Labour-usage plan"),
        EventMatter.WAGE_SCALE: N_("Wage scale, pay table, labour norms"),
        EventMatter.BONUS_RULES: N_("Bonus rules"),
        EventMatter.INTERNAL_RULES: N_("Internal labour rules"),
        EventMatter.SUSPENSION: N_("Suspension from work"),
        DialogueStatus.PLANNED: N_("Scheduled"),
        DialogueStatus.HELD: N_("Held, not yet publicised"),
        DialogueStatus.PUBLICISED: N_("Publicised"),
        DialogueStatus.CALLED_OFF: N_("Called off"),
        MemberListStatus.DRAFT: N_("Draft"),
        MemberListStatus.PUBLISHED: N_("Published list"),
        RequestSide.EMPLOYER: N_("The employer"),
        RequestSide.WORKERS: N_("The worker side"),
        AgendaSource.SUGGESTION: N_("Workers' suggestion"),
        AgendaSource.FOLLOW_UP: N_("Follow-up of an earlier dialogue"),
        AgendaSource.MANUAL: N_("Added by a side"),
    }
)
