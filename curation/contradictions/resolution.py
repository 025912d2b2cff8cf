"""Resolving a contradiction: confirm, explain or dismiss it with a note, rank the claims, or reopen it.

The one place for these rules, whatever the entry point (the side-by-side page, the
contradiction's admin form when a reviewer flags one already decided, a revert, the services):

- only a user with the 'resolve contradiction' permission changes a contradiction's status;
- closing one (confirmed, explained, dismissed) needs a note saying why;
- confirming a value conflict means one claim is right: it becomes *preferred* and the other
  *deprecated* (Wikidata's ranks). A deprecated claim is kept and shown with the reason, never
  deleted; dataset exports leave it out by default (`Claim.objects.not_deprecated()`).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from curation.models import Claim, Contradiction
from curation.review import versions

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


# --- rules: plain functions over values ---------------------------------------------------


def permission_error(*, user: AbstractBaseUser | AnonymousUser | None) -> str | None:
    """Only reviewers (the 'resolve contradiction' permission) decide on a contradiction."""
    if user is None or not user.is_authenticated or not user.has_perm(RESOLVE_PERMISSION):
        return "Only reviewers may resolve contradictions: that needs the 'curation.resolve_contradiction' permission."
    return None


def decision_errors(*, kind: str, pair: set[int], status: str, note: str, preferred_id: int | None) -> list[str]:
    """What is wrong with a decision on a contradiction of `kind` between the claims in `pair`."""
    if status not in (Contradiction.Status.OPEN, *RESOLVED_STATUSES):
        return [f"Choose confirm, explain or dismiss (got {status!r})."]
    errors = []
    if status != Contradiction.Status.OPEN and not (note or "").strip():
        label = Contradiction.Status(status).label.lower()
        errors.append(
            f"Write a note: marking a contradiction {label} needs a resolution note "
            "(why the conflict is real, how it is explained, or why it is dismissed)."
        )
    if preferred_id is not None and preferred_id not in pair:
        errors.append(f"Claim #{preferred_id} is not one of the two claims in this contradiction.")
    if status == Contradiction.Status.CONFIRMED:
        if kind in KINDS_NEEDING_PREFERENCE and preferred_id is None:
            errors.append(
                "Confirming a value mismatch: choose which claim is preferred (on the contradiction's "
                "side-by-side page)."
            )
        if preferred_id is not None and kind not in KINDS_ALLOWING_PREFERENCE:
            errors.append(f"A {Contradiction.Kind(kind).label.lower()} has no preferred claim.")
    elif preferred_id is not None:
        errors.append("Only a confirmed contradiction ranks its claims.")
    return errors


# --- the service --------------------------------------------------------------------------


@transaction.atomic
def contradiction_resolve(
    *,
    contradiction: Contradiction,
    user: AbstractBaseUser | AnonymousUser | None,
    status: str,
    note: str,
    preferred: Claim | None = None,
) -> Contradiction:
    """Confirm, explain, dismiss or reopen a contradiction with a note; a confirmed conflict may rank its claims."""
    refused = permission_error(user=user)
    if refused:
        raise PermissionDenied(refused)
    note = (note or "").strip()
    stored = Contradiction.objects.select_for_update().get(pk=contradiction.pk)
    if contradiction.version:
        # Decided on the contradiction as the reviewer saw it, not on one changed since.
        versions.check_version(instance=contradiction, stored=stored)
    pair = {stored.claim_a_id, stored.claim_b_id}
    errors = decision_errors(
        kind=stored.kind, pair=pair, status=status, note=note, preferred_id=preferred.pk if preferred else None
    )
    if errors:
        raise ValidationError(errors)

    stored.status, stored.resolution_note = status, note
    if status == Contradiction.Status.OPEN:
        stored.resolved_by, stored.resolved_at = None, None
    else:
        stored.resolved_by, stored.resolved_at = user, timezone.now()
    stored._history_user = user
    stored._change_reason = f"Marked {Contradiction.Status(status).label.lower()}"
    # The version moves on, so a decision taken on the page as it was before is refused.
    stored.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at", "version"])
    for name in ("status", "resolution_note", "resolved_by_id", "resolved_at", "version"):
        setattr(contradiction, name, getattr(stored, name))

    if preferred is not None:
        other = Claim.objects.get(pk=(pair - {preferred.pk}).pop())
        _rank(
            claim=preferred,
            rank=Claim.Rank.PREFERRED,
            user=user,
            reason=f"Preferred over claim #{other.pk} (contradiction #{stored.pk}): {note}",
        )
        _rank(
            claim=other,
            rank=Claim.Rank.DEPRECATED,
            user=user,
            reason=f"Deprecated in favour of claim #{preferred.pk} (contradiction #{stored.pk}): {note}",
        )
    return contradiction


def _rank(*, claim: Claim, rank: str, reason: str, user: AbstractBaseUser) -> None:
    # The rank is not part of what the rules compare, so no new detection run is needed.
    claim.rank, claim.rank_reason, claim.updated_by = rank, reason, user
    claim._history_user = user
    claim.save(update_fields=["rank", "rank_reason", "updated_by", "updated_at"])
