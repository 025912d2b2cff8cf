"""Near-duplicate articles: syndicated copies of one story, told apart from independent reports.

Two texts are near-duplicates when, once case and spacing are set aside, rapidfuzz's
normalised Indel similarity (`fuzz.ratio`, 0-100) reaches NEAR_DUPLICATE_RATIO: a copy with
a different headline, dateline or footer still scores above 90, while two reports of the
same figures in their own words score far lower. Texts shorter than MIN_COMPARED_CHARS are
never called duplicates: a line or two is not enough to tell a copy from a coincidence.

Comparing every pair with rapidfuzz is too slow at scale, so `TextComparer` first compares
each text's *anchors*, its two longest sentences: a syndicated copy keeps them (it changes the
headline, the dateline or the footer), two independent reports do not share them. Only pairs
sharing an anchor are scored. A copy that rewrote both of its longest sentences is not found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

NEAR_DUPLICATE_RATIO = 90
MIN_COMPARED_CHARS = 200

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
ANCHOR_SENTENCES = 2
MIN_ANCHOR_CHARS = 40


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def similarity(first: str, second: str) -> float:
    """0-100: how much of the two normalised texts is the same (rapidfuzz Indel ratio)."""
    return fuzz.ratio(normalise(first), normalise(second))


def is_near_duplicate(first: str, second: str, *, threshold: float = NEAR_DUPLICATE_RATIO) -> bool:
    first, second = normalise(first), normalise(second)
    if min(len(first), len(second)) < MIN_COMPARED_CHARS:
        return False
    # The ratio cannot reach the threshold when the lengths alone differ too much.
    if 200 * min(len(first), len(second)) / (len(first) + len(second)) < threshold:
        return False
    return fuzz.ratio(first, second, score_cutoff=threshold) >= threshold


def anchors(normalised_text: str) -> frozenset[int]:
    """Hashes of the text's longest sentences (of at least MIN_ANCHOR_CHARS characters)."""
    sentences = sorted(_SENTENCE_END.split(normalised_text), key=len, reverse=True)[:ANCHOR_SENTENCES]
    return frozenset(hash(sentence) for sentence in sentences if len(sentence) >= MIN_ANCHOR_CHARS)


class TextComparer:
    """Answers "are these two sources near-duplicates?", loading texts on demand and remembering answers.

    `load` takes source ids and returns their texts; it is called once per batch of ids not
    seen yet, so a run over many groups reads each text at most once.
    """

    def __init__(self, load: Callable[[list[int]], dict[int, str]]):
        self._load = load
        self._texts: dict[int, str] = {}
        self._anchors: dict[int, frozenset[int]] = {}
        self._answers: dict[tuple[int, int], bool] = {}

    def prefetch(self, source_ids: Iterable[int]) -> None:
        # Not `set - dict.keys()`: that walks every text already loaded, once per call.
        missing = sorted(source_id for source_id in set(source_ids) if source_id not in self._texts)
        if missing:
            for source_id, text in self._load(missing).items():
                self._texts[source_id] = normalised = normalise(text)
                self._anchors[source_id] = anchors(normalised)

    def __call__(self, first: int, second: int) -> bool:
        key = (min(first, second), max(first, second))
        if key not in self._answers:
            self.prefetch(key)
            shared = self._anchors.get(key[0], frozenset()) & self._anchors.get(key[1], frozenset())
            self._answers[key] = bool(shared) and is_near_duplicate(self._texts[key[0]], self._texts[key[1]])
        return self._answers[key]
