"""Writes: every change that touches more than the row being saved, or records who did it.

Admin actions, views and management commands call these and turn a ValidationError into a
message; none of them holds a rule of its own.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from curation import detection
from curation.models import Claim, Contradiction, Source


@transaction.atomic
def claim_save(*, claim: Claim, user: AbstractBaseUser | None) -> Claim:
    """Save a claim, recording who created it and who changed it last."""
    if claim.pk is None and claim.created_by_id is None:
        claim.created_by = user
    claim.updated_by = user
    claim.save()
    detection.detect_for_claim(claim=claim)
    return claim


@transaction.atomic
def source_save(*, source: Source) -> Source:
    """Save a source; when its text changed, find every citation's quote again."""
    source.save()
    for citation in source.citations.all():
        citation.source = source
        previous = (citation.quote_start, citation.quote_end)
        citation.locate_quote()
        if (citation.quote_start, citation.quote_end) != previous:
            citation.save(update_fields=["quote_start", "quote_end"])
    return source


def contradiction_flag(
    *, first: Claim, second: Claim, kind: str, explanation: str, user: AbstractBaseUser | None, detected_by: str = ""
) -> Contradiction:
    """Flag two claims as conflicting; the pair is stored in id order whatever order it came in."""
    if first.pk == second.pk:
        raise ValidationError("A claim cannot contradict itself.")
    claim_a, claim_b = sorted((first, second), key=lambda claim: claim.pk)
    if Contradiction.objects.filter(claim_a=claim_a, claim_b=claim_b, kind=kind).exists():
        raise ValidationError(f"Claims {claim_a.pk} and {claim_b.pk} are already flagged as {kind}.")
    return Contradiction.objects.create(
        claim_a=claim_a,
        claim_b=claim_b,
        kind=kind,
        explanation=explanation,
        detected_by=detected_by,
        flagged_by=user,
        flagged_at=timezone.now(),
    )


def citations_validate(*, primary_flags: list[bool]) -> None:
    """A claim rests on at least one citation, and exactly one of its citations is primary."""
    if not primary_flags:
        raise ValidationError("A claim needs at least one citation: the source and the quote that state it.")
    primaries = sum(1 for flag in primary_flags if flag)
    if primaries != 1:
        raise ValidationError(f"Mark exactly one citation as primary ({primaries} are marked).")
