"""What the voting pages show: lists, the ballot page's figures, form values, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from labour_democracy.core import rules as core_rules
from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Worker
from labour_democracy.db import contains
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import permissions, services, tally, voters
from labour_democracy.voting.labels import describe_rule
from labour_democracy.voting.rules import Rule
from labour_democracy.voting.schemas import BallotResult
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    BallotStatus,
    Elector,
    ElectorateKind,
)
from labour_democracy.web.forms import FieldError, convert

PER_PAGE = 20


async def list_ballots(context: EnterpriseContext, status: str | None, page: int) -> Page:
    clause = Ballot.enterprise == context.enterprise_id
    if status in {s.value for s in BallotStatus}:
        clause &= Ballot.status == status
    total = await Ballot.count().where(clause)
    page = max(1, min(page, max(1, -(-total // PER_PAGE))))
    rows = (
        await Ballot.select(
            Ballot.id,
            Ballot.title,
            Ballot.purpose,
            Ballot.status,
            Ballot.secrecy,
            Ballot.electorate_size,
            Ballot.opened_at,
            Ballot.closed_at,
            Ballot.created_at,
        )
        .where(clause)
        .order_by(Ballot.id, ascending=False)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)


async def slips_issued(ballot_id: int) -> int:
    """How many slips of the ballot are valid (printed and not cancelled)."""
    return await BallotCode.count().where(
        (BallotCode.ballot == ballot_id) & (BallotCode.cancelled.eq(False))
    )


@dataclass
class BallotView:
    questions: list[dict]
    electorate_preview: int  # who would vote if the electorate were frozen now
    slips_issued: int
    slips_received: int
    turnout: services.Turnout | None
    result: BallotResult | None
    quorum: Rule
    electors: list[dict]


async def ballot_view(context: EnterpriseContext, ballot: Ballot) -> BallotView:
    questions = await services.questions_with_options(ballot.id)
    for question in questions:
        question["rule_text"] = describe_rule(services.rule_of(question), ballot.purpose)
    if ballot.frozen_at is None and ballot.electorate_kind != ElectorateKind.NAMED_LIST:
        preview = await Worker.count().where(await services.electorate_clause(ballot))
    else:
        preview = await Elector.count().where(Elector.ballot == ballot.id)
    result = None
    if ballot.status == BallotStatus.CLOSED and ballot.result:
        result = tally.unseal(ballot.result)
    elif permissions.can_see_results(context, ballot) and ballot.status == BallotStatus.OPEN:
        result = await tally.count(ballot.id)
    electors = []
    if ballot.frozen_at is not None and ballot.status != BallotStatus.CLOSED:
        electors = (
            await Elector.select(
                Elector.id,
                Elector.slip_received,
                Elector.worker.full_name.as_alias("name"),
                Elector.worker.employee_code.as_alias("code"),
            )
            .where(Elector.ballot == ballot.id)
            .order_by(Elector.worker.sort_key)
        )
    return BallotView(
        questions=questions,
        electorate_preview=preview,
        slips_issued=await BallotCode.count().where(
            (BallotCode.ballot == ballot.id) & BallotCode.cancelled.eq(False)
        ),
        slips_received=await Elector.count().where(
            (Elector.ballot == ballot.id) & Elector.slip_received.eq(True)
        ),
        turnout=await services.turnout(ballot) if ballot.status != BallotStatus.DRAFT else None,
        result=result,
        quorum=services.quorum_of(ballot),
        electors=electors,
    )


def form_values_of(ballot: Ballot) -> dict[str, Any]:
    quorum = services.quorum_of(ballot)
    return {
        "title": ballot.title,
        "explanation": ballot.explanation,
        "secrecy": ballot.secrecy,
        "channels": ballot.channels,
        "electorate_kind": ballot.electorate_kind,
        "electorate_unit": ballot.electorate_unit,
        "quorum_comparator": quorum.comparator.value,
        "quorum_numerator": quorum.numerator,
        "quorum_denominator": quorum.denominator,
        "opens_at": _local_input(ballot.opens_at),
        "closes_at": _local_input(ballot.closes_at),
    }


def _local_input(moment) -> str:
    return moment.astimezone(LOCAL_TIMEZONE).strftime("%Y-%m-%dT%H:%M") if moment else ""


async def elector_choices(context: EnterpriseContext, ballot: Ballot, q: str | None) -> list:
    listed = {
        row["worker"]
        for row in await Elector.select(Elector.worker).where(Elector.ballot == ballot.id)
    }
    clause = active_workers(context.enterprise_id, today())
    if q and q.strip():
        clause &= contains(Worker.search_name, core_rules.fold(q)) | contains(
            Worker.employee_code, q.strip()
        )
    workers = (
        await Worker.select(
            Worker.id,
            Worker.full_name,
            Worker.employee_code,
            Worker.org_unit.name.as_alias("unit"),
        )
        .where(clause)
        .order_by(Worker.sort_key)
        .limit(500)
    )
    for worker in workers:
        worker["listed"] = worker["id"] in listed
    listed_outside = listed - {w["id"] for w in workers}
    if listed_outside:
        extra = (
            await Worker.select(
                Worker.id,
                Worker.full_name,
                Worker.employee_code,
                Worker.org_unit.name.as_alias("unit"),
            )
            .where(Worker.id.is_in(list(listed_outside)))
            .order_by(Worker.sort_key)
        )
        workers = [{**w, "listed": True} for w in extra] + workers
    return workers


def read_counts(
    data: dict[str, Any], questions: list[dict]
) -> dict[tuple[int, int | None, bool], int]:
    """A tally sheet's fields c<question>_<option>, c<question>_blank, c<question>_invalid."""
    counts: dict[tuple[int, int | None, bool], int] = {}
    errors: dict[str, str] = {}
    for question in questions:
        keys = [(f"c{question['id']}_{o['id']}", o["id"], False) for o in question["options"]]
        keys += [
            (f"c{question['id']}_blank", None, False),
            (f"c{question['id']}_invalid", None, True),
        ]
        for name, option, invalid in keys:
            try:
                count = convert(data.get(name, "") or "0", int)
            except FieldError:
                count = -1
            if count < 0:
                # The question says it, and so does the box that is wrong.
                errors[f"q{question['id']}"] = _("Enter whole numbers of zero or more.")
                errors[name] = _("Enter whole numbers of zero or more.")
                continue
            counts[(question["id"], option, invalid)] = count
    if errors:
        raise Invalid(errors)
    return counts


def answer_summary(questions: list[dict], answers: voters.Answers) -> list[dict]:
    """Each question with the names the voter's answer gives votes to."""
    summary = []
    for question in questions:
        chosen = voters.chosen_options(question, list(answers.get(question["id"], [])))
        labels = [o["label"] for o in question["options"] if o["id"] in set(chosen)]
        summary.append({"question": question, "labels": labels})
    return summary


async def published_ballot(token: str, closed: bool = True) -> Ballot:
    ballot = await Ballot.objects().where(Ballot.public_token == token).first()
    if ballot is None:
        raise NotFound
    ballot = await services.close_if_due(ballot)
    if closed and (ballot.status != BallotStatus.CLOSED or not ballot.result):
        raise NotFound
    return ballot


async def enterprise_name(enterprise_id: int) -> str:
    row = await Enterprise.select(Enterprise.name).where(Enterprise.id == enterprise_id).first()
    return row["name"] if row else ""
