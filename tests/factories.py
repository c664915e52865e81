"""Builders for test data, through the same tables the services use."""

from __future__ import annotations

import datetime as dt
import itertools

from labour_democracy.core import rules
from labour_democracy.core.accounts import hash_password
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import (
    ContractType,
    Enterprise,
    Gender,
    Membership,
    OrgUnit,
    Ownership,
    Province,
    Role,
    User,
    Worker,
)
from labour_democracy.core.users import user_sort_key

PASSWORD = "a-long-password"
_serial = itertools.count(1)
_PASSWORD_HASH = None


async def province_id(code: str = "24") -> int:
    return (await Province.select(Province.id).where(Province.code == code).first())["id"]


async def enterprise(name: str = "Công ty TNHH Thử nghiệm", province: str = "24", **values) -> int:
    n = next(_serial)
    row = Enterprise(
        name=name,
        symbol=values.pop("symbol", f"TN{n}"),
        tax_code=values.pop("tax_code", f"{2300000000 + n}"),
        ownership=values.pop("ownership", Ownership.PRIVATE_DOMESTIC),
        sector=values.pop("sector", "C"),
        address=values.pop("address", "Khu công nghiệp Quế Võ"),
        province=await province_id(province),
        legal_representative=values.pop("legal_representative", "Nguyễn Văn A"),
        legal_representative_title=values.pop("legal_representative_title", "Giám đốc"),
        **values,
    )
    await row.save()
    return row.id


async def user(
    email: str,
    role: Role,
    enterprise_id: int | None = None,
    province: str | None = None,
    name: str = "Người dùng thử",
) -> int:
    global _PASSWORD_HASH
    _PASSWORD_HASH = _PASSWORD_HASH or hash_password(PASSWORD)
    row = User(
        email=email, full_name=name, sort_key=user_sort_key(name), password_hash=_PASSWORD_HASH
    )
    await row.save()
    await Membership.insert(
        Membership(
            user=row.id,
            role=role,
            enterprise=enterprise_id,
            province=await province_id(province) if province else None,
        )
    )
    return row.id


async def org_unit(enterprise_id: int, name: str = "Xưởng may", parent: int | None = None) -> int:
    row = OrgUnit(enterprise=enterprise_id, name=name, parent=parent)
    await row.save()
    return row.id


async def worker(
    enterprise_id: int, name: str = "Nguyễn Thị Lan", code: str | None = None, **values
) -> int:
    row = Worker(
        enterprise=enterprise_id,
        employee_code=code or f"NV{next(_serial):05d}",
        full_name=name,
        search_name=rules.fold(name),
        sort_key=person_sort_key(name),
        gender=values.pop("gender", Gender.FEMALE),
        contract_type=values.pop("contract_type", ContractType.INDEFINITE),
        start_date=values.pop("start_date", dt.date(2020, 1, 2)),
        **values,
    )
    await row.save()
    return row.id


async def workers(enterprise_id: int, count: int, **values) -> list[int]:
    rows = [
        Worker(
            enterprise=enterprise_id,
            employee_code=f"W{next(_serial):06d}",
            full_name=f"Công nhân {i}",
            search_name=f"cong nhan {i}",
            sort_key=person_sort_key(f"Công nhân {i}"),
            gender=Gender.FEMALE,
            contract_type=ContractType.INDEFINITE,
            **values,
        )
        for i in range(count)
    ]
    inserted = await Worker.insert(*rows)
    return [r["id"] for r in inserted]


def actor(
    role: Role, enterprise_id: int | None = None, user_id: int = 1, province_id_: int | None = None
) -> Actor:
    return Actor(
        id=user_id,
        email=f"{role.value}@test.vn",
        full_name="Test",
        grants=(MembershipGrant(role, enterprise_id, province_id_),),
    )


async def context(enterprise_id: int, role: Role = Role.HR) -> EnterpriseContext:
    row = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    return EnterpriseContext(
        actor=actor(role, enterprise_id), enterprise=row, roles=frozenset({role})
    )


async def english_user(
    email: str, role: Role, enterprise_id: int | None = None, province: str | None = None
) -> int:
    """A user whose pages and messages are in English, so a test can match the msgids."""
    user_id = await user(email, role, enterprise_id, province)
    await User.update({User.language: "en"}).where(User.id == user_id)
    return user_id
