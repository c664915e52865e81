"""The agreements' documents, in Vietnamese whatever the page's language (Decree 30/2020
layout), and the templates and kinds for the module's manifest:

    builders.py   the docx layouts: letter, minutes, agreement, notice
    contexts.py   what each document prints (pure)
    issue.py      numbering and storing each document and linking it to its record
    samples.py    sample contexts for `check-templates`
    extension.py  the extension agreement (Art. 83): layout, contents, sample, issue
"""

from labour_democracy.agreements.documents import builders, extension, samples
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind

LETTER = "agreements/letter.docx"
MINUTES = "agreements/minutes.docx"
AGREEMENT = "agreements/agreement.docx"
NOTICE = "agreements/notice.docx"

TEMPLATES = (
    DocumentTemplate(LETTER, builders.build_letter, samples.sample_request),
    DocumentTemplate(MINUTES, builders.build_minutes, samples.sample_minutes),
    DocumentTemplate(AGREEMENT, builders.build_agreement, samples.sample_agreement_context),
    DocumentTemplate(NOTICE, builders.build_notice, samples.sample_notice),
    DocumentTemplate(extension.TEMPLATE, extension.build_extension, extension.sample),
)
KINDS = (
    DocumentKind("cba_request", N_("Request to bargain")),
    DocumentKind("cba_minutes", N_("Bargaining session minutes")),
    DocumentKind("cba_agreement", N_("Collective labour agreement")),
    DocumentKind("cba_amendment", N_("Amendment of a collective labour agreement")),
    DocumentKind(extension.KIND, N_("Extension of a collective labour agreement")),
    DocumentKind("cba_filing", N_("Letter filing a collective labour agreement")),
    DocumentKind("cba_publication", N_("Notice of a collective labour agreement")),
)
