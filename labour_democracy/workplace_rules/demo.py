"""Demo history of the garment company: its democracy regulation consulted on (one comment
taken up, one not with its reason), issued and published; internal labour rules registered;
the business situation disclosed and read by a few workers."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.i18n import today
from labour_democracy.workplace_rules import disclosure, internal_rules, regulation, rules
from labour_democracy.workplace_rules.schemas import (
    CommentForm,
    ConsultationForm,
    ConsultRulesForm,
    ContentsForm,
    DecisionForm,
    DisclosureForm,
    FileRulesForm,
    IssueForm,
    IssueRulesForm,
    ReplyForm,
)

CONTENTS = {
    "working_time": "Làm việc 8 giờ/ngày, 48 giờ/tuần; nghỉ giữa ca 30 phút.",
    "workplace_order": "Ra vào xưởng bằng thẻ; giữ trật tự trong giờ làm việc.",
    "safety": "Sử dụng đủ phương tiện bảo vệ cá nhân; tuân thủ nội quy phòng cháy.",
    "harassment": "Nghiêm cấm quấy rối tình dục; tố giác gửi Phòng Nhân sự hoặc Công đoàn.",
    "assets_secrets": "Bảo vệ tài sản, mẫu mã và bí mật kinh doanh của Công ty.",
    "transfer": "Tạm chuyển làm việc khác khi thiếu nguyên liệu, tối đa 60 ngày/năm.",
    "violations": "Khiển trách, kéo dài thời hạn nâng lương, cách chức, sa thải.",
    "liability": "Bồi thường thiệt hại tài sản theo quy định của pháp luật.",
    "competent_person": "Tổng Giám đốc hoặc người được ủy quyền bằng văn bản.",
}


def _this_year(day: dt.date) -> dt.date:
    return max(day, dt.date(today().year, 1, 1))


async def load(context: EnterpriseContext) -> None:
    on = today()
    view = await regulation.overview(context)
    version_id = view.version.id
    await regulation.use_defaults(context, version_id)
    started = _this_year(on - dt.timedelta(days=30))
    await regulation.start_consultation(
        context,
        version_id,
        ConsultationForm(
            consulted_bodies="Công đoàn cơ sở; nhóm đại diện đối thoại", started_on=started
        ),
    )
    taken = await regulation.add_comment(
        context,
        version_id,
        CommentForm(
            author="Công đoàn cơ sở",
            chapter_key="disclosure",
            body="Đề nghị đăng nội dung công khai lên trang thông tin người lao động.",
            received_on=started,
        ),
    )
    refused = await regulation.add_comment(
        context,
        version_id,
        CommentForm(
            author="Công đoàn cơ sở",
            chapter_key="conference",
            body="Đề nghị tổ chức Hội nghị người lao động hai lần mỗi năm.",
            received_on=started,
        ),
    )
    await regulation.decide_comment(context, taken, DecisionForm(decision="accept"))
    await regulation.decide_comment(
        context,
        refused,
        DecisionForm(
            decision="reject",
            reason="Điều 47 Nghị định số 145/2020/NĐ-CP quy định hội nghị hằng năm; giữa kỳ đã "
            "có đối thoại định kỳ hai lần mỗi năm.",
        ),
    )
    head = context.enterprise
    await regulation.issue(
        context,
        version_id,
        IssueForm(
            issued_on=_this_year(on - dt.timedelta(days=20)),
            signer_title=head.legal_representative_title,
            signer_name=head.legal_representative,
        ),
    )
    await regulation.publish(context, version_id)

    await internal_rules.save_contents(context, ContentsForm(**CONTENTS))
    issued = _this_year(on - dt.timedelta(days=15))
    await internal_rules.record_consultation(
        context, ConsultRulesForm(consulted_on=issued, opinion="Công đoàn cơ sở nhất trí.")
    )
    await internal_rules.issue(context, IssueRulesForm(issued_on=issued))
    filed = _this_year(on - dt.timedelta(days=10))
    await internal_rules.file_dossier(
        context, FileRulesForm(filed_on=filed, authority="Sở Nội vụ tỉnh Bắc Ninh")
    )
    await internal_rules.record_reply(context, ReplyForm(reply_on=on, outcome="registered"))

    disclosure_id = await disclosure.disclose(
        context,
        DisclosureForm(
            matter="business",
            title="Tình hình sản xuất, kinh doanh 6 tháng đầu năm",
            body="Doanh thu tăng 8% so với cùng kỳ.\nĐơn hàng đủ đến hết quý IV.",
            decided_on=_this_year(on - dt.timedelta(days=rules.DEFAULT_DISCLOSURE_DAYS - 5)),
            disclosed_on=on,
            forms=["posting", "meeting"],
        ),
    )
    codes = (
        await Worker.select(Worker.employee_code)
        .where(Worker.enterprise == context.enterprise_id)
        .limit(5)
    )
    for row in codes:
        await disclosure.acknowledge(
            context.enterprise, disclosure_id, row["employee_code"], "kiosk", "demo"
        )
