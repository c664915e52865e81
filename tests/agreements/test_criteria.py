"""The grading criteria a province's federation sets in the app: stored per province, checked
(whole numbers from 0, each grade asking at least what the grade below asks), audited, falling
back to the default file; the agreement's grade says whose criteria gave it."""

from __future__ import annotations

import asyncio
import json

import pytest

from labour_democracy.agreements import criteria, grading, queries
from labour_democracy.agreements.schemas import GradingForm
from labour_democracy.agreements.tables import Agreement, GradingCriteria
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.i18n import language, today
from tests import factories
from tests.agreements import REPRESENTED
from tests.agreements.test_services import _agree, _bargain


def _officer(user_id: int, province_id: int) -> Actor:
    return Actor(
        id=user_id,
        email="ldld@test.vn",
        full_name="Phạm Thị Liên",
        grants=(MembershipGrant(Role.FEDERATION, None, province_id),),
    )


def _form(province: int, **changes) -> GradingForm:
    values = dict(
        province=province, source="Quyết định 12/QĐ-LĐLĐ năm 2026",
        count_benefits_without_floor=False, a_more_favourable=1, a_groups=1,
        b_more_favourable=1, b_groups=1, c_more_favourable=1, c_groups=1,
        d_more_favourable=0, d_groups=0,
    )  # fmt: skip
    values.update(changes)
    return GradingForm(**values)


async def test_a_province_officer_sets_its_criteria_and_the_grade_names_them():
    province = await factories.province_id("24")
    user_id = await factories.user("ldld@a.vn", Role.FEDERATION, province="24", name="Phạm Liên")
    officer = _officer(user_id, province)
    enterprise = await factories.enterprise(min_wage_region=1, **REPRESENTED)
    hr = await factories.context(enterprise, Role.HR)
    union = await factories.context(enterprise, Role.UNION)
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.600.000")
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()

    # The default file: one term beyond the law is grade D there.
    view = await queries.agreement_view(hr, agreement)
    assert view.frame.set_on is None and view.grade.grade == "D"
    assert view.frame == grading.default_frame()

    await criteria.save(officer, _form(province))
    view = await queries.agreement_view(hr, agreement)
    assert view.grade.grade == "A"
    assert (view.frame.set_on, view.frame.set_by) == (today(), "Phạm Liên")
    assert view.frame.source == "Quyết định 12/QĐ-LĐLĐ năm 2026" and view.frame.province
    # A second save changes the same row, each change audited.
    await criteria.save(officer, _form(province, a_more_favourable=2, a_groups=2))
    assert await GradingCriteria.count() == 1
    assert (await queries.agreement_view(hr, agreement)).grade.grade == "B"
    actions = await AuditEntry.select(AuditEntry.action).where(
        AuditEntry.action == "agreements.grading_criteria"
    )
    assert len(actions) == 2


async def test_criteria_out_of_order_or_negative_are_refused_and_nothing_changes():
    province = await factories.province_id("24")
    officer = _officer(1, province)
    with language("en"), pytest.raises(Invalid) as refused:
        await criteria.save(officer, _form(province, b_more_favourable=2, d_groups=-1, source=" "))
    errors = refused.value.errors
    assert "cannot ask less than grade B" in errors["a_more_favourable"]
    assert "from 0" in errors["d_groups"] and "where the criteria come from" in errors["source"]
    assert await GradingCriteria.count() == 0


async def test_an_officer_sets_only_its_own_province():
    own, other = await factories.province_id("24"), await factories.province_id("01")
    officer = _officer(1, own)
    with pytest.raises(NotFound):
        await criteria.save(officer, _form(other))
    assert await criteria.province_choices(officer) == [
        (own, (await criteria.chosen_province(officer, None))["name"])
    ]
    hr = Actor(id=2, email="hr@x.vn", full_name="HR", grants=(MembershipGrant(Role.HR, 1),))
    with pytest.raises(NotFound):
        await criteria.chosen_province(hr, own)
    assert await GradingCriteria.count() == 0


async def test_two_saves_at_once_both_land_on_the_one_row():
    province = await factories.province_id("24")
    user_id = await factories.user("ldld@a.vn", Role.FEDERATION, province="24", name="Phạm Liên")
    officer = _officer(user_id, province)
    saved = await asyncio.gather(
        *[criteria.save(officer, _form(province, a_groups=n)) for n in (1, 2, 3)],
        return_exceptions=True,  # every save finishes, whatever one of them meets
    )
    assert saved == [province] * 3, saved
    row = await GradingCriteria.select().where(GradingCriteria.province == province).first()
    assert await GradingCriteria.count() == 1
    assert json.loads(row["grades"])[0]["groups"] in (1, 2, 3)
    assert row["set_by"] == user_id and row["set_on"] == today()
    actions = await AuditEntry.count().where(AuditEntry.action == "agreements.grading_criteria")
    assert actions == 3
