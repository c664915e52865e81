"""Use cases of the voting engine, called by consultations' pages and by other modules.

A ballot's life: draft (title, rules, electorate, questions) -> electorate frozen and codes
issued -> open -> votes on phones and paper, tally sheets -> closed (tally computed and hashed,
audited) -> results and receipts published. Other modules create ballots with
`create_ballot(..., purpose=..., quorum_minimum=..., )` and `add_question(..., rule_minimum=...)`,
passing the rule the law requires; organisers may choose stricter rules, never weaker ones.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from labour_democracy import db
from labour_democracy.core import audit
from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.names import sort_people
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, OrgUnit, Role, Worker
from labour_democracy.db import write_transaction
from labour_democracy.i18n import N_, today
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import casting, codes, documents, rules
from labour_democracy.voting import tally as tallying
from labour_democracy.voting.candidates import candidate_workers, questions_with_options
from labour_democracy.voting.electorate import electorate_clause
from labour_democracy.voting.labels import describe_rule
from labour_democracy.voting.permissions import MANAGE_BALLOTS, require_manager
from labour_democracy.voting.rules import Base, Rule
from labour_democracy.voting.schemas import BallotForm, IssuedCode, QuestionForm, TallySheetForm
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    BallotStatus,
    Channels,
    Elector,
    ElectorateKind,
    Option,
    Question,
    QuestionKind,
    Secrecy,
    TallyLine,
    TallySheet,
    Vote,
)

MOTION_ANSWERS = (("for", N_("For")), ("against", N_("Against")), ("abstain", N_("Abstain")))
MAX_OPTIONS = 200


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def require(context: EnterpriseContext, permission=MANAGE_BALLOTS) -> None:
    if not context.can(permission):
        raise Forbidden


async def get_ballot(context: EnterpriseContext, ballot_id: int, manage: bool = False) -> Ballot:
    ballot = await get_owned(context, Ballot, ballot_id)  # to change it: its manager only
    return await close_if_due(require_manager(context, ballot) if manage else ballot)


def _require_draft(ballot: Ballot) -> None:
    if ballot.status != BallotStatus.DRAFT:
        raise Conflict(_("The ballot is already open or closed; its set-up can no longer change."))


def quorum_of(ballot: Ballot) -> Rule:
    return Rule.decode(ballot.quorum_rule, ballot.quorum_source)


def rule_of(question) -> Rule:
    if isinstance(question, dict):
        return Rule.decode(question["rule"], question["rule_source"])
    return Rule.decode(question.rule, question.rule_source)


# Set-up ---------------------------------------------------------------------------------------


async def _check_ballot_form(
    context: EnterpriseContext, form: BallotForm, minimum: Rule, purpose: str
) -> Rule:
    errors: dict[str, str] = {}
    if not form.title or len(form.title) > 300:
        errors["title"] = _("Give a title of at most 300 characters.")
    if form.electorate_kind is ElectorateKind.ORG_UNIT:
        if form.electorate_unit is None:
            errors["electorate_unit"] = _("Choose the unit whose workers vote.")
        else:
            try:
                await get_owned(context, OrgUnit, form.electorate_unit)
            except NotFound:
                errors["electorate_unit"] = _("Choose a unit of this enterprise.")
    if form.opens_at and form.closes_at and form.closes_at <= form.opens_at:
        errors["closes_at"] = _("The vote must close after it opens.")
    quorum = None
    try:
        quorum = Rule(
            Base.ELECTORATE,
            form.quorum_comparator,
            form.quorum_numerator,
            form.quorum_denominator,
            minimum.source,
        )
    except ValueError:
        errors["quorum_numerator"] = _("The quorum is a fraction between 0 and 1, e.g. 2/3.")
    if quorum is not None and not quorum.is_at_least_as_strict_as(minimum):
        errors["quorum_numerator"] = _(
            "The quorum cannot be lower than the law requires here: {rule} ({source})."
        ).format(rule=describe_rule(minimum, purpose), source=_(minimum.source))
    if errors:
        raise Invalid(errors)
    assert quorum is not None
    if quorum.encode() != minimum.encode():
        quorum = Rule(
            quorum.base,
            quorum.comparator,
            quorum.numerator,
            quorum.denominator,
            rules.ORGANISER_CHOICE,
        )
    return quorum


async def create_ballot(
    context: EnterpriseContext,
    form: BallotForm,
    purpose: str = "consultation",
    quorum_minimum: Rule = rules.NO_QUORUM,
) -> int:
    require(context)
    quorum = await _check_ballot_form(context, form, quorum_minimum, purpose)
    async with write_transaction():
        ballot = Ballot(
            enterprise=context.enterprise_id,
            purpose=purpose,
            title=form.title,
            explanation=form.explanation or "",
            secrecy=form.secrecy,
            channels=form.channels,
            electorate_kind=form.electorate_kind,
            electorate_unit=form.electorate_unit
            if form.electorate_kind is ElectorateKind.ORG_UNIT
            else None,
            quorum_rule=quorum.encode(),
            quorum_source=quorum.source,
            quorum_minimum=quorum_minimum.encode(),
            opens_at=form.opens_at,
            closes_at=form.closes_at,
            public_token=secrets.token_urlsafe(12),
            created_by=context.actor.id,
        )
        await ballot.save()
        await audit.record(
            context.actor,
            "ballot.created",
            "ballot",
            ballot.id,
            context.enterprise_id,
            purpose=purpose,
        )
    return ballot.id


async def update_ballot(context: EnterpriseContext, ballot_id: int, form: BallotForm) -> None:
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    minimum = Rule.decode(ballot.quorum_minimum, ballot.quorum_source)
    quorum = await _check_ballot_form(context, form, minimum, ballot.purpose)
    async with write_transaction():
        await Ballot.update(
            {
                Ballot.title: form.title,
                Ballot.explanation: form.explanation or "",
                Ballot.secrecy: form.secrecy,
                Ballot.channels: form.channels,
                Ballot.electorate_kind: form.electorate_kind,
                Ballot.electorate_unit: form.electorate_unit
                if form.electorate_kind is ElectorateKind.ORG_UNIT
                else None,
                Ballot.quorum_rule: quorum.encode(),
                Ballot.quorum_source: quorum.source,
                Ballot.opens_at: form.opens_at,
                Ballot.closes_at: form.closes_at,
            }
        ).where(Ballot.id == ballot.id)
        if form.electorate_kind is not ElectorateKind.NAMED_LIST:
            await Elector.delete().where(Elector.ballot == ballot.id)
        await audit.record(
            context.actor, "ballot.updated", "ballot", ballot.id, context.enterprise_id
        )


async def attach_document(
    context: EnterpriseContext, ballot_id: int, name: str, content_type: str, content: bytes
) -> None:
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    if len(content) > 10 * 1024 * 1024:
        raise Invalid({"attachment": _("The file is larger than 10 MB.")})
    async with write_transaction():
        await Ballot.update(
            {
                Ballot.attachment_name: name[:255],
                Ballot.attachment_type: content_type[:100],
                Ballot.attachment: content,
            }
        ).where(Ballot.id == ballot.id)
        await audit.record(
            context.actor, "ballot.attachment_added", "ballot", ballot.id, context.enterprise_id
        )


def _question_rule(form: QuestionForm, minimum: Rule, purpose: str) -> Rule:
    try:
        rule = Rule(
            form.rule_base,
            form.rule_comparator,
            form.rule_numerator,
            form.rule_denominator,
            minimum.source,
        )
    except ValueError:
        raise Invalid(
            {"rule_numerator": _("The threshold is a fraction between 0 and 1, e.g. 1/2.")}
        ) from None
    if not rule.is_at_least_as_strict_as(minimum):
        raise Invalid(
            {
                "rule_numerator": _(
                    "The threshold cannot be lower than the law requires here: {rule} ({source})."
                ).format(rule=describe_rule(minimum, purpose), source=_(minimum.source))
            }
        )
    if rule.encode() == minimum.encode():
        return minimum
    return Rule(
        rule.base, rule.comparator, rule.numerator, rule.denominator, rules.ORGANISER_CHOICE
    )


def _question_shape(form: QuestionForm) -> tuple[list[str], int, int, int | None]:
    """Options, min and max selections, seats; raises Invalid for an impossible question."""
    errors: dict[str, str] = {}
    if not form.text or len(form.text) > 2000:
        errors["text"] = _("Write the question (at most 2,000 characters).")
    labels = [line.strip() for line in (form.options or "").splitlines() if line.strip()]
    if form.kind is QuestionKind.MOTION:
        if errors:
            raise Invalid(errors)
        return [], 1, 1, None
    if len({label.casefold() for label in labels}) != len(labels):
        errors["options"] = _("Each option or candidate may appear only once.")
    if any(len(label) > 300 for label in labels):
        errors["options"] = _("An option has at most 300 characters.")
    if len(labels) > MAX_OPTIONS:
        errors["options"] = _("At most {n} options.").format(n=MAX_OPTIONS)
    if form.kind is QuestionKind.CHOICE:
        if len(labels) < 2:
            errors["options"] = _("A choice needs at least two options, one per line.")
        elif not 1 <= form.max_selections <= len(labels):
            errors["max_selections"] = _("Voters may pick between 1 and {n} options.").format(
                n=len(labels)
            )
        if errors:
            raise Invalid(errors)
        return labels, 1, form.max_selections, None
    if len(labels) < 1:
        errors["options"] = _("List the candidates, one per line.")
    elif not 1 <= form.seats <= len(labels):
        errors["seats"] = _(
            "The seats must be between 1 and the number of candidates ({n})."
        ).format(n=len(labels))
    if errors:
        raise Invalid(errors)
    # Ticking or striking, a valid ballot keeps at most `seats` names (fewer is allowed).
    return labels, 0, form.seats, form.seats


async def add_question(
    context: EnterpriseContext,
    ballot_id: int,
    form: QuestionForm,
    rule_minimum: Rule | None = None,
) -> int:
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    minimum = rule_minimum or (
        rules.ELECTION_MAJORITY if form.kind is QuestionKind.ELECTION else rules.ANY_RULE
    )
    fixed = rules.PURPOSE_MINIMUMS.get(ballot.purpose)
    if fixed is not None and not minimum.is_at_least_as_strict_as(fixed):
        minimum = fixed
    labels, min_selections, max_selections, seats = _question_shape(form)
    rule = _question_rule(form, minimum, ballot.purpose)
    async with write_transaction():
        position = await Question.count().where(Question.ballot == ballot.id) + 1
        question = Question(
            ballot=ballot.id,
            position=position,
            kind=form.kind,
            text=form.text,
            min_selections=min_selections,
            max_selections=max_selections,
            seats=seats,
            method=form.method if form.kind is QuestionKind.ELECTION else None,
            rule=rule.encode(),
            rule_source=rule.source,
            rule_minimum=minimum.encode(),
        )
        await question.save()
        if form.kind is QuestionKind.MOTION:
            options = [
                Option(
                    question=question.id, ballot=ballot.id, position=i + 1, label=label, role=role
                )
                for i, (role, label) in enumerate(MOTION_ANSWERS)
            ]
        elif form.kind is QuestionKind.ELECTION:
            # Candidates in Vietnamese name order, linked to the roster (position and unit).
            workers = await candidate_workers(context.enterprise_id, labels)
            options = [
                Option(question=question.id, ballot=ballot.id, position=i + 1, label=label)
                for i, label in enumerate(sort_people(labels))
            ]
            for option in options:
                option.worker = workers.get(option.label)
        else:
            options = [
                Option(question=question.id, ballot=ballot.id, position=i + 1, label=label)
                for i, label in enumerate(labels)
            ]
        await Option.insert(*options)
        await audit.record(
            context.actor,
            "ballot.question_added",
            "ballot",
            ballot.id,
            context.enterprise_id,
            question=question.id,
        )
    return question.id


async def delete_question(context: EnterpriseContext, ballot_id: int, question_id: int) -> None:
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    question = (
        await Question.objects()
        .where((Question.id == question_id) & (Question.ballot == ballot.id))
        .first()
    )
    if question is None:
        raise NotFound
    async with write_transaction():
        await Question.delete().where(Question.id == question.id)
        await Question.update({Question.position: Question.position - 1}).where(
            (Question.ballot == ballot.id) & (Question.position > question.position)
        )
        await audit.record(
            context.actor,
            "ballot.question_removed",
            "ballot",
            ballot.id,
            context.enterprise_id,
            question=question_id,
        )


async def set_named_list(context: EnterpriseContext, ballot_id: int, worker_ids: list[int]) -> int:
    """The electors of a named-list ballot (e.g. conference delegates), before freezing."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    if ballot.electorate_kind != ElectorateKind.NAMED_LIST:
        raise Conflict(_("This ballot's electorate is not a named list."))
    wanted = set(worker_ids)
    found = {
        row["id"]
        for row in await Worker.select(Worker.id).where(
            Worker.id.is_in(list(wanted) or [-1]) & active_workers(context.enterprise_id, today())
        )
    }
    if found != wanted:
        raise Invalid(
            {"workers": _("Some of the chosen people are not active workers of this enterprise.")}
        )
    async with write_transaction():
        await Elector.delete().where(Elector.ballot == ballot.id)
        if wanted:
            await Elector.insert(*(Elector(ballot=ballot.id, worker=w) for w in sorted(wanted)))
        await audit.record(
            context.actor,
            "ballot.electorate_listed",
            "ballot",
            ballot.id,
            context.enterprise_id,
            electors=len(wanted),
        )
    return len(wanted)


