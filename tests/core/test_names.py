"""Vietnamese name order (core/names.py): given name first, Vietnamese letters, tones second."""

from __future__ import annotations

import pytest

from labour_democracy.core.names import person_sort_key, sort_people, split_name

pytestmark = pytest.mark.unit


def test_a_name_splits_into_family_middle_and_given_name():
    assert split_name("Nguyễn Thị Thu Hà") == ("Nguyễn", "Thị Thu", "Hà")
    assert split_name("  Lê   Lợi ") == ("Lê", "", "Lợi")
    assert split_name("Hà") == ("", "", "Hà")
    assert split_name("") == ("", "", "")


def test_people_are_ordered_by_given_name_before_family_name():
    people = ["Nguyễn Văn Bình", "Trần Văn An", "Lê Thị Chi"]
    assert sort_people(people) == ["Trần Văn An", "Nguyễn Văn Bình", "Lê Thị Chi"]


def test_the_middle_name_decides_before_the_family_name():
    assert sort_people(["Bùi Văn An", "Vũ Thị An"]) == ["Vũ Thị An", "Bùi Văn An"]
    assert sort_people(["Vũ Văn An", "Bùi Văn An"]) == ["Bùi Văn An", "Vũ Văn An"]


def test_d_with_stroke_comes_after_d_not_before_it():
    # Folding diacritics (the search column) would put Đức before Dũng; Vietnamese puts D first.
    assert sort_people(["Lê Văn Đức", "Lê Văn Dũng", "Lê Văn Em"]) == [
        "Lê Văn Dũng",
        "Lê Văn Đức",
        "Lê Văn Em",
    ]
    assert sort_people(["Đỗ Văn An", "Dương Văn An"]) == ["Dương Văn An", "Đỗ Văn An"]


def test_a_breve_and_circumflex_are_letters_of_their_own():
    assert sort_people(["Hồ Ân", "Hồ Ăn", "Hồ Anh", "Hồ Bảo"]) == [
        "Hồ Anh",
        "Hồ Ăn",
        "Hồ Ân",
        "Hồ Bảo",
    ]
    assert sort_people(["A Ơn", "A Ôn", "A On", "A Ưu", "A Uy"]) == [
        "A On",
        "A Ôn",
        "A Ơn",
        "A Uy",
        "A Ưu",
    ]


def test_tone_marks_count_only_after_the_letters():
    # Ánh (tone) before Anhh (letters): a tone never outweighs a letter.
    assert sort_people(["X Ánh", "X Anhh", "X Anh"]) == ["X Anh", "X Ánh", "X Anhh"]
    # Dictionary order of the tones: none, huyền, hỏi, ngã, sắc, nặng.
    tones = ["X Ma", "X Mà", "X Mả", "X Mã", "X Má", "X Mạ"]
    assert sort_people(list(reversed(tones))) == tones


def test_case_and_composed_forms_do_not_matter():
    decomposed = "Nguye\u0302\u0303n Va\u0306n Đu\u031b\u0301c"
    assert person_sort_key(decomposed) == person_sort_key("nguyễn văn đức")
    assert person_sort_key("NGUYỄN VĂN ĐỨC") == person_sort_key("Nguyễn Văn Đức")


def test_a_shorter_given_name_comes_first():
    assert sort_people(["X Anh", "X An", "Y An"]) == ["X An", "Y An", "X Anh"]


def test_the_key_is_digits_so_every_database_orders_it_alike():
    for name in ["Nguyễn Thị Thu Hà", "Müller Jürgen", "李 小龍", "Đặng 3"]:
        assert person_sort_key(name).isdigit()


def test_items_are_sorted_by_the_name_they_carry():
    rows = [{"full_name": "Phạm Văn Đông"}, {"full_name": "Phạm Văn Dũng"}]
    assert [r["full_name"] for r in sort_people(rows, lambda r: r["full_name"])] == [
        "Phạm Văn Dũng",
        "Phạm Văn Đông",
    ]
