"""Splitting a source text into plain and cited stretches: the one highlighter for the public
source page and the admin's evidence view.

Pure functions over offsets: the caller escapes every stretch, so the article text is never
trusted as markup.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass
class Segment:
    text: str
    # Citations (or any key the caller passed) whose quote covers every character of this stretch.
    citation_ids: list[Hashable] = field(default_factory=list)
    # Citations whose quote begins in this stretch: the public page puts their anchors here.
    starting_ids: list[Hashable] = field(default_factory=list)
    # Citations whose quote ends with this stretch: the admin puts their claim links here.
    ending_ids: list[Hashable] = field(default_factory=list)

    @property
    def is_cited(self) -> bool:
        return bool(self.citation_ids)


def highlight_segments(text: str, spans: Iterable[tuple[int, int, Hashable]]) -> list[Segment]:
    """Cut `text` at every quote boundary; each stretch lists the citations that cover it.

    `spans` are (start, end, citation id) with offsets into `text`. Overlapping and nested
    quotes are fine: a stretch covered by two quotes lists both. A span that does not lie
    inside the text (offsets from an older version of it) or is empty is ignored.
    """
    length = len(text)
    usable = [(start, end, key) for start, end, key in spans if 0 <= start < end <= length]
    boundaries = sorted({0, length, *(s for s, _, _ in usable), *(e for _, e, _ in usable)})
    starts_at: dict[int, list[Hashable]] = {}
    ends_at: dict[int, list[Hashable]] = {}
    for start, end, key in sorted(usable, key=lambda span: (span[0], span[1])):
        starts_at.setdefault(start, []).append(key)
        ends_at.setdefault(end, []).append(key)
    active: list[Hashable] = []
    segments = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        for key in ends_at.get(left, []):
            active.remove(key)
        starting = starts_at.get(left, [])
        active.extend(starting)
        segments.append(
            Segment(
                text=text[left:right],
                citation_ids=list(active),
                starting_ids=list(starting),
                ending_ids=list(ends_at.get(right, [])),
            )
        )
    return segments
