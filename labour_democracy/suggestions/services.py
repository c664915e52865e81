"""Use cases of workers' suggestions; other modules call the public API below.

API for other modules (dialogue, conferences, agreements):
    list_suggestions(context, topic=..., target_id=..., status=...) -> list[dict]
    for_bargaining(context) -> list[dict] | None   (agreements: what to ask for, no author)
    assign(context, ids, topic, target_id)         answer(context, id, text)
    group(context, ids, label)                     add_from_paper(context, form) -> id
    answer_rate(context, year) -> Rate
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from piccolo.columns.combination import Where
from piccolo.query.functions.aggregate import Count

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.labels import label
from labour_democracy.core.permissions import VIEW, Actor
from labour_democracy.core.rates import Rate
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.db import contains, write_transaction
from labour_democracy.i18n import format_number, today
from labour_democracy.i18n import gettext as _
from labour_democracy.settings import get_settings
from labour_democracy.suggestions import compliance, rules, topics
from labour_democracy.suggestions.permissions import (
    ANSWER_SUGGESTIONS,
    MODERATE_SUGGESTIONS,
    ORGANISE_SUGGESTIONS,
    READ_SUGGESTIONS,
)
from labour_democracy.suggestions.schemas import (
    PaperSuggestionForm,
    PublicSuggestionForm,
    SuggestionQuery,
)
from labour_democracy.suggestions.tables import (
    Channel,
    SubmissionWindow,
    Suggestion,
    SuggestionStatus,
    Topic,
)

# Who acts when a worker sends a suggestion from the public page (no account).
PUBLIC_PAGE = Actor(id=None, email="public-page", full_name="Public page")
PER_PAGE = 20
# Portable upsert, as for document numbers: the row lock makes concurrent sends count in turn.
_COUNT_SUBMISSION = (
    "INSERT INTO submission_window (key, window_start, count) VALUES ({}, {}, 1) "
    "ON CONFLICT (key) DO UPDATE SET count = submission_window.count + 1 "
    "RETURNING count"
)


def _require(context: EnterpriseContext, permission) -> None:
    if not context.can(permission):
        raise Forbidden


def _key(purpose: str) -> bytes:
    return get_settings().key(purpose)


def _sees_everything(context: EnterpriseContext) -> bool:
    return bool(context.roles & {Role.UNION, Role.ADMIN})


def _visible(context: EnterpriseContext) -> Where:
    clause = Suggestion.enterprise == context.enterprise_id
    if not _sees_everything(context):
        clause &= Suggestion.status.is_in(
            [SuggestionStatus.PUBLISHED.value, SuggestionStatus.ANSWERED.value]
        )
    return clause


def _clean_text(
    subject: str, body: str, author_name: str | None, author_unit: str | None
) -> tuple[str, str, str, str]:
    """The texts as stored (subject and names on one line, body trimmed), or Invalid."""
    subject = " ".join(subject.split())
    body = body.strip()
    author_name = " ".join((author_name or "").split())
    author_unit = " ".join((author_unit or "").split())
    errors: dict[str, str] = {}
    if not subject or len(subject) > rules.SUBJECT_LIMIT:
        errors["subject"] = _("Give a subject of at most {n} characters.").format(
            n=format_number(rules.SUBJECT_LIMIT)
        )
    if not body or len(body) > rules.BODY_LIMIT:
        errors["body"] = _("Write your text in at most {n} characters.").format(
            n=format_number(rules.BODY_LIMIT)
        )
    for field, value in (("author_name", author_name), ("author_unit", author_unit)):
        if len(value) > rules.NAME_LIMIT:
            errors[field] = _("At most {n} characters.").format(n=format_number(rules.NAME_LIMIT))
    if errors:
        raise Invalid(errors)
    return subject, body, author_name, author_unit


async def _count_in_window(client: str, purpose: str, limit: int) -> None:
    """Count one use of the public form by `client`; Invalid once the hour's limit is passed.

    Runs inside the caller's write transaction, so a refused use is not counted."""
    now = dt.datetime.now(dt.UTC)
    start = rules.window_start(now)
    key = rules.window_key(client, purpose, start, _key("suggestion-window"))
    rows = await SubmissionWindow.raw(_COUNT_SUBMISSION, key, start)
    if rows[0]["count"] > limit:
        raise Invalid(
            _(
                "Too many requests from this connection in the last hour. Please try again "
                "later, or give your suggestion to your union representative."
            )
        )
    await SubmissionWindow.delete().where(
        SubmissionWindow.window_start < start - dt.timedelta(hours=2)
    )


