"""Finding a quote in a source text.

A quote matches when it is the same text up to typography: runs of whitespace (line
breaks, non-breaking and other Unicode spaces), curly and straight quotation marks, and
dash variants count as equal. Everything else (letters, digits, case, punctuation) must
match exactly, so a changed figure never passes as a quote.
"""

import re
from dataclasses import dataclass

from curation.text.sentences import sentence_bounds

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",  # a typeset ellipsis for three full stops
        "\u00ad": None,  # a soft hyphen is invisible in print
        "\u200b": None,
        "\ufeff": None,
    }
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in the original."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_was_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not previous_was_space:
                chars.append(" ")
                offsets.append(index)
            previous_was_space = True
            continue
        mapped = char.translate(_TYPOGRAPHIC)
        if not mapped:
            continue
        for piece in mapped:  # one original character may stand for several ("…" for "...")
            chars.append(piece)
            offsets.append(index)
        previous_was_space = False
    return "".join(chars), offsets


def normalise(text: str) -> str:
    """The form in which quote and text are compared."""
    # Of the marks _TYPOGRAPHIC maps, only the backtick is ASCII; translate() looks every
    # character up in the table, which an import pays for once per row.
    text = text.replace("`", "'") if text.isascii() else text.translate(_TYPOGRAPHIC)
    return _WHITESPACE.sub(" ", text).strip()


def locate_quote(quote: str, text: str) -> QuoteSpan | None:
    """Where `quote` stands in `text` (offsets into the original text), or None."""
    wanted = normalise(quote or "")
    if not wanted or not text:
        return None
    haystack, offsets = _normalise_with_offsets(text)
    position = haystack.find(wanted)
    if position < 0:
        return None
    last = position + len(wanted) - 1
    return QuoteSpan(start=offsets[position], end=offsets[last] + 1)


def sentence_around(text: str, span: QuoteSpan, *, limit: int = 400) -> tuple[str, str, str]:
    """The quote with the rest of its sentence before and after it: (before, quote, after)."""
    start, end = sentence_bounds(text, span.start, span.end)
    start = max(start, span.start - limit)
    end = min(end, span.end + limit)
    return text[start : span.start], text[span.start : span.end], text[span.end : end]


# A passage is offered as "did you mean" only when it is this similar (rapidfuzz, 0-100) to
# the quote: below it, the nearest words are unrelated and naming them would mislead.
NEAREST_PASSAGE_MIN_SCORE = 60


@dataclass(frozen=True)
class NearestPassage:
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class PassagePiece:
    text: str
    differs: bool  # the words the article has where the quote says something else


def nearest_passage(quote: str, text: str) -> NearestPassage | None:
    """The stretch of `text` closest to a quote not found in it, widened to whole words, or None.

    Compared in the normalised form (typography does not count), returned with offsets into
    the original text.
    """
    wanted = normalise(quote or "")
    if not wanted or not text:
        return None
    haystack, offsets = _normalise_with_offsets(text)
    if not haystack:
        return None
    # Imported here: rapidfuzz is a compiled library that only this search needs.
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(wanted, haystack)
    if alignment is None or alignment.score < NEAREST_PASSAGE_MIN_SCORE:
        return None
    start = offsets[alignment.dest_start]
    end = offsets[max(alignment.dest_end - 1, alignment.dest_start)] + 1
    # Widen to whole words: a passage cut mid-word is hard to recognise.
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return NearestPassage(start=start, end=end, text=text[start:end], score=alignment.score)


def passage_differences(quote: str, passage: str) -> list[PassagePiece]:
    """The passage cut into pieces, those whose words differ from the quote's marked.

    Words are compared in the normalised form, so a curly quote or a line break is no difference.
    """
    import difflib

    tokens = re.split(r"(\s+)", passage)
    words = [(index, token) for index, token in enumerate(tokens) if token and not token.isspace()]
    quote_words = [normalise(word) for word in (quote or "").split()]
    matcher = difflib.SequenceMatcher(a=quote_words, b=[normalise(word) for _, word in words], autojunk=False)
    differing = set()
    for tag, _, _, first, last in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            differing.update(words[position][0] for position in range(first, last))
    pieces: list[PassagePiece] = []
    for index, token in enumerate(tokens):
        if not token:
            continue
        # A space is marked only inside a run of differing words.
        differs = index in differing or (index - 1 in differing and index + 1 in differing)
        if pieces and pieces[-1].differs == differs:
            pieces[-1] = PassagePiece(text=pieces[-1].text + token, differs=differs)
        else:
            pieces.append(PassagePiece(text=token, differs=differs))
    return pieces
