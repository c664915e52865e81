"""Enterprises: the profile's rules, the pages, the list, and the audit trail of each write."""

from __future__ import annotations

import json

import pytest
from markupsafe import escape

from labour_democracy import i18n
from labour_democracy.core import enterprises
from labour_democracy.core.admin_units import import_communes
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.schemas import EnterpriseForm
from labour_democracy.core.tables import AuditEntry, Commune, Enterprise, Ownership, Role
from tests import factories

TAX_CODE_RULE = (
    "A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch "
    "(e.g. 0101234567 or 0101234567-001)."
)
ADMIN = factories.actor(Role.ADMIN)


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


async def _form(**changes) -> EnterpriseForm:
    values = {
        "name": "Công ty TNHH Hoa Sen",
        "symbol": "HSV",
        "tax_code": "0101234567",
        "ownership": Ownership.PRIVATE_DOMESTIC,
        "sector": "C",
        "address": "Số 1 Tràng Tiền, phường Hoàn Kiếm",
        "province": await factories.province_id("01"),
        "legal_representative": "Lê Văn Bình",
        "legal_representative_title": "Giám đốc",
    }
    return EnterpriseForm(**{**values, **changes})


async def _refusal(form: EnterpriseForm) -> dict[str, str]:
    with pytest.raises(Invalid) as refused:
        await enterprises.create_enterprise(ADMIN, form)
    assert await Enterprise.count() == 0, "a refused enterprise was written"
    return refused.value.errors


# The rules of the profile. -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tax_code", "valid"),
    [
        ("010123456", False),  # 9 digits
        ("0101234567", True),  # 10 digits: an enterprise
        ("01012345678", False),  # 11 digits
        ("0101234567-001", True),  # a branch: 10 digits, hyphen, 3 digits
        ("0101234567-01", False),  # a branch needs 3 digits
        ("0101234567-0001", False),
        ("0101234567001", False),  # the hyphen is part of the code
        ("010123456A", False),
    ],
)
async def test_tax_code_has_10_digits_or_10_and_a_3_digit_branch(tax_code, valid):
    form = await _form(tax_code=tax_code)
    if valid:
        enterprise_id = await enterprises.create_enterprise(ADMIN, form)
        stored = await Enterprise.select(Enterprise.tax_code).where(Enterprise.id == enterprise_id)
        assert stored == [{"tax_code": tax_code}]
    else:
        assert (await _refusal(form)) == {"tax_code": TAX_CODE_RULE}


async def test_two_enterprises_cannot_share_a_tax_code_but_a_branch_has_its_own():
    await enterprises.create_enterprise(ADMIN, await _form())
    with pytest.raises(Invalid) as refused:
        await enterprises.create_enterprise(ADMIN, await _form(name="Công ty khác", symbol="CK"))
    assert refused.value.errors == {"tax_code": "Another enterprise already has this tax code."}
    await enterprises.create_enterprise(ADMIN, await _form(tax_code="0101234567-001"))
    assert await Enterprise.count() == 2


async def test_saving_an_enterprise_with_its_own_tax_code_is_not_a_duplicate():
    enterprise_id = await enterprises.create_enterprise(ADMIN, await _form())
    context = await factories.context(enterprise_id)
    await enterprises.update_enterprise(context, await _form(address="Số 2 Tràng Tiền"))
    row = await Enterprise.select(Enterprise.address).where(Enterprise.id == enterprise_id)
    assert row == [{"address": "Số 2 Tràng Tiền"}]


async def test_the_commune_must_lie_in_the_chosen_province():
    await import_communes(SYSTEM, "code,name,province_code\n25001,Phường Kinh Bắc,24\n")
    commune = (await Commune.select(Commune.id).first())["id"]
    errors = await _refusal(await _form(commune=commune))  # the form's province is Hà Nội
    assert errors == {"commune": "This commune is not in the chosen province."}
    bac_ninh = await factories.province_id("24")
    enterprise_id = await enterprises.create_enterprise(
        ADMIN, await _form(province=bac_ninh, commune=commune)
    )
    stored = await Enterprise.select(Enterprise.commune).where(Enterprise.id == enterprise_id)
    assert stored == [{"commune": commune}]


