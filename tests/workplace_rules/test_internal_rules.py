"""The internal labour rules through their pages: contents, the representative organisation's
opinion, issue, the registration dossier with its 10-day clock, the authority's reply; only for
10 or more workers."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.tables import Representation, Role
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.workplace_rules import rules
from labour_democracy.workplace_rules.tables import InternalRules, InternalRulesStatus
from tests import factories
from tests.workplace_rules.test_regulation import in_english

CONTENTS = {key: f"Nội dung {key}" for key in rules.INTERNAL_RULES_KEYS}


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        representation=Representation.GRASSROOTS_UNION,
    )
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.workers(enterprise_id, 10)
    return enterprise_id


async def test_fewer_than_ten_workers_need_no_written_rules(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.user("small@a.vn", Role.HR, enterprise_id)
    await factories.workers(enterprise_id, 9)
    hr = await in_english(await browser_for("small@a.vn"))
    base = f"/enterprises/{enterprise_id}/workplace-rules/internal-rules"
    page = await hr.get(base)
    assert "need not write or register internal labour rules" in page.text
    response = await hr.post(f"{base}/contents", CONTENTS)
    assert response.status_code == 303  # refused with a message, nothing written
    assert await InternalRules.count() == 0


async def test_rules_are_consulted_issued_filed_and_registered(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/internal-rules"
    assert (await hr.post(f"{base}/contents", {**CONTENTS, "harassment": ""})).status_code == 303
    page = await hr.get(base)
    assert "Missing: 1 of 9 required contents" in page.text

    # Issuing with a content missing, then without the union's opinion, is refused.
    response = await hr.post(f"{base}/issue", {"issued_on": today().isoformat()})
    assert response.status_code == 422 and "Art. 118(2)" in response.text
    assert (await hr.post(f"{base}/contents", CONTENTS)).status_code == 303
    response = await hr.post(f"{base}/issue", {"issued_on": today().isoformat()})
    assert response.status_code == 422 and "Art. 118(3)" in response.text
    assert (await InternalRules.objects().first()).status == InternalRulesStatus.DRAFT

    response = await hr.post(
        f"{base}/consultation",
        {"consulted_on": today().isoformat(), "opinion": "Đồng ý, đề nghị bổ sung ca đêm."},
    )
    assert response.status_code == 303
    assert (await hr.post(f"{base}/issue", {"issued_on": today().isoformat()})).status_code == 303
    page = await hr.get(base)
    assert "Dossier due by" in page.text

    response = await hr.post(
        f"{base}/filing", {"filed_on": today().isoformat(), "authority": "Sở Nội vụ tỉnh Bắc Ninh"}
    )
    assert response.status_code == 303
    found = await InternalRules.objects().first()
    assert found.status == InternalRulesStatus.FILED and found.filed_on == today()
    letter = (
        await IssuedDocument.objects().where(IssuedDocument.id == found.dossier_document).first()
    )
    assert letter.reference == "01/SHVN"  # a công văn: no type abbreviation
    text = all_text((await hr.get(f"/enterprises/{enterprise}/documents/{letter.id}/docx")).content)
    assert "V/v Đăng ký nội quy lao động" in text and "Kính gửi: Sở Nội vụ tỉnh Bắc Ninh" in text
    assert "Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở;" in text

    # Amendments asked need their content; then the rules are amended and filed again.
    response = await hr.post(
        f"{base}/reply", {"reply_on": today().isoformat(), "outcome": "to_amend"}
    )
    assert response.status_code == 422
    response = await hr.post(
        f"{base}/reply",
        {"reply_on": today().isoformat(), "outcome": "registered", "reply": ""},
    )
    assert response.status_code == 303
    assert (await InternalRules.objects().first()).status == InternalRulesStatus.REGISTERED


async def test_a_late_filing_is_flagged(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    issued = today() - dt.timedelta(days=11)
    await InternalRules(
        enterprise=enterprise,
        status=InternalRulesStatus.ISSUED,
        contents="{}",
        issued_on=issued,
        consulted_on=issued,
    ).save()
    page = await hr.get(f"/enterprises/{enterprise}/workplace-rules/internal-rules")
    assert ">late<" in page.text


async def test_amendments_asked_by_the_authority_are_consulted_on_again(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/internal-rules"
    await hr.post(f"{base}/contents", CONTENTS)
    day = today().isoformat()
    await hr.post(f"{base}/consultation", {"consulted_on": day, "opinion": "Đồng ý."})
    await hr.post(f"{base}/issue", {"issued_on": day})
    await hr.post(f"{base}/filing", {"filed_on": day, "authority": "Sở Nội vụ tỉnh Bắc Ninh"})
    response = await hr.post(
        f"{base}/reply", {"reply_on": day, "outcome": "to_amend", "reply": "Sửa mục kỷ luật."}
    )
    assert response.status_code == 303
    found = await InternalRules.objects().first()
    assert found.status == InternalRulesStatus.TO_AMEND and found.consulted_on is None
    response = await hr.post(f"{base}/issue", {"issued_on": day})
    assert response.status_code == 422 and "Art. 118(3)" in response.text
