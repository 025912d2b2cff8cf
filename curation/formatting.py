"""How values, qualifiers and periods are written for readers."""

from decimal import Decimal

QUALIFIER_SYMBOLS = {
    "exact": "",
    "about": "~",
    "more_than": ">",
    "at_least": "≥",
    "nearly": "≈<",
    "up_to": "≤",
    "less_than": "<",
    "between": "",
}


def format_decimal(value: Decimal | None) -> str:
    """A Decimal with thousands separators and no padding zeros: 93160000000.000000 -> 93,160,000,000."""
    if value is None:
        return ""
    normalised = value.normalize()
    if normalised == normalised.to_integral():
        normalised = normalised.quantize(Decimal(1))
    return f"{normalised:,f}"


def format_claim_value(claim) -> str:
    """'more than 3,100 enterprises', 'between 20–30 %'."""
    qualifier = claim.get_qualifier_display() if claim.qualifier != "exact" else ""
    number = format_decimal(claim.value)
    if claim.qualifier == "between" and claim.value_max is not None:
        number = f"{number}–{format_decimal(claim.value_max)}"
    return " ".join(part for part in (qualifier, number, claim.unit) if part)


def format_period(claim) -> str:
    """'2023-11-01 – 2025-09-30' for a flow, 'as of 2025-09-30' for a stock."""
    if claim.period_start:
        return f"{claim.period_start:%Y-%m-%d} – {claim.period_end:%Y-%m-%d}"
    return f"as of {claim.period_end:%Y-%m-%d}"
