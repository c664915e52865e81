"""The records a suggestion can be assigned to, declared by the modules that own them.

The dialogue module declares its dialogues under `Topic.DIALOGUE`, the conference module its
conferences under `Topic.CONFERENCE`, in their manifests' `suggestion_targets`; this module never
imports them. A provider returns the (id, label) pairs a suggestion of the enterprise may be
assigned to.
"""

from __future__ import annotations

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.manifest import installed
from labour_democracy.suggestions.tables import Topic

# The topics taken up by no particular meeting: a suggestion of these is never assigned to one.
UNASSIGNED = (Topic.GENERAL, Topic.BARGAINING)


def _providers() -> dict:
    return {
        Topic(topic): provider
        for manifest in installed()
        for topic, provider in manifest.suggestion_targets.items()
    }


async def targets(context: EnterpriseContext, topic: Topic) -> list[tuple[int, str]]:
    provider = _providers().get(topic)
    return await provider(context) if provider else []


async def all_targets(context: EnterpriseContext) -> dict[str, list[tuple[int, str]]]:
    """Every topic's targets, for the assignment form."""
    return {topic.value: await provider(context) for topic, provider in _providers().items()}
