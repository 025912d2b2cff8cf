"""The quote matcher: tolerant of typography, strict about everything else."""

import pytest

from curation.quotes import locate_quote, sentence_around

TEXT = (
    "Since its establishment in November 2023, the Kashgar area has attracted more than\u00a03,100 new "
    "enterprises, bringing the total number of registered businesses to 5,173 \u2014 an increase of 154.6 "
    "percent.\n\nIn Horgos, Consun implemented a \u201cthree-in-one\u201d joint review mechanism. "
    "It is the country\u2019s fastest-growing area."
)


def test_exact_quote_is_found_at_its_offsets():
    quote = "the Kashgar area has attracted"
    span = locate_quote(quote, TEXT)
    assert TEXT[span.start : span.end] == quote


@pytest.mark.parametrize(
    "quote",
    [
        "attracted more than 3,100 new enterprises",  # plain space for a non-breaking one
        "5,173 - an increase of 154.6 percent.",  # hyphen for an em dash
        'a "three-in-one" joint review mechanism',  # straight for curly double quotes
        "the country's fastest-growing area",  # straight for a curly apostrophe
        "154.6\npercent.  In Horgos",  # line break and double space for the paragraph break
        "  attracted more than 3,100  ",  # surrounding space
    ],
)
def test_typographic_differences_do_not_break_a_match(quote):
    span = locate_quote(quote, TEXT)
    assert span is not None
    assert TEXT[span.start : span.end].strip() == TEXT[span.start : span.end]


@pytest.mark.parametrize(
    "quote",
    [
        "attracted more than 3,200 new enterprises",  # a different figure
        "attracted more than 3100 new enterprises",  # a missing thousands separator
        "The Kashgar area has attracted",  # different case
        "attracted over 3,100 new enterprises",  # a different word
        "",
        "   ",
    ],
)
def test_anything_else_fails_to_match(quote):
    assert locate_quote(quote, TEXT) is None


def test_span_of_a_typographic_match_covers_the_original_characters():
    span = locate_quote('"three-in-one"', TEXT)
    assert TEXT[span.start : span.end] == "\u201cthree-in-one\u201d"


def test_sentence_around_gives_the_quote_in_its_sentence():
    span = locate_quote("5,173", TEXT)
    before, quote, after = sentence_around(TEXT, span)
    assert before.startswith("Since its establishment")
    assert quote == "5,173"
    assert after.endswith("154.6 percent.")
