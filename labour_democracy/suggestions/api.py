"""JSON API (/api/v1, read only): how many of the workers' suggestions an enterprise received
and answered in a year, and its answer rate, as the suggestions page and the federation's
compliance figures count them. Counts only: no text, no author, no tracking code."""

from __future__ import annotations

from litestar import Controller, get

from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.core.permissions import VIEW
from labour_democracy.i18n import today
from labour_democracy.suggestions import services
from labour_democracy.suggestions.schemas import SuggestionRatesOut
from labour_democracy.web.params import Context, Year


class SuggestionsApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}/suggestions"
    tags = ["suggestions"]

    @get("/rates", opt={"permission": VIEW}, responses=READ_PROBLEMS)
    async def rates(self, context: Context, year: Year = None) -> SuggestionRatesOut:
        """The suggestions received in `year` (this year when not given): received, not taken
        up, taken up, answered, and the answer rate (answered of taken up)."""
        figures = await services.year_figures(context, year or today().year)
        rate = figures.answered.percent
        return SuggestionRatesOut(
            year=figures.year,
            received=figures.received,
            not_taken_up=figures.not_taken_up,
            taken_up=figures.answered.total,
            answered=figures.answered.done,
            answer_rate=None if rate is None else str(rate),
        )


ROUTES = [SuggestionsApi]
