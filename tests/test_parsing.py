"""The cell rules of curation.io.parsing: numbers, dates, yes/no, suggestions, formula escaping."""

import datetime
from decimal import Decimal

import pytest

from curation.io import parsing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234,567", Decimal("1234567")),
        ("-12.5", Decimal("-12.5")),
        ("3.1 billion", Decimal("3100000000")),
        ("93.16 bn", Decimal("93160000000")),
        ("2 million", Decimal("2000000")),
        ("1,500 thousand", Decimal("1500000")),
        (42, Decimal(42)),
        (0.1, Decimal("0.1")),
    ],
)
def test_numbers_editors_write_are_read_exactly(raw, expected):
    assert parsing.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "n/a", "N/A", "na", "-", None, "  "])
def test_no_value_markers_read_as_empty(raw):
    assert parsing.parse_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("12%", "% in the unit column"),
        ("1.234,5", "decimal point"),
        ("12,34", "not a number"),
        ("3.1 zillion", "not a number"),
        ("about 5", "not a number"),
    ],
)
def test_numbers_that_are_ambiguous_or_not_numbers_are_refused_with_a_reason(raw, hint):
    with pytest.raises(parsing.CellError, match=hint):
        parsing.parse_number(raw)


def test_a_month_means_its_first_day_at_the_start_and_its_last_day_at_the_end():
    assert parsing.parse_date("2025-09", period_end=False) == datetime.date(2025, 9, 1)
    assert parsing.parse_date("2025-09", period_end=True) == datetime.date(2025, 9, 30)
    assert parsing.parse_date("2024-02", period_end=True) == datetime.date(2024, 2, 29)
    assert parsing.parse_date("2025", period_end=True) == datetime.date(2025, 12, 31)
    assert parsing.parse_date("2025-09-30", period_end=False) == datetime.date(2025, 9, 30)


def test_a_month_in_words_is_refused_with_the_iso_spelling_suggested():
    with pytest.raises(parsing.CellError, match="write the month as 2025-09"):
        parsing.parse_date("Sept 2025", period_end=True)


@pytest.mark.parametrize("raw", ["30/09/2025", "2025-13-01", "2025-02-30", "yesterday"])
def test_other_dates_are_refused(raw):
    with pytest.raises(parsing.CellError):
        parsing.parse_date(raw, period_end=True)


def test_yes_no_cells():
    assert parsing.parse_bool("Yes") is True
    assert parsing.parse_bool("0") is False
    assert parsing.parse_bool("") is False
    with pytest.raises(parsing.CellError):
        parsing.parse_bool("maybe")


def test_unknown_names_get_the_closest_known_name_suggested():
    message = parsing.unknown_message("Kashgarr", "place or alias", ["Kashgar", "Urumqi", "Horgos"])
    assert message == "'Kashgarr' is not a known place or alias; did you mean 'Kashgar'?"
    assert parsing.unknown_message("Zzyzx", "place or alias", ["Kashgar"]) == "'Zzyzx' is not a known place or alias."


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("x")'])
def test_formula_cells_are_escaped_and_come_back_unchanged_on_import(cell):
    escaped = parsing.escape_formula(cell)
    assert escaped == "'" + cell
    assert parsing.unescape_formula(escaped) == cell


@pytest.mark.parametrize("cell", ["-5.2", "-12", "+3", "Kashgar", "", 5])
def test_plain_numbers_and_ordinary_text_are_not_escaped(cell):
    assert parsing.escape_formula(cell) == cell