async def _freeze(context: EnterpriseContext, ballot: Ballot) -> int:
    """Fix the electorate (inside the caller's write transaction); returns its size."""
    if ballot.frozen_at is not None:
        return ballot.electorate_size or 0
    if ballot.electorate_kind != ElectorateKind.NAMED_LIST:
        workers = (
            await Worker.select(Worker.id)
            .where(await electorate_clause(ballot))
            .order_by(Worker.id)
        )
        await Elector.delete().where(Elector.ballot == ballot.id)
        if workers:
            await Elector.insert(*(Elector(ballot=ballot.id, worker=w["id"]) for w in workers))
    size = await Elector.count().where(Elector.ballot == ballot.id)
    if size == 0:
        raise Conflict(_("Nobody is in the electorate; check the roster or the chosen group."))
    moment = now()
    await Ballot.update({Ballot.electorate_size: size, Ballot.frozen_at: moment}).where(
        Ballot.id == ballot.id
    )
    ballot.electorate_size, ballot.frozen_at = size, moment
    await audit.record(
        context.actor,
        "ballot.electorate_frozen",
        "ballot",
        ballot.id,
        context.enterprise_id,
        electorate=size,
    )
    return size


async def issue_codes(context: EnterpriseContext, ballot_id: int) -> list[IssuedCode]:
    """One code per elector; freezes the electorate. The plain codes are returned once, for the
    slips, and never stored. Issuing again before the vote opens cancels the earlier codes."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    if not await Question.exists().where(Question.ballot == ballot.id):
        raise Conflict(_("Add at least one question before printing the slips."))
    named = ballot.secrecy == Secrecy.NAMED
    async with write_transaction():
        await _freeze(context, ballot)
        electors = (
            await Elector.select(Elector.id, Elector.worker.full_name.as_alias("name"))
            .where(Elector.ballot == ballot.id)
            .order_by(Elector.id)
        )
        cancelled = await BallotCode.count().where(
            (BallotCode.ballot == ballot.id) & (BallotCode.cancelled.eq(False))
        )
        await BallotCode.update({BallotCode.cancelled: True}).where(BallotCode.ballot == ballot.id)
        first = await BallotCode.count().where(BallotCode.ballot == ballot.id) + 1
        issued: list[IssuedCode] = []
        rows = []
        for offset, elector in enumerate(electors):
            code = rules.new_code()
            serial = first + offset
            rows.append(
                BallotCode(
                    ballot=ballot.id,
                    code_hash=codes.code_hash(code),
                    serial=serial,
                    elector=elector["id"] if named else None,
                )
            )
            issued.append(IssuedCode(serial, code, elector["name"] if named else None))
        await BallotCode.insert(*rows)
        await audit.record(
            context.actor,
            "ballot.codes_issued",
            "ballot",
            ballot.id,
            context.enterprise_id,
            issued=len(issued),
            cancelled=cancelled,
        )
    return issued


async def replace_code(context: EnterpriseContext, ballot_id: int, serial: int) -> IssuedCode:
    """A lost or spoiled slip: cancel its unused code and issue one new code in its place."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    if ballot.status == BallotStatus.CLOSED:
        raise Conflict(_("The ballot is closed."))
    async with write_transaction():
        old = (
            await BallotCode.objects()
            .where((BallotCode.ballot == ballot.id) & (BallotCode.serial == serial))
            .first()
        )
        if old is None or old.cancelled:
            raise Invalid({"serial": _("No valid slip has this number.")})
        if await Vote.exists().where(
            (Vote.ballot == ballot.id) & (Vote.nullifier == codes.nullifier(old.code_hash))
        ):
            raise Conflict(
                _("This slip's code has already been used to vote; it cannot be replaced.")
            )
        await BallotCode.update({BallotCode.cancelled: True}).where(BallotCode.id == old.id)
        code = rules.new_code()
        new_serial = await BallotCode.count().where(BallotCode.ballot == ballot.id) + 1
        await BallotCode.insert(
            BallotCode(
                ballot=ballot.id,
                code_hash=codes.code_hash(code),
                serial=new_serial,
                elector=old.elector,
            )
        )
        await audit.record(
            context.actor,
            "ballot.code_cancelled",
            "ballot",
            ballot.id,
            context.enterprise_id,
            serial=serial,
        )
        await audit.record(
            context.actor,
            "ballot.code_issued",
            "ballot",
            ballot.id,
            context.enterprise_id,
            serial=new_serial,
            replaces=serial,
        )
    name = None
    if old.elector is not None:
        row = (
            await Elector.select(Elector.worker.full_name.as_alias("name"))
            .where(Elector.id == old.elector)
            .first()
        )
        name = row["name"]
    return IssuedCode(new_serial, code, name)


