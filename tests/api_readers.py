"""The people the read API tests sign in as: each role of one enterprise, the federation's
three readers of it, and HR of another enterprise in another province."""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.tables import Enterprise, Membership, Role, UpperUnion
from tests import factories


@dataclass(frozen=True)
class Readers:
    enterprise: int
    other: int  # an enterprise of another province, with its own HR ("other_hr")

    @property
    def emails(self) -> dict[str, str]:
        return {who: f"{who}@api.test" for who in WHO}


WHO = ("hr", "union", "federation", "local_union", "national", "other_hr")


async def readers(enterprise_id: int) -> Readers:
    """Users of every reading role around `enterprise_id` (whose province is code 24), and an
    enterprise of province 01 whose HR must see nothing of it."""
    row = await Enterprise.select(Enterprise.province).where(Enterprise.id == enterprise_id)
    union = UpperUnion(
        code=f"CD-API-{enterprise_id}", name="Công đoàn xã", province=row[0]["province"]
    )
    await union.save()
    await Enterprise.update({Enterprise.upper_union: union.id}).where(
        Enterprise.id == enterprise_id
    )
    other = await factories.enterprise("Công ty khác", province="01")
    emails = Readers(enterprise_id, other).emails
    await factories.user(emails["hr"], Role.HR, enterprise_id)
    await factories.user(emails["union"], Role.UNION, enterprise_id)
    await factories.user(emails["federation"], Role.FEDERATION, province="24")
    await factories.user(emails["national"], Role.NATIONAL)
    await factories.user(emails["other_hr"], Role.HR, other)
    local = await factories.user(emails["local_union"], Role.LOCAL_UNION)
    await Membership.update({Membership.upper_union: union.id}).where(Membership.user == local)
    return Readers(enterprise_id, other)


async def answers(browser_for, people: Readers, url: str) -> dict[str, int]:
    """The status each reader gets for `url` (a JSON API address)."""
    statuses = {}
    for who, email in people.emails.items():
        browser = await browser_for(email)
        statuses[who] = (await browser.api("GET", url)).status_code
    return statuses
