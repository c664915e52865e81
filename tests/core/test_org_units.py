"""Org units: a tree per enterprise, no cycles, unique names per level, safe deletion."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core import enterprises
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.schemas import OrgUnitForm
from labour_democracy.core.tables import AuditEntry, OrgUnit, OrgUnitKind, Role
from tests import factories

CYCLE = "A unit cannot sit inside itself or one of its sub-units."
SAME_NAME = "A unit with this name already exists at this level."


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


@pytest.fixture
async def context():
    return await factories.context(await factories.enterprise())


async def _unit(context, name: str, parent: int | None = None) -> int:
    return await enterprises.create_org_unit(context, OrgUnitForm(name=name, parent=parent))


async def _refused(call) -> dict[str, str]:
    units_before = await OrgUnit.select().order_by(OrgUnit.id)
    audit_before = await AuditEntry.count()
    with pytest.raises(Invalid) as refused:
        await call
    assert await OrgUnit.select().order_by(OrgUnit.id) == units_before
    assert await AuditEntry.count() == audit_before
    return refused.value.errors


async def test_the_tree_lists_units_depth_first_with_their_active_headcount(context):
    sewing = await _unit(context, "Xưởng may")
    team_b = await _unit(context, "Tổ may B", sewing)
    await _unit(context, "Tổ may A", sewing)
    await _unit(context, "Ban giám đốc")
    await factories.worker(context.enterprise_id, org_unit=team_b)
    await factories.worker(context.enterprise_id, org_unit=team_b, end_date=dt.date(2020, 1, 1))
    tree = await enterprises.org_unit_tree(context)
    assert [(node.name, node.depth) for node in tree] == [
        ("Ban giám đốc", 0),
        ("Xưởng may", 0),
        ("Tổ may A", 1),
        ("Tổ may B", 1),
    ]
    assert {node.name: node.headcount for node in tree}["Tổ may B"] == 1  # the leaver is not


async def test_two_units_of_one_level_cannot_share_a_name_even_without_diacritics(context):
    sewing = await _unit(context, "Xưởng may")
    errors = await _refused(_unit(context, "XUONG MAY"))
    assert errors == {"name": SAME_NAME}
    # The same name one level down is another unit.
    assert await _unit(context, "Xưởng may", sewing)


async def test_another_enterprise_may_use_the_same_names(context):
    await _unit(context, "Phòng Kế toán")
    other = await factories.context(await factories.enterprise("Công ty khác"))
    assert await _unit(other, "Phòng Kế toán")


async def test_renaming_a_unit_to_its_own_name_is_not_a_duplicate(context):
    unit = await _unit(context, "Kho vận")
    form = OrgUnitForm(name="Kho vận", kind=OrgUnitKind.WORKSHOP)
    await enterprises.update_org_unit(context, unit, form)
    assert (await OrgUnit.select(OrgUnit.kind).where(OrgUnit.id == unit))[0]["kind"] == "workshop"


async def test_a_unit_cannot_be_moved_inside_itself_or_its_descendants(context):
    top = await _unit(context, "Khối sản xuất")
    middle = await _unit(context, "Xưởng may", top)
    bottom = await _unit(context, "Tổ may A", middle)
    for new_parent in (top, middle, bottom):
        form = OrgUnitForm(name="Khối sản xuất", parent=new_parent)
        errors = await _refused(enterprises.update_org_unit(context, top, form))
        assert errors == {"parent": CYCLE}
    # Moving a sub-unit up, or sideways, is fine.
    await enterprises.update_org_unit(context, bottom, OrgUnitForm(name="Tổ may A", parent=top))


async def test_the_parent_must_be_a_unit_of_the_same_enterprise(context):
    other = await factories.context(await factories.enterprise("Công ty khác"))
    foreign = await _unit(other, "Phòng ngoài")
    errors = await _refused(_unit(context, "Tổ mới", foreign))
    assert errors == {"parent": "Choose a unit of this enterprise."}
    with pytest.raises(NotFound):
        await enterprises.update_org_unit(context, foreign, OrgUnitForm(name="Chiếm"))


async def test_the_name_may_have_255_characters_and_no_more(context):
    assert await _unit(context, "N" * 255)
    errors = await _refused(_unit(context, "M" * 256))
    assert errors == {"name": "At most 255 characters."}


async def test_a_unit_with_sub_units_is_not_deleted(context):
    sewing = await _unit(context, "Xưởng may")
    await _unit(context, "Tổ may A", sewing)
    with pytest.raises(Conflict, match="Move or delete its sub-units first"):
        await enterprises.delete_org_unit(context, sewing)
    assert await OrgUnit.count() == 2


async def test_a_unit_with_workers_is_not_deleted_even_if_they_left(context):
    unit = await _unit(context, "Kho vận")
    await factories.worker(context.enterprise_id, org_unit=unit, end_date=dt.date(2021, 1, 1))
    with pytest.raises(Conflict, match="Workers belong to this unit"):
        await enterprises.delete_org_unit(context, unit)
    assert await OrgUnit.count() == 1


async def test_each_change_is_audited_by_id(context):
    unit = await _unit(context, "Phòng Nhân sự")
    await enterprises.update_org_unit(context, unit, OrgUnitForm(name="Phòng Hành chính"))
    await enterprises.delete_org_unit(context, unit)
    entries = await AuditEntry.select(
        AuditEntry.action, AuditEntry.record_id, AuditEntry.enterprise_id, AuditEntry.details
    ).order_by(AuditEntry.seq)
    assert [entry["action"] for entry in entries] == [
        "org_unit.created",
        "org_unit.updated",
        "org_unit.deleted",
    ]
    assert {entry["record_id"] for entry in entries} == {str(unit)}
    assert {entry["enterprise_id"] for entry in entries} == {context.enterprise_id}
    assert {entry["details"] for entry in entries} == {"{}"}


# The pages. ----------------------------------------------------------------------------------


@pytest.fixture
async def hr(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    browser = await browser_for("hr@a.vn")
    browser.base = f"/enterprises/{enterprise_id}/org-units"
    browser.enterprise_id = enterprise_id
    return browser


async def test_the_page_adds_a_unit_and_shows_it_in_the_tree(hr):
    response = await hr.post(hr.base, {"name": "Xưởng cắt", "kind": "workshop", "parent": ""})
    assert response.status_code == 303 and response.headers["location"] == hr.base
    page = (await hr.get(hr.base)).text
    assert "The unit was added." in page and "Xưởng cắt" in page


async def test_a_refused_unit_keeps_the_form_as_typed(hr):
    await factories.org_unit(hr.enterprise_id, "Xưởng cắt")
    response = await hr.post(hr.base, {"name": "xuong cat", "kind": "team", "parent": ""})
    assert response.status_code == 422
    assert 'value="xuong cat"' in response.text
    assert f'id="name-error">{SAME_NAME}</p>' in response.text
    assert '<option value="team" selected>' in response.text
    assert await OrgUnit.count() == 1


async def test_the_edit_page_refuses_a_cycle_with_the_reason(hr):
    top = await factories.org_unit(hr.enterprise_id, "Khối sản xuất")
    child = await factories.org_unit(hr.enterprise_id, "Xưởng may", parent=top)
    response = await hr.post(
        f"{hr.base}/{top}/edit", {"name": "Khối sản xuất", "kind": "department", "parent": child}
    )
    assert response.status_code == 422
    assert CYCLE in response.text
    assert (await OrgUnit.select(OrgUnit.parent).where(OrgUnit.id == top))[0]["parent"] is None


async def test_deleting_a_unit_with_sub_units_is_refused_with_the_reason(hr):
    top = await factories.org_unit(hr.enterprise_id, "Khối sản xuất")
    await factories.org_unit(hr.enterprise_id, "Xưởng may", parent=top)
    response = await hr.post(f"{hr.base}/{top}/delete")
    assert response.status_code == 409
    assert "Move or delete its sub-units first." in response.text
    # From the page's delete button (HTMX): the message goes to the message area.
    response = await hr.post(f"{hr.base}/{top}/delete", htmx=True)
    assert response.status_code == 200
    assert response.headers["hx-retarget"] == "#messages"
    assert "Move or delete its sub-units first." in response.text
    assert await OrgUnit.count() == 2


async def test_deleting_an_empty_unit_from_htmx_redirects_the_page(hr):
    unit = await factories.org_unit(hr.enterprise_id, "Tổ tạm")
    response = await hr.post(f"{hr.base}/{unit}/delete", htmx=True)
    assert response.headers["hx-redirect"] == hr.base
    assert await OrgUnit.count() == 0


async def test_the_page_asks_before_deleting_and_says_when_there_is_nothing(hr):
    assert "No units yet." in (await hr.get(hr.base)).text
    await factories.org_unit(hr.enterprise_id, "Tổ tạm")
    assert 'hx-confirm="Delete the unit Tổ tạm?"' in (await hr.get(hr.base)).text


async def test_the_union_officer_sees_the_tree_without_the_buttons(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.org_unit(enterprise_id, "Xưởng may")
    await factories.english_user("union@a.vn", Role.UNION, enterprise_id)
    union = await browser_for("union@a.vn")
    page = (await union.get(f"/enterprises/{enterprise_id}/org-units")).text
    assert "Xưởng may" in page
    assert "Add a unit" not in page and "/delete" not in page