async def record_slips_received(
    context: EnterpriseContext, ballot_id: int, elector_ids: list[int]
) -> int:
    """The signature sheet, typed in: these electors signed for a slip (which one is not kept)."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    async with write_transaction():
        await Elector.update({Elector.slip_received: True}).where(
            (Elector.ballot == ballot.id) & Elector.id.is_in(elector_ids or [-1])
        )
        await audit.record(
            context.actor,
            "ballot.slips_received",
            "ballot",
            ballot.id,
            context.enterprise_id,
            electors=len(elector_ids),
        )
    return len(elector_ids)


# Opening and closing ---------------------------------------------------------------------------


async def open_ballot(
    context: EnterpriseContext,
    ballot_id: int,
    present: int | None = None,
    present_required: bool = False,
) -> None:
    """Open the vote. A caller that counts attendance (a conference) passes `present`; the vote
    then cannot open while the quorum is missing."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    _require_draft(ballot)
    if not await Question.exists().where(Question.ballot == ballot.id):
        raise Conflict(_("Add at least one question before opening the vote."))
    if ballot.closes_at is not None and ballot.closes_at <= now():
        raise Conflict(_("The closing time has already passed; change it first."))
    async with write_transaction():
        electorate = await _freeze(context, ballot)
        if present_required and present is None:
            raise Conflict(_("Attendance must be counted before the vote opens."))
        if present is not None:
            quorum = quorum_of(ballot)
            if not rules.quorum_reached(quorum, present, electorate):
                raise Conflict(
                    _(
                        "The quorum is not reached: {present} present of {electorate}; {rule} "
                        "needs {needed} ({source})."
                    ).format(
                        present=present,
                        electorate=electorate,
                        rule=describe_rule(quorum, ballot.purpose),
                        needed=quorum.smallest_count(electorate),
                        source=_(quorum.source),
                    )
                )
        has_codes = await BallotCode.exists().where(
            (BallotCode.ballot == ballot.id) & (BallotCode.cancelled.eq(False))
        )
        if not has_codes and ballot.channels != Channels.PAPER:
            raise Conflict(_("Print the slips (issue the codes) before opening an online vote."))
        await Ballot.update(
            {Ballot.status: BallotStatus.OPEN, Ballot.opened_at: now(), Ballot.present: present}
        ).where(Ballot.id == ballot.id)
        await audit.record(
            context.actor,
            "ballot.opened",
            "ballot",
            ballot.id,
            context.enterprise_id,
            electorate=electorate,
            present=present,
        )