# The public page ------------------------------------------------------------------------------


async def submit_public(enterprise: Enterprise, form: PublicSuggestionForm, client: str) -> str:
    """Record a worker's suggestion from the public page; returns the tracking code, which is
    shown once and never stored."""
    subject, body, author_name, author_unit = _clean_text(
        form.subject, form.body, form.author_name, form.author_unit
    )
    code = rules.new_tracking_code()
    async with write_transaction():
        await _count_in_window(client, "submit", rules.SUBMISSIONS_PER_HOUR)
        suggestion = Suggestion(
            enterprise=enterprise.id,
            kind=form.kind,
            subject=subject,
            body=body,
            author_name=author_name,
            author_unit=author_unit,
            channel=Channel.ONLINE,
            received_on=today(),
            topic=form.topic,
            tracking_hash=rules.tracking_hash(code, _key("suggestion-code")),
        )
        await suggestion.save()
        await audit.record(
            PUBLIC_PAGE,
            "suggestion.received",
            "suggestion",
            suggestion.id,
            enterprise.id,
            kind=form.kind.value,
            channel=Channel.ONLINE.value,
            topic=form.topic.value,
        )
    return rules.display_code(code)


async def track(enterprise: Enterprise, typed_code: str, client: str) -> dict:
    """What the author of a suggestion may read with its tracking code."""
    code = rules.normalise_tracking_code(typed_code)
    async with write_transaction():
        await _count_in_window(client, "check", rules.CHECKS_PER_HOUR)
    not_found = Invalid(
        {"code": _("No suggestion has this code. Check the code on your note and try again.")}
    )
    if code is None:
        raise not_found
    row = (
        await Suggestion.select(
            Suggestion.kind,
            Suggestion.subject,
            Suggestion.received_on,
            Suggestion.status,
            Suggestion.rejection_reason,
            Suggestion.answer,
            Suggestion.answered_role,
            Suggestion.answered_at,
            Suggestion.topic,
        )
        .where(Suggestion.enterprise == enterprise.id)
        .where(Suggestion.tracking_hash == rules.tracking_hash(code, _key("suggestion-code")))
        .first()
    )
    if row is None:
        raise not_found
    return row


async def published_for_public(enterprise: Enterprise, limit: int = 10) -> list[dict]:
    """The latest published and answered suggestions, without their authors."""
    return (
        await Suggestion.select(
            Suggestion.id,
            Suggestion.kind,
            Suggestion.subject,
            Suggestion.body,
            Suggestion.received_on,
            Suggestion.status,
            Suggestion.answer,
            Suggestion.answered_role,
        )
        .where(Suggestion.enterprise == enterprise.id)
        .where(
            Suggestion.status.is_in(
                [SuggestionStatus.PUBLISHED.value, SuggestionStatus.ANSWERED.value]
            )
        )
        .order_by(Suggestion.received_on, Suggestion.id, ascending=False)
        .limit(limit)
    )


# Staff ----------------------------------------------------------------------------------------


async def get_suggestion(context: EnterpriseContext, suggestion_id: int) -> Suggestion:
    _require(context, READ_SUGGESTIONS)
    suggestion = await get_owned(context, Suggestion, suggestion_id)
    if not _sees_everything(context) and not rules.employer_sees(
        SuggestionStatus(suggestion.status)
    ):
        raise NotFound
    return suggestion


async def _check_target(
    context: EnterpriseContext, topic: Topic, target_id: int | None
) -> int | None:
    if target_id is None:
        return None
    if topic in topics.UNASSIGNED:
        raise Invalid({"assign_to": _("This topic is not assigned to a meeting.")})
    if target_id not in {target for target, _label in await topics.targets(context, topic)}:
        raise Invalid({"assign_to": _("Choose a dialogue or conference of this enterprise.")})
    return target_id


