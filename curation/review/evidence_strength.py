"""How strong a claim's evidence is, and what approving a claim on weak evidence needs.

A source is weak when it declares AI-assisted content or is graded below the minimum
reliability (setting EVIDENCE_MIN_RELIABILITY, default B: grades A and B are strong; C, D and
unrated are weak). A claim whose every citation is from a weak source rests on weak
evidence: the admin and the public claim page say so, and approving it needs a second
independent source (another outlet, not a syndicated copy of the first) or a reviewer's note
saying why the one source is enough.

The rules are plain functions over `SourceEvidence` values; `claim_evidence` loads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from curation.contradictions.rules import count_origins
from curation.models import Citation, Claim, Source
from curation.text.similarity import TextComparer

# Best first; "U" (unrated) is below every grade.
RELIABILITY_ORDER = ("A", "B", "C", "D", "U")


def minimum_reliability() -> str:
    grade = str(getattr(settings, "EVIDENCE_MIN_RELIABILITY", "B")).upper()
    return grade if grade in RELIABILITY_ORDER else "B"


def strong_grades(minimum: str | None = None) -> tuple[str, ...]:
    """The grades at or above the minimum (never "U" unless the minimum is "U")."""
    minimum = minimum or minimum_reliability()
    return RELIABILITY_ORDER[: RELIABILITY_ORDER.index(minimum) + 1]


@dataclass(frozen=True)
class SourceEvidence:
    source_id: int
    title: str
    reliability: str
    is_ai_assisted: bool
    outlet_id: int | None = None

    def weakness(self, minimum: str) -> str:
        """Why the source is weak ('AI-assisted, graded C'), or '' when it is not."""
        reasons = []
        if self.is_ai_assisted:
            reasons.append("AI-assisted")
        if self.reliability not in strong_grades(minimum):
            reasons.append("unrated" if self.reliability == "U" else f"graded {self.reliability}")
        return ", ".join(reasons)


@dataclass(frozen=True)
class EvidenceStrength:
    sources: tuple[SourceEvidence, ...]
    independent_sources: int
    minimum: str

    @property
    def weak_sources(self) -> list[tuple[SourceEvidence, str]]:
        return [(source, source.weakness(self.minimum)) for source in self.sources if source.weakness(self.minimum)]

    @property
    def is_weak(self) -> bool:
        """Every source is weak (a claim without any source is weak too)."""
        return len(self.weak_sources) == len(self.sources)

    @property
    def summary(self) -> str:
        """'Weak evidence: only source #3 “Title” (AI-assisted, graded C).'"""
        if not self.is_weak:
            return ""
        if not self.sources:
            return "Weak evidence: no source is cited."
        listed = "; ".join(f"source #{source.source_id} “{source.title}” ({why})" for source, why in self.weak_sources)
        return f"Weak evidence: rests only on {listed}."


def weak_evidence_blocker(*, strength: EvidenceStrength, note: str) -> str | None:
    """Approving a claim on weak evidence needs a second independent source or a reviewer's note."""
    if not strength.is_weak or strength.independent_sources >= 2 or (note or "").strip():
        return None
    return (
        f"Approval blocked: {strength.summary[0].lower()}{strength.summary[1:]} Cite a second, independent source, "
        "or approve with a reviewer's note saying why this source is enough."
    )


def _source_texts(source_ids: list[int]) -> dict[int, str]:
    return dict(Source.objects.filter(pk__in=source_ids).values_list("pk", "body"))


def claim_evidence(claim: Claim) -> EvidenceStrength:
    """The strength of a claim's evidence: its cited sources, graded, and how many are independent."""
    rows = (
        Citation.objects.filter(claim_id=claim.pk)
        .order_by("source_id")
        .values_list("source_id", "source__title", "source__reliability", "source__is_ai_assisted", "source__outlet_id")
        .distinct()
    )
    sources = tuple(SourceEvidence(*row) for row in rows)
    same_text = TextComparer(_source_texts)
    if len(sources) > 1:
        # The sources are compared pairwise: their texts in one query, not one per pair.
        same_text.prefetch(source.source_id for source in sources)
    independent = count_origins(
        [source.source_id for source in sources],
        outlet_of={source.source_id: source.outlet_id for source in sources},
        same_text=same_text,
    )
    return EvidenceStrength(sources=sources, independent_sources=independent, minimum=minimum_reliability())
