"""The roster: worker rules, search without diacritics, filters, sort, pages and the audit."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from labour_democracy import i18n
from labour_democracy.core import roster
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.schemas import RosterQuery, RosterSort, WorkerForm, WorkerStatus
from labour_democracy.core.tables import AuditEntry, ContractType, Gender, Role, Worker
from labour_democracy.i18n import today
from tests import factories


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


@pytest.fixture
async def context():
    return await factories.context(await factories.enterprise())


def _form(**changes) -> WorkerForm:
    values = {
        "employee_code": "NV0001",
        "full_name": "Nguyễn Thị Lan",
        "gender": Gender.FEMALE,
        "contract_type": ContractType.INDEFINITE,
        "start_date": dt.date(2022, 3, 1),
    }
    return WorkerForm(**{**values, **changes})


async def _refused(context, form: WorkerForm) -> dict[str, str]:
    before = await Worker.count()
    with pytest.raises(Invalid) as refused:
        await roster.create_worker(context, form)
    assert await Worker.count() == before
    return refused.value.errors


async def _names(context, **query) -> list[str]:
    listing = await roster.list_workers(context, RosterQuery(**query))
    return [row["full_name"] for row in listing.rows]


# Worker rules. -------------------------------------------------------------------------------


async def test_a_worker_is_stored_with_a_folded_search_name(context):
    worker_id = await roster.create_worker(
        context, _form(full_name="Đặng Đức Ánh", nationality="kr")
    )
    worker = await roster.get_worker(context, worker_id)
    assert worker.search_name == "dang duc anh"
    assert worker.nationality == "KR"


async def test_an_employee_code_is_unique_within_the_enterprise_only(context):
    await roster.create_worker(context, _form())
    errors = await _refused(context, _form(full_name="Người khác"))
    assert errors == {"employee_code": "Another worker already has this employee code."}
    other = await factories.context(await factories.enterprise("Công ty khác"))
    assert await roster.create_worker(other, _form())


async def test_a_worker_keeps_their_own_code_when_edited(context):
    worker_id = await roster.create_worker(context, _form())
    await roster.update_worker(context, worker_id, _form(position="Tổ trưởng"))
    assert (await roster.get_worker(context, worker_id)).position == "Tổ trưởng"


@pytest.mark.parametrize(
    ("end", "valid"),
    [(dt.date(2022, 2, 28), False), (dt.date(2022, 3, 1), True), (dt.date(2022, 3, 2), True)],
)
async def test_the_end_date_cannot_come_before_the_start_date(context, end, valid):
    form = _form(end_date=end)
    if valid:
        assert await roster.create_worker(context, form)
    else:
        errors = await _refused(context, form)
        assert errors == {"end_date": "The end date is before the start date."}


@pytest.mark.parametrize(
    ("phone", "valid"),
    [("0912345", False), ("09123456", True), ("+84 912 345 678", True), ("0912-ABC-678", False)],
)
async def test_a_phone_number_has_8_to_20_digits(context, phone, valid):
    if valid:
        assert await roster.create_worker(context, _form(phone=phone))
    else:
        errors = await _refused(context, _form(phone=phone))
        assert errors == {"phone": "Enter a phone number of 8 to 20 digits."}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "lan@", "This is not an e-mail address."),
        ("nationality", "VNM", "Use a two-letter country code, e.g. VN."),
        ("employee_code", "C" * 51, "At most 50 characters."),
        ("full_name", "N" * 256, "At most 255 characters."),
    ],
)
async def test_each_field_rule_names_its_field(context, field, value, message):
    assert (await _refused(context, _form(**{field: value}))) == {field: message}


async def test_the_longest_allowed_values_are_accepted(context):
    assert await roster.create_worker(
        context, _form(employee_code="C" * 50, full_name="N" * 255, email="lan@may.vn")
    )


async def test_the_unit_must_belong_to_the_enterprise(context):
    other = await factories.enterprise("Công ty khác")
    foreign = await factories.org_unit(other, "Phòng ngoài")
    errors = await _refused(context, _form(org_unit=foreign))
    assert errors == {"org_unit": "Choose a unit of this enterprise."}


async def test_another_enterprises_worker_cannot_be_read_changed_or_removed(context):
    other = await factories.enterprise("Công ty khác")
    foreign = await factories.worker(other, "Trần Văn Khách")
    with pytest.raises(NotFound):
        await roster.get_worker(context, foreign)
    with pytest.raises(NotFound):
        await roster.update_worker(context, foreign, _form())
    with pytest.raises(NotFound):
        await roster.delete_worker(context, foreign)
    assert await Worker.count() == 1


async def test_each_change_is_audited_by_id_and_never_by_name(context):
    worker_id = await roster.create_worker(context, _form())
    await roster.update_worker(context, worker_id, _form(full_name="Nguyễn Thị Lan Anh"))
    await roster.delete_worker(context, worker_id)
    entries = await AuditEntry.select().order_by(AuditEntry.seq)
    assert [entry["action"] for entry in entries] == [
        "worker.created",
        "worker.updated",
        "worker.deleted",
    ]
    assert {entry["record_id"] for entry in entries} == {str(worker_id)}
    assert json.loads(entries[1]["details"]) == {"fields": ["full_name", "search_name", "sort_key"]}
    text = json.dumps(entries, default=str, ensure_ascii=False)
    assert "Lan" not in text and "lan" not in text


# Search, filters, sort and pages. -------------------------------------------------------------


async def test_search_ignores_diacritics_and_case(context):
    await factories.worker(context.enterprise_id, "Nguyễn Thị Lan", code="NV0001")
    await factories.worker(context.enterprise_id, "Phạm Đức Thắng", code="NV0002")
    await factories.worker(context.enterprise_id, "Lê Văn Nam", code="KT0003")
    assert await _names(context, q="nguyen thi lan") == ["Nguyễn Thị Lan"]
    assert await _names(context, q="NGUYỄN") == ["Nguyễn Thị Lan"]
    assert await _names(context, q="duc thang") == ["Phạm Đức Thắng"]
    assert await _names(context, q="Đức") == ["Phạm Đức Thắng"]
    assert await _names(context, q="kt00") == ["Lê Văn Nam"]  # employee codes too
    assert await _names(context, q="l_n") == []  # "_" is no wildcard: "Lan" does not match
    assert await _names(context, q="   ") == ["Nguyễn Thị Lan", "Lê Văn Nam", "Phạm Đức Thắng"]


async def test_the_active_roster_ends_on_the_end_date(context):
    on = today()
    await factories.worker(context.enterprise_id, "An Đang Làm")
    await factories.worker(context.enterprise_id, "Bình Nghỉ Mai", end_date=on + dt.timedelta(1))
    await factories.worker(context.enterprise_id, "Chi Nghỉ Hôm Nay", end_date=on)
    assert await _names(context) == ["An Đang Làm", "Bình Nghỉ Mai"]
    assert await _names(context, status=WorkerStatus.LEFT) == ["Chi Nghỉ Hôm Nay"]
    assert len(await _names(context, status=WorkerStatus.ALL)) == 3


async def test_filters_by_unit_and_union_membership_combine(context):
    sewing = await factories.org_unit(context.enterprise_id, "Xưởng may")
    await factories.worker(context.enterprise_id, "An", org_unit=sewing, union_member=True)
    await factories.worker(context.enterprise_id, "Bình", org_unit=sewing, union_member=False)
    await factories.worker(context.enterprise_id, "Chi", union_member=True)
    assert await _names(context, org_unit=sewing) == ["An", "Bình"]
    assert await _names(context, union_member="yes") == ["An", "Chi"]
    assert await _names(context, union_member="no") == ["Bình"]
    assert await _names(context, org_unit=sewing, union_member="yes") == ["An"]


async def test_the_roster_sorts_by_name_code_unit_or_start_date(context):
    a_unit = await factories.org_unit(context.enterprise_id, "A Kho")
    b_unit = await factories.org_unit(context.enterprise_id, "B Xưởng")
    await factories.worker(
        context.enterprise_id, "Bình", code="N3", org_unit=a_unit, start_date=dt.date(2021, 1, 1)
    )
    await factories.worker(
        context.enterprise_id, "An", code="N2", org_unit=b_unit, start_date=dt.date(2019, 1, 1)
    )
    await factories.worker(
        context.enterprise_id, "Chi", code="N1", org_unit=a_unit, start_date=dt.date(2020, 1, 1)
    )
    assert await _names(context) == ["An", "Bình", "Chi"]
    assert await _names(context, descending=True) == ["Chi", "Bình", "An"]
    assert await _names(context, sort=RosterSort.CODE) == ["Chi", "An", "Bình"]
    assert await _names(context, sort=RosterSort.UNIT) == ["Bình", "Chi", "An"]
    assert await _names(context, sort=RosterSort.START) == ["An", "Chi", "Bình"]


@pytest.mark.parametrize(
    ("page", "per_page", "shown_page", "count"),
    [
        (1, 20, 1, 20),
        (3, 20, 3, 5),  # the last page holds the rest
        (4, 20, 3, 5),  # beyond the last page: the last page
        (99, 20, 3, 5),
        (0, 20, 1, 20),
        (-5, 20, 1, 20),
        (1, 0, 1, 1),  # at least one per page
        (1, 500, 1, 45),  # at most 200 per page
    ],
)
async def test_pagination_stays_within_the_pages_that_exist(
    context, page, per_page, shown_page, count
):
    await factories.workers(context.enterprise_id, 45)
    listing = await roster.list_workers(context, RosterQuery(page=page, per_page=per_page))
    assert (listing.page, len(listing.rows), listing.total) == (shown_page, count, 45)


async def test_an_empty_roster_has_one_empty_page(context):
    listing = await roster.list_workers(context, RosterQuery(page=7))
    assert (listing.page, listing.pages, listing.rows, listing.first_index) == (1, 1, [], 0)


# The pages. ----------------------------------------------------------------------------------


@pytest.fixture
async def hr(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    browser = await browser_for("hr@a.vn")
    browser.base = f"/enterprises/{enterprise_id}/workers"
    browser.enterprise_id = enterprise_id
    return browser


def _page_form(**changes) -> dict[str, str]:
    return {
        "employee_code": "NV0001",
        "full_name": "Nguyễn Thị Lan",
        "gender": "female",
        "nationality": "VN",
        "org_unit": "",
        "position": "Công nhân may",
        "contract_type": "fixed_term",
        "start_date": "05/01/2026",
        "end_date": "",
        "phone": "",
        "email": "",
        **changes,
    }


async def test_the_page_adds_a_worker_with_a_vietnamese_date(hr):
    response = await hr.post(f"{hr.base}/new", _page_form(union_member="on"))
    assert response.status_code == 303 and response.headers["location"] == hr.base
    worker = await Worker.objects().first()
    assert worker.start_date == dt.date(2026, 1, 5)
    assert worker.union_member is True and worker.contract_type == "fixed_term"
    page = (await hr.get(hr.base)).text
    assert "The worker was added to the roster." in page and "Nguyễn Thị Lan" in page


async def test_a_refused_worker_keeps_the_form_as_typed(hr):
    response = await hr.post(
        f"{hr.base}/new", _page_form(email="lan@may", start_date="31/02/2026", phone="12")
    )
    assert response.status_code == 422
    page = response.text
    assert 'value="Nguyễn Thị Lan"' in page and 'value="lan@may"' in page
    assert 'id="start_date-error">This date does not exist.</p>' in page
    assert '<option value="fixed_term" selected>' in page
    assert await Worker.count() == 0
    # With a real date, the field rules speak next.
    response = await hr.post(f"{hr.base}/new", _page_form(email="lan@may", phone="12"))
    assert 'id="email-error">This is not an e-mail address.</p>' in response.text
    assert 'id="phone-error">Enter a phone number of 8 to 20 digits.</p>' in response.text
    assert await Worker.count() == 0


async def test_htmx_gets_only_the_roster_table(hr):
    await factories.worker(hr.enterprise_id, "Nguyễn Thị Lan")
    await factories.worker(hr.enterprise_id, "Phạm Đức Thắng")
    fragment = await hr.get(f"{hr.base}?q=thang", headers={"hx-request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and '<table class="roster">' in fragment.text
    assert "Phạm Đức Thắng" in fragment.text and "Nguyễn Thị Lan" not in fragment.text
    page = await hr.get(f"{hr.base}?q=thang")
    assert "<html" in page.text and 'id="roster-table"' in page.text


async def test_the_pager_links_keep_the_filters(hr):
    await factories.workers(hr.enterprise_id, 45, union_member=True)
    page = (await hr.get(f"{hr.base}?union_member=yes&page=2")).text
    assert "21–40 of 45 workers" in page and "Page 2 of 3" in page
    assert "union_member=yes" in page.split('rel="next"')[0].rsplit("<a", 1)[-1]
    last = (await hr.get(f"{hr.base}?page=40")).text
    assert "41–45 of 45 workers" in last


async def test_nonsense_in_the_address_bar_shows_the_default_roster(hr):
    await factories.worker(hr.enterprise_id, "Nguyễn Thị Lan")
    response = await hr.get(f"{hr.base}?page=abc&status=gone&sort=salary")
    assert response.status_code == 200 and "Nguyễn Thị Lan" in response.text


async def test_the_filters_say_when_nothing_matches(hr):
    assert "The roster is empty." in (await hr.get(hr.base)).text
    await factories.worker(hr.enterprise_id, "Nguyễn Thị Lan")
    assert "No worker matches these filters." in (await hr.get(f"{hr.base}?q=zzz")).text


async def test_removing_a_worker_asks_first_and_is_audited(hr):
    worker_id = await factories.worker(hr.enterprise_id, "Nguyễn Thị Lan")
    form = (await hr.get(f"{hr.base}/{worker_id}")).text
    assert "hx-confirm=" in form and "A worker who left should get an end date instead." in form
    response = await hr.post(f"{hr.base}/{worker_id}/delete")
    assert response.status_code == 303
    assert await Worker.count() == 0
    assert await AuditEntry.exists().where(AuditEntry.action == "worker.deleted")


async def test_the_union_officer_reads_the_roster_but_cannot_change_it(browser_for):
    enterprise_id = await factories.enterprise()
    worker_id = await factories.worker(enterprise_id, "Nguyễn Thị Lan")
    await factories.english_user("union@a.vn", Role.UNION, enterprise_id)
    union = await browser_for("union@a.vn")
    base = f"/enterprises/{enterprise_id}/workers"
    assert "Nguyễn Thị Lan" in (await union.get(base)).text
    form = (await union.get(f"{base}/{worker_id}")).text
    assert "<fieldset disabled>" in form and "Remove from the roster" not in form
    assert (await union.post(f"{base}/{worker_id}", _page_form())).status_code == 403
    assert (await Worker.objects().first()).employee_code != "NV0001"
