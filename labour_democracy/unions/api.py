"""JSON API (/api/v1, read only): an enterprise's union, its membership counts, and the
federation's founding progress."""

from __future__ import annotations

from litestar import Controller, get

from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.unions import federation, founding, membership, rules
from labour_democracy.unions.permissions import UPPER_UNION, VIEW_MEMBER_COUNTS, VIEW_UNION
from labour_democracy.unions.schemas import FoundingProgressOut, MembershipCountOut, UnionOut
from labour_democracy.unions.tables import UnionApplication
from labour_democracy.web.params import Context, CurrentActor, FromQuery


class UnionApi(Controller):
    path = "/api/v1"
    tags = ["unions"]

    @get(
        "/enterprises/{enterprise_id:int}/union",
        opt={"permission": VIEW_UNION},
        responses=READ_PROBLEMS,
    )
    async def get_union(self, context: Context) -> UnionOut | None:
        union = await founding.current_union(context.enterprise_id)
        if union is None:
            return None
        return UnionOut(
            enterprise=context.enterprise_id,
            name=union.name,
            upper_union=union.upper_union,
            status=union.status,
            founders=await founding.founders(union.id),
            founding_minimum=int(rules.FOUNDING_MINIMUM.value),
            applications=await UnionApplication.count().where(UnionApplication.union == union.id),
            members=await membership.active_count(union.id),
            recognised_on=union.recognised_on,
            next_congress_on=union.next_congress_on,
        )

    @get(
        "/enterprises/{enterprise_id:int}/union/membership",
        opt={"permission": VIEW_MEMBER_COUNTS},
        responses=READ_PROBLEMS,
    )
    async def membership_counts(self, context: Context) -> list[MembershipCountOut]:
        return [
            MembershipCountOut(
                unit=c.unit,
                male=c.male,
                female=c.female,
                other=c.other,
                foreign=c.foreign,
                total=c.total,
            )
            for c in await membership.counts(context.enterprise_id)
        ]

    @get("/unions/founding-progress", opt={"permission": UPPER_UNION}, responses=READ_PROBLEMS)
    async def founding_progress(
        self, actor: CurrentActor, threshold: FromQuery[int | None] = None, page: FromQuery[int] = 1
    ) -> list[FoundingProgressOut]:
        minimum = federation.threshold_of(str(threshold) if threshold else None)
        rows, _total = await federation.without_union(actor, minimum, page)
        return [
            FoundingProgressOut(
                enterprise=r.enterprise_id,
                name=r.name,
                workforce=r.workforce,
                status=r.status,
                founders=r.founders,
            )
            for r in rows
        ]


ROUTES = [UnionApi]
