import datetime as dt

import pytest

from labour_democracy.core import rules

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("0101234567", True),
        ("0101234567-001", True),
        ("010123456", False),  # 9 digits
        ("01012345678", False),  # 11 digits
        ("0101234567-01", False),  # branch suffix of 2 digits
        ("0101234567-0001", False),
        ("0101234567001", False),  # 13 digits without the hyphen
        ("01012345a7", False),
        (" 0101234567", False),
    ],
)
def test_tax_code_has_ten_digits_or_ten_plus_a_three_digit_branch(value, valid):
    assert rules.is_valid_tax_code(value) is valid


def test_a_worker_is_active_until_the_day_of_their_end_date():
    today = dt.date(2026, 3, 10)
    assert rules.is_active(None, today)
    assert rules.is_active(dt.date(2026, 3, 11), today)
    assert not rules.is_active(dt.date(2026, 3, 10), today)
    assert not rules.is_active(dt.date(2026, 3, 9), today)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Thị Lan", "nguyen thi lan"),
        ("ĐẶNG  Đức", "dang duc"),
        ("Phạm Văn Ưng", "pham van ung"),
    ],
)
def test_fold_removes_diacritics_for_search(text, folded):
    assert rules.fold(text) == folded


@pytest.mark.parametrize(
    ("month", "day", "valid"),
    [
        (12, 31, True),
        (6, 30, True),
        (6, 31, False),
        (2, 28, True),
        (2, 29, False),
        (13, 1, False),
        (0, 10, False),
        (1, 0, False),
    ],
)
def test_fiscal_year_end_must_exist_every_year(month, day, valid):
    assert rules.is_valid_fiscal_year_end(month, day) is valid


@pytest.mark.parametrize(
    ("symbol", "valid"),
    [
        ("CTMA", True),
        ("SHVN", True),
        ("CĐCS", True),
        ("ctma", False),
        ("UBND-VP", True),
        ("", False),
        ("ABCDEFGHIJK", False),
    ],
)
def test_document_symbol_is_capital_letters(symbol, valid):
    assert rules.is_valid_document_symbol(symbol) is valid


@pytest.mark.parametrize(("workforce", "applies"), [(0, False), (9, False), (10, True), (11, True)])
def test_duties_from_ten_workers(workforce, applies):
    # Decree 145/2020 Art. 114(4); Labour Code Arts. 118(1), 119.
    assert rules.ten_worker_duties_apply(workforce) is applies


def test_an_address_names_its_commune_and_province_once():
    """Issue 13, item 6: "tỉnh Bắc Ninh, Tỉnh Bắc Ninh"."""
    written = "Lô B4, Khu công nghiệp Quế Võ, phường Quế Võ, tỉnh Bắc Ninh"
    assert rules.full_address(written, "Phường Quế Võ", "Tỉnh Bắc Ninh") == written
    assert rules.full_address("Số 18 Lý Thái Tổ, Bắc Ninh", "", "Tỉnh Bắc Ninh") == (
        "Số 18 Lý Thái Tổ, Bắc Ninh"
    )
    assert rules.full_address("Số 18 Lý Thái Tổ", "Phường Kinh Bắc", "Tỉnh Bắc Ninh") == (
        "Số 18 Lý Thái Tổ, Phường Kinh Bắc, Tỉnh Bắc Ninh"
    )
    # "Ninh" alone is no "Bắc Ninh": a word, not a part of one, counts.
    assert rules.full_address("Số 2 đường Ninh Giang", "", "Tỉnh Bắc Ninh") == (
        "Số 2 đường Ninh Giang, Tỉnh Bắc Ninh"
    )
    assert (
        rules.full_address("", "Xã An Bình", "Thành phố Hà Nội") == "Xã An Bình, Thành phố Hà Nội"
    )
