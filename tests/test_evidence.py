"""Laying quotes over a text: stretches cut at every quote boundary, overlaps kept.

The admin's evidence view and the public source page share one highlighter
(curation.text.highlighting); these are the admin's cases.
"""

from curation.text.highlighting import highlight_segments


def test_text_without_highlights_is_one_plain_stretch():
    assert [(s.text, s.citation_ids) for s in highlight_segments("plain text", [])] == [("plain text", [])]


def test_overlapping_quotes_each_cover_their_own_stretch():
    text = "93.16 billion yuan ($13.36 billion) in 2025"
    stretches = highlight_segments(text, [(0, 18, "yuan"), (0, 35, "usd")])
    assert [(s.text, s.citation_ids, s.ending_ids) for s in stretches] == [
        ("93.16 billion yuan", ["yuan", "usd"], ["yuan"]),
        (" ($13.36 billion)", ["usd"], ["usd"]),
        (" in 2025", [], []),
    ]
    assert "".join(s.text for s in stretches) == text


def test_spans_outside_the_text_are_ignored():
    stretches = highlight_segments("short", [(2, 99, "stale"), (3, 3, "empty")])
    assert [(s.text, s.citation_ids) for s in stretches] == [("short", [])]
