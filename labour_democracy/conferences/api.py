"""JSON API (/api/v1, read only): the enterprise's worker conferences, and one conference with
its rules, attendance, agenda votes and issued documents, as its pages show them.

The roles are the pages' (VIEW_CONFERENCES: HR, the union, the federation of the province or
of the upper-level union); an agenda vote's result appears once the vote is closed and
counted, with counts only.
"""

from __future__ import annotations

import msgspec
from litestar import Controller, get

from labour_democracy.conferences import agenda, checkin, planning, queries, review
from labour_democracy.conferences.permissions import VIEW_CONFERENCES
from labour_democracy.conferences.schemas import (
    AgendaItemOut,
    AttendanceOut,
    ConferenceOut,
    ConferencePageOut,
    ConferenceSummaryOut,
    DocumentOut,
)
from labour_democracy.conferences.tables import Conference
from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents.services import references
from labour_democracy.voting.schemas import result_out, rule_out
from labour_democracy.voting.tables import Ballot
from labour_democracy.web.params import Context, FromQuery, Id, Year

VIEW = {"permission": VIEW_CONFERENCES}


class ConferencesApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}/conferences"
    tags = ["conferences"]

    @get("/", opt=VIEW, responses=READ_PROBLEMS)
    async def list_conferences(
        self, context: Context, year: Year = None, page: FromQuery[int] = 1
    ) -> ConferencePageOut:
        """The conferences (of `year`, when given), latest first, 20 a page; a page past the
        last shows the last."""
        found = await planning.conference_page(context, year, page)
        return ConferencePageOut.of(
            found, [msgspec.convert(row, ConferenceSummaryOut) for row in found.rows]
        )

    @get("/{conference_id:int}", opt=VIEW, responses=READ_PROBLEMS)
    async def get_conference(self, context: Context, conference_id: Id) -> ConferenceOut:
        """One conference: kind and form, planned and actual dates, status, the quorum and
        passing rules, convened and present, each agenda item with its counted vote, and the
        documents issued (minutes, resolution, review reports) with their download routes."""
        conference = await queries.get_conference(context, conference_id)
        attendance = await checkin.attendance(conference)
        return ConferenceOut(
            id=conference.id,
            title=queries.label(conference),
            year=conference.year,
            kind=conference.kind,
            requested_by=conference.requested_by,
            form=conference.form,
            delegate_reason=conference.delegate_reason,
            held_on=conference.held_on,
            starts_at=conference.starts_at.strftime("%H:%M"),
            venue=conference.venue,
            status=conference.status,
            documents_sent_on=conference.documents_sent_on,
            opened_at=conference.opened_at,
            closed_at=conference.closed_at,
            published_on=conference.published_on,
            quorum=rule_out(queries.quorum_rule_of(conference)),
            passing=rule_out(queries.pass_rule_of(conference)),
            attendance=AttendanceOut(
                convened=attendance.expected,
                present=attendance.present,
                quorum_reached=attendance.quorum_reached,
                quorum_needed=attendance.needed,
            ),
            resolution_adopted=await queries.resolution_adopted(conference.id),
            agenda=await _agenda(context, conference.id),
            documents=await _documents(context, conference),
        )


async def _agenda(context: EnterpriseContext, conference_id: int) -> list[AgendaItemOut]:
    items = await agenda.agenda(context, conference_id)
    ballots = [item["ballot"] for item in items if item["result"]]
    hashes = {
        row["id"]: row["result_hash"]
        for row in await Ballot.select(Ballot.id, Ballot.result_hash).where(
            Ballot.id.is_in(ballots or [0])
        )
    }
    return [
        AgendaItemOut(
            position=item["position"],
            title=item["title"],
            kind=item["kind"],
            vote_mode=item["vote_mode"],
            ballot=item["ballot"],
            vote_status=item["ballot_status"],
            result=result_out(item["result"], hashes.get(item["ballot"]))
            if item["result"]
            else None,
        )
        for item in items
    ]


async def _documents(context: EnterpriseContext, conference: Conference) -> list[DocumentOut]:
    base = f"/enterprises/{context.enterprise_id}/conferences/{conference.id}/documents"
    issued = [
        ("minutes", conference.minutes, f"{base}/minutes"),
        ("resolution", conference.resolution, f"{base}/resolution"),
    ]
    issued += [
        ("review_report", row["document"], f"{base}/review-report?review={row['id']}")
        for row in await review.reviews(context, conference.id)
    ]
    rows = await references(context, [document for _kind, document, _url in issued])
    return [
        DocumentOut(
            kind=kind,
            reference=rows[document]["reference"],
            title=rows[document]["title"],
            issued_on=rows[document]["issued_on"],
            url=url,
        )
        for kind, document, url in issued
        if document in rows
    ]


ROUTES = [ConferencesApi]
