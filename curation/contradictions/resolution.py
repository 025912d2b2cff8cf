"""Resolving a contradiction: confirm, explain or dismiss it, with a note, and rank the claims.

Confirming a value conflict means one claim is right: it becomes *preferred* and the other
*deprecated* (Wikidata's ranks). A deprecated claim is kept and shown with the reason, never
deleted; dataset exports leave it out by default (`Claim.objects.not_deprecated()`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from curation.models import Claim, Contradiction
from curation.review import workflow

RESOLVE_PERMISSION = "curation.resolve_contradiction"

# Kinds where confirming says one of the two figures is wrong, so a preferred claim is chosen.
KINDS_NEEDING_PREFERENCE = {Contradiction.Kind.VALUE_MISMATCH}
# Kinds where a preferred claim may be chosen; for the others (a scope warning, say) there is nothing to prefer.
KINDS_ALLOWING_PREFERENCE = {
    Contradiction.Kind.VALUE_MISMATCH,
    Contradiction.Kind.PART_EXCEEDS_WHOLE,
    Contradiction.Kind.PERIOD_MISMATCH,
    Contradiction.Kind.ARITHMETIC,
    Contradiction.Kind.CONVERSION,
    Contradiction.Kind.OTHER,
}
RESOLVED_STATUSES = (Contradiction.Status.CONFIRMED, Contradiction.Status.EXPLAINED, Contradiction.Status.DISMISSED)


@transaction.atomic
def contradiction_resolve(
    *,
    contradiction: Contradiction,
    user: AbstractBaseUser,
    status: str,
    note: str,
    preferred: Claim | None = None,
) -> Contradiction:
    """Confirm, explain or dismiss a contradiction with a note; a confirmed value conflict ranks its claims."""
    if not user.has_perm(RESOLVE_PERMISSION):
        raise PermissionDenied("You may not resolve contradictions (needs the 'resolve contradiction' permission).")
    note = (note or "").strip()
    if status not in RESOLVED_STATUSES:
        raise ValidationError(f"Choose confirm, explain or dismiss (got {status!r}).")
    if not note:
        raise ValidationError("Write a note: why the conflict is real, how it is explained, or why it is dismissed.")
    pair = {contradiction.claim_a_id, contradiction.claim_b_id}
    if preferred is not None and preferred.pk not in pair:
        raise ValidationError(f"Claim #{preferred.pk} is not one of the two claims in this contradiction.")
    if status == Contradiction.Status.CONFIRMED:
        if contradiction.kind in KINDS_NEEDING_PREFERENCE and preferred is None:
            raise ValidationError("Confirming a value mismatch: choose which claim is preferred.")
        if preferred is not None and contradiction.kind not in KINDS_ALLOWING_PREFERENCE:
            raise ValidationError(f"A {contradiction.get_kind_display().lower()} has no preferred claim.")
    elif preferred is not None:
        raise ValidationError("Only a confirmed contradiction ranks its claims.")

    # The status change itself is the workflow's (permission, note, who and when, history).
    workflow.contradiction_resolve(contradiction=contradiction, reviewer=user, status=status, note=note)

    if preferred is not None:
        other_id = (pair - {preferred.pk}).pop()
        other = Claim.objects.get(pk=other_id)
        _rank(
            claim=preferred,
            rank=Claim.Rank.PREFERRED,
            user=user,
            reason=f"Preferred over claim #{other.pk} (contradiction #{contradiction.pk}): {note}",
        )
        _rank(
            claim=other,
            rank=Claim.Rank.DEPRECATED,
            user=user,
            reason=f"Deprecated in favour of claim #{preferred.pk} (contradiction #{contradiction.pk}): {note}",
        )
    return contradiction


def _rank(*, claim: Claim, rank: str, reason: str, user: AbstractBaseUser) -> None:
    # The rank is not part of what the rules compare, so no new detection run is needed.
    claim.rank, claim.rank_reason, claim.updated_by = rank, reason, user
    claim._history_user = user
    claim.save(update_fields=["rank", "rank_reason", "updated_by", "updated_at"])
