"""The dialogue's documents, in Vietnamese whatever the page's language (Decree 145/2020/NĐ-CP
Arts. 38-41; Decree 30/2020 layout), one file each:

    minutes.py             the minutes (Biên bản đối thoại tại nơi làm việc)
    publication_notice.py  the notice of its main contents (Thông báo nội dung chính)
    request_reply.py       the written reply to a request (a công văn)
    member_list.py         the notice of a member list (Danh sách thành viên đại diện đối thoại)
    builders.py            the docx layouts of the four templates
    record.py, wording.py  what the minutes and notice print, and the shared Vietnamese words
    samples.py             sample contexts for `check-templates`

Each `issue_*` numbers and stores one document and links it to its record, inside the
caller's write transaction when there is one; the caller has checked its own permission.
Context builders read the tables and `dialogue.queries`, never the stage services that call
them. This file declares the templates and kinds for the module's manifest.
"""

from labour_democracy.dialogue.documents import (
    builders,
    member_list,
    minutes,
    publication_notice,
    request_reply,
    samples,
)
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind

TEMPLATES = (
    DocumentTemplate(minutes.MINUTES, builders.build_minutes, samples.sample_minutes),
    DocumentTemplate(
        publication_notice.PUBLICATION,
        builders.build_publication_notice,
        samples.sample_publication,
    ),
    DocumentTemplate(
        request_reply.REQUEST_REPLY, builders.build_request_reply, samples.sample_request_reply
    ),
    DocumentTemplate(
        member_list.MEMBER_LIST, builders.build_member_list, samples.sample_member_list
    ),
)
KINDS = (
    DocumentKind(minutes.MINUTES_KIND, N_("Dialogue minutes")),
    DocumentKind(publication_notice.PUBLICATION_KIND, N_("Dialogue main contents notice")),
    DocumentKind(request_reply.REQUEST_REPLY_KIND, N_("Reply to a dialogue request")),
    DocumentKind(member_list.MEMBER_LIST_KIND, N_("Dialogue member list")),
)
