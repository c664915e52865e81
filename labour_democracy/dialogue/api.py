"""JSON API (/api/v1, read only): the enterprise's workplace dialogues (periodic, on request,
on an event) with their deadlines, members, outcomes and documents, and the requests for a
dialogue with their reply deadlines, as the dialogue pages show them (VIEW_DIALOGUE: HR, the
union, the federation of the province or of the upper-level union)."""

from __future__ import annotations

from litestar import Controller, get

from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.dialogue import meeting, planning, requests, rules
from labour_democracy.dialogue.permissions import VIEW_DIALOGUE
from labour_democracy.dialogue.schemas import (
    DialogueItemOut,
    DialogueOut,
    DialoguePageOut,
    DialogueSummaryOut,
    DocumentRefOut,
    MemberOut,
    RequestOut,
    RequestPageOut,
)
from labour_democracy.dialogue.tables import DialogueKind, DialogueStatus
from labour_democracy.documents.services import references
from labour_democracy.i18n import today
from labour_democracy.web.params import Context, FromQuery, Id

VIEW = {"permission": VIEW_DIALOGUE}


class DialogueApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}"
    tags = ["dialogue"]

    @get("/dialogues", opt=VIEW, responses=READ_PROBLEMS)
    async def list_dialogues(
        self,
        context: Context,
        kind: FromQuery[DialogueKind | None] = None,
        page: FromQuery[int] = 1,
    ) -> DialoguePageOut:
        """The dialogues (of one `kind`, when given), latest first, 20 a page; a page past the
        last shows the last."""
        found = await planning.list_dialogues(context, page, None, kind.value if kind else None)
        documents = await references(
            context, [d for row in found.rows for d in _dialogue_documents(row)]
        )
        return DialoguePageOut.of(found, [_summary(context, row, documents) for row in found.rows])

    @get("/dialogues/{dialogue_id:int}", opt=VIEW, responses=READ_PROBLEMS)
    async def get_dialogue(self, context: Context, dialogue_id: Id) -> DialogueOut:
        """One dialogue: its dates and deadlines, the members of both sides and who attended,
        the quorum, each item's outcome, the request it answers, and its minutes."""
        view = await meeting.dialogue_view(context, dialogue_id)
        row = view.dialogue
        asked = [view.request] if view.request else []
        documents = await references(
            context,
            [*_dialogue_documents(row), *(r["reply_document"] for r in asked)],
        )
        periodic = row["kind"] == DialogueKind.PERIODIC
        held = row["status"] in (DialogueStatus.HELD, DialogueStatus.PUBLICISED)
        return DialogueOut(
            dialogue=_summary(context, row, documents),
            event_document_sent_on=row["event_document_sent_on"],
            event_reply_on=row["event_reply_on"],
            event_effective_on=row["event_effective_on"],
            event_publicised_on=row["event_publicised_on"],
            main_contents=row["summary"] if held else None,
            members=[
                MemberOut(
                    side=m.side,
                    full_name=m.full_name,
                    title=m.title,
                    legal_representative=m.legal_representative,
                    signs_for_side=m.signs_for_side,
                    present=m.id in view.present,
                )
                for m in view.members
            ],
            worker_members=view.worker_members,
            workers_present=view.workers_present,
            quorum_needed=view.quorum_needed,
            quorum_met=view.quorum if periodic else None,
            items=[
                DialogueItemOut(
                    title=item["title"],
                    agreed=item["agreed"],
                    agreed_text=item["agreed_text"],
                    owner=item["owner"],
                    due_on=item["due_on"],
                )
                for item in view.items
            ],
            request=_request(context, view.request, documents) if view.request else None,
        )

    @get("/dialogue-requests", opt=VIEW, responses=READ_PROBLEMS)
    async def list_requests(self, context: Context, page: FromQuery[int] = 1) -> RequestPageOut:
        """The requests for a dialogue, latest first, 20 a page, each with its reply deadline
        and whether the reply is late."""
        found = await requests.list_requests(context, page)
        documents = await references(context, [row["reply_document"] for row in found.rows])
        return RequestPageOut.of(found, [_request(context, row, documents) for row in found.rows])


def _dialogue_documents(row: dict) -> list[int | None]:
    return [row["minutes_document"], row["publication_document"]]


def _reference(documents: dict[int, dict], document: int | None, url: str) -> DocumentRefOut | None:
    row = documents.get(document) if document is not None else None
    if row is None:
        return None
    return DocumentRefOut(reference=row["reference"], issued_on=row["issued_on"], url=url)


def _summary(context: EnterpriseContext, row: dict, documents: dict) -> DialogueSummaryOut:
    """A row annotated by planning.annotate (deadlines and lateness)."""
    here = f"/enterprises/{context.enterprise_id}/dialogue/{row['id']}"
    return DialogueSummaryOut(
        id=row["id"],
        kind=row["kind"],
        matter=row["matter"] or None,
        title=row["title"],
        status=row["status"],
        scheduled_at=row["scheduled_at"],
        place=row["place"],
        contents_due_on=row["contents_due"],
        employer_contents_sent_on=row["employer_contents_sent_on"],
        worker_contents_sent_on=row["worker_contents_sent_on"],
        contents_late=row["employer_contents_late"] or row["worker_contents_late"],
        held_on=row["held_on"],
        publication_due_on=row["publication_due"],
        published_on=row["published_on"],
        publication_late=row["publication_late"],
        minutes=_reference(documents, row["minutes_document"], f"{here}/minutes.docx"),
        publication=_reference(documents, row["publication_document"], f"{here}/publication.docx"),
    )


def _request(context: EnterpriseContext, row: dict, documents: dict) -> RequestOut:
    url = f"/enterprises/{context.enterprise_id}/dialogue/requests/{row['id']}/reply.docx"
    return RequestOut(
        id=row["id"],
        side=row["side"],
        requested_by=row["requested_by"],
        submitted_on=row["submitted_on"],
        received_on=row["received_on"] or row["submitted_on"],
        reply_due_on=row["reply_due_on"],
        replied_on=row["replied_on"],
        late=rules.is_late(row["replied_on"], row["reply_due_on"], today()),
        reply_at=row["reply_at"],
        reply_place=row["reply_place"],
        dialogue=row["dialogue"],
        reply_document=_reference(documents, row["reply_document"], url),
    )


ROUTES = [DialogueApi]
