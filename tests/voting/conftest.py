"""Builders for voting tests: an enterprise with workers and a ballot with its questions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from labour_democracy import i18n
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Role
from labour_democracy.voting import services
from labour_democracy.voting.rules import Base, Comparator
from labour_democracy.voting.schemas import BallotForm, IssuedCode, QuestionForm
from labour_democracy.voting.tables import Channels, QuestionKind, Secrecy
from tests import factories


@dataclass
class Setup:
    context: EnterpriseContext
    ballot_id: int
    question_ids: list[int]
    codes: list[IssuedCode]


async def make_ballot(
    workers: int = 5,
    secrecy: Secrecy = Secrecy.SECRET,
    channels: Channels = Channels.BOTH,
    questions: tuple[QuestionForm, ...] | None = None,
    open_it: bool = True,
    role: Role = Role.UNION,
) -> Setup:
    enterprise = await factories.enterprise()
    await factories.workers(enterprise, workers)
    context = await factories.context(enterprise, role)
    ballot_id = await services.create_ballot(
        context,
        BallotForm(title="Lấy ý kiến về quy chế thưởng", secrecy=secrecy, channels=channels),
    )
    question_ids = [
        await services.add_question(context, ballot_id, form) for form in (questions or (motion(),))
    ]
    codes = await services.issue_codes(context, ballot_id)
    if open_it:
        await services.open_ballot(context, ballot_id)
    return Setup(context, ballot_id, question_ids, codes)


def motion(text: str = "Đồng ý với dự thảo quy chế thưởng?", **rule) -> QuestionForm:
    return QuestionForm(kind=QuestionKind.MOTION, text=text, **rule)


def election(candidates: list[str], seats: int, method="tick") -> QuestionForm:
    return QuestionForm(
        kind=QuestionKind.ELECTION,
        text="Bầu Ban chấp hành",
        options="\n".join(candidates),
        seats=seats,
        method=method,
        rule_base=Base.VALID,
        rule_comparator=Comparator.GREATER,
        rule_numerator=1,
        rule_denominator=2,
    )


async def option_ids(question_id: int) -> dict[str, int]:
    from labour_democracy.voting.tables import Option

    rows = await Option.select(Option.id, Option.label, Option.role).where(
        Option.question == question_id
    )
    return {(row["role"] or row["label"]): row["id"] for row in rows}


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; pages get English through the language switch."""
    with i18n.language("en"):
        yield
