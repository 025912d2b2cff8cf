"""How cells of an imported file are read, and how exported cells are made safe for spreadsheets.

The rules, as the README states them for editors:

- Numbers: digits with an optional sign and decimal point ("-12.5"); commas as thousands
  separators only in groups of three ("1,234,567.5"); a scale word after the number
  ("3.1 billion", "93.16 bn", "2 million", "1.5 thousand", "1 trillion"). European commas
  ("1.234,5"), percent signs and currency symbols are refused: the unit has its own column.
  Spreadsheet numbers are taken as they are.
- "No value": an empty cell, "n/a", "na", "none", "null" or "-" means the cell is empty; a
  required column then reports that it is missing.
- Dates: 2025-09-30 (a day), 2025-09 (a month) or 2025 (a year). A month or year stands for
  its first day in a start column and its last day in an end column. Words such as
  "Sept 2025" and other orders ("30/09/2025") are refused, with the ISO spelling suggested,
  because day-month order and month abbreviations differ between editors' locales.
- Yes/no: yes, no, true, false, 1, 0, y, n (any case); empty means no.
- Formulas: an exported text cell that starts with =, +, -, @, a tab or a carriage return gets
  a leading apostrophe so a spreadsheet shows it as text; a plain number such as -5.2 is left
  alone. On import the apostrophe before such a character is removed again, so an export
  re-imports unchanged.
"""

import calendar
import datetime
import functools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process

EMPTY_MARKERS = frozenset({"", "n/a", "na", "none", "null", "-", "—"})

SCALE_WORDS = {
    "thousand": Decimal("1e3"),
    "million": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "billion": Decimal("1e9"),
    "bn": Decimal("1e9"),
    "trillion": Decimal("1e12"),
    "tn": Decimal("1e12"),
}

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_SCALED_NUMBER = re.compile(r"(?P<number>[+-]?[\d,]*\.?\d+)\s*(?P<scale>[a-z]+)", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_YEAR = re.compile(r"(\d{4})")
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number], calendar.month_name[number][:4])
}
_WORDY_MONTH = re.compile(r"([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

TRUE_WORDS = frozenset({"yes", "y", "true", "1", "t"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "f", ""})


class CellError(ValueError):
    """A cell could not be read; the message says why, in an editor's words."""


def is_empty(raw) -> bool:
    if raw is None:
        return True
    return isinstance(raw, str) and raw.strip().lower() in EMPTY_MARKERS


def text(raw) -> str:
    """A text cell, stripped, with a protective apostrophe from an export removed."""
    if raw is None:
        return ""
    # The apostrophe comes off before the outer spacing, so an exported "'\t" (a cell that was
    # only a tab) reads back as empty rather than as a lone apostrophe.
    return unescape_formula(str(raw).lstrip()).strip()


def parse_number(raw) -> Decimal | None:
    """A Decimal from a cell, following the number rules above; None for an empty cell."""
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise CellError(f"'{raw}' is not a number.")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    value = unescape_formula(str(raw).strip())
    if _PLAIN_NUMBER.fullmatch(value):
        return _decimal(value, raw)
    if _GROUPED_NUMBER.fullmatch(value):
        return _decimal(value.replace(",", ""), raw)
    scaled = _SCALED_NUMBER.fullmatch(value)
    if scaled and scaled["scale"].lower() in SCALE_WORDS:
        number = scaled["number"]
        if "," in number and not _GROUPED_NUMBER.fullmatch(number):
            raise CellError(f"'{raw}' is not a number: commas may only separate thousands.")
        return _decimal(number.replace(",", ""), raw) * SCALE_WORDS[scaled["scale"].lower()]
    if value.endswith("%"):
        raise CellError(f"'{raw}' is not a plain number: leave out the % sign and put % in the unit column.")
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?", value):
        raise CellError(f"'{raw}' is not a number: write the decimal point as '.' and thousands with ',' (1,234.5).")
    raise CellError(f"'{raw}' is not a number (examples: 1234.5, 1,234.5, 3.1 billion).")


def _decimal(value: str, raw) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise CellError(f"'{raw}' is not a number.") from error


def parse_date(raw, *, period_end: bool) -> datetime.date | None:
    """A date from a cell; a month or year means its last day when `period_end`, else its first."""
    if is_empty(raw):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    value = str(raw).strip()
    try:
        if match := _ISO_DAY.fullmatch(value):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _ISO_MONTH.fullmatch(value):
            year, month = int(match[1]), int(match[2])
            day = calendar.monthrange(year, month)[1] if period_end else 1
            return datetime.date(year, month, day)
        if match := _ISO_YEAR.fullmatch(value):
            year = int(match[1])
            return datetime.date(year, 12, 31) if period_end else datetime.date(year, 1, 1)
    except ValueError as error:
        raise CellError(f"'{raw}' is not a real date ({error}).") from error
    if (match := _WORDY_MONTH.fullmatch(value)) and match[1].lower() in _MONTH_NAMES:
        iso = f"{match[2]}-{_MONTH_NAMES[match[1].lower()]:02d}"
        raise CellError(f"'{raw}' is not accepted: write the month as {iso} (or a day as {iso}-DD).")
    if match := _DAY_FIRST.fullmatch(value):
        raise CellError(
            f"'{raw}' is ambiguous (day and month order): write it as YYYY-MM-DD, "
            f"e.g. {match[3]}-{int(match[2]):02d}-{int(match[1]):02d} if {match[1]} is the day."
        )
    raise CellError(f"'{raw}' is not a date: write 2025-09-30, 2025-09 (a month) or 2025 (a year).")


def parse_bool(raw) -> bool:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError(f"'{raw}' is not yes or no.")


@functools.lru_cache(maxsize=64)
def _choice_words(choices: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each way a file may write a choice (stored value, label, spaces for underscores), lower case."""
    by_word = {}
    for stored, label in choices:
        by_word[stored.lower()] = stored
        by_word[str(label).lower()] = stored
        by_word[stored.lower().replace("_", " ")] = stored
    return by_word


def parse_choice(raw, *, choices: Iterable[tuple[str, str]], what: str) -> str | None:
    """The stored value of a choice, given either its stored value or its label (any case)."""
    value = text(raw)
    if not value:
        return None
    choices = tuple(choices)
    found = _choice_words(choices).get(value.lower())
    if found is None:
        allowed = ", ".join(stored for stored, _ in choices)
        raise CellError(f"'{value}' is not a known {what} (one of: {allowed}).")
    return found


def suggest(wanted: str, candidates: Iterable[str], *, cutoff: float = 75) -> str | None:
    """The candidate closest to `wanted`, when one is close enough to be worth naming."""
    match = process.extractOne(wanted, candidates, scorer=fuzz.WRatio, processor=str.lower, score_cutoff=cutoff)
    return match[0] if match else None


def unknown_message(value: str, what: str, candidates: Iterable[str]) -> str:
    """'Kashgarr' is not a known place or alias; did you mean 'Kashgar'?"""
    message = f"'{value}' is not a known {what}"
    suggestion = suggest(value, candidates)
    return f"{message}; did you mean '{suggestion}'?" if suggestion else f"{message}."


def is_plain_number(value: str) -> bool:
    return bool(_PLAIN_NUMBER.fullmatch(value))


def escape_formula(value):
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not is_plain_number(value):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS and not is_plain_number(value[1:]):
        return value[1:]
    return value
