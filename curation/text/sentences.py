"""Splitting an article into sentences: the one splitter for quotes in context and extraction.

A sentence ends at a full stop, question or exclamation mark (optionally followed by a closing
quotation mark or bracket) when white space and a capital letter, a digit or an opening quotation
mark follow; a line break always ends one. "3.5 bn. yuan" therefore stays one sentence, while
"... 12.5 percent. Exports rose" is two.

An abbreviation's full stop ends no sentence: initials ("U.S.", "U.K.", "P.R."), and the short
forms in ABBREVIATIONS ("No. 2", "Xinjiang Co. Ltd", "Jan. 15", "Mr. Wang"). The price: an
article sentence that really ends with one ("... invested in the U.S. The zone ...") is read as
one sentence with the next, a longer context rather than a cut one.
"""

import bisect
import re

_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")

# A month's short form is one only before a day or a year ("Jan. 15"): "said Ma Jun. \"Now ..." ends there
_MONTHS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Short forms written with a full stop that does not end the sentence (compared in lower case,
# without the stop). Months, titles, company forms, numbering and Latin.
ABBREVIATIONS = frozenset(
    {
        *_MONTHS,
        *("mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr"),
        *("co", "corp", "inc", "ltd", "bros", "dept", "univ", "assn"),
        *("no", "nos", "vol", "fig", "art", "para", "approx", "est", "vs", "e.g", "i.e", "cf"),
    }
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_LAST_WORD = re.compile(r"[\"'“‘(\[]*(\S+)$")


def _ends_with_abbreviation(text: str, end: int, following: str = "") -> bool:
    """Whether the full stop just before `end` closes an abbreviation rather than a sentence (`following`: the
    character after the white space)."""
    word = _LAST_WORD.search(text, max(0, end - 40), end)
    if word is None or not word[1].endswith("."):
        return False
    token = word[1]
    if token[:-1].lower() in _MONTHS and following and not following.isdigit():
        return False
    return bool(_INITIALS.fullmatch(token)) or token[:-1].lower() in ABBREVIATIONS


def _breaks(text: str):
    """The white space between sentences, as regex matches, skipping abbreviations' full stops."""
    for match in _SENTENCE_BREAK.finditer(text):
        following = text[match.end() : match.end() + 1]
        if "\n" in match.group() or not _ends_with_abbreviation(text, match.start(), following):
            yield match


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start, in order; the first is always 0."""
    return [0, *(match.end() for match in _breaks(text))]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """(first, last) offsets of the sentence or sentences holding text[start:end].

    The closing white space or line break is left out, so text[first:last] reads as written.
    """
    first = 0
    last = len(text)
    for match in _breaks(text):
        if match.end() <= start:
            first = match.end()
        elif match.start() >= end:
            last = match.start()
            break
    return first, last


def sentence_index(starts: list[int], position: int) -> int:
    """Which sentence (an index into `starts`, from sentence_starts) holds `position`."""
    return bisect.bisect_right(starts, position) - 1
