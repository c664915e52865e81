"""How documents name the workers' side, from the enterprise's representation (core's one source
of truth, set when the upper-level union recognises a union).

Decree 145/2020/NĐ-CP, Art. 47(1): the employer organises the worker conference with the
grassroots representative organisation "if any" (nếu có) and the workers' dialogue group (if
any); an enterprise without a union names its dialogue group instead (issue 12, point 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.tables import Representation


@dataclass(frozen=True)
class WorkersSide:
    body: str  # who acts: "Ban Chấp hành Công đoàn cơ sở"
    chair: str  # the co-chair's capacity: "Chủ tịch Công đoàn cơ sở"
    has_union: bool


_SIDES = {
    Representation.GRASSROOTS_UNION: WorkersSide(
        "Ban Chấp hành Công đoàn cơ sở", "Chủ tịch Công đoàn cơ sở", True
    ),
    Representation.WORKERS_ORGANISATION: WorkersSide(
        "Ban lãnh đạo tổ chức của người lao động tại doanh nghiệp",
        "đại diện tổ chức của người lao động tại doanh nghiệp",
        True,
    ),
    Representation.NONE: WorkersSide(
        "Nhóm đại diện đối thoại của người lao động",
        "đại diện Nhóm đại diện đối thoại của người lao động",
        False,
    ),
}


def workers_side(representation: str | None) -> WorkersSide:
    """The workers' side of the enterprise's documents (none recorded: no organisation)."""
    try:
        return _SIDES[Representation(representation or Representation.NONE)]
    except ValueError:
        return _SIDES[Representation.NONE]
