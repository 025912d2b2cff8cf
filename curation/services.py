"""Writes: every change that touches more than the row being saved, or records who did it.

Admin actions, views and management commands call these and turn a ValidationError into a
message; none of them holds a rule of its own.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from curation.contradictions import detection
from curation.models import Citation, Claim, Contradiction, Source
from curation.review import versions, workflow


def _edited_by(claim: Claim, user: AbstractBaseUser | None) -> None:
    claim.updated_by = user
    if user is not None:
        claim._history_user = user


@transaction.atomic
def claim_save(*, claim: Claim, user: AbstractBaseUser | None, citations: Iterable[Citation] = ()) -> Claim:
    """Save a claim's edits, recording who created it and who changed it last.

    This is the one entry point for editing a claim. A new claim starts as a draft; its
    `citations` (unsaved) are saved with it, before the contradiction rules run, so the rules
    know which article states it (two figures from one article are never a scope mismatch). The status
    and the review record change only through the workflow transitions, so an edit (or a
    revert to an old version) keeps the stored ones. What the public sees of an approved claim
    does not change (workflow.approved_edit_error: a correction is a new claim), so nothing
    unreviewed is shown as approved. A retracted claim stays as it was retracted.
    """
    if not claim.unit and claim.metric_id:
        # A claim's unit is its metric's unless the editor gives another (a currency, say).
        claim.unit = claim.metric.unit
    if claim.pk is None:
        if claim.created_by_id is None:
            claim.created_by = user
        claim.status = Claim.Status.DRAFT
        claim.submitted_at = claim.reviewed_by = claim.reviewed_at = None
        claim.review_note = ""
    else:
        stored = Claim.objects.select_for_update().get(pk=claim.pk)
        frozen = workflow.frozen_error(status=stored.status)
        if frozen:
            raise ValidationError(frozen)
        versions.check_version(instance=claim, stored=stored)
        for name in workflow.WORKFLOW_FIELDS:
            attname = Claim._meta.get_field(name).attname
            setattr(claim, attname, getattr(stored, attname))
        refused = workflow.approved_edit_error(
            claim_id=stored.pk, status=stored.status, changed=workflow.substance_changes(before=stored, after=claim)
        )
        if refused:
            raise ValidationError(refused)
    _edited_by(claim, user)
    claim.save()
    for citation in citations:
        citation.claim = claim
        if user is not None:
            citation._history_user = user
        citation.save()
    detection.detect_for_claim(claim=claim)
    return claim


@transaction.atomic
def claims_written_in_bulk(*, claim_ids: Iterable[int]) -> detection.DetectionReport:
    """Run the contradiction rules after claims were written in bulk (an import) with their citations.

    The same check as saving one claim, for all of them at once: each claim against the claims
    of its comparison groups, never a full run over the table (detection.detect_for_claims). An
    import queues it as a job that runs once the import has committed (curation.jobs.import_check).
    """
    return detection.detect_for_claims(claim_ids=claim_ids)


def _refuse_evidence_change(claim: Claim, *, what: str) -> None:
    """A retracted claim's citations are frozen; an approved claim's public evidence does not change."""
    frozen = workflow.frozen_error(status=claim.status, what="its citations cannot change")
    if frozen:
        raise ValidationError(frozen)
    refused = workflow.approved_edit_error(claim_id=claim.pk, status=claim.status, changed=[what])
    if refused:
        raise ValidationError(refused)


@transaction.atomic
def claim_evidence_changed(*, claim: Claim, user: AbstractBaseUser | None, what: str) -> Claim:
    """Record that a claim's citations changed: it counts as an edit of the claim.

    A claim's evidence is part of the claim, for four eyes and in its history; an approved
    claim's evidence does not change, like its value (workflow.approved_edit_error). The
    contradiction rules run again: which article states the claim is part of what they compare.
    """
    stored = Claim.objects.select_for_update().get(pk=claim.pk)
    _refuse_evidence_change(stored, what="citations")
    stored._change_reason = what
    _edited_by(stored, user)
    stored.save()
    for name in ("status", "submitted_at", "updated_by_id", "updated_at"):
        setattr(claim, name, getattr(stored, name))
    detection.detect_for_claim(claim=stored)
    return stored


@transaction.atomic
def citation_save(*, citation: Citation, user: AbstractBaseUser | None) -> Citation:
    """Save a citation on its own page; its claim is recorded as changed by the same user."""
    stored = Citation.objects.select_for_update().filter(pk=citation.pk).first() if citation.pk else None
    if stored is not None:
        versions.check_version(instance=citation, stored=stored)
    if stored is not None and stored.claim_id != citation.claim_id:
        raise ValidationError("A citation stays with its claim; add a new citation to the other claim instead.")
    evidence_changed = stored is None or bool(workflow.citation_changes(before=stored, after=citation))
    if evidence_changed:
        # Checked before anything is written: an approved claim's evidence is refused whole.
        what = f"citation #{citation.pk}" if stored else "citations"
        _refuse_evidence_change(Claim.objects.select_for_update().get(pk=citation.claim_id), what=what)
    if user is not None:
        citation._history_user = user
    citation.save()
    if evidence_changed:
        what = f"Citation #{citation.pk} changed" if stored else f"Citation #{citation.pk} added"
        claim_evidence_changed(claim=citation.claim, user=user, what=what)
    return citation


def citation_delete_error(*, citation: Citation) -> str | None:
    """Why this citation cannot be removed, or None: a claim keeps its primary citation."""
    if not Citation.objects.filter(claim_id=citation.claim_id).exclude(pk=citation.pk).exists():
        return f"Citation #{citation.pk} is the only one of claim #{citation.claim_id}: a claim needs at least one."
    if citation.is_primary:
        return f"Citation #{citation.pk} is claim #{citation.claim_id}'s primary one: mark another one primary first."
    return None


@transaction.atomic
def citation_delete(*, citation: Citation, user: AbstractBaseUser | None) -> None:
    """Remove a citation; a claim keeps its primary one, and losing one is an edit of the claim."""
    error = citation_delete_error(citation=citation)
    if error:
        raise ValidationError(error)
    claim, citation_id = citation.claim, citation.pk
    _refuse_evidence_change(Claim.objects.select_for_update().get(pk=claim.pk), what=f"citation #{citation_id}")
    if user is not None:
        citation._history_user = user
    citation.delete()
    claim_evidence_changed(claim=claim, user=user, what=f"Citation #{citation_id} removed")


@transaction.atomic
def source_save(*, source: Source) -> Source:
    """Save a source; when its text changed, find every citation's quote again."""
    if source.pk is not None:
        stored = Source.objects.select_for_update().filter(pk=source.pk).first()
        if stored is not None:
            versions.check_version(instance=source, stored=stored)
    source.save()
    for citation in source.citations.all():
        citation.source = source
        previous = (citation.quote_start, citation.quote_end)
        citation.locate_quote()
        if (citation.quote_start, citation.quote_end) != previous:
            citation.save(update_fields=["quote_start", "quote_end"])
    return source


