"""Extending an agreement in force (Art. 83): proposed within the 90 days before expiry, voted by
more than half of all workers (exactly half fails), signed, published and filed like an
amendment; the new expiry reaches the page's facts, the reminders and the obligations. Bad input
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.agreements import (
    approval,
    compliance,
    deadlines,
    extension,
    queries,
    rules,
)
from labour_democracy.agreements.schemas import (
    DateForm,
    ExtensionForm,
    ExtensionSignForm,
    SignForm,
    VoteForm,
)
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    BargainingSide,
)
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import AuditEntry, Enterprise, Role
from labour_democracy.documents import registry
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import language, today
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import TallySheetForm
from labour_democracy.voting.tables import TallyKind
from tests import factories
from tests.agreements import REPRESENTED
from tests.agreements.test_services import _agree, _bargain, _docx_text
from tests.documents import docx_rules

WORKERS = 10


async def _signed(expires_in: int):
    """A signed agreement in force since 2 years less `expires_in` days, expiring in
    `expires_in` days (term 24 months)."""
    enterprise = await factories.enterprise(min_wage_region=1, **REPRESENTED)
    await factories.workers(enterprise, WORKERS)
    hr = await factories.context(enterprise, Role.HR)
    union = await factories.context(enterprise, Role.UNION)
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.600.000")
    expires = today() + dt.timedelta(days=expires_in)
    effective = rules.add_months(expires + dt.timedelta(days=1), -24)
    await Agreement.update({Agreement.status: AgreementStatus.APPROVED}).where(
        Agreement.id == agreement_id
    )
    await approval.sign(
        hr,
        agreement_id,
        SignForm(
            signed_on=today(),
            effective_on=today(),
            term_months=24,
            employer_signer="Nguyễn Văn A",
            workers_signer="Trần Thị B",
        ),
    )
    await Agreement.update(
        {
            Agreement.signed_on: effective,
            Agreement.effective_on: effective,
            Agreement.expires_on: expires,
            Agreement.filed_on: effective,
        }
    ).where(Agreement.id == agreement_id)
    return enterprise, hr, union, agreement_id


def _form(new_expiry: dt.date, proposed_on: dt.date | None = None) -> ExtensionForm:
    return ExtensionForm(
        requested_by=BargainingSide.WORKERS,
        proposed_on=proposed_on or today(),
        expires_on=new_expiry,
        contents="Cần thêm thời gian thương lượng thỏa ước mới.",
    )


async def _vote(union, extension_id: int, approvals: int) -> bool:
    ballot_id = await approval.put_to_vote(union, extension_id, VoteForm(by_chapter=True))
    await voting.open_ballot(union, ballot_id)
    questions = await voting.questions_with_options(ballot_id)
    assert len(questions) == 1 and "gia hạn" in questions[0]["text"]
    options = {o["role"]: o["id"] for o in questions[0]["options"]}
    await voting.add_tally_sheet(
        union,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=WORKERS, teller_one="Lê A", teller_two="Vũ B"),
        {
            (questions[0]["id"], options["for"], False): approvals,
            (questions[0]["id"], options["against"], False): WORKERS - approvals,
        },
    )
    await voting.close_ballot(union, ballot_id)
    return await approval.record_result(union, extension_id)


async def _row(agreement_id: int) -> Agreement:
    return await Agreement.objects().where(Agreement.id == agreement_id).first()


async def test_an_extension_is_voted_signed_published_and_filed_and_moves_the_expiry():
    enterprise, hr, union, agreement_id = await _signed(expires_in=30)
    agreement = await _row(agreement_id)
    new_expiry = agreement.expires_on + dt.timedelta(days=180)
    extension_id = await extension.propose(union, agreement_id, _form(new_expiry))
    proposal = await _row(extension_id)
    assert (proposal.kind, proposal.amends, proposal.expires_on) == (
        AgreementKind.EXTENSION, agreement_id, new_expiry
    )  # fmt: skip
    # Another proposal while this one is under way is refused.
    with language("en"), pytest.raises(Conflict, match="already under way"):
        await extension.propose(union, agreement_id, _form(new_expiry))
    # The reminder: vote and sign before the agreement expires.
    with language("en"):
        items = await deadlines.deadlines(hr)
    assert any("Vote and sign" in i.title and i.due_on == agreement.expires_on for i in items)

    # Signing before the vote is refused; exactly half of all workers fails.
    sign = ExtensionSignForm(signed_on=today(), employer_signer="Nguyễn Văn A", workers_signer="B")
    with language("en"), pytest.raises(Conflict, match="more than half of all workers"):
        await extension.sign(hr, extension_id, sign)
    assert await _vote(union, extension_id, WORKERS // 2) is False
    assert (await _row(extension_id)).status == AgreementStatus.BARGAINING
    assert await _vote(union, extension_id, WORKERS // 2 + 1) is True

    # The agreement's own signing form refuses an extension.
    with language("en"), pytest.raises(Conflict, match="its own form"):
        await approval.sign(
            hr,
            extension_id,
            SignForm(signed_on=today(), term_months=12, employer_signer="A", workers_signer="B"),
        )

    await extension.sign(hr, extension_id, sign)
    agreement, signed = await _row(agreement_id), await _row(extension_id)
    assert agreement.expires_on == new_expiry
    assert signed.status == AgreementStatus.SIGNED
    assert signed.effective_on == new_expiry - dt.timedelta(days=180) + dt.timedelta(days=1)
    text = await _docx_text(signed.agreement_document)
    assert "THỎA THUẬN" in text and "Gia hạn thỏa ước" in text
    assert f"đến hết ngày {new_expiry.day:02d}" in text and "6/10 người lao động" in text
    kind = (
        await IssuedDocument.select(IssuedDocument.kind)
        .where(IssuedDocument.id == signed.agreement_document)
        .first()
    )
    assert kind["kind"] == "cba_extension" and registry.kind_label("cba_extension")
    audits = await AuditEntry.select(AuditEntry.action).where(
        AuditEntry.action == "agreement.extended"
    )
    assert len(audits) == 1

    # Published and filed like an amendment, with the extension's own words.
    await approval.publish(hr, extension_id, DateForm(on=today()), "http://x/p/t")
    await approval.file(hr, extension_id, DateForm(on=today()))
    signed = await _row(extension_id)
    letter = await _docx_text(signed.filing_document)
    assert "Kính gửi: Sở Nội vụ" in letter and "gia hạn thỏa ước" in letter
    notice = await _docx_text(signed.publication_document)
    assert "THÔNG BÁO" in notice and "gia hạn" in notice
    # Every article the three documents cite names its law with its number.
    for document in (text, letter, notice):
        assert docx_rules.citation_problems(document.splitlines()) == []
    enterprise_row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    public = await queries.published_for_public(enterprise_row)
    assert [item["agreement"].kind for item in public["agreements"]] == [AgreementKind.EXTENSION]

    # The reminders and the obligations see the new expiry.
    with language("en"):
        items = await deadlines.deadlines(hr)
    expiry = [item for item in items if "expires" in item.title]
    assert [item.due_on for item in expiry] == [new_expiry]
    assert not any("Vote and sign" in item.title for item in items)
    year = today().year
    result = (await compliance.not_expiring([enterprise], year))[enterprise]
    assert result.met is True and result.on == new_expiry
    assert (await compliance.in_force([enterprise], year))[enterprise].met is True
    filed = (await compliance.filed_on_time([enterprise], year))[enterprise]
    assert filed.met is True


async def test_an_extension_outside_the_window_expired_or_too_long_is_refused_and_nothing_changes():
    _enterprise, hr, union, agreement_id = await _signed(expires_in=91)
    agreement = await _row(agreement_id)
    before = await Agreement.count()
    # Day 91 before expiry: outside the window.
    with language("en"), pytest.raises(Invalid) as refused:
        await extension.propose(union, agreement_id, _form(agreement.expires_on + dt.timedelta(1)))
    assert "within the 90 days before expiry" in refused.value.errors["proposed_on"]
    # Whole term past 3 years.
    await Agreement.update({Agreement.expires_on: today() + dt.timedelta(days=90)}).where(
        Agreement.id == agreement_id
    )
    agreement = await _row(agreement_id)
    limit = rules.extended_expiry_limit(agreement.effective_on)
    with language("en"), pytest.raises(Invalid) as refused:
        await extension.propose(union, agreement_id, _form(limit + dt.timedelta(days=1)))
    assert "36 months" in refused.value.errors["expires_on"]
    # Not after the current expiry.
    with language("en"), pytest.raises(Invalid) as refused:
        await extension.propose(union, agreement_id, _form(agreement.expires_on))
    assert "after the current one" in refused.value.errors["expires_on"]
    # HR cannot speak for the worker side.
    with pytest.raises(Forbidden):
        await extension.propose(hr, agreement_id, _form(limit))
    assert await Agreement.count() == before
    # Day 90 before expiry, the longest term: accepted.
    extension_id = await extension.propose(union, agreement_id, _form(limit))
    assert (await _row(extension_id)).expires_on == limit

    # Expired before it was signed: the vote and the signature are refused.
    assert await _vote(union, extension_id, WORKERS // 2 + 1) is True
    await Agreement.update({Agreement.expires_on: today() - dt.timedelta(days=1)}).where(
        Agreement.id == agreement_id
    )
    sign = ExtensionSignForm(signed_on=today(), employer_signer="A", workers_signer="B")
    with language("en"), pytest.raises(Invalid) as refused:
        await extension.sign(hr, extension_id, sign)
    assert "expired" in refused.value.errors["signed_on"]
    assert (await _row(extension_id)).status == AgreementStatus.APPROVED
    assert (await _row(agreement_id)).expires_on == today() - dt.timedelta(days=1)


async def test_an_expired_agreement_is_not_extended():
    _enterprise, _hr, union, agreement_id = await _signed(expires_in=-1)
    with language("en"), pytest.raises(Invalid) as refused:
        await extension.propose(
            union, agreement_id, _form(today() + dt.timedelta(days=30), today())
        )
    assert "expired" in refused.value.errors["proposed_on"]
    assert await Agreement.count().where(Agreement.kind == AgreementKind.EXTENSION.value) == 0
