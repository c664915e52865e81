"""Demo: a consultation the garment company held last month, counted and published."""

from __future__ import annotations

import random

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.voting import services, voters
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import Option, QuestionKind


async def load(context: EnterpriseContext) -> None:
    ballot = await services.create_ballot(
        context,
        BallotForm(
            title="Lấy ý kiến về dự thảo Quy chế thưởng năm 2027",
            explanation=(
                "Công đoàn cơ sở lấy ý kiến toàn thể người lao động về dự thảo Quy chế thưởng "
                "năm 2027 trước khi đối thoại với Ban Giám đốc."
            ),
        ),
    )
    question = await services.add_question(
        context,
        ballot,
        QuestionForm(kind=QuestionKind.MOTION, text="Anh/chị có tán thành dự thảo Quy chế thưởng?"),
    )
    issued = await services.issue_codes(context, ballot)
    await services.open_ballot(context, ballot)
    options = {
        row["role"]: row["id"]
        for row in await Option.select(Option.id, Option.role).where(Option.question == question)
    }
    generator = random.Random(7)
    for slip in issued[: len(issued) * 4 // 5]:
        answer = generator.choices(["for", "against", "abstain"], weights=[7, 2, 1])[0]
        await voters.cast_code(slip.code, {question: [options[answer]]})
    await services.close_ballot(context, ballot)
