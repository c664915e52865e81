"""Words shown for the agreements module's values, and the default skeleton of an agreement
(chapters after the topics of Labour Code 2019 Art. 67)."""

from __future__ import annotations

from labour_democracy.agreements.floors import Verdict
from labour_democracy.agreements.tables import (
    AgreementKind,
    AgreementStatus,
    BargainingSide,
    ClauseStatus,
)
from labour_democracy.core.labels import register
from labour_democracy.i18n import N_

register(
    {
        BargainingSide.EMPLOYER: N_("Employer"),
        BargainingSide.WORKERS: N_("Worker side"),
        AgreementStatus.BARGAINING: N_("Bargaining"),
        AgreementStatus.FAILED: N_("Bargaining failed"),
        AgreementStatus.VOTING: N_("Workers' vote"),
        AgreementStatus.APPROVED: N_("Approved by the workers"),
        AgreementStatus.SIGNED: N_("Signed"),
        AgreementKind.NEW: N_("Agreement"),
        AgreementKind.AMENDMENT: N_("Amendment"),
        AgreementKind.EXTENSION: N_("Extension"),
        ClauseStatus.PROPOSED: N_("Proposed"),
        ClauseStatus.AGREED: N_("Tentatively agreed"),
        ClauseStatus.DISPUTED: N_("Disputed"),
        ClauseStatus.WITHDRAWN: N_("Withdrawn"),
        Verdict.BELOW: N_("Below the law"),
        Verdict.EQUAL: N_("Equal to the law"),
        Verdict.MORE_FAVOURABLE: N_("More favourable than the law"),
        Verdict.NO_BASELINE: N_("No legal baseline"),
    }
)

# Labour Code 2019, Art. 67: the topics of bargaining, as the chapters of a new agreement.
# Agreement texts are documents, in Vietnamese (an English title for bilingual copies).
SKELETON = (
    ("Quy định chung", "General provisions"),
    (
        "Tiền lương, phụ cấp lương, nâng lương, thưởng, bữa ăn và các chế độ khác",
        "Wages, allowances, raises, bonuses, meals and other benefits",
    ),
    (
        "Định mức lao động, thời giờ làm việc, thời giờ nghỉ ngơi, làm thêm giờ, nghỉ giữa ca",
        "Work norms, working hours, rest, overtime and breaks",
    ),
    ("Bảo đảm việc làm đối với người lao động", "Job security"),
    (
        "An toàn, vệ sinh lao động; thực hiện nội quy lao động",
        "Occupational safety and health; internal labour rules",
    ),
    (
        "Điều kiện, phương tiện hoạt động của tổ chức đại diện người lao động",
        "Conditions and means for the workers' representative organisation",
    ),
    ("Cơ chế, phương thức phòng ngừa, giải quyết tranh chấp lao động", "Labour dispute mechanisms"),
    (
        "Bảo đảm bình đẳng giới, bảo vệ thai sản, nghỉ hằng năm; phòng, chống bạo lực và quấy "
        "rối tình dục tại nơi làm việc",
        "Gender equality, maternity, annual leave; preventing violence and sexual harassment",
    ),
    ("Điều khoản thi hành", "Final provisions"),
)
