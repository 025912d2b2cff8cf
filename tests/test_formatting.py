"""The one formatter: values, qualifiers and periods as an article writes them."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curation.models import Claim
from curation.text import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3940000000.000000", "3.94 billion"),
        ("17600000000", "17.6 billion"),
        ("93160000000", "93.16 billion"),
        ("1000000", "1 million"),
        ("2500000", "2.5 million"),
        ("1500000000000", "1.5 trillion"),
        ("3100", "3,100"),
        ("1234", "1,234"),
        ("118", "118"),
        ("5.7", "5.7"),
        ("-2.5", "-2.5"),
        ("0", "0"),
        # A scale word only when no digit is lost.
        ("1234567", "1,234,567"),
        ("3941234567", "3,941,234,567"),
        ("1234000", "1.234 million"),
    ],
)
def test_numbers_read_as_an_article_writes_them(value, expected):
    assert formatting.format_number(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "unit", "expected"),
    [
        ("about", "3940000000.000000", None, "USD", "about 3.94 billion USD"),
        ("more_than", "3100", None, "enterprises", "more than 3,100 enterprises"),
        ("exact", "93160000000", None, "CNY", "93.16 billion CNY"),
        ("between", "20", "30", "%", "between 20 and 30%"),
        ("nearly", "12.5", None, "%", "nearly 12.5%"),
        ("less_than", "1000000", None, "t", "less than 1 million t"),
    ],
)
def test_values_carry_their_qualifier_in_words_and_their_unit(qualifier, value, value_max, unit, expected):
    shown = formatting.format_value(
        value=Decimal(value),
        value_max=Decimal(value_max) if value_max else None,
        qualifier=qualifier,
        unit=unit,
    )
    assert shown == expected
    assert "_" not in shown


def test_a_typed_number_is_read_back_in_full_and_in_words():
    assert formatting.format_parsed_number(Decimal("3940000000")) == "3,940,000,000 = 3.94 billion"
    assert formatting.format_parsed_number(Decimal("1234")) == "1,234"


def test_qualifier_words_are_the_claim_qualifier_labels():
    assert formatting.QUALIFIER_WORDS == {choice.value: choice.label for choice in Claim.Qualifier}


def test_a_claim_title_shows_its_value_as_the_article_says_it():
    claim = Claim(pk=53, value=Decimal("3940000000.000000"), unit="USD", qualifier="about")
    assert str(claim) == "Claim #53: about 3.94 billion USD"


# Every value a claim can hold: numeric(28, 6).
CLAIM_VALUES = st.decimals(
    allow_nan=False, allow_infinity=False, places=6, min_value=-(10**22) + 1, max_value=10**22 - 1
)


@given(CLAIM_VALUES)
@settings(max_examples=300)
def test_the_downloads_plain_decimal_is_format_decimal_without_separators(value):
    assert formatting.format_plain_decimal(value) == formatting.format_decimal(value).replace(",", "")


@pytest.mark.parametrize("value", ["100.000000", "0.000000", "-0.000000", "1E+2", "12.500000", "0.000001"])
def test_the_downloads_plain_decimal_keeps_every_digit_and_no_padding(value):
    assert formatting.format_plain_decimal(Decimal(value)) == formatting.format_decimal(Decimal(value)).replace(",", "")
