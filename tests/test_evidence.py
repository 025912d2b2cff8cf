"""Laying quotes over a text: stretches cut at every quote boundary, overlaps kept."""

from curation.review.evidence import Highlight, evidence_stretches


def test_text_without_highlights_is_one_plain_stretch():
    assert [(s.text, s.covered_by) for s in evidence_stretches("plain text", [])] == [("plain text", ())]


def test_overlapping_quotes_each_cover_their_own_stretch():
    text = "93.16 billion yuan ($13.36 billion) in 2025"
    yuan = Highlight(start=0, end=18, key="yuan")
    both = Highlight(start=0, end=35, key="usd")
    stretches = evidence_stretches(text, [yuan, both])
    assert [(s.text, s.covered_by, s.ending_here) for s in stretches] == [
        ("93.16 billion yuan", ("yuan", "usd"), ("yuan",)),
        (" ($13.36 billion)", ("usd",), ("usd",)),
        (" in 2025", (), ()),
    ]
    assert "".join(s.text for s in stretches) == text


def test_spans_outside_the_text_are_ignored():
    stretches = evidence_stretches("short", [Highlight(start=2, end=99, key="stale"), Highlight(3, 3, "empty")])
    assert [(s.text, s.covered_by) for s in stretches] == [("short", ())]