async def test_an_unknown_province_is_refused():
    assert (await _refusal(await _form(province=999_999))) == {"province": "Choose a province."}


@pytest.mark.parametrize(
    ("symbol", "stored"),
    [("ctma", "CTMA"), ("SHVN-VP", "SHVN-VP"), ("ABCDEFGHIJ", "ABCDEFGHIJ"), ("ĐA", "ĐA")],
)
async def test_the_document_symbol_is_kept_in_capitals(symbol, stored):
    enterprise_id = await enterprises.create_enterprise(ADMIN, await _form(symbol=symbol))
    row = await Enterprise.select(Enterprise.symbol).where(Enterprise.id == enterprise_id)
    assert row == [{"symbol": stored}]


@pytest.mark.parametrize("symbol", ["CT MA", "ABCDEFGHIJK", "CT/MA", "-CT", "CT-"])
async def test_a_symbol_that_cannot_end_a_document_number_is_refused(symbol):
    errors = await _refusal(await _form(symbol=symbol))
    assert errors["symbol"].startswith("Use 1 to 10 capital letters or digits")


@pytest.mark.parametrize(("sector", "valid"), [("A", True), ("U", True), ("V", False)])
async def test_the_sector_is_a_vsic_section_from_a_to_u(sector, valid):
    form = await _form(sector=sector)
    if valid:
        assert await enterprises.create_enterprise(ADMIN, form)
    else:
        assert (await _refusal(form)) == {"sector": "Choose a VSIC section letter from A to U."}


@pytest.mark.parametrize(
    ("month", "day", "valid"),
    [(12, 31, True), (2, 28, True), (2, 29, False), (4, 30, True), (4, 31, False), (13, 1, False)],
)
async def test_the_fiscal_year_ends_on_a_day_every_year_has(month, day, valid):
    form = await _form(fiscal_year_end_month=month, fiscal_year_end_day=day)
    if valid:
        assert await enterprises.create_enterprise(ADMIN, form)
    else:
        assert (await _refusal(form)) == {
            "fiscal_year_end_day": "This day does not exist in that month every year."
        }


async def test_names_longer_than_their_column_are_refused_at_the_limit():
    assert await enterprises.create_enterprise(ADMIN, await _form(name="N" * 255))
    await Enterprise.delete(force=True)
    errors = await _refusal(await _form(name="N" * 256, tax_code="0101234568"))
    assert errors == {"name": "At most 255 characters."}


async def test_every_wrong_field_is_reported_at_once():
    errors = await _refusal(await _form(tax_code="12", symbol="a b", sector="Z"))
    assert set(errors) == {"tax_code", "symbol", "sector"}


async def test_only_an_administrator_creates_enterprises():
    with pytest.raises(Forbidden):
        await enterprises.create_enterprise(factories.actor(Role.HR, 1), await _form())
    assert await Enterprise.count() == 0


# The pages. ----------------------------------------------------------------------------------


async def _admin(browser_for):
    await factories.english_user("admin@x.vn", Role.ADMIN)
    return await browser_for("admin@x.vn")


def _page_form(**changes) -> dict[str, str]:
    return {
        "name": "Công ty TNHH Hoa Sen & Cộng sự",
        "symbol": "HSV",
        "tax_code": "0101234567",
        "ownership": "private_domestic",
        "sector": "C",
        "address": "Số 1 Tràng Tiền",
        "province": "",
        "legal_representative": "Lê Văn Bình",
        "legal_representative_title": "Giám đốc",
        "fiscal_year_end_day": "31",
        "fiscal_year_end_month": "12",
        "representation": "none",
        **changes,
    }


