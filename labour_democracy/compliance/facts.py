"""The facts the dashboard counts: reported by the federation for an enterprise that does not
use the app (conference held on …, agreement signed on …, petitions received and resolved),
entered by hand or imported, and recorded from the records of an enterprise that does, with a
link to the evidence. Each change moves the tallies in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from labour_democracy.compliance import obligations, rules, tallies
from labour_democracy.compliance.permissions import ACT_ON_ENTERPRISE
from labour_democracy.compliance.tables import Fact, FactSource, FactState, RegisterEntry
from labour_democracy.core import audit
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.manifest import ObligationResult


def state_of(met: bool | None) -> str:
    if met is None:
        return FactState.NOTHING_DUE
    return FactState.MET if met else FactState.NOT_MET


async def put(
    enterprise_id: int,
    year: int,
    obligation: str,
    state: str,
    *,
    on: dt.date | None,
    source: FactSource,
    evidence: str = "",
    note: str = "",
    entered_by: int | None = None,
    done: int | None = None,
    total: int | None = None,
) -> None:
    """Write one fact and move the tallies; inside a transaction. The enterprise must be on
    the register."""
    entry = await RegisterEntry.select().where(RegisterEntry.enterprise == enterprise_id).first()
    if entry is None:
        raise Invalid(_("Put the enterprise on the register first."))
    old = (
        await Fact.select(Fact.id, Fact.state, Fact.done, Fact.total)
        .where(
            (Fact.enterprise == enterprise_id)
            & (Fact.year == year)
            & (Fact.obligation == obligation)
        )
        .first()
    )
    values = {
        Fact.state: state,
        Fact.on: on,
        Fact.source: source.value,
        Fact.evidence: evidence,
        Fact.done: done,
        Fact.total: total,
        Fact.note: note,
        Fact.entered_by: entered_by,
        Fact.updated_at: dt.datetime.now(dt.UTC),
    }
    if old is None:
        await Fact.insert(
            Fact(
                enterprise=enterprise_id,
                year=year,
                obligation=obligation,
                **{column._meta.name: value for column, value in values.items()},
            )
        )
    else:
        await Fact.update(values).where(Fact.id == old["id"])
    await tallies.move_fact(
        year,
        obligation,
        tallies.dims_of(entry),
        tallies.counted_of(old) if old else None,
        tallies.Counted(state, done or 0, total or 0),
    )


def count_errors(received: int | None, resolved: int | None) -> dict[str, str]:
    """The refusals of a reported count of items (petitions received and resolved in the
    year): both or neither, no negative number, no more resolved than received."""
    errors = {}
    for name, value in (("received", received), ("resolved", resolved)):
        if value is not None and value < 0:
            errors[name] = _("Write a number of 0 or more.")
    if errors:
        return errors
    if (received is None) != (resolved is None):
        errors["received" if received is None else "resolved"] = _(
            "Give both numbers, received and resolved, or neither."
        )
    elif received is not None and resolved is not None and resolved > received:
        errors["resolved"] = _("More resolved than received.")
    return errors


def reported_state(met: bool, received: int | None, resolved: int | None) -> str:
    """A reported fact's state: from its counts when it gives them, as for the app's records
    (done when every item received was resolved, nothing due when none was received)."""
    if received is not None and resolved is not None:
        return state_of(ObligationResult.counted(resolved, received, "").met)
    return FactState.MET if met else FactState.NOT_MET


async def report(
    context: EnterpriseContext,
    *,
    obligation: str,
    year: int,
    met: bool,
    on: dt.date | None,
    note: str = "",
    received: int | None = None,
    resolved: int | None = None,
) -> None:
    """A fact the federation reports for an enterprise ("conference held on 12/03/2026"; "48
    petitions received, 45 resolved"). A date in the future is refused; a "met" fact without
    counts needs its date."""
    if not context.can(ACT_ON_ENTERPRISE):
        raise Forbidden
    actor, enterprise_id = context.actor, context.enterprise_id
    errors = count_errors(received, resolved)
    counted = received is not None and resolved is not None
    if obligation not in obligations.by_key():
        errors["obligation"] = _("Choose an obligation.")
    if rules.fact_date_refusal(on, today()):
        errors["on"] = _("The date cannot be in the future.")
    elif met and on is None and not counted:
        errors["on"] = _("Give the date it was done.")
    elif on is not None and on.year > year:
        errors["on"] = _("The date is after the year it counts for.")
    if year > today().year or year < 2000:
        errors["year"] = _("Choose a year up to this one.")
    if errors:
        raise Invalid(errors)
    state = reported_state(met, received, resolved)
    async with write_transaction():
        await put(
            enterprise_id,
            year,
            obligation,
            state,
            on=on,
            source=FactSource.REPORTED,
            note=note,
            entered_by=actor.id,
            done=resolved,
            total=received,
        )
        await audit.record(
            actor,
            "compliance.fact_reported",
            "enterprise",
            enterprise_id,
            enterprise_id,
            obligation=obligation,
            year=year,
            met=state == FactState.MET,
        )


async def sync_recorded(enterprise_ids: Sequence[int], year: int) -> int:
    """Read every obligation of `year` from the records of enterprises that use the app and
    keep them as recorded facts. A recorded fact replaces a recorded one, fills a gap, or
    replaces a reported one when the records show the obligation met. Returns the facts
    written."""
    if not enterprise_ids:
        return 0
    written = 0
    results: dict[str, dict[int, ObligationResult]] = {}
    for obligation in obligations.declared():
        results[obligation.key] = await obligation.compute(list(enterprise_ids), year)
    existing = {
        (row["enterprise"], row["obligation"]): row
        for row in await Fact.select(
            Fact.enterprise,
            Fact.obligation,
            Fact.state,
            Fact.source,
            Fact.on,
            Fact.evidence,
            Fact.done,
            Fact.total,
        ).where(Fact.enterprise.is_in(list(enterprise_ids)) & (Fact.year == year))
    }
    async with write_transaction():
        for key, by_enterprise in results.items():
            for enterprise_id, result in by_enterprise.items():
                state = state_of(result.met)
                old = existing.get((enterprise_id, key))
                if old and old["source"] == FactSource.REPORTED and state != FactState.MET:
                    continue
                if (
                    old
                    and old["state"] == state
                    and old["source"] == FactSource.RECORDED
                    and old["on"] == result.on
                    and old["evidence"] == result.evidence
                    and old["done"] == result.done
                    and old["total"] == result.total
                ):
                    continue
                await put(
                    enterprise_id,
                    year,
                    key,
                    state,
                    on=result.on,
                    source=FactSource.RECORDED,
                    evidence=result.evidence,
                    done=result.done,
                    total=result.total,
                )
                written += 1
    return written
