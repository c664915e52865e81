"""Words shown for the suggestions' values."""

from labour_democracy.core.labels import register
from labour_democracy.i18n import N_
from labour_democracy.suggestions.tables import Channel, SuggestionKind, SuggestionStatus, Topic

register(
    {
        SuggestionKind.SUGGESTION: N_("Suggestion"),
        SuggestionKind.QUESTION: N_("Question"),
        SuggestionKind.PROPOSAL: N_("Proposal"),
        Channel.ONLINE: N_("Public page"),
        Channel.PAPER: N_("Paper or suggestion box"),
        Channel.MEETING: N_("Raised at a meeting"),
        Topic.DIALOGUE: N_("Workplace dialogue"),
        Topic.CONFERENCE: N_("Worker conference"),
        Topic.GENERAL: N_("General"),
        Topic.BARGAINING: N_("Collective bargaining"),
        SuggestionStatus.RECEIVED: N_("Received, awaiting moderation"),
        SuggestionStatus.PUBLISHED: N_("Published"),
        SuggestionStatus.REJECTED: N_("Not taken up"),
        SuggestionStatus.ANSWERED: N_("Answered"),
    }
)
