"""The dialogue calendar a phone subscribes to: its secret feed address (renewed when a phone
is lost) and the iCalendar feed of dialogues and deadlines (deadlines.py computes them)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import icalendar

from labour_democracy.core import audit
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, labels, regulation
from labour_democracy.dialogue.deadlines import deadlines
from labour_democracy.dialogue.permissions import MANAGE_DIALOGUE
from labour_democracy.dialogue.tables import (
    Dialogue,
    DialogueSettings,
    DialogueStatus,
)
from labour_democracy.i18n import gettext as _

EVENT_LENGTH = dt.timedelta(hours=2)


async def renew_calendar_token(context: EnterpriseContext) -> None:
    """A new secret feed address; the old one stops working (e.g. a lost phone)."""
    inputs.require(context, MANAGE_DIALOGUE)
    settings = await regulation.settings_for(context.enterprise_id)
    async with write_transaction():
        await DialogueSettings.update(
            {DialogueSettings.calendar_token: secrets.token_urlsafe()}
        ).where(DialogueSettings.id == settings.id)
        await audit.record(
            context.actor,
            "dialogue.calendar_token",
            "dialogue_settings",
            settings.id,
            context.enterprise_id,
        )


async def enterprise_for_token(token: str) -> Enterprise | None:
    row = (
        await DialogueSettings.select(DialogueSettings.enterprise)
        .where(DialogueSettings.calendar_token == token)
        .first()
    )
    if row is None:
        return None
    return await Enterprise.objects().where(Enterprise.id == row["enterprise"]).first()


async def feed(enterprise: Enterprise, site: str) -> bytes:
    """An iCalendar feed: each dialogue at its time and place, each deadline as a whole day."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//labour-democracy//dialogue//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Workplace dialogue — {name}").format(name=enterprise.name))
    stamp = dt.datetime.now(dt.UTC)
    host = site.split("//")[-1].strip("/") or "labour-democracy"
    dialogues = await Dialogue.select().where(
        (Dialogue.enterprise == enterprise.id)
        & (Dialogue.status != DialogueStatus.CALLED_OFF.value)
    )
    for row in dialogues:
        row["title"] = labels.dialogue_title(row["title"], row["title_key"])
        event = icalendar.Event()
        event.add("uid", f"dialogue-{row['id']}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", row["title"])
        event.add("dtstart", row["scheduled_at"])
        event.add("dtend", row["scheduled_at"] + EVENT_LENGTH)
        event.add("location", row["place"])
        event.add("url", f"{site}/enterprises/{enterprise.id}/dialogue/{row['id']}")
        cal.add_component(event)
    for due in await deadlines(enterprise):
        # Stable across fetches, so a subscribed calendar updates the entry instead of adding one.
        key = hashlib.sha256(f"{due.url}|{due.legal_source}|{due.title}".encode()).hexdigest()
        event = icalendar.Event()
        event.add("uid", f"dialogue-due-{key[:24]}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", due.title)
        event.add("dtstart", due.due_on)
        event.add("dtend", due.due_on + dt.timedelta(days=1))
        event.add("description", f"{due.owner} — {due.legal_source}")
        event.add("url", f"{site}{due.url}")
        cal.add_component(event)
    return cal.to_ical()
