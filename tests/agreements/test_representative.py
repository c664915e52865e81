"""Bargaining is between the employer and the workers' representative organisation (Labour
Code 45/2019/QH14, Art. 68): without one (never founded, or dissolved) bargaining does not start
and no later step that needs the workers' side goes on; the agreements made stay readable; the
documents name the organisation the enterprise records, never an invented union."""

from __future__ import annotations

import datetime as dt
import html
from types import SimpleNamespace

import pytest

from labour_democracy.agreements import approval, bargaining, queries
from labour_democracy.agreements.documents import contexts, issue
from labour_democracy.agreements.schemas import RequestForm, SessionForm, SignForm
from labour_democracy.agreements.tables import Agreement, BargainingSide
from labour_democracy.core.errors import Conflict
from labour_democracy.core.tables import Enterprise, Representation, Role
from labour_democracy.i18n import language, today
from tests import factories
from tests.agreements import REPRESENTED
from tests.agreements.test_services import _docx_text

REFUSED = "no workers' representative organisation"


def _request_form(side: BargainingSide = BargainingSide.EMPLOYER) -> RequestForm:
    return RequestForm(
        requested_by=side,
        received_on=today() - dt.timedelta(days=1),
        title="Thỏa ước lao động tập thể năm 2027",
        contents="Tiền lương",
    )


async def test_bargaining_does_not_start_where_the_enterprise_has_no_representative():
    enterprise = await factories.enterprise(min_wage_region=1)
    for role, side in ((Role.HR, BargainingSide.EMPLOYER), (Role.UNION, BargainingSide.WORKERS)):
        context = await factories.context(enterprise, role)
        with language("en"), pytest.raises(Conflict, match=REFUSED) as refused:
            await bargaining.create_request(context, _request_form(side))
        assert "Labour Code 45/2019/QH14, Art. 68" in str(refused.value)
    assert await Agreement.count() == 0


async def test_after_the_union_is_dissolved_no_step_goes_on_and_the_agreement_stays_readable():
    enterprise = await factories.enterprise(min_wage_region=1, **REPRESENTED)
    hr = await factories.context(enterprise, Role.HR)
    agreement_id = await bargaining.create_request(hr, _request_form())
    # What unions/dissolution.py writes when the union is dissolved.
    await Enterprise.update(
        {Enterprise.representation: Representation.NONE, Enterprise.representative_body: ""}
    ).where(Enterprise.id == enterprise)
    hr = await factories.context(enterprise, Role.HR)
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    with language("en"):
        with pytest.raises(Conflict, match=REFUSED):
            await issue.request_letter(hr, agreement)
        with pytest.raises(Conflict, match=REFUSED):
            await bargaining.add_session(
                hr, agreement_id, SessionForm(held_on=today(), place="Hội trường", minute_taker="C")
            )
        with pytest.raises(Conflict, match=REFUSED):
            await approval.sign(
                hr,
                agreement_id,
                SignForm(
                    signed_on=today(), term_months=24, employer_signer="A", workers_signer="B"
                ),
            )
    after = await Agreement.objects().where(Agreement.id == agreement_id).first()
    assert after.request_document is None and after.first_session_on is None
    assert after.signed_on is None
    view = await queries.agreement_view(hr, after)
    assert view is not None


@pytest.mark.parametrize(
    ("representation", "body", "named"),
    [
        ("grassroots_union", "Công đoàn cơ sở Công ty TNHH May Sông Hồng",
         "Công đoàn cơ sở Công ty TNHH May Sông Hồng"),
        ("workers_organisation", "Tổ chức người lao động Sông Hồng",
         "Tổ chức người lao động Sông Hồng"),
        ("grassroots_union", "", "Ban Chấp hành Công đoàn cơ sở"),
        ("none", "", "Tập thể người lao động"),
        ("none", "Công đoàn cơ sở đã giải thể", "Tập thể người lao động"),
    ],
)  # fmt: skip
def test_the_documents_name_the_body_the_enterprise_records(representation, body, named):
    enterprise = SimpleNamespace(
        name="Công ty TNHH May Sông Hồng", representation=representation, representative_body=body
    )
    assert contexts.worker_body(enterprise) == named


async def test_the_request_letter_names_the_workers_organisation_of_the_enterprise():
    enterprise = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng",
        min_wage_region=1,
        representation=Representation.WORKERS_ORGANISATION,
        representative_body="Tổ chức người lao động Sông Hồng",
    )
    hr = await factories.context(enterprise, Role.HR)
    agreement_id = await bargaining.create_request(hr, _request_form())
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    text = await _docx_text((await issue.request_letter(hr, agreement)).id)
    assert "Tổ chức người lao động Sông Hồng" in text
    assert "Công đoàn cơ sở Công ty TNHH May Sông Hồng" not in text


async def test_the_page_says_why_links_to_the_union_and_refuses_a_request(browser_for):
    enterprise = await factories.enterprise(min_wage_region=1)
    await factories.english_user("hr@a.vn", Role.HR, enterprise)
    hr = await browser_for("hr@a.vn")
    base = f"/enterprises/{enterprise}/agreements"
    page = await hr.get(base)
    assert page.status_code == 200
    assert "This enterprise has " + REFUSED in html.unescape(page.text)
    assert f'href="/enterprises/{enterprise}/union"' in page.text
    assert 'id="new-request"' not in page.text
    response = await hr.post(
        base,
        {"requested_by": "cba_employer", "received_on": today().isoformat(), "title": "T",
         "contents": "Tiền lương"},
    )  # fmt: skip
    assert response.status_code == 303
    assert "The enterprise has " + REFUSED in html.unescape((await hr.get(base)).text)
    assert await Agreement.count() == 0


async def test_the_page_of_a_represented_enterprise_shows_the_request_form(browser_for):
    enterprise = await factories.enterprise(min_wage_region=1, **REPRESENTED)
    await factories.english_user("hr@a.vn", Role.HR, enterprise)
    page = await (await browser_for("hr@a.vn")).get(f"/enterprises/{enterprise}/agreements")
    assert 'id="new-request"' in page.text and 'id="no-representative"' not in page.text
