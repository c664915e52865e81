"""`labour-democracy documents samples DIR` writes one of every document the app can issue, and
every one of them is a document a clerk signs without editing (docx_rules.py). Generic over
the documents registry: a module's new template is checked as soon as its manifest declares it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from labour_democracy.cli import main
from labour_democracy.documents import pdf, samples
from tests.documents import docx_rules
from tests.helpers import require_tool

NAMES = samples.names()


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("samples")
    result = CliRunner().invoke(main, ["documents", "samples", str(directory)])
    assert result.exit_code == 0, result.output
    return directory


def test_every_registered_document_is_written(written):
    assert {"voting/ballot_slips.docx", "conferences/minutes.docx"} <= set(NAMES)
    for name in NAMES:
        assert (written / name).is_file(), name
        if pdf.is_available():
            assert (written / name).with_suffix(".pdf").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_the_sample_is_signable_as_it_is(written, name):
    content = (written / name).read_bytes()
    lines = docx_rules.texts(content)
    problems = (
        docx_rules.page_problems(content)
        + docx_rules.font_problems(content)
        + docx_rules.metadata_problems(content)
        + docx_rules.text_problems(lines)
        + docx_rules.foreign_problems(lines)
        + docx_rules.keep_problems(content)
        + docx_rules.legal_basis_problems(content)
        + docx_rules.labour_code_problems(lines)
        + docx_rules.citation_problems(lines)
    )
    assert not problems, "\n".join(problems)


@pytest.mark.pdf
@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_has_no_blank_page_and_no_page_holding_only_a_name(written, name):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    problems = docx_rules.pdf_page_problems((written / name).with_suffix(".pdf").read_bytes())
    assert not problems, "\n".join(problems)
