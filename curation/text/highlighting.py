"""Splitting a source text into plain and cited stretches, for the highlighted article view.

Pure functions over offsets: the template escapes every stretch, so the article text is
never trusted as markup.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Segment:
    text: str
    citation_ids: list[int] = field(default_factory=list)
    # Citations whose quote begins in this stretch: the page puts their anchors here.
    starting_ids: list[int] = field(default_factory=list)

    @property
    def is_cited(self) -> bool:
        return bool(self.citation_ids)


def highlight_segments(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Cut `text` at every quote boundary; each stretch lists the citations that cover it.

    `spans` are (start, end, citation id) with offsets into `text`. Overlapping and nested
    quotes are fine: a stretch covered by two quotes lists both. Spans outside the text are
    clipped, empty ones ignored.
    """
    length = len(text)
    cleaned = []
    for start, end, citation_id in spans:
        start, end = max(0, start), min(length, end)
        if start < end:
            cleaned.append((start, end, citation_id))
    boundaries = sorted({0, length, *(s for s, _, _ in cleaned), *(e for _, e, _ in cleaned)})
    starts_at: dict[int, list[int]] = {}
    ends_at: dict[int, list[int]] = {}
    for start, end, citation_id in sorted(cleaned):
        starts_at.setdefault(start, []).append(citation_id)
        ends_at.setdefault(end, []).append(citation_id)
    active: list[int] = []
    segments = []
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        for citation_id in ends_at.get(left, []):
            active.remove(citation_id)
        starting = starts_at.get(left, [])
        active.extend(starting)
        segments.append(Segment(text=text[left:right], citation_ids=list(active), starting_ids=list(starting)))
    return segments
