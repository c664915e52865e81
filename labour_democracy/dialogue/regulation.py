"""The regulation's dialogue part (Quy chế đối thoại tại nơi làm việc, Decree 145 Art. 37):
how many periodic dialogues a year and in which months, when the regulation was adopted, and
how many working days the worker side has to answer an event's document.
"""

from __future__ import annotations

import datetime as dt

from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, rules
from labour_democracy.dialogue.permissions import EDIT_REGULATION
from labour_democracy.dialogue.schemas import SettingsForm
from labour_democracy.dialogue.tables import DialogueSettings
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


def parse_months(text: str) -> list[int]:
    months = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if part.strip():
            # ASCII digits only: "²" passes isdigit() and then fails int().
            if not (part.strip().isascii() and part.strip().isdigit()):
                raise Invalid({"periodic_months": _("List the months as numbers, e.g. 6 or 3, 9.")})
            months.append(int(part))
    return months


async def settings_for(enterprise_id: int) -> DialogueSettings:
    """The enterprise's settings, created with the law's defaults on first use."""
    found = (
        await DialogueSettings.objects().where(DialogueSettings.enterprise == enterprise_id).first()
    )
    if found:
        return found
    async with write_transaction():
        found = (
            await DialogueSettings.objects()
            .where(DialogueSettings.enterprise == enterprise_id)
            .first()
        )
        if found is None:
            found = DialogueSettings(enterprise=enterprise_id)
            await found.save()
    return found


async def update_settings(context: EnterpriseContext, form: SettingsForm) -> None:
    inputs.require(context, EDIT_REGULATION)
    months = parse_months(form.periodic_months)
    errors: dict[str, str] = {}
    if form.periodic_per_year < rules.PERIODIC_MINIMUM_PER_YEAR:
        errors["periodic_per_year"] = _(
            "The law requires at least one periodic dialogue a year "
            "(Labour Code 45/2019/QH14, Art. 63(2)(a))."
        )
    elif not rules.periodic_months_valid(form.periodic_per_year, months):
        errors["periodic_months"] = _(
            "Give one month (1 to 12) for each periodic dialogue, each month once."
        )
    if not 1 <= form.event_reply_days <= 30:
        errors["event_reply_days"] = _("Between 1 and 30 working days.")
    if form.regulation_adopted_on and form.regulation_adopted_on > today():
        errors["regulation_adopted_on"] = _("This date cannot be in the future.")
    if errors:
        raise Invalid(errors)
    settings = await settings_for(context.enterprise_id)
    async with write_transaction():
        await DialogueSettings.update(
            {
                DialogueSettings.periodic_per_year: form.periodic_per_year,
                DialogueSettings.periodic_months: ", ".join(str(m) for m in sorted(months)),
                DialogueSettings.regulation_adopted_on: form.regulation_adopted_on,
                DialogueSettings.event_reply_days: form.event_reply_days,
                DialogueSettings.updated_at: dt.datetime.now(dt.UTC),
            }
        ).where(DialogueSettings.id == settings.id)
        await audit.record(
            context.actor,
            "dialogue.settings",
            "dialogue_settings",
            settings.id,
            context.enterprise_id,
        )
