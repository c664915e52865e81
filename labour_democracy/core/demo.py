"""Demo data for a first look: enterprises, units, a roster and one login per role."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from labour_democracy.core import admin_units, audit, rules
from labour_democracy.core.accounts import hash_password
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import (
    ContractType,
    Enterprise,
    Gender,
    Membership,
    OrgUnit,
    OrgUnitKind,
    Ownership,
    Province,
    Representation,
    Role,
    User,
    Worker,
)
from labour_democracy.core.users import user_sort_key
from labour_democracy.db import write_transaction
from labour_democracy.manifest import installed

DEMO_PASSWORD = "demo-2026-password"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


DEMO_LOGINS = (
    DemoLogin("admin@demo.vn", "system administrator"),
    DemoLogin("hr@demo.vn", "HR manager, Công ty TNHH May Sông Hồng"),
    DemoLogin("union@demo.vn", "union chair, Công ty TNHH May Sông Hồng"),
    DemoLogin("federation@demo.vn", "federation officer, Bắc Ninh"),
    DemoLogin("hr.donga@demo.vn", "HR manager, Công ty Cổ phần Cơ khí Đông Á"),
)

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
_MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim"]
_MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công"]
_GIVEN_F = [
    "Lan",
    "Hương",
    "Mai",
    "Hoa",
    "Thảo",
    "Trang",
    "Nga",
    "Hằng",
    "Yến",
    "Linh",
    "Nhung",
    "Phương",
    "Oanh",
    "Huệ",
    "Thủy",
]
_GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Nam", "Long", "Sơn", "Thắng", "Quý", "Bình", "Khánh", "Phúc"]


async def demo_exists() -> bool:
    return await User.exists().where(User.email == DEMO_LOGINS[0].email)


async def load_demo(seed: int = 2026) -> None:
    """Create the demo data (idempotent: does nothing if the demo admin exists)."""
    await admin_units.load_provinces()
    if await demo_exists():
        return
    provinces = {p["code"]: p["id"] for p in await Province.select(Province.id, Province.code)}
    generator = random.Random(seed)
    async with write_transaction():
        song_hong = await _enterprise(
            name="Công ty TNHH May Sông Hồng Việt Nam",
            name_en="Song Hong Garment Vietnam Co., Ltd.",
            symbol="SHVN",
            tax_code="2300123456",
            ownership=Ownership.FOREIGN_INVESTED,
            sector="C",
            address="Lô B4, Khu công nghiệp Quế Võ, phường Quế Võ, tỉnh Bắc Ninh",
            province=provinces["24"],
            legal_representative="Park Ji-hoon",
            legal_representative_title="Tổng Giám đốc",
            representation=Representation.GRASSROOTS_UNION,
            representative_body="Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt Nam",
        )
        dong_a = await _enterprise(
            name="Công ty Cổ phần Cơ khí Đông Á",
            name_en=None,
            symbol="CKDA",
            tax_code="2300765432",
            ownership=Ownership.PRIVATE_DOMESTIC,
            sector="C",
            address="Số 18 đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh",
            province=provinces["24"],
            legal_representative="Trần Quốc Hưng",
            legal_representative_title="Giám đốc",
            representation=Representation.NONE,
            representative_body="",
        )
        await _enterprise(
            name="Công ty TNHH Điện tử Thăng Long",
            name_en="Thang Long Electronics Co., Ltd.",
            symbol="DTTL",
            tax_code="0109876543",
            ownership=Ownership.PRIVATE_DOMESTIC,
            sector="C",
            address="Khu công nghiệp Thăng Long, xã Thiên Lộc, thành phố Hà Nội",
            province=provinces["01"],
            legal_representative="Lê Thị Thu Hà",
            legal_representative_title="Giám đốc",
            representation=Representation.GRASSROOTS_UNION,
            representative_body="Công đoàn cơ sở Công ty TNHH Điện tử Thăng Long",
        )
        units = await _units(song_hong)
        await _workers(song_hong, units, 64, generator, CAST)
        await _workers(
            dong_a, [await _unit(dong_a, "Xưởng cơ khí", OrgUnitKind.WORKSHOP)], 12, generator
        )
        await _users(song_hong, dong_a, provinces["24"])
        await audit.record(SYSTEM, "demo.loaded", "enterprise", song_hong)
    # Each installed module adds its own history to the garment company, in the order of
    # labour_democracy/modules.py, after the core data is committed (their use cases open their
    # own transactions).
    enterprise = await Enterprise.objects().where(Enterprise.id == song_hong).first()
    context = EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN}))
    for manifest in installed():
        if manifest.demo is not None:
            await manifest.demo(context)


async def _enterprise(**values) -> int:
    enterprise = Enterprise(**values)
    await enterprise.save()
    return enterprise.id


async def _unit(enterprise: int, name: str, kind: OrgUnitKind, parent: int | None = None) -> int:
    unit = OrgUnit(enterprise=enterprise, name=name, kind=kind, parent=parent)
    await unit.save()
    return unit.id


async def _units(enterprise: int) -> list[int]:
    office = await _unit(enterprise, "Phòng Hành chính - Nhân sự", OrgUnitKind.DEPARTMENT)
    accounts = await _unit(enterprise, "Phòng Kế toán", OrgUnitKind.DEPARTMENT)
    sewing = await _unit(enterprise, "Xưởng may 1", OrgUnitKind.WORKSHOP)
    team_a = await _unit(enterprise, "Tổ may 1A", OrgUnitKind.TEAM, sewing)
    team_b = await _unit(enterprise, "Tổ may 1B", OrgUnitKind.TEAM, sewing)
    cutting = await _unit(enterprise, "Xưởng cắt", OrgUnitKind.WORKSHOP)
    warehouse = await _unit(enterprise, "Kho vận", OrgUnitKind.DEPARTMENT)
    return [office, accounts, team_a, team_a, team_b, team_b, cutting, warehouse]


def _name(generator: random.Random, female: bool) -> str:
    middle = _MIDDLE_F if female else _MIDDLE_M
    given = _GIVEN_F if female else _GIVEN_M
    return f"{generator.choice(_FAMILY)} {generator.choice(middle)} {generator.choice(given)}"


# The garment company's people who appear in more than one place (the dialogue group, the
# conference, the users): on the roster under the same names, so every document of the demo
# tells one story (issue 13, item 11). (name, female, position, nationality)
CAST = (
    ("Park Ji-hoon", False, "Tổng Giám đốc", "KR"),  # the legal representative, who signs
    ("Trần Văn Hải", False, "Chủ tịch Công đoàn cơ sở", "VN"),  # the union chair
    ("Nguyễn Thị Minh Thu", True, "Trưởng phòng Nhân sự", "VN"),
    ("Lê Văn Cường", False, "Quản đốc xưởng may", "VN"),
    ("Phạm Thị Dung", True, "Tổ trưởng tổ may 3", "VN"),
)
UNION_CHAIR = CAST[1][0]


async def _workers(
    enterprise: int,
    units: list[int],
    count: int,
    generator: random.Random,
    cast: tuple[tuple[str, bool, str, str], ...] = (),
):
    symbol = (
        await Enterprise.select(Enterprise.symbol).where(Enterprise.id == enterprise).first()
    )["symbol"]
    workers = []
    for number in range(1, count + 1):
        female = generator.random() < 0.7
        name = _name(generator, female)
        start = dt.date(2018, 1, 2) + dt.timedelta(days=generator.randrange(0, 2500))
        contract = generator.choice(list(ContractType))
        left = number % 16 == 0
        position, nationality = ("Công nhân may" if female else "Công nhân"), "VN"
        if number <= len(cast):  # the same random draws either way: the others keep theirs
            name, female, position, nationality = cast[number - 1]
        workers.append(
            Worker(
                enterprise=enterprise,
                employee_code=f"{symbol}{number:04d}",
                full_name=name,
                search_name=rules.fold(name),
                sort_key=person_sort_key(name),
                gender=Gender.FEMALE if female else Gender.MALE,
                org_unit=generator.choice(units),
                position=position,
                contract_type=contract,
                start_date=start,
                end_date=dt.date(2025, 12, 31) if left else None,
                nationality=nationality,
                union_member=generator.random() < 0.8,
            )
        )
    await Worker.insert(*workers)


async def _users(song_hong: int, dong_a: int, bac_ninh: int) -> None:
    password = hash_password(DEMO_PASSWORD)
    grants = {
        "admin@demo.vn": ("Quản trị hệ thống", Role.ADMIN, None, None),
        "hr@demo.vn": ("Nguyễn Thị Minh Thu", Role.HR, song_hong, None),
        "union@demo.vn": (UNION_CHAIR, Role.UNION, song_hong, None),
        "federation@demo.vn": ("Phạm Thị Lan", Role.FEDERATION, None, bac_ninh),
        "hr.donga@demo.vn": ("Đỗ Quang Vinh", Role.HR, dong_a, None),
    }
    for email, (name, role, enterprise, province) in grants.items():
        user = User(
            email=email, full_name=name, sort_key=user_sort_key(name), password_hash=password
        )
        await user.save()
        await Membership.insert(
            Membership(user=user.id, role=role, enterprise=enterprise, province=province)
        )