@transaction.atomic
def contradiction_flag(
    *,
    first: Claim,
    second: Claim,
    kind: str,
    explanation: str,
    user: AbstractBaseUser | None,
    detected_by: str = "",
    severity: str = Contradiction.Severity.MEDIUM,
) -> Contradiction:
    """Flag two claims as conflicting; the pair is stored in id order whatever order it came in."""
    if first.pk == second.pk:
        raise ValidationError("A claim cannot contradict itself.")
    claim_a, claim_b = sorted((first, second), key=lambda claim: claim.pk)
    if Contradiction.objects.filter(claim_a=claim_a, claim_b=claim_b, kind=kind).exists():
        raise ValidationError(f"Claims {claim_a.pk} and {claim_b.pk} are already flagged as {kind}.")
    flag = Contradiction(
        claim_a=claim_a,
        claim_b=claim_b,
        kind=kind,
        severity=severity,
        explanation=explanation,
        detected_by=detected_by,
        flagged_by=user,
        flagged_at=timezone.now(),
    )
    if user is not None:
        flag._history_user = user
    flag.save()
    return flag


def citations_primary_default(*, primary_flags: list[bool]) -> list[bool]:
    """A claim's only citation is its primary one, unless the editor marked otherwise on purpose."""
    if len(primary_flags) == 1:
        return [True]
    return primary_flags


def citations_validate(*, primary_flags: list[bool]) -> None:
    """A claim rests on at least one citation, and exactly one of its citations is primary."""
    if not primary_flags:
        raise ValidationError("A claim needs at least one citation: the source and the quote that state it.")
    primaries = sum(1 for flag in primary_flags if flag)
    if primaries != 1:
        raise ValidationError(f"Mark exactly one citation as primary ({primaries} are marked).")
