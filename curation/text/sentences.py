"""Splitting an article into sentences: the one splitter for quotes in context and extraction.

A sentence ends at a full stop, question or exclamation mark (optionally followed by a closing
quotation mark or bracket) when white space and a capital letter, a digit or an opening quotation
mark follow; a line break always ends one. "3.5 bn. yuan" therefore stays one sentence, while
"... 12.5 percent. Exports rose" is two.
"""

import bisect
import re

_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start, in order; the first is always 0."""
    return [0, *(match.end() for match in _SENTENCE_BREAK.finditer(text))]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """(first, last) offsets of the sentence or sentences holding text[start:end].

    The closing white space or line break is left out, so text[first:last] reads as written.
    """
    first = 0
    last = len(text)
    for match in _SENTENCE_BREAK.finditer(text):
        if match.end() <= start:
            first = match.end()
        elif match.start() >= end:
            last = match.start()
            break
    return first, last


def sentence_index(starts: list[int], position: int) -> int:
    """Which sentence (an index into `starts`, from sentence_starts) holds `position`."""
    return bisect.bisect_right(starts, position) - 1