async def add_from_paper(context: EnterpriseContext, form: PaperSuggestionForm) -> int:
    """A suggestion handed in on paper or raised at a meeting, entered by the union or HR.

    It was read by the person entering it, so it starts published (moderation is for what
    arrives unseen from the public page)."""
    _require(context, ORGANISE_SUGGESTIONS)
    subject, body, author_name, author_unit = _clean_text(
        form.subject, form.body, form.author_name, form.author_unit
    )
    if form.channel is Channel.ONLINE:
        raise Invalid({"channel": _("Choose paper or meeting: online ones come by themselves.")})
    if form.received_on > today():
        raise Invalid({"received_on": _("The date it was received cannot be in the future.")})
    target_id = await _check_target(context, form.topic, form.target_id)
    async with write_transaction():
        suggestion = Suggestion(
            enterprise=context.enterprise_id,
            kind=form.kind,
            subject=subject,
            body=body,
            author_name=author_name,
            author_unit=author_unit,
            channel=form.channel,
            received_on=form.received_on,
            topic=form.topic,
            target_id=target_id,
            status=SuggestionStatus.PUBLISHED,
            created_by=context.actor.id,
        )
        await suggestion.save()
        await audit.record(
            context.actor,
            "suggestion.added",
            "suggestion",
            suggestion.id,
            context.enterprise_id,
            kind=form.kind.value,
            channel=form.channel.value,
        )
    return suggestion.id


async def _move(
    context: EnterpriseContext, suggestion_id: int, target: SuggestionStatus, values: dict
) -> None:
    async with write_transaction():
        suggestion = await get_suggestion(context, suggestion_id)
        current = SuggestionStatus(suggestion.status)
        if not rules.can_move(current, target):
            raise Conflict(
                _("A suggestion that is “{current}” cannot become “{target}”.").format(
                    current=_status_word(current), target=_status_word(target)
                )
            )
        await Suggestion.update({Suggestion.status: target.value, **values}).where(
            Suggestion.id == suggestion_id
        )
        await audit.record(
            context.actor,
            f"suggestion.{target.value}",
            "suggestion",
            suggestion_id,
            context.enterprise_id,
        )


def _status_word(status: SuggestionStatus) -> str:
    return label(status)


async def publish(context: EnterpriseContext, suggestion_id: int) -> None:
    """The union's moderation: the employer can now read it, and the public page shows it."""
    _require(context, MODERATE_SUGGESTIONS)
    await _move(
        context, suggestion_id, SuggestionStatus.PUBLISHED, {Suggestion.rejection_reason: ""}
    )


async def reject(context: EnterpriseContext, suggestion_id: int, reason: str) -> None:
    """Not taken up; the author reads the reason with the tracking code."""
    _require(context, MODERATE_SUGGESTIONS)
    reason = reason.strip()
    if not reason or len(reason) > rules.ANSWER_LIMIT:
        raise Invalid({"reason": _("Say why, so the worker who wrote it understands.")})
    await _move(
        context, suggestion_id, SuggestionStatus.REJECTED, {Suggestion.rejection_reason: reason}
    )


async def answer(context: EnterpriseContext, suggestion_id: int, text: str) -> None:
    """Answer a published suggestion (or correct an answer); the side answering is recorded."""
    _require(context, ANSWER_SUGGESTIONS)
    text = text.strip()
    if not text or len(text) > rules.ANSWER_LIMIT:
        raise Invalid(
            {
                "answer": _("Write the answer in at most {n} characters.").format(
                    n=format_number(rules.ANSWER_LIMIT)
                )
            }
        )
    role = next((r for r in (Role.HR, Role.UNION, Role.ADMIN) if r in context.roles), Role.ADMIN)
    await _move(
        context,
        suggestion_id,
        SuggestionStatus.ANSWERED,
        {
            Suggestion.answer: text,
            Suggestion.answered_by: context.actor.id,
            Suggestion.answered_role: role.value,
            Suggestion.answered_at: dt.datetime.now(dt.UTC),
        },
    )