async def test_a_refused_form_keeps_what_was_typed_and_shows_the_error_beside_the_field(
    browser_for,
):
    admin = await _admin(browser_for)
    province = str(await factories.province_id("01"))
    response = await admin.post(
        "/enterprises/new", _page_form(province=province, tax_code="01012345")
    )
    assert response.status_code == 422
    page = response.text
    assert 'value="Công ty TNHH Hoa Sen &amp; Cộng sự"' in page
    assert 'value="01012345"' in page
    assert f'<p class="field-error" id="tax_code-error">{escape(TAX_CODE_RULE)}</p>' in page
    assert 'aria-invalid="true"' in page
    assert f'<option value="{province}" selected>' in page
    assert await Enterprise.count() == 0


async def test_an_empty_form_names_every_required_field(browser_for):
    admin = await _admin(browser_for)
    response = await admin.post("/enterprises/new", {})
    assert response.status_code == 422
    for name in ("name", "tax_code", "symbol", "ownership", "address", "legal_representative"):
        assert f'id="{name}-error">This field is required.</p>' in response.text
    assert await Enterprise.count() == 0


async def test_a_refused_htmx_form_answers_422_which_the_page_lets_htmx_swap(browser_for):
    admin = await _admin(browser_for)
    province = str(await factories.province_id("01"))
    response = await admin.post(
        "/enterprises/new", _page_form(province=province, tax_code="1"), htmx=True
    )
    assert response.status_code == 422
    assert 'id="tax_code-error"' in response.text
    # base.html tells htmx to swap a 422 (htmx 2 swaps no 4xx by default).
    assert '{"code": "422", "swap": true}' in (await admin.get("/enterprises/new")).text
    assert await Enterprise.count() == 0


async def test_creating_an_enterprise_redirects_to_it_and_is_audited_without_personal_data(
    browser_for,
):
    admin = await _admin(browser_for)
    province = str(await factories.province_id("01"))
    response = await admin.post("/enterprises/new", _page_form(province=province))
    assert response.status_code == 303
    enterprise = await Enterprise.select(Enterprise.id, Enterprise.name).first()
    assert response.headers["location"] == f"/enterprises/{enterprise['id']}"
    assert enterprise["name"] == "Công ty TNHH Hoa Sen & Cộng sự"
    page = await admin.get(response.headers["location"])
    assert "The enterprise was created." in page.text
    (entry,) = await AuditEntry.select().where(AuditEntry.action == "enterprise.created")
    assert entry["record_type"] == "enterprise"
    assert entry["record_id"] == str(enterprise["id"])
    assert entry["enterprise_id"] == enterprise["id"]
    assert entry["actor"] == "admin@x.vn"
    assert "Lê Văn Bình" not in json.dumps(entry, default=str, ensure_ascii=False)


async def test_hr_edits_the_profile_and_the_audit_names_the_fields_not_their_values(browser_for):
    enterprise_id = await factories.enterprise(province="01")
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    form = (await hr.get(f"/enterprises/{enterprise_id}/edit")).text
    assert 'value="Nguyễn Văn A"' in form  # the stored profile fills the form
    row = await Enterprise.select().where(Enterprise.id == enterprise_id).first()
    submitted = _page_form(
        name=row["name"],
        symbol=row["symbol"],
        tax_code=row["tax_code"],
        address=row["address"],
        province=str(row["province"]),
        legal_representative="Trần Thị Mai",
        legal_representative_title=row["legal_representative_title"],
    )
    response = await hr.post(f"/enterprises/{enterprise_id}/edit", submitted)
    assert response.status_code == 303
    (entry,) = await AuditEntry.select().where(AuditEntry.action == "enterprise.updated")
    assert json.loads(entry["details"]) == {"fields": ["legal_representative"]}
    assert "Trần Thị Mai" not in json.dumps(entry, default=str, ensure_ascii=False)


