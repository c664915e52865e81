"""Demo: the garment company's union as recognised in 2024, with its committees and the register
of the workers the roster marks as members; and, at the engineering company next door (no union,
12 workers), a founding campaign collecting applications, for the federation's list."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Role, Worker
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today
from labour_democracy.unions import founding, rules
from labour_democracy.unions.schemas import ApplicationForm, CampaignForm, ReviewForm
from labour_democracy.unions.tables import (
    Body,
    CommitteeMember,
    CommitteeOrigin,
    GrassrootsUnion,
    MemberStatus,
    Office,
    UnionMember,
    UnionStatus,
)

_RECOGNISED_ON = dt.date(2024, 3, 15)
_ENGINEERING_TAX_CODE = "2300765432"


async def load(context: EnterpriseContext) -> None:
    await _recognised_union(context)
    engineering = (
        await Enterprise.objects().where(Enterprise.tax_code == _ENGINEERING_TAX_CODE).first()
    )
    if engineering is not None:
        await _founding_campaign(engineering)


async def _recognised_union(context: EnterpriseContext) -> None:
    enterprise = context.enterprise
    members = await Worker.select(
        Worker.id, Worker.full_name, Worker.gender, Worker.org_unit, Worker.nationality
    ).where((Worker.enterprise == enterprise.id) & Worker.union_member.eq(True))
    async with write_transaction():
        union = GrassrootsUnion(
            enterprise=enterprise.id,
            name=enterprise.representative_body or founding.default_union_name(enterprise),
            upper_union=await founding.default_upper_union(enterprise),
            status=UnionStatus.RECOGNISED,
            committee_origin=CommitteeOrigin.WORKERS,
            campaign_formed_on=_RECOGNISED_ON - dt.timedelta(days=40),
            congress_on=_RECOGNISED_ON - dt.timedelta(days=10),
            congress_place="Nhà ăn ca 1",
            recognised_on=_RECOGNISED_ON,
            next_congress_on=rules.next_congress(_RECOGNISED_ON - dt.timedelta(days=10)),
        )
        await union.save()
        committee = [
            (Body.EXECUTIVE, "Trần Thị Hoa", Office.CHAIR),
            (Body.EXECUTIVE, "Nguyễn Văn Bình", Office.VICE_CHAIR),
            (Body.EXECUTIVE, "Lê Thị Mai", Office.MEMBER),
            (Body.INSPECTION, "Phạm Văn Đức", Office.MEMBER),
        ]
        await CommitteeMember.insert(
            *(
                CommitteeMember(
                    union=union.id,
                    body=body,
                    full_name=name,
                    office=office,
                    elected_on=union.congress_on,
                )
                for body, name, office in committee
            )
        )
        if members:
            await UnionMember.insert(
                *(
                    UnionMember(
                        enterprise=enterprise.id,
                        union=union.id,
                        worker=w["id"],
                        full_name=w["full_name"],
                        sort_key=person_sort_key(w["full_name"]),
                        gender=w["gender"],
                        org_unit=w["org_unit"],
                        nationality=w["nationality"],
                        joined_on=_RECOGNISED_ON,
                        status=MemberStatus.ACTIVE,
                    )
                    for w in members
                )
            )


async def _founding_campaign(enterprise: Enterprise) -> None:
    committee = EnterpriseContext(SYSTEM, enterprise, frozenset({Role.UNION}))
    await founding.start_campaign(
        committee,
        CampaignForm(
            union_name=founding.default_union_name(enterprise),
            upper_union=await founding.default_upper_union(enterprise),
            formed_on=today() - dt.timedelta(days=14),
            members="Đỗ Văn Hải - Tổ trưởng tổ tiện\nNgô Thị Lan",
        ),
    )
    for name, gender in (
        ("Đỗ Văn Hải", "male"),
        ("Ngô Thị Lan", "female"),
        ("Vũ Văn Toàn", "male"),
    ):
        await founding.apply(enterprise, ApplicationForm(full_name=name, gender=gender), "demo")
    for application in (await founding.applications(committee))[:2]:
        await founding.review(committee, application.id, ReviewForm(decision="accept"))