async def _owned_ids(context: EnterpriseContext, ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(ids))
    if not wanted:
        raise Invalid(_("Tick at least one suggestion."))
    rows = (
        await Suggestion.select(Suggestion.id)
        .where(_visible(context))
        .where(Suggestion.id.is_in(wanted))
    )
    if len(rows) != len(wanted):
        raise NotFound
    return wanted


async def group(context: EnterpriseContext, ids: Iterable[int], label: str | None) -> None:
    """Put suggestions under one label (e.g. "Bữa ăn ca"); an empty label ungroups them."""
    _require(context, ORGANISE_SUGGESTIONS)
    label = " ".join((label or "").split())
    if len(label) > rules.GROUP_LIMIT:
        raise Invalid(
            {"group_label": _("At most {n} characters.").format(n=format_number(rules.GROUP_LIMIT))}
        )
    wanted = await _owned_ids(context, ids)
    async with write_transaction():
        await Suggestion.update({Suggestion.group_label: label}).where(Suggestion.id.is_in(wanted))
        for suggestion_id in wanted:
            await audit.record(
                context.actor,
                "suggestion.grouped",
                "suggestion",
                suggestion_id,
                context.enterprise_id,
            )


def parse_assignment(value: str | None) -> tuple[Topic, int | None]:
    """ "dialogue:12" -> (Topic.DIALOGUE, 12); "conference" -> (Topic.CONFERENCE, None)."""
    name, _sep, target = (value or Topic.GENERAL.value).partition(":")
    try:
        return Topic(name), int(target) if target else None
    except ValueError:
        raise Invalid({"assign_to": _("Choose one of the options offered.")}) from None


async def assign(
    context: EnterpriseContext, ids: Iterable[int], topic: Topic, target_id: int | None
) -> None:
    """Take suggestions up at a dialogue or a conference (or back to general)."""
    _require(context, ORGANISE_SUGGESTIONS)
    target_id = await _check_target(context, topic, target_id)
    wanted = await _owned_ids(context, ids)
    async with write_transaction():
        await Suggestion.update(
            {Suggestion.topic: topic.value, Suggestion.target_id: target_id}
        ).where(Suggestion.id.is_in(wanted))
        for suggestion_id in wanted:
            await audit.record(
                context.actor,
                "suggestion.assigned",
                "suggestion",
                suggestion_id,
                context.enterprise_id,
                topic=topic.value,
                target=target_id,
            )


async def release_target(context: EnterpriseContext, topic: Topic, target_id: int) -> int:
    """The dialogue or conference `target_id` is deleted: every suggestion assigned to it, read
    by the actor or not (one awaiting moderation is hidden from HR), waits for the next one of
    its kind. Runs in the deleting use case's transaction, which checked its own permission."""
    released = (
        await Suggestion.update({Suggestion.target_id: None})
        .where(
            (Suggestion.enterprise == context.enterprise_id)
            & (Suggestion.topic == topic.value)
            & (Suggestion.target_id == target_id)
        )
        .returning(Suggestion.id)
    )
    for row in released:
        await audit.record(
            context.actor,
            "suggestion.assigned",
            "suggestion",
            row["id"],
            context.enterprise_id,
            topic=topic.value,
            target=None,
        )
    return len(released)


# Reading --------------------------------------------------------------------------------------


async def list_suggestions(
    context: EnterpriseContext,
    topic: Topic | None = None,
    target_id: int | None = None,
    status: SuggestionStatus | Iterable[SuggestionStatus] | None = None,
) -> list[dict]:
    """The suggestions the actor may read, oldest first (for another module's agenda)."""
    _require(context, READ_SUGGESTIONS)
    query = Suggestion.select(*Suggestion.all_columns(exclude=[Suggestion.tracking_hash])).where(
        _visible(context)
    )
    if topic is not None:
        query = query.where(Suggestion.topic == topic.value)
    if target_id is not None:
        query = query.where(Suggestion.target_id == target_id)
    if status is not None:
        statuses = [status] if isinstance(status, SuggestionStatus) else list(status)
        query = query.where(Suggestion.status.is_in([s.value for s in statuses]))
    return await query.order_by(Suggestion.received_on).order_by(Suggestion.id)


