"""Every list of people follows the one Vietnamese name order (core/names.py): the roster page
and its export, the worker picker, the candidates of a ballot (with position and unit), and the
stored key of the migration that fills it for rosters made before it."""

from __future__ import annotations

import importlib
import io

import openpyxl
import pytest

from labour_democracy import i18n
from labour_democracy.core import roster, roster_export, worker_search
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.schemas import RosterQuery
from labour_democracy.core.tables import ContractType, Gender, Role, Worker
from labour_democracy.voting import services
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import ElectionMethod, QuestionKind
from tests import factories

# Folding diacritics (search_name) gives Đặng < Dương and orders by family name.
NAMES = ["Đặng Văn An", "Dương Thị Bình", "Lê Văn Đức", "Lê Văn Dũng", "Trần Thị Ánh"]
ORDERED = ["Đặng Văn An", "Trần Thị Ánh", "Dương Thị Bình", "Lê Văn Dũng", "Lê Văn Đức"]


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


@pytest.fixture
async def context():
    enterprise = await factories.enterprise()
    for name in NAMES:
        await factories.worker(enterprise, name)
    return await factories.context(enterprise)


async def test_the_roster_lists_people_by_given_name_with_d_before_d_with_stroke(context):
    listing = await roster.list_workers(context, RosterQuery())
    assert [row["full_name"] for row in listing.rows] == ORDERED
    listing = await roster.list_workers(context, RosterQuery(descending=True))
    assert [row["full_name"] for row in listing.rows] == ORDERED[::-1]


async def test_a_worker_saved_through_the_roster_gets_the_key(context):
    form = roster.WorkerForm(
        employee_code="X1",
        full_name="Ông Thị Ấn",
        gender=Gender.FEMALE,
        contract_type=ContractType.INDEFINITE,
    )
    worker_id = await roster.create_worker(context, form)
    row = await Worker.select(Worker.sort_key).where(Worker.id == worker_id).first()
    assert row["sort_key"] == person_sort_key("Ông Thị Ấn")


async def test_the_worker_picker_and_the_export_follow_the_same_order(context):
    found = await worker_search.search(context, "Văn")
    assert [row["full_name"] for row in found.rows] == ["Đặng Văn An", "Lê Văn Dũng", "Lê Văn Đức"]
    content, _ = await roster_export.export_roster(context, RosterQuery())
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    names = [cell.value for row in sheet.iter_rows() for cell in row if cell.value in NAMES]
    assert names == ORDERED


async def test_candidates_are_printed_in_name_order_with_position_and_unit(context):
    unit = await factories.org_unit(context.enterprise_id, "Phân xưởng May 1")
    await factories.worker(
        context.enterprise_id, "Phạm Thị Đào", org_unit=unit, position="Tổ trưởng"
    )
    union = await factories.context(context.enterprise_id, Role.UNION)
    ballot_id = await services.create_ballot(union, BallotForm(title="Bầu Ban thanh tra"))
    await services.add_question(
        union,
        ballot_id,
        QuestionForm(
            kind=QuestionKind.ELECTION,
            text="Bầu thành viên",
            options="Phạm Thị Đào\nNguyễn Văn Dân\nHoàng Thị Anh",
            seats=2,
            method=ElectionMethod.STRIKE,
        ),
    )
    (question,) = await services.questions_with_options(ballot_id)
    assert [o["label"] for o in question["options"]] == [
        "Hoàng Thị Anh",
        "Nguyễn Văn Dân",
        "Phạm Thị Đào",
    ]
    assert question["options"][2]["detail"] == "Tổ trưởng, Phân xưởng May 1"
    assert question["options"][0]["detail"] == ""  # not on the roster: the name alone


async def test_the_migration_fills_the_key_as_the_helper_computes_it():
    migration = importlib.import_module(
        "labour_democracy.core.piccolo_migrations.core_2026_12_06t06_02_27_000000"
    )
    for name in [*NAMES, "Nguyễn Thị Thu Hà", "Hà", "", "Müller  Jürgen"]:
        assert migration.sort_key(name) == person_sort_key(name)
    enterprise = await factories.enterprise()
    worker_id = await factories.worker(enterprise, "Lê Văn Đức")
    await Worker.update({Worker.sort_key: ""}).where(Worker.id == worker_id)
    await migration.fill()
    row = await Worker.select(Worker.sort_key).where(Worker.id == worker_id).first()
    assert row["sort_key"] == person_sort_key("Lê Văn Đức")
