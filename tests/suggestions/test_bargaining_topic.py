"""Suggestions tagged for collective bargaining: chosen by the worker on the public form or
retagged by staff, and read by the agreements module through `services.for_bargaining`, without
the author, only once taken up, never by the federation."""

from __future__ import annotations

import pytest

from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.suggestions import services
from labour_democracy.suggestions.schemas import PublicSuggestionForm
from labour_democracy.suggestions.tables import Suggestion, Topic
from tests import factories


def _form(topic: Topic = Topic.BARGAINING, subject: str = "Phụ cấp nhà ở") -> PublicSuggestionForm:
    return PublicSuggestionForm(
        subject=subject, body="Đề nghị đưa phụ cấp nhà ở vào thỏa ước.", topic=topic,
        author_name="Nguyễn Thị Hoa", author_unit="Xưởng may 2",
    )  # fmt: skip


async def test_bargaining_suggestions_reach_the_agreement_without_their_authors():
    enterprise_id = await factories.enterprise()
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    union = await factories.context(enterprise_id, Role.UNION)
    hr = await factories.context(enterprise_id, Role.HR)
    federation = await factories.context(enterprise_id, Role.FEDERATION)
    await services.submit_public(enterprise, _form(), "10.0.0.1")
    await services.submit_public(enterprise, _form(Topic.GENERAL, "Nhà xe"), "10.0.0.1")
    tagged, general = await Suggestion.objects().order_by(Suggestion.id)
    assert (tagged.topic, general.topic) == (Topic.BARGAINING, Topic.GENERAL)

    # Awaiting the union's moderation: not yet a suggestion for bargaining.
    assert await services.for_bargaining(union) == []
    await services.publish(union, tagged.id)
    rows = await services.for_bargaining(hr)
    assert [row["subject"] for row in rows] == ["Phụ cấp nhà ở"]
    assert not {"author_name", "author_unit", "tracking_hash"} & set(rows[0])
    assert await services.for_bargaining(federation) is None

    # Staff retag the general one for bargaining, and back.
    await services.publish(union, general.id)
    await services.assign(hr, [general.id], Topic.BARGAINING, None)
    assert len(await services.for_bargaining(union)) == 2
    await services.assign(hr, [general.id], Topic.GENERAL, None)
    assert len(await services.for_bargaining(union)) == 1


async def test_a_bargaining_suggestion_is_not_assigned_to_a_meeting():
    enterprise_id = await factories.enterprise()
    hr = await factories.context(enterprise_id, Role.HR)
    topic, target = services.parse_assignment("bargaining:3")
    with pytest.raises(Invalid):
        await services.assign(hr, [1], topic, target)
