"""The grading criteria page of a province's federation officer (refused input kept and marked,
another province unreachable, HR cannot open it) and the agreement page showing whose criteria
graded it, with the workers' suggestions tagged for bargaining (no author)."""

from __future__ import annotations

from labour_democracy.agreements.tables import GradingCriteria
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.schemas import PublicSuggestionForm
from labour_democracy.suggestions.tables import Suggestion, Topic
from tests import factories
from tests.agreements import REPRESENTED
from tests.agreements.test_pages import _request, in_english

CRITERIA = {
    "source": "Quyết định 12/QĐ-LĐLĐ",
    "a_more_favourable": "6", "a_groups": "3", "b_more_favourable": "4", "b_groups": "2",
    "c_more_favourable": "2", "c_groups": "1", "d_more_favourable": "1", "d_groups": "1",
}  # fmt: skip


async def test_the_province_officer_sets_the_criteria_and_the_agreement_names_them(browser_for):
    province = await factories.province_id("24")
    other = await factories.province_id("01")
    enterprise = await factories.enterprise(min_wage_region=1, **REPRESENTED)
    await factories.user("ldld@a.vn", Role.FEDERATION, province="24", name="Phạm Thị Liên")
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    officer = await in_english(await browser_for("ldld@a.vn"))
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))

    page = await officer.get("/agreements/grading")
    assert page.status_code == 200 and "default criteria apply" in page.text
    assert (await officer.get(f"/agreements/grading?province={other}")).status_code == 404
    assert (await hr.get("/agreements/grading")).status_code == 403

    refused = await officer.post(
        "/agreements/grading", {**CRITERIA, "province": str(province), "b_groups": "5"}
    )
    assert refused.status_code == 422
    assert "cannot ask less than grade B" in refused.text and 'value="5"' in refused.text
    assert await GradingCriteria.count() == 0
    refused = await officer.post("/agreements/grading", {**CRITERIA, "province": str(other)})
    assert refused.status_code == 404 and await GradingCriteria.count() == 0
    saved = await officer.post("/agreements/grading", {**CRITERIA, "province": str(province)})
    assert saved.status_code == 303 and await GradingCriteria.count() == 1

    # The agreement page: the criteria that grade it, whose and when; the bargaining suggestions.
    row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    await suggestions.submit_public(
        row,
        PublicSuggestionForm(
            subject="Phụ cấp nhà ở", body="Đưa phụ cấp nhà ở vào thỏa ước.",
            topic=Topic.BARGAINING, author_name="Nguyễn Thị Hoa",
        ),
        "10.0.0.1",
    )  # fmt: skip
    await Suggestion.update({Suggestion.status: "published"}).where(Suggestion.id > 0)
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    page = await hr.get(f"{base}/{agreement_id}")
    assert "Criteria of the federation of" in page.text and "Phạm Thị Liên" in page.text
    assert "Quyết định 12/QĐ-LĐLĐ" in page.text
    assert "Phụ cấp nhà ở" in page.text and "Nguyễn Thị Hoa" not in page.text
