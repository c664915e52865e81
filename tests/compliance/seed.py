"""The seed's province for the compliance tests: Thái Nguyên's communes, a register file of 43
enterprises (two of them under an industrial-park union) and its variant with two bad rows."""

from __future__ import annotations

from labour_democracy.core.admin_units import load_communes, shipped_communes

PROVINCE = "19"  # Thái Nguyên (Bắc Kạn, the seed's province, is part of it since 2025)
HEADER = (
    "tax_code,name,commune_code,upper_union_code,upper_union_name,upper_union_kind,"
    "sector,ownership,workforce,union_members"
)


async def communes() -> list[str]:
    await load_communes({PROVINCE})
    return [code for code, _name, _p in shipped_communes({PROVINCE})]


def rows(codes: list[str], count: int = 43) -> list[str]:
    lines = []
    for n in range(1, count + 1):
        park = n > 40  # three enterprises in the industrial park union
        union = (
            "KCN-YB,Công đoàn các KCN Yên Bình,industrial_park"
            if park
            else (f"CD-{codes[n % 3]},Công đoàn {codes[n % 3]},commune")
        )
        ownership = "state_owned" if n <= 5 else ("foreign_invested" if n % 4 == 0 else "private")
        lines.append(
            f"{4600000000 + n},Công ty số {n:02d},{codes[n % 3]},{union},C,{ownership},"
            f"{10 + n * 3},{5 + n}"
        )
    return lines


def good_file(codes: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows(codes)]) + "\n").encode()


def bad_file(codes: list[str]) -> bytes:
    """The 43 rows and two bad ones: an unknown commune (row 45) and a tax code already on
    row 2 (row 46)."""
    lines = [HEADER, *rows(codes)]
    lines.append("4609999999,Công ty lạ,99999,,,,C,private,50,10")
    lines.append(f"4600000001,Công ty trùng,{codes[0]},,,,C,private,50,10")
    return ("\n".join(lines) + "\n").encode()
