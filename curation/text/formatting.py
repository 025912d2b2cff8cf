"""How values, qualifiers and periods are written for people: the one formatter.

Every place a person reads a value (admin titles, messages, list columns, public pages, chart
labels, contradiction explanations) writes it through here, the way an article would:
"about 3.94 billion USD", "more than 3,100 enterprises", "between 20 and 30%". A scale word
is used only when it loses no digit, so 1,234,567 stays 1,234,567. Machine-readable outputs
(CSV, JSON, XLSX, datapackage) keep the plain number and the qualifier code.

Pure functions over values: no database, no Django; any layer may import this module.
"""

from decimal import Decimal

# The qualifier codes in words, as an article writes them. Claim.Qualifier's labels are the
# same words (tests/test_formatting.py holds them together).
QUALIFIER_WORDS = {
    "exact": "exactly",
    "about": "about",
    "more_than": "more than",
    "at_least": "at least",
    "nearly": "nearly",
    "up_to": "up to",
    "less_than": "less than",
    "between": "between",
}

SCALE_WORDS = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)

# "3.94 billion" reads like an article; "3.9412345 billion" does not, so past three decimals
# the number is written out in full.
MAX_SCALED_DECIMALS = 3

# Units written straight after the number, with no space.
UNITS_WITHOUT_SPACE = frozenset({"%"})


def format_decimal(value: Decimal | None) -> str:
    """A Decimal with thousands separators and no padding zeros: 93160000000.000000 -> 93,160,000,000."""
    if value is None:
        return ""
    normalised = value.normalize()
    if normalised == normalised.to_integral():
        normalised = normalised.quantize(Decimal(1))
    return f"{normalised:,f}"


def format_plain_decimal(value: Decimal | None) -> str:
    """A Decimal as an exact plain number, no separators and no padding zeros: 93160000000.000000 -> 93160000000.

    format_decimal without the thousands separators (machine-readable outputs), written for
    speed: a download formats two per row.
    """
    if value is None:
        return ""
    written = f"{value:f}"
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return written


def format_number(value: Decimal | None) -> str:
    """A number as an article writes it: 3940000000 -> '3.94 billion', 3100 -> '3,100'.

    A scale word (million, billion, trillion) only when the figure keeps every digit with at
    most three decimals; otherwise the number in full with thousands separators.
    """
    if value is None:
        return ""
    value = Decimal(value)
    for size, word in SCALE_WORDS:
        if abs(value) >= size:
            scaled = (value / size).normalize()
            exponent = scaled.as_tuple().exponent
            if isinstance(exponent, int) and exponent >= -MAX_SCALED_DECIMALS:
                return f"{format_decimal(scaled)} {word}"
            break
    return format_decimal(value)


def qualifier_words(qualifier: str) -> str:
    """The qualifier code in words: 'more_than' -> 'more than'; an unknown code as it is."""
    return QUALIFIER_WORDS.get(qualifier, qualifier)


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit in UNITS_WITHOUT_SPACE else f"{number} {unit}"


def format_value(*, value: Decimal | None, unit: str = "", qualifier: str = "exact", value_max=None) -> str:
    """'about 3.94 billion USD', 'more than 3,100 enterprises', 'between 20 and 30%', '93.16 billion CNY'.

    An exact figure is written without a word, as articles do.
    """
    if value is None:
        return ""
    number = format_number(value)
    if qualifier == "between" and value_max is not None:
        return f"between {number} and {_with_unit(format_number(value_max), unit)}"
    words = "" if qualifier == "exact" else qualifier_words(qualifier)
    return " ".join(part for part in (words, _with_unit(number, unit)) if part)


def format_claim_value(claim) -> str:
    """A claim's (or any object with value, value_max, unit and qualifier) value, as the article says it."""
    return format_value(
        value=claim.value,
        unit=claim.unit,
        qualifier=claim.qualifier,
        value_max=getattr(claim, "value_max", None),
    )


def format_parsed_number(value: Decimal | None) -> str:
    """What an editor typed, read back: '3,940,000,000 = 3.94 billion', or '1,234' when both read alike."""
    if value is None:
        return ""
    full, short = format_decimal(value), format_number(value)
    return full if full == short else f"{full} = {short}"


def format_period(claim) -> str:
    """'2023-11-01 – 2025-09-30' for a flow, 'as of 2025-09-30' for a stock."""
    if claim.period_start:
        return f"{claim.period_start:%Y-%m-%d} – {claim.period_end:%Y-%m-%d}"
    return f"as of {claim.period_end:%Y-%m-%d}"