BARGAINING_LIMIT = 50


async def for_bargaining(context: EnterpriseContext) -> list[dict] | None:
    """The workers' suggestions tagged for collective bargaining and taken up (published or
    answered), newest first, at most 50: what the worker side reads when it prepares bargaining
    (Labour Code 2019 Art. 70(4)), for the agreements module. Never the author's name or unit,
    whoever reads; None when the actor may not read suggestions (the federation sees counts
    only)."""
    if not context.can(READ_SUGGESTIONS):
        return None
    return (
        await Suggestion.select(
            Suggestion.id,
            Suggestion.kind,
            Suggestion.subject,
            Suggestion.body,
            Suggestion.received_on,
            Suggestion.status,
            Suggestion.answer,
            Suggestion.group_label,
        )
        .where(_visible(context))
        .where(Suggestion.topic == Topic.BARGAINING.value)
        .where(
            Suggestion.status.is_in(
                [SuggestionStatus.PUBLISHED.value, SuggestionStatus.ANSWERED.value]
            )
        )
        .order_by(Suggestion.received_on, Suggestion.id, ascending=False)
        .limit(BARGAINING_LIMIT)
    )


async def search(context: EnterpriseContext, query: SuggestionQuery) -> Page:
    _require(context, READ_SUGGESTIONS)
    clause = _visible(context)
    if query.status:
        clause &= Suggestion.status == query.status.value
    if query.topic:
        clause &= Suggestion.topic == query.topic.value
    if query.target_id is not None:
        clause &= Suggestion.target_id == query.target_id
    if query.kind:
        clause &= Suggestion.kind == query.kind.value
    if query.group:
        clause &= Suggestion.group_label == query.group
    if query.year:
        # A year the calendar cannot hold (typed into the address) holds no suggestion either.
        year = min(max(query.year, dt.MINYEAR), dt.MAXYEAR)
        clause &= (Suggestion.received_on >= dt.date(year, 1, 1)) & (
            Suggestion.received_on <= dt.date(year, 12, 31)
        )
    if query.q and query.q.strip():
        clause &= contains(Suggestion.subject, query.q.strip()) | contains(
            Suggestion.body, query.q.strip()
        )
    total = await Suggestion.count().where(clause)
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(query.page, pages))
    rows = (
        await Suggestion.select(
            Suggestion.id,
            Suggestion.kind,
            Suggestion.subject,
            Suggestion.channel,
            Suggestion.received_on,
            Suggestion.topic,
            Suggestion.target_id,
            Suggestion.group_label,
            Suggestion.status,
        )
        .where(clause)
        .order_by(Suggestion.received_on, Suggestion.id, ascending=query.sort == "oldest")
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)


async def group_labels(context: EnterpriseContext) -> list[str]:
    _require(context, READ_SUGGESTIONS)
    rows = (
        await Suggestion.select(Suggestion.group_label)
        .where(_visible(context))
        .where(Suggestion.group_label != "")
        .distinct()
        .order_by(Suggestion.group_label)
    )
    return [row["group_label"] for row in rows]


async def status_counts(context: EnterpriseContext) -> dict[str, int]:
    _require(context, READ_SUGGESTIONS)
    rows = (
        await Suggestion.select(Suggestion.status, Count())
        .where(_visible(context))
        .group_by(Suggestion.status)
    )
    return {row["status"]: row["count"] for row in rows}


async def answer_rate_for(enterprise_id: int, year: int) -> Rate:
    """Suggestions received in `year` and taken up, and how many are answered
    (`compliance.answer_rates` for many enterprises)."""
    return (await compliance.answer_rates([enterprise_id], year))[enterprise_id]


async def answer_rate(context: EnterpriseContext, year: int) -> Rate:
    """Counts only, so every role of the enterprise (the federation too) may read it."""
    _require(context, VIEW)
    return await answer_rate_for(context.enterprise_id, year)


async def year_figures(context: EnterpriseContext, year: int) -> compliance.YearFigures:
    """The year's counts and answer rate; counts only, so every role of the enterprise (the
    federation and the national reader too) may read them."""
    _require(context, VIEW)
    return await compliance.year_figures(context.enterprise_id, year)