async def close_ballot(
    context: EnterpriseContext, ballot_id: int, *, chairs: Sequence[str] = ()
) -> str:
    """Close the vote, count it, keep the result with its hash and issue the vote-count
    minutes (signed by the tellers and `chairs`, who chaired the vote where someone did), all
    in one transaction; returns the result's hash."""
    require(context)
    require_manager(context, ballot := await get_owned(context, Ballot, ballot_id))
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(_("Only an open vote can be closed; a closed vote is never reopened."))
    async with write_transaction():
        closed = (
            await Ballot.update({Ballot.status: BallotStatus.CLOSED, Ballot.closed_at: now()})
            .where((Ballot.id == ballot.id) & (Ballot.status == BallotStatus.OPEN))
            .returning(Ballot.closed_at)
        )
        if not closed:
            raise Conflict(_("Only an open vote can be closed; a closed vote is never reopened."))
        ballot.closed_at = closed[0]["closed_at"]
        # Votes that arrived one at a time sit in the order they were cast: rewrite them.
        await casting.reshuffle(ballot.id)
        result = await tallying.count(ballot.id)
        text, digest = tallying.seal(result)
        minutes = await documents.issue_minutes(
            context, ballot, result, await questions_with_options(ballot.id), chairs
        )
        await Ballot.update(
            {Ballot.result: text, Ballot.result_hash: digest, Ballot.minutes: minutes.id}
        ).where(Ballot.id == ballot.id)
        await audit.record(
            context.actor,
            "ballot.closed",
            "ballot",
            ballot.id,
            ballot.enterprise,
            result_hash=digest,
            cast=result.cast,
            minutes=minutes.reference,
        )
    await db.forget_deleted_rows()
    return digest


