"""The quote matcher: tolerant of typography, strict about everything else."""

import pytest

from curation.text.quotes import locate_quote, nearest_passage, passage_differences, sentence_around

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


# Issue 3's wording: whitespace and typography (curly vs straight quotes, non-breaking spaces,
# line breaks) never make a correct quote fail; anything else does.

PLAIN_TEXT = (
    "Officials said the 'single window' cut clearance to 48 hours.\r\n"
    'The zone\'s "green channel" handled 1,500 trucks a day.\tExports rose 12.5 percent.'
)


@pytest.mark.parametrize(
    "quote",
    [
        "the \u2018single window\u2019 cut clearance",  # curly single quotes against straight ones
        "The zone\u2019s \u201cgreen channel\u201d handled",  # curly apostrophe and double quotes
        "handled\u00a01,500\u202ftrucks",  # no-break and narrow no-break spaces
        "a day. Exports rose",  # a tab in the text, a plain space in the quote
        "48 hours. The zone's",  # a Windows line break in the text
        "48 hours.\nThe zone's",  # a Unix line break in the quote
        "cut\u2009clearance\u3000to 48 hours",  # thin and ideographic spaces
        "1,500 trucks\u200b a day",  # a zero-width space
    ],
)
def test_whitespace_and_quote_marks_never_break_a_correct_quote(quote):
    span = locate_quote(quote, PLAIN_TEXT)
    assert span is not None
    assert locate_quote(PLAIN_TEXT[span.start : span.end], PLAIN_TEXT) == span


@pytest.mark.parametrize(
    "quote",
    [
        "handled 1,5 00 trucks",  # a space inside a number
        "handled 1.500 trucks",  # another decimal mark
        "Exports rose 12.5 per cent.",  # a different spelling
        "Exportsrose 12.5 percent",  # a missing space between words
        "the single window cut clearance",  # quotation marks dropped
        "green-channel",  # a hyphen added
        "cut clearance to 48 hours ... The zone",  # an ellipsis for omitted words
        "Exports rose 12.5 percent!",  # different punctuation
        "exports rose 12.5 percent",  # different case
    ],
)
def test_any_change_beyond_typography_fails_to_match(quote):
    assert locate_quote(quote, PLAIN_TEXT) is None


def test_sentence_around_stops_at_line_breaks_and_keeps_the_original_characters():
    span = locate_quote('"green channel"', PLAIN_TEXT)
    before, quote, after = sentence_around(PLAIN_TEXT, span)
    assert before == "The zone's "
    assert quote == '"green channel"'
    assert after == " handled 1,500 trucks a day."


def test_sentence_around_a_quote_at_the_start_of_the_text():
    span = locate_quote("Officials said", PLAIN_TEXT)
    after = " the 'single window' cut clearance to 48 hours."
    assert sentence_around(PLAIN_TEXT, span) == ("", "Officials said", after)


def test_a_typeset_ellipsis_matches_three_full_stops_and_maps_back_to_its_character():
    text = "Trade grew in 2025\u2026 and again in 2026."
    span = locate_quote("in 2025... and again", text)
    assert span is not None
    assert text[span.start : span.end] == "in 2025\u2026 and again"
    assert locate_quote("in 2025.. and again", text) is None


def test_quote_context_uses_the_same_sentences_as_extraction():
    """One splitter: "3.5 bn. yuan" is one sentence; a closing quotation mark or a line break ends one."""
    from curation.text.sentences import sentence_starts

    text = 'Trade reached 3.5 bn. yuan in May. "Exports grew." Imports fell 2 percent.\nThe zone has 40 firms'
    starts = sentence_starts(text)
    sentences = [text[start:end].strip() for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert sentences == [
        "Trade reached 3.5 bn. yuan in May.",
        '"Exports grew."',
        "Imports fell 2 percent.",
        "The zone has 40 firms",
    ]
    for sentence, quote in zip(sentences, ["yuan in May", "Exports grew", "fell 2", "40 firms"], strict=True):
        before, found, after = sentence_around(text, locate_quote(quote, text))
        assert before + found + after == sentence


ARTICLE = (
    "Kashi's foreign trade partners numbered 118. The zone recorded trade of about 10.75 billion "
    "U.S. dollars in 2024, officials said."
)


def test_a_quote_not_in_the_text_is_offered_the_nearest_passage_in_whole_words():
    passage = nearest_passage("about 10.75 billion US dollars in 2024", ARTICLE)
    assert passage.text == "about 10.75 billion U.S. dollars in 2024"
    assert ARTICLE[passage.start : passage.end] == passage.text


def test_an_unrelated_quote_gets_no_passage():
    assert nearest_passage("The weather in Urumqi was sunny", ARTICLE) is None
    assert nearest_passage("", ARTICLE) is None


def test_passage_differences_mark_only_the_words_the_quote_got_wrong():
    pieces = passage_differences("about 10.75 billion US dollars in 2024", "about 10.75 billion U.S. dollars in 2024")
    assert [(piece.text, piece.differs) for piece in pieces] == [
        ("about 10.75 billion ", False),
        ("U.S.", True),
        (" dollars in 2024", False),
    ]
    assert "".join(piece.text for piece in pieces) == "about 10.75 billion U.S. dollars in 2024"


def test_typography_is_no_difference_between_quote_and_passage():
    pieces = passage_differences("Kashi's partners", "Kashi’s\npartners")
    assert not any(piece.differs for piece in pieces)


@pytest.mark.parametrize(
    ("text", "quote", "sentence"),
    [
        (
            "Imports fell. Trade reached about 10.75 billion U.S. Dollars in 2024, it said. Exports rose.",
            "in 2024",
            "Trade reached about 10.75 billion U.S. Dollars in 2024, it said.",
        ),
        (
            "It opened in May. The U.S. Treasury noted exports of 3 billion yuan. Others disagreed.",
            "3 billion yuan",
            "The U.S. Treasury noted exports of 3 billion yuan.",
        ),
        (
            "Staff moved. The No. 2 customs office counted 118 partners. It grew.",
            "118 partners",
            "The No. 2 customs office counted 118 partners.",
        ),
        (
            "Horgos grew. Xinjiang Withyoung Health Food Co. Ltd reported 110 million yuan. Next.",
            "110 million yuan",
            "Xinjiang Withyoung Health Food Co. Ltd reported 110 million yuan.",
        ),
        (
            "URUMQI, Jan. 15 (Xinhua) -- Mr. Wang said trade rose 25.4 percent. Exports rose.",
            "25.4 percent",
            "URUMQI, Jan. 15 (Xinhua) -- Mr. Wang said trade rose 25.4 percent.",
        ),
    ],
)
def test_a_quotes_sentence_does_not_break_at_an_abbreviation(text, quote, sentence):
    before, found, after = sentence_around(text, locate_quote(quote, text))
    assert before + found + after == sentence


def test_a_full_stop_after_a_figure_still_ends_the_sentence():
    text = "Trade hit 3 bn. The zone grew 12.5 percent. Exports rose."
    before, found, after = sentence_around(text, locate_quote("12.5 percent", text))
    assert before + found + after == "The zone grew 12.5 percent."
