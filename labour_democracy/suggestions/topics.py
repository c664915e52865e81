"""The records a suggestion can be assigned to, registered by the modules that own them.

The dialogue module registers its dialogues under `Topic.DIALOGUE`, the conference module its
conferences under `Topic.CONFERENCE`; this module never imports them. A provider returns the
(id, label) pairs a suggestion of the enterprise may be assigned to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.suggestions.tables import Topic

TargetProvider = Callable[[EnterpriseContext], Awaitable[list[tuple[int, str]]]]
_PROVIDERS: dict[Topic, TargetProvider] = {}


def register(topic: Topic, provider: TargetProvider) -> None:
    """E.g. `register(Topic.DIALOGUE, dialogue_choices)`."""
    _PROVIDERS[topic] = provider


async def targets(context: EnterpriseContext, topic: Topic) -> list[tuple[int, str]]:
    provider = _PROVIDERS.get(topic)
    return await provider(context) if provider else []


async def all_targets(context: EnterpriseContext) -> dict[str, list[tuple[int, str]]]:
    """Every topic's targets, for the assignment form."""
    return {topic.value: await targets(context, topic) for topic in _PROVIDERS}
