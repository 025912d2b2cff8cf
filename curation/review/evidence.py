"""Laying cited quotes over an article text: which stretches of the text each quote covers.

Plain functions over offsets; the admin escapes each stretch and draws the highlights.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    key: Hashable  # what the stretch links to, e.g. a citation


@dataclass(frozen=True)
class Stretch:
    text: str
    covered_by: tuple[Hashable, ...]  # highlights covering every character of this stretch
    ending_here: tuple[Hashable, ...]  # highlights whose last character ends this stretch


def evidence_stretches(text: str, highlights: Iterable[Highlight]) -> list[Stretch]:
    """Cut `text` wherever a highlight starts or ends; overlapping quotes each keep their stretch."""
    usable = [mark for mark in highlights if 0 <= mark.start < mark.end <= len(text)]
    cuts = sorted({0, len(text), *(mark.start for mark in usable), *(mark.end for mark in usable)})
    stretches = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        stretches.append(
            Stretch(
                text=text[start:end],
                covered_by=tuple(mark.key for mark in usable if mark.start <= start and end <= mark.end),
                ending_here=tuple(mark.key for mark in usable if mark.end == end),
            )
        )
    return stretches
