"""Demo: what the garment company's workers sent this year, at each step of its way."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Role
from labour_democracy.i18n import today
from labour_democracy.suggestions import services
from labour_democracy.suggestions.schemas import PaperSuggestionForm, PublicSuggestionForm
from labour_democracy.suggestions.tables import Channel, Suggestion, SuggestionKind


async def load(context: EnterpriseContext) -> None:
    union = EnterpriseContext(context.actor, context.enterprise, frozenset({Role.UNION}))
    hr = EnterpriseContext(context.actor, context.enterprise, frozenset({Role.HR}))
    enterprise = context.enterprise

    async def online(subject: str, body: str, **author) -> int:
        await services.submit_public(
            enterprise, PublicSuggestionForm(subject=subject, body=body, **author), "demo"
        )
        return (
            await Suggestion.select(Suggestion.id).order_by(Suggestion.id, ascending=False).first()
        )["id"]

    await online(
        "Tổ trưởng chuyền 3 quát mắng công nhân",
        "Tổ trưởng chuyền 3 thường xuyên quát mắng, đề nghị công đoàn can thiệp.",
    )
    answered = await online(
        "Thời gian nghỉ giữa ca",
        "Đề nghị cho nghỉ giữa ca 30 phút thay vì 20 phút như hiện nay.",
        author_unit="Xưởng may 1",
    )
    await services.publish(union, answered)
    await services.answer(
        hr,
        answered,
        "Từ tháng sau Công ty áp dụng nghỉ giữa ca 30 phút cho ca đêm; ca ngày sẽ bàn tại "
        "kỳ đối thoại định kỳ tới.",
    )
    published = await online(
        "Nước uống ở xưởng cắt",
        "Xưởng cắt chỉ có một bình nước cho 40 người, đề nghị bổ sung.",
        author_name="Lê Thị Hoa",
        author_unit="Xưởng cắt",
    )
    await services.publish(union, published)
    rejected = await online("Hỏi về xổ số", "Có ai mua chung vé số không?")
    await services.reject(union, rejected, "Nội dung không liên quan đến quan hệ lao động.")

    meal = []
    for subject, body, kind in (
        (
            "Bữa ăn ca ít thịt",
            "Suất ăn ca đêm ít thịt, đề nghị tăng định lượng.",
            SuggestionKind.SUGGESTION,
        ),
        (
            "Giá trị suất ăn ca",
            "Suất ăn ca hiện nay trị giá bao nhiêu? Có tăng theo giá thị trường không?",
            SuggestionKind.QUESTION,
        ),
    ):
        meal.append(
            await services.add_from_paper(
                union,
                PaperSuggestionForm(
                    kind=kind,
                    subject=subject,
                    body=body,
                    channel=Channel.PAPER,
                    received_on=today() - dt.timedelta(days=12),
                ),
            )
        )
    await services.group(union, meal, "Bữa ăn ca")
