"""Recognition (công nhận công đoàn cơ sở): the dossier to the upper-level union, and the
upper-level union's decision (Law 50/2024/QH15, Art. 4(2)), after which the union is the
enterprise's workers' representative organisation (core's `Enterprise.representation`)."""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.names import person_sort_key, sort_people
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Representation, Worker
from labour_democracy.db import write_transaction
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import documents, rules
from labour_democracy.unions.congress import chair_name, committee
from labour_democracy.unions.founding import require, union_in_scope
from labour_democracy.unions.officers import dossier_results, office_title
from labour_democracy.unions.permissions import RUN_FOUNDING, UPPER_UNION
from labour_democracy.unions.schemas import RecognitionForm
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    MemberStatus,
    UnionApplication,
    UnionMember,
    UnionStatus,
)
from labour_democracy.unions.tables import GrassrootsUnion as Union


async def _accepted(union_id: int) -> list[UnionApplication]:
    accepted = await UnionApplication.objects().where(
        (UnionApplication.union == union_id)
        & (UnionApplication.status == ApplicationStatus.ACCEPTED)
    )
    return sort_people(accepted, name=lambda application: application.full_name)


async def send_dossier(context: EnterpriseContext) -> IssuedDocument:
    """The request for recognition with the member list, to the upper-level union."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.status != UnionStatus.CONGRESS or union.congress_minutes is None:
        raise Conflict(_("Elect the chair and issue the congress's minutes first."))
    minutes = (
        await IssuedDocument.select(IssuedDocument.reference)
        .where(IssuedDocument.id == union.congress_minutes)
        .first()
    )
    members = []
    for application in await _accepted(union.id):
        role = "Đoàn viên"
        if application.eligibility == rules.Eligibility.FOUNDER:
            role += ", sáng lập"
        if application.nationality != rules.VIETNAMESE:
            role += f", quốc tịch {application.nationality}"
        members.append((application.full_name, role))
    async with write_transaction():
        dossier = await documents.issue_dossier(
            context,
            union,
            minutes_reference=minutes["reference"] if minutes else "",
            members=members,
            chair=await chair_name(union.id),
            on=today(),
            results=await dossier_results(union),
        )
        await Union.update({Union.dossier: dossier.id, Union.status: UnionStatus.SUBMITTED}).where(
            Union.id == union.id
        )
        await audit.record(
            context.actor,
            "union.dossier_sent",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            dossier=dossier.reference,
        )
    return dossier


async def recognise(context: EnterpriseContext, form: RecognitionForm) -> IssuedDocument:
    """The upper-level union recognises the union: the decision is drafted and issued, the
    accepted applicants become members, and the enterprise's representative organisation is
    this union. Only the upper-level union (a federation officer of the province) may."""
    if not context.can(UPPER_UNION):
        raise Forbidden
    union = await union_in_scope(context)
    if union.status != UnionStatus.SUBMITTED:
        raise Conflict(_("The union's dossier has not been sent for recognition."))
    if form.recognised_on < (union.congress_on or form.recognised_on):
        raise Invalid({"recognised_on": _("Recognition comes after the founding congress.")})
    if form.recognised_on > today():
        raise Invalid({"recognised_on": _("The decision cannot be dated in the future.")})
    accepted = await _accepted(union.id)
    elected = await committee(union.id)
    people = [
        (m.full_name, office_title(m.body, m.office))
        for body in (Body.EXECUTIVE, Body.INSPECTION)
        for m in elected
        if m.body == body.value
    ]
    workers = {
        w["id"]: w
        for w in await Worker.select(Worker.id, Worker.org_unit).where(
            Worker.id.is_in([a.worker for a in accepted if a.worker] or [-1])
        )
    }
    async with write_transaction():
        decision = await documents.issue_recognition(
            context, union, committee=people, members=len(accepted), on=form.recognised_on
        )
        if accepted:
            await UnionMember.insert(
                *(
                    UnionMember(
                        enterprise=context.enterprise_id,
                        union=union.id,
                        worker=a.worker,
                        full_name=a.full_name,
                        sort_key=person_sort_key(a.full_name),
                        gender=a.gender,
                        org_unit=workers[a.worker]["org_unit"] if a.worker in workers else None,
                        nationality=a.nationality,
                        joined_on=form.recognised_on,
                        status=MemberStatus.ACTIVE,
                    )
                    for a in accepted
                )
            )
            await Worker.update({Worker.union_member: True}).where(
                Worker.id.is_in(list(workers) or [-1])
            )
        await Union.update(
            {
                Union.status: UnionStatus.RECOGNISED,
                Union.recognised_on: form.recognised_on,
                Union.recognised_by: context.actor.id,
                Union.recognition_decision: decision.id,
                Union.recognition_number: decision.reference,
                Union.next_congress_on: rules.next_congress(
                    union.congress_on or form.recognised_on, union.term_years
                ),
            }
        ).where(Union.id == union.id)
        await Enterprise.update(
            {
                Enterprise.representation: Representation.GRASSROOTS_UNION,
                Enterprise.representative_body: union.name[:255],
            }
        ).where(Enterprise.id == context.enterprise_id)
        await audit.record(
            context.actor,
            "union.recognised",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            decision=decision.reference,
            members=len(accepted),
        )
    return decision
