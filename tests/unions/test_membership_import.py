"""The membership register from a spreadsheet (issue 15, point 6): read by core's roster import,
previewed, registered whole or refused whole with each bad row named; the union's only."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.roster_import.report import ImportRejected
from labour_democracy.core.tables import AuditEntry, Role, Worker
from labour_democracy.db import engine
from labour_democracy.i18n import today
from labour_democracy.unions import membership, membership_import
from labour_democracy.unions.membership_import import MemberField
from labour_democracy.unions.tables import (
    GrassrootsUnion,
    MemberStatus,
    MemberUpload,
    UnionMember,
    UnionStatus,
)
from tests import factories

HEADER = ["STT", "Mã NV", "Họ và tên", "Ngày vào Công đoàn", "Ngày ra Công đoàn", "Quốc tịch"]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def recognised(enterprise_id: int, status: str = UnionStatus.RECOGNISED) -> int:
    union = GrassrootsUnion(
        enterprise=enterprise_id,
        name="Công đoàn cơ sở Công ty TNHH Thử nghiệm",
        upper_union="Liên đoàn Lao động tỉnh Thái Nguyên",
        committee_origin="formed_by_workers",
        campaign_formed_on=dt.date(2025, 1, 5),
        status=status,
        recognised_on=dt.date(2025, 3, 1),
    )
    await union.save()
    return union.id


@pytest.fixture
async def setup():
    enterprise_id = await factories.enterprise()
    unit = await factories.org_unit(enterprise_id, name="Xưởng may")
    await factories.org_unit(enterprise_id, name="Tổ hoàn thiện")
    workers = {
        "NV001": await factories.worker(enterprise_id, "Nguyễn Văn An", "NV001", org_unit=unit),
        "NV002": await factories.worker(enterprise_id, "Trần Thị Bình", "NV002", org_unit=unit),
        "NV003": await factories.worker(enterprise_id, "Lê Văn Cường", "NV003"),
        "NV004": await factories.worker(
            enterprise_id, "Kim Min Jun", "NV004", nationality="KR", gender="male"
        ),
        "NV005": await factories.worker(
            enterprise_id, "Phạm Thị Dung", "NV005", end_date=dt.date(2025, 6, 30)
        ),
        "NV006": await factories.worker(enterprise_id, "Hoàng Văn Em", "NV006"),
    }
    union_id = await recognised(enterprise_id)
    context = await factories.context(enterprise_id, Role.UNION)
    return context, union_id, workers


async def _prepare(context, content: bytes, name: str = "doan-vien.csv"):
    upload_id = await membership_import.upload(context, name, content)
    return upload_id, await membership_import.prepare(context, upload_id)


async def test_a_member_list_is_previewed_then_registered_whole(setup):
    context, union_id, workers = setup
    content = _csv(
        [
            ["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ"],
            [*HEADER, "Phòng ban"],
            ["1", "NV001", "Nguyễn Văn An", "05/01/2025", "", "", "Tổ hoàn thiện"],
            ["2", "NV002", "", "2025-02-01", "", "", ""],
            ["3", "NV004", "Kim Min Jun", "01/03/2025", "", "Hàn Quốc", ""],
            ["4", "NV005", "Phạm Thị Dung", "01/02/2024", "30/06/2025", "", ""],
        ]
    )
    upload_id, prepared = await _prepare(context, content)
    assert prepared.header_row == 2
    assert prepared.mapping[MemberField.JOINED_ON] == 3
    assert prepared.mapping[MemberField.ORG_UNIT] == 6
    assert not prepared.errors
    evaluation = prepared.evaluation
    assert (evaluation.report.rows, evaluation.active, evaluation.left) == (4, 3, 1)
    assert not evaluation.report.problems
    assert await UnionMember.count() == 0  # the preview writes nothing

    summary = await membership_import.run_import(context, upload_id, prepared.mapping)
    assert (summary.active, summary.left) == (3, 1)
    rows = {r["worker"]: r for r in await UnionMember.select().where(UnionMember.union == union_id)}
    an = rows[workers["NV001"]]
    assert an["joined_on"] == dt.date(2025, 1, 5) and an["status"] == MemberStatus.ACTIVE
    assert an["org_unit"] != (await Worker.objects().get(Worker.id == workers["NV001"])).org_unit
    assert rows[workers["NV004"]]["nationality"] == "KR"
    dung = rows[workers["NV005"]]
    assert dung["status"] == MemberStatus.LEFT and dung["left_on"] == dt.date(2025, 6, 30)
    flags = {
        w["id"]: w["union_member"]
        for w in await Worker.select(Worker.id, Worker.union_member).where(
            Worker.enterprise == context.enterprise_id
        )
    }
    assert flags[workers["NV001"]] and flags[workers["NV004"]] and not flags[workers["NV005"]]
    assert not flags[workers["NV003"]]
    assert await MemberUpload.count() == 0
    entry = await AuditEntry.objects().where(AuditEntry.action == "union.members_imported").first()
    assert entry is not None and entry.record_id == str(union_id)


async def test_members_are_found_by_name_in_an_xlsx_without_codes(setup):
    context, _union_id, workers = setup
    content = _xlsx(
        [
            ["Họ và tên", "Ngày kết nạp", "Nước ngoài"],
            ["nguyen van an", dt.date(2025, 1, 5), ""],
            ["Kim Min Jun", dt.date(2025, 2, 1), "x"],
        ]
    )
    upload_id, prepared = await _prepare(context, content, "doan-vien.xlsx")
    assert not prepared.evaluation.report.problems
    await membership_import.run_import(context, upload_id, prepared.mapping)
    names = {r["worker"] for r in await UnionMember.select(UnionMember.worker)}
    assert names == {workers["NV001"], workers["NV004"]}


async def test_any_bad_row_refuses_the_whole_file_naming_each_problem_and_its_row(setup):
    context, union_id, workers = setup
    await UnionMember(
        enterprise=context.enterprise_id,
        union=union_id,
        worker=workers["NV003"],
        full_name="Lê Văn Cường",
        gender="male",
        joined_on=dt.date(2025, 3, 1),
    ).save()
    future = (today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    content = _csv(
        [
            HEADER,
            ["1", "NV001", "Nguyễn Văn An", "05/01/2025", "", ""],  # row 2: fine
            ["2", "NV999", "", "05/01/2025", "", ""],  # unknown code
            ["3", "NV001", "", "06/01/2025", "", ""],  # the same member again
            ["4", "NV003", "", "05/04/2025", "", ""],  # already on the register
            ["5", "NV002", "", future, "", ""],  # joins in the future
            ["6", "NV006", "", "05/01/2025", "04/01/2025", ""],  # leaves before joining
            ["7", "NV005", "", "05/01/2024", "", ""],  # no longer works here
            ["8", "NV004", "Trần Văn Sai", "05/01/2025", "", ""],  # the code is someone else's
        ]
    )
    upload_id, prepared = await _prepare(context, content)
    problems = {(p.row, p.message) for p in prepared.evaluation.report.problems}
    assert problems == {
        (3, "No worker of this enterprise has this code."),
        (4, "The same member is already on row 2."),
        (5, "This worker is already a member on the register."),
        (6, "The date cannot be in the future."),
        (7, "A member cannot leave before joining."),
        (8, "This worker no longer works here: give the date the member left."),
        (9, "The roster gives this code to Kim Min Jun."),
    }
    assert all(p.column for p in prepared.evaluation.report.problems)
    with pytest.raises(ImportRejected) as refused:
        await membership_import.run_import(context, upload_id, prepared.mapping)
    assert refused.value.report.rows_with_problems == 7
    assert str(refused.value) == "7 rows have problems; nothing was imported."
    assert await UnionMember.count() == 1
    assert await MemberUpload.count() == 1  # kept, to correct the columns and try again


async def test_an_empty_file_says_it_is_empty(setup):
    context, _union_id, _workers = setup
    for content in (b"", b"\n \n", _csv([[]])):
        with pytest.raises(Invalid) as refused:
            await membership_import.upload(context, "doan-vien.csv", content)
        assert refused.value.errors == {"file": "The file is empty: no row has any text."}
    with pytest.raises(Invalid) as refused:
        await membership_import.upload(context, "doan-vien.csv", _csv([HEADER]))
    assert refused.value.errors == {"file": "The file has a header row but no worker below it."}
    assert await MemberUpload.count() == 0


async def test_the_columns_must_name_the_member_and_the_date_joined(setup):
    context, _union_id, _workers = setup
    upload_id, prepared = await _prepare(context, _csv([["Mã NV", "Ghi chú"], ["NV001", "x"]]))
    assert prepared.errors["map_joined_on"] == "Choose the column of the dates members joined."
    assert prepared.evaluation is None
    with pytest.raises(Invalid):
        await membership_import.run_import(context, upload_id, prepared.mapping)
    mapping = dict(prepared.mapping, **{MemberField.EMPLOYEE_CODE: None})
    with pytest.raises(Invalid) as refused:
        await membership_import.run_import(context, upload_id, mapping)
    assert "map_employee_code" in refused.value.errors


async def test_only_the_union_imports_and_only_into_a_recognised_register(setup):
    context, union_id, _workers = setup
    content = _csv([HEADER, ["1", "NV001", "", "05/01/2025", "", ""]])
    upload_id = await membership_import.upload(context, "a.csv", content)
    hr = await factories.context(context.enterprise_id, Role.HR)
    with pytest.raises(Forbidden):
        await membership_import.upload(hr, "a.csv", content)
    with pytest.raises(Forbidden):
        await membership_import.prepare(hr, upload_id)
    other = await factories.enterprise(name="Công ty khác")
    await recognised(other)
    stranger = await factories.context(other, Role.UNION)
    with pytest.raises(NotFound):
        await membership_import.prepare(stranger, upload_id)
    await GrassrootsUnion.update({GrassrootsUnion.status: UnionStatus.DISSOLVED}).where(
        GrassrootsUnion.id == union_id
    )
    with pytest.raises(Conflict, match="dissolved"):
        await membership_import.run_import(context, upload_id, {})
    assert await UnionMember.count() == 0


async def test_an_imported_register_lists_in_vietnamese_name_order(setup):
    context, _union_id, _workers = setup
    # Given names decide the order (An, Bình, Cường, Em), whatever the file's order.
    content = _csv(
        [
            HEADER,
            ["1", "NV006", "", "05/01/2025", "", ""],
            ["2", "NV003", "", "05/01/2025", "", ""],
            ["3", "NV002", "", "05/01/2025", "", ""],
            ["4", "NV001", "", "05/01/2025", "", ""],
        ]
    )
    upload_id, prepared = await _prepare(context, content)
    await membership_import.run_import(context, upload_id, prepared.mapping)
    listed = [m["full_name"] for m in await membership.members(context)]
    assert listed == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Hoàng Văn Em"]


async def test_the_file_is_read_before_the_write_transaction(setup, monkeypatch):
    context, _union_id, _workers = setup
    content = _csv([HEADER, ["1", "NV001", "", "05/01/2025", "", ""]])
    upload_id, prepared = await _prepare(context, content)
    read_inside: list[bool] = []
    original = membership_import.read_sheet

    def watched(*args, **kwargs):
        read_inside.append(engine().current_transaction.get() is not None)
        return original(*args, **kwargs)

    monkeypatch.setattr(membership_import, "read_sheet", watched)
    await membership_import.run_import(context, upload_id, prepared.mapping)
    assert read_inside == [False]
    assert await UnionMember.count() == 1


async def test_an_upload_imported_meanwhile_is_not_imported_twice(setup):
    context, _union_id, _workers = setup
    content = _csv([HEADER, ["1", "NV001", "", "05/01/2025", "", ""]])
    upload_id, prepared = await _prepare(context, content)
    await membership_import.run_import(context, upload_id, prepared.mapping)
    with pytest.raises(NotFound):
        await membership_import.run_import(context, upload_id, prepared.mapping)
    assert await UnionMember.count() == 1