async def close_if_due(ballot: Ballot) -> Ballot:
    """Votes close themselves at their end time: the first look after it closes them."""
    if ballot.status == BallotStatus.OPEN and ballot.closes_at and ballot.closes_at <= now():
        enterprise = await Enterprise.objects().where(Enterprise.id == ballot.enterprise).first()
        system = EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN}))
        with suppress(Conflict):  # someone else closed it a moment ago
            await close_ballot(system, ballot.id)
        ballot = await Ballot.objects().where(Ballot.id == ballot.id).first()
    return ballot


# Voting ---------------------------------------------------------------------------------------


async def add_tally_sheet(
    context: EnterpriseContext,
    ballot_id: int,
    form: TallySheetForm,
    counts: dict[tuple[int, int | None, bool], int],
) -> int:
    """Totals counted by two tellers (show of hands, or paper without codes)."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    if ballot.status != BallotStatus.OPEN:
        raise Conflict(_("Counted totals are entered while the vote is open."))
    errors: dict[str, str] = {}
    if form.ballots < 0:
        errors["ballots"] = _("Enter a number of zero or more.")
    if not form.teller_one or not form.teller_two:
        errors["teller_two"] = _("Two tellers sign off the count.")
    elif form.teller_one.strip().casefold() == form.teller_two.strip().casefold():
        errors["teller_two"] = _("The two tellers must be different people.")
    questions = await questions_with_options(ballot.id)
    for question in questions:
        field = f"q{question['id']}"
        total = sum(n for (q, _o, _i), n in counts.items() if q == question["id"])
        if any(n < 0 for (q, _o, _i), n in counts.items() if q == question["id"]):
            errors[field] = _("Counts cannot be negative.")
        elif question["max_selections"] == 1 and total > form.ballots:
            errors[field] = _("The answers add up to more than the ballots counted ({n}).").format(
                n=form.ballots
            )
        elif total > form.ballots * question["max_selections"]:
            errors[field] = _("More marks than the ballots allow.")
    known = {(q["id"], o["id"]) for q in questions for o in q["options"]}
    if any(o is not None and (q, o) not in known for (q, o, _i) in counts):
        errors[""] = _("A count refers to an option of another vote.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        sheet = TallySheet(
            ballot=ballot.id,
            kind=form.kind,
            ballots=form.ballots,
            teller_one=form.teller_one,
            teller_two=form.teller_two,
            note=form.note or "",
            entered_by=context.actor.id,
        )
        await sheet.save()
        lines = [
            TallyLine(sheet=sheet.id, ballot=ballot.id, question=q, option=o, invalid=inv, count=n)
            for (q, o, inv), n in counts.items()
            if n
        ]
        if lines:
            await TallyLine.insert(*lines)
        await audit.record(
            context.actor,
            "ballot.tally_sheet_added",
            "ballot",
            ballot.id,
            context.enterprise_id,
            sheet=sheet.id,
            ballots=form.ballots,
        )
    return sheet.id


# Reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turnout:
    electorate: int
    cast: int
    participants: int
    quorum: Rule
    quorum_reached: bool
    needed: int


async def turnout(ballot: Ballot) -> Turnout:
    """Live figures for the projector: never a partial result."""
    cast_online = await Vote.count().where(Vote.ballot == ballot.id)
    sheets = await TallySheet.select(TallySheet.ballots).where(TallySheet.ballot == ballot.id)
    cast = cast_online + sum(s["ballots"] for s in sheets)
    electorate = ballot.electorate_size or 0
    participants = ballot.present if ballot.present is not None else cast
    quorum = quorum_of(ballot)
    return Turnout(
        electorate,
        cast,
        participants,
        quorum,
        electorate > 0 and rules.quorum_reached(quorum, participants, electorate),
        quorum.smallest_count(electorate),
    )