async def test_the_commune_list_follows_the_chosen_province(browser_for):
    await import_communes(
        SYSTEM, "code,name,province_code\n25001,Phường Kinh Bắc,24\n00004,Phường Ba Đình,01\n"
    )
    admin = await _admin(browser_for)
    bac_ninh = await factories.province_id("24")
    response = await admin.get(
        f"/enterprises/communes?province={bac_ninh}", headers={"hx-request": "true"}
    )
    assert response.status_code == 200
    assert "Phường Kinh Bắc" in response.text and "Phường Ba Đình" not in response.text
    assert "<html" not in response.text
    assert "Kinh Bắc" not in (await admin.get("/enterprises/communes")).text


# The list. -----------------------------------------------------------------------------------


async def test_each_role_lists_the_enterprises_it_may_see(browser_for):
    own = await factories.enterprise("Công ty Bắc Ninh Một", province="24")
    await factories.enterprise("Công ty Bắc Ninh Hai", province="24")
    await factories.enterprise("Công ty Hà Nội", province="01")
    await factories.english_user("hr@a.vn", Role.HR, own)
    await factories.english_user("fed@bn.vn", Role.FEDERATION, province="24")
    await factories.english_user("admin@x.vn", Role.ADMIN)

    async def listed(email: str) -> set[str]:
        page = (await (await browser_for(email)).get("/enterprises")).text
        names = ("Công ty Bắc Ninh Một", "Công ty Bắc Ninh Hai", "Công ty Hà Nội")
        return {name for name in names if name in page}

    assert await listed("hr@a.vn") == {"Công ty Bắc Ninh Một"}
    assert await listed("fed@bn.vn") == {"Công ty Bắc Ninh Một", "Công ty Bắc Ninh Hai"}
    assert len(await listed("admin@x.vn")) == 3


async def test_the_list_searches_by_name_or_tax_code(browser_for):
    await factories.enterprise("Công ty May Sông Hồng", tax_code="2300123456")
    await factories.enterprise("Công ty Cơ khí Đông Á", tax_code="2300765432")
    admin = await _admin(browser_for)
    by_name = (await admin.get("/enterprises?q=sông hồng")).text
    assert "May Sông Hồng" in by_name and "Đông Á" not in by_name
    by_code = (await admin.get("/enterprises?q=0765")).text
    assert "Đông Á" in by_code and "Sông Hồng" not in by_code
    assert "No enterprise matches this search." in (await admin.get("/enterprises?q=zzz")).text


async def test_the_list_finds_a_name_typed_without_diacritics_by_its_english_name(browser_for):
    await factories.enterprise("Công ty May Sông Hồng", name_en="Song Hong Garment Co., Ltd.")
    await factories.enterprise("Công ty Cơ khí Đông Á")
    admin = await _admin(browser_for)
    page = (await admin.get("/enterprises?q=song hong")).text
    assert "May Sông Hồng" in page and "Đông Á" not in page


async def test_a_page_beyond_the_last_shows_the_last_page(browser_for):
    for number in range(25):
        await factories.enterprise(f"Công ty số {number:02d}")
    admin = await _admin(browser_for)
    first = (await admin.get("/enterprises")).text
    assert "1–20 of 25 enterprises" in first and "Page 1 of 2" in first
    beyond = (await admin.get("/enterprises?page=9")).text
    assert "21–25 of 25 enterprises" in beyond and "Page 2 of 2" in beyond
    below = (await admin.get("/enterprises?page=0")).text
    assert "1–20 of 25 enterprises" in below


async def test_htmx_gets_only_the_rows_of_the_list(browser_for):
    await factories.enterprise("Công ty May Sông Hồng")
    admin = await _admin(browser_for)
    fragment = await admin.get("/enterprises?q=May", headers={"hx-request": "true"})
    assert fragment.status_code == 200
    assert "Công ty May Sông Hồng" in fragment.text
    assert "<html" not in fragment.text and "<table" in fragment.text
    page = await admin.get("/enterprises?q=May")
    assert "<html" in page.text


async def test_an_empty_list_says_so(browser_for):
    admin = await _admin(browser_for)
    page = (await admin.get("/enterprises")).text
    assert "No enterprises yet." in page
    assert 'href="/enterprises/new"' in page
