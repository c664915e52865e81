"""The conference's documents, in Vietnamese whatever the page's language: the plan (Kế hoạch),
the invitations (Giấy mời, one page per delegate with a personal check-in QR code), the agenda
(Chương trình), the delegate list and attendance sheet (Danh sách), the minutes (Biên bản) and
the resolution (Nghị quyết) with its validity stamp, and for a state-owned enterprise the report
of each six-monthly review of the resolution (Báo cáo sơ kết, Law 10/2022/QH15, Art. 70(3)).

Each is generated from what the conference records hold: the minutes and the resolution from
what happened (check-ins, the voting engine's sealed results, proposals and their answers,
follow-up actions), so their numbers cannot differ from the app's; the review report from the
resolution's commitments (follow-up actions) and what the review recorded.
"""

from labour_democracy.conferences.documents import samples
from labour_democracy.conferences.documents.templates import (
    AGENDA,
    AGENDA_KIND,
    ATTENDANCE_SHEET,
    ATTENDANCE_SHEET_KIND,
    DELEGATE_LIST,
    DELEGATE_LIST_KIND,
    INVITATION,
    INVITATION_KIND,
    MINUTES,
    MINUTES_KIND,
    PLAN,
    PLAN_KIND,
    RESOLUTION,
    RESOLUTION_KIND,
    REVIEW_REPORT,
    REVIEW_REPORT_KIND,
    build_agenda,
    build_attendance_sheet,
    build_delegate_list,
    build_invitation,
    build_minutes,
    build_plan,
    build_resolution,
    build_review_report,
)
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind

# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(PLAN, build_plan, samples.sample_plan),
    DocumentTemplate(INVITATION, build_invitation, samples.sample_invitation),
    DocumentTemplate(AGENDA, build_agenda, samples.sample_agenda),
    DocumentTemplate(DELEGATE_LIST, build_delegate_list, samples.sample_delegate_list),
    DocumentTemplate(ATTENDANCE_SHEET, build_attendance_sheet, samples.sample_attendance),
    DocumentTemplate(MINUTES, build_minutes, samples.sample_minutes),
    DocumentTemplate(RESOLUTION, build_resolution, samples.sample_resolution),
    DocumentTemplate(REVIEW_REPORT, build_review_report, samples.sample_review_report),
)
KINDS = (
    DocumentKind(PLAN_KIND, N_("Conference plan")),
    DocumentKind(INVITATION_KIND, N_("Conference invitations")),
    DocumentKind(AGENDA_KIND, N_("Conference agenda")),
    DocumentKind(DELEGATE_LIST_KIND, N_("Conference delegate list")),
    DocumentKind(ATTENDANCE_SHEET_KIND, N_("Conference attendance sheet")),
    DocumentKind(MINUTES_KIND, N_("Conference minutes")),
    DocumentKind(RESOLUTION_KIND, N_("Conference resolution")),
    DocumentKind(REVIEW_REPORT_KIND, N_("Report of a resolution review")),
)
