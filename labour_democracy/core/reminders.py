"""What is due: each module declares the sources of its deadlines in its manifest (`due`);
pages and e-mail show them.

Deadlines are computed from each module's records when asked (the conference timeline, the
reply to a dialogue request, the renewal of a member list...), never copied into a table of
their own, so they cannot drift from the records they come from.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import today
from labour_democracy.manifest import installed
from labour_democracy.settings import Settings

log = logging.getLogger("labour_democracy.reminders")
SOON_DAYS = 30


@dataclass(frozen=True)
class Due:
    """One deadline: what, by when, who acts, and where to act on it."""

    title: str  # already in the current language
    due_on: dt.date
    url: str
    owner: str = ""
    legal_source: str = ""
    # What the date skipped, when counted in working days (core.calendar.explain).
    note: str = ""

    def is_overdue(self, on: dt.date) -> bool:
        return self.due_on < on


@dataclass(frozen=True)
class Agenda:
    overdue: list[Due]
    soon: list[Due]


async def agenda(
    context: EnterpriseContext, on: dt.date | None = None, horizon_days: int = SOON_DAYS
) -> Agenda:
    """Open deadlines of the enterprise the actor may see: overdue, then due soon."""
    on = on or today()
    items: list[Due] = []
    for manifest in installed():
        for source in manifest.due:
            items += await source(context)
    items.sort(key=lambda item: item.due_on)
    horizon = on + dt.timedelta(days=horizon_days)
    return Agenda(
        overdue=[item for item in items if item.is_overdue(on)],
        soon=[item for item in items if on <= item.due_on <= horizon],
    )


def send_digest(settings: Settings, to: list[str], subject: str, lines: list[str]) -> bool:
    """E-mail one digest; False (and a log line) when SMTP is not configured or fails."""
    if not settings.smtp_host or not to:
        return False
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = (
        subject,
        settings.smtp_sender,
        ", ".join(to),
    )
    message.set_content("\n".join(lines))
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("reminder e-mail not sent: %s", error)
        return False
    return True
