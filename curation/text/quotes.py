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
    return _WHITESPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


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
