"""The review workflow: which status a claim may move to, who may move it, and when.

Every transition is defined once in TRANSITIONS. The admin actions, the change-page buttons,
the revert view and management commands call the services below and turn their
ValidationError (the rules refused) or PermissionDenied (the user may not) into a message;
none of them holds a rule of its own. The rules themselves are plain functions over values,
testable without the database.

    draft -> submitted -> approved -> retracted
                       -> rejected -> draft (revise)

Four eyes by content: nobody approves or rejects a claim whose current substance they wrote,
that is, who created it (before its first approval) or changed any public field or citation of
it since it was last approved (or since creation); the history rows say who wrote what. An
approved claim is never deleted; it is retracted with a reason.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Exists, F, Lookup, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, IsNull
from django.utils import timezone

from curation.contradictions import detection
from curation.models import CLAIM_FIGURE_FIELDS, Citation, Claim, Contradiction, Job
from curation.review.evidence_strength import EvidenceStrength, claim_evidence, weak_evidence_blocker
from curation.text.quotes import NearestPassage, locate_quote, nearest_passage

Status = Claim.Status

# What the public sees of a claim: the public pages, downloads and releases show these columns
# (and the claim's citations: source, quote, primary flag and note). Defined once: none of them
# changes on an approved claim (a correction is a new claim, reviewed while the approved one
# stays public), and whoever wrote any of them since the last approval may not decide on it
# (four eyes by content). Editorial notes are published with the claim (docs/public-site.md),
# so they are among them; the review note of a decision is not.
PUBLIC_CLAIM_FIELDS = ("place", "metric", *CLAIM_FIGURE_FIELDS, "attribution", "notes")
PUBLIC_CITATION_FIELDS = ("source", "quote", "is_primary", "note")
# A claim's substance is what the public sees of it.
SUBSTANCE_FIELDS = PUBLIC_CLAIM_FIELDS

# Columns only transitions write. An edit (or a revert to an old version) keeps the stored values.
WORKFLOW_FIELDS = ("status", "submitted_at", "reviewed_by", "reviewed_at", "review_note", "created_by", "created_at")

# Claims that were once approved are part of the record: retract them, never delete them.
NEVER_DELETED = frozenset({Status.APPROVED, Status.RETRACTED})

# A retracted claim is kept as it was retracted: neither it nor its citations change again.
FROZEN = frozenset({Status.RETRACTED})


@dataclass(frozen=True)
class Transition:
    action: str  # also the verb, as in "... may not <action> claims"
    past: str  # as in "3 claims <past>"
    sources: frozenset[str]
    target: str
    permission: str
    four_eyes: bool = False
    needs_note: bool = False

    @property
    def is_review_decision(self) -> bool:
        """Approving, rejecting and retracting are decisions: who, when and the note are recorded."""
        return self.action in {"approve", "reject", "retract"}


def _transition_table(*transitions: Transition) -> dict[str, Transition]:
    return {transition.action: transition for transition in transitions}


TRANSITIONS = _transition_table(
    Transition(
        action="submit",
        past="submitted",
        sources=frozenset({Status.DRAFT}),
        target=Status.SUBMITTED,
        permission="curation.submit_claim",
    ),
    Transition(
        action="approve",
        past="approved",
        sources=frozenset({Status.SUBMITTED}),
        target=Status.APPROVED,
        permission="curation.approve_claim",
        four_eyes=True,
    ),
    Transition(
        action="reject",
        past="rejected",
        sources=frozenset({Status.SUBMITTED}),
        target=Status.REJECTED,
        permission="curation.approve_claim",
        four_eyes=True,
        needs_note=True,
    ),
    Transition(
        action="revise",
        past="sent back to draft",
        sources=frozenset({Status.REJECTED}),
        target=Status.DRAFT,
        permission="curation.change_claim",
    ),
    Transition(
        action="retract",
        past="retracted",
        sources=frozenset({Status.APPROVED}),
        target=Status.RETRACTED,
        permission="curation.retract_claim",
        needs_note=True,
    ),
)


# --- rules: plain functions over values ---------------------------------------------------


def permission_error(*, user: AbstractBaseUser | AnonymousUser | None, transition: Transition) -> str | None:
    """The user must be logged in and hold the transition's permission (superusers hold all)."""
    if user is None or not user.is_authenticated:
        return f"You must be logged in to {transition.action} claims."
    if not user.has_perm(transition.permission):
        return (
            f"{user.get_username()} may not {transition.action} claims: "
            f"that needs the '{transition.permission}' permission."
        )
    return None


def status_error(*, transition: Transition, status: str) -> str | None:
    """A claim moves only along the allowed transitions."""
    if status in transition.sources:
        return None
    allowed = " or ".join(sorted(Status(source).label.lower() for source in transition.sources))
    return f"The claim is {Status(status).label.lower()}; only a {allowed} claim can be {transition.past}."


def four_eyes_error(*, user_id: int, substance_authors: dict[int, list[str]]) -> str | None:
    """Nobody approves or rejects a claim whose current substance they wrote.

    `substance_authors` maps each user who wrote part of the claim's substance since it was
    last approved (or since creation) to what they wrote ("created", "value", "citation" ...).
    """
    written = substance_authors.get(user_id)
    if not written:
        return None
    if "created" in written:
        return "Four eyes: you created this claim, so another reviewer must decide on it."
    return (
        f"Four eyes: you wrote this claim's {', '.join(written)} since it was last approved (or created), "
        "so another reviewer must decide on it."
    )


def note_error(*, transition: Transition, note: str) -> str | None:
    """Rejection and retraction need a note saying why."""
    if transition.needs_note and not (note or "").strip():
        word = "reason" if transition.action == "retract" else "note"
        return f"To {transition.action} a claim, give a {word} saying why."
    return None


def approval_blockers(
    *,
    open_contradictions: list[Contradiction],
    has_verified_quote: bool,
    evidence: EvidenceStrength | None = None,
    note: str = "",
    pending_checks: list[Job] = (),
) -> list[str]:
    """Approval waits for every open contradiction to be resolved, for the contradiction check of an
    imported claim to have run, for one verbatim quote, and, when the claim rests only on weak
    sources, for a second independent source or a reviewer's note."""
    blockers = []
    for job in pending_checks:
        state = job.get_state_display().lower()
        again = " Run it again from its page." if job.state in {Job.State.FAILED, Job.State.CANCELLED} else ""
        blockers.append(
            f"Approval blocked: the contradiction check of the import that wrote this claim (job #{job.pk}) is "
            f"{state}; its flags are not known yet.{again}"
        )
    for flag in open_contradictions:
        blockers.append(
            f"Approval blocked: open contradiction #{flag.pk} ({flag.get_kind_display().lower()}) "
            f"between claims #{flag.claim_a_id} and #{flag.claim_b_id}; resolve it first."
        )
    if not has_verified_quote:
        blockers.append(
            "Approval blocked: none of the claim's citations has its quote found verbatim in its source text."
        )
    if evidence is not None:
        weak = weak_evidence_blocker(strength=evidence, note=note)
        if weak:
            blockers.append(weak)
    return blockers


@dataclass(frozen=True)
class QuoteMiss:
    """A citation whose quote is not in its article, with the article's nearest passage (or None)."""

    citation_id: int
    quote: str
    source_title: str
    passage: NearestPassage | None


def submission_blockers(*, citation_count: int, quote_misses: list[QuoteMiss]) -> list[str]:
    """Submission waits for a citation and for every citation's quote to stand verbatim in its article.

    A draft may be saved with a quote not (yet) in the article; it cannot go to review so.
    """
    if citation_count == 0:
        return ["Submission blocked: the claim has no citation; add the source and the quote that state it."]
    blockers = []
    for miss in quote_misses:
        blocker = (
            f"Submission blocked: the quote of citation #{miss.citation_id} “{miss.quote}” is not in the article "
            f"“{miss.source_title}”"
        )
        if miss.passage is not None:
            blocker += f"; did you mean “{miss.passage.text}”?"
        blockers.append(blocker + " Copy the quote from the article verbatim.")
    return blockers


def substance_changes(*, before, after) -> list[str]:
    """The public fields (value, place, metric, period, qualifier, unit, label, attribution, notes) that differ.

    `before` and `after` are claims or history rows of one (anything with the fields' attnames).
    """
    return _changed_fields(Claim, SUBSTANCE_FIELDS, before, after)


def _changed_fields(model, names, before, after) -> list[str]:
    # A browser posts a text box's line breaks as CRLF while imports store LF: the same text
    # either way, so line endings alone are no change (re-saving an approved claim whose notes
    # came from a file must not count as editing them).
    changed = []
    for name in names:
        attname = model._meta.get_field(name).attname
        old, new = getattr(before, attname), getattr(after, attname)
        if isinstance(old, str) and isinstance(new, str):
            old, new = _one_line_ending(old), _one_line_ending(new)
        if old != new:
            changed.append(name)
    return changed


def _one_line_ending(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def substance_authors_from_history(*, claim_records: list, citation_records: list) -> dict[int, list[str]]:
    """Who wrote which part of the claim's substance since its last approval, from history rows.

    `claim_records` are the claim's history rows and `citation_records` its citations' history
    rows, each oldest first. Before a first approval the creator counts as having written
    everything; after it, only changes of a public field or of a citation's source, quote,
    primary flag or note count. A row's author is the user recorded on it (or the claim's
    created_by/updated_by when a command saved it without one).
    """
    authors: dict[int, list[str]] = {}

    def add(user_id, what):
        if user_id is not None and what not in authors.setdefault(user_id, []):
            authors[user_id].append(what)

    # An approved claim's public fields never change (approved_edit_error), so counting from the
    # last approved row is counting from its approval; it is also what the review queue's query
    # (`review_queue`) can find through an index.
    start = None
    for index, record in enumerate(claim_records):
        if record.status == Status.APPROVED:
            start = index
    since = None
    if start is None:
        if claim_records:
            first = claim_records[0]
            add(first.history_user_id or first.created_by_id, "created")
        start = 0
    else:
        since = claim_records[start].history_date
    for previous, record in zip(claim_records[start:], claim_records[start + 1 :], strict=False):
        for name in substance_changes(before=previous, after=record):
            add(record.history_user_id or record.updated_by_id, name)

    last_seen = {}
    for record in citation_records:
        before = last_seen.get(record.id)
        last_seen[record.id] = record
        if since is not None and record.history_date <= since:
            continue
        if record.history_type == "~" and before is not None and not citation_changes(before=before, after=record):
            continue
        add(record.history_user_id, "citation")
    return authors


def citation_changes(*, before, after) -> list[str]:
    """The public fields of a citation (source, quote, primary flag, note) that differ between two versions of it."""
    return _changed_fields(Citation, PUBLIC_CITATION_FIELDS, before, after)


def approved_edit_error(*, claim_id: int | None, status: str, changed: list[str]) -> str | None:
    """What the public sees of an approved claim never changes unreviewed: such an edit is refused.

    Published figures are quoted and cited from the site and the releases, so a data desk does
    not rewrite one in place: the correction is recorded as a new claim, reviewed like any other
    while the approved one stays public, and the approved one is then retracted with a reason
    naming its correction.
    """
    if status != Status.APPROVED or not changed:
        return None
    return (
        f"Claim #{claim_id} is approved, and what the public sees of it ({', '.join(changed)}) does not change "
        "without review; nothing was saved. Record the correction as a new claim (“Save as new” on the "
        "claim's page copies it with its citations) and submit it: this claim stays public until the correction "
        "is approved, then retract it with a reason naming the correction."
    )


# --- the same rule as a query: the review queue -----------------------------------------------


class _DistinctFrom(Lookup):
    """`a IS DISTINCT FROM b`: unequal, with NULL equal to NULL (as Python's != between two values)."""

    lookup_name = "distinct_from"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
        return f"{lhs} {operator} {rhs}", [*lhs_params, *rhs_params]


def _with_previous(rows: QuerySet) -> QuerySet:
    """History rows annotated with `previous_id`: the row of the same record just before each one,
    in the order substance_authors_from_history reads them (history_date, history_id)."""
    model = rows.model
    earlier = Q(history_date__lt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
    )
    previous = model.objects.filter(earlier, id=OuterRef("id")).order_by("-history_date", "-history_id")
    return rows.annotate(previous_id=Subquery(previous.values("history_id")[:1]))


def _differs_from_previous(model, fields: tuple[str, ...]) -> Exists:
    """The history row (of a `_with_previous` queryset) differs from its previous row in one of `fields`."""
    differs = Q()
    for name in fields:
        attname = model._meta.get_field(name).attname
        differs |= Q(_DistinctFrom(F(attname), OuterRef(attname)))
    return Exists(model.objects.filter(differs, history_id=OuterRef("previous_id")))


def review_queue(claims: QuerySet[Claim], *, user) -> QuerySet[Claim]:
    """The submitted claims among `claims` that `user` may decide on: four_eyes_error's rule, read
    from the same history rows as substance_authors (longest waiting first).

    A claim is left out when the user wrote part of its current substance: before any approval,
    they created it; since its last approved history row, a row of theirs changed a public
    field, or they wrote a citation row of it (an edit counts when a public citation field
    changed). Each part is an EXISTS over one claim's history rows, found through the history
    tables' indexes on the record id and the claim. One query finds the claims the user wrote
    (evaluated at once); the queue is the submitted claims without them, at any size.
    """
    claim_history, citation_history = Claim.history.model, Citation.history.model
    own_rows = claim_history.objects.filter(id=OuterRef("pk"))
    last_approved = own_rows.filter(status=Status.APPROVED).order_by("-history_date", "-history_id")
    first_author = own_rows.order_by("history_date", "history_id").annotate(
        author=Coalesce("history_user_id", "created_by_id")
    )
    claims = claims.filter(status=Status.SUBMITTED).alias(
        since_date=Subquery(last_approved.values("history_date")[:1]),
        since_id=Subquery(last_approved.values("history_id")[:1]),
    )
    never_approved = Q(IsNull(OuterRef("since_date"), True))
    after_approval = (
        never_approved
        | Q(history_date__gt=OuterRef("since_date"))
        | Q(history_date=OuterRef("since_date"), history_id__gt=OuterRef("since_id"))
    )
    by_user = Q(history_user=user) | Q(history_user__isnull=True, updated_by=user)
    user_rows = _with_previous(claim_history.objects.filter(by_user)).filter(after_approval, id=OuterRef("pk"))
    changed = Exists(user_rows.filter(_differs_from_previous(claim_history, SUBSTANCE_FIELDS)))
    citation_rows = _with_previous(citation_history.objects.filter(history_user=user)).filter(
        never_approved | Q(history_date__gt=OuterRef("since_date")), claim_id=OuterRef("pk")
    )
    cited = Exists(
        citation_rows.filter(
            ~Q(history_type="~")
            | Q(previous_id__isnull=True)
            | Q(_differs_from_previous(citation_history, PUBLIC_CITATION_FIELDS))
        )
    )
    created = Q(since_date__isnull=True) & Q(
        Exact(Coalesce(Subquery(first_author.values("author")[:1]), "created_by_id", Value(0)), user.pk)
    )
    authored = created | changed | cited
    # Only claims the user touched at all (read through the history tables' user indexes) can
    # have the user among their authors; the CASE asks the per-claim questions of those alone.
    # It also keeps an unknown part (a NULL in SQL) from hiding a claim: only a proven author is left out.
    touched = (
        Q(pk__in=claim_history.objects.filter(by_user | Q(history_user__isnull=True, created_by=user)).values("id"))
        | Q(pk__in=citation_history.objects.filter(history_user=user).values("claim_id"))
        | Q(created_by=user)
    )
    claims = claims.alias(
        is_author=Case(When(~touched, then=Value(False)), When(authored, then=Value(True)), default=Value(False))
    )
    # The claims the user wrote are found once, here (only claims they touched are asked the
    # per-claim questions, so this is cheap), and the queue is then a plain filter. Left in the
    # queue's own query, the per-claim subqueries made each of a list page's queries (its
    # count, its ids, its rows) cost tens of milliseconds to plan and the count read every
    # submitted claim through them (≈ 0.25 s at a million claims).
    authored_ids = list(claims.filter(is_author=True).order_by().values_list("pk", flat=True))
    # Claims seeded without a submission time have waited longest.
    return claims.exclude(pk__in=authored_ids).order_by(F("submitted_at").asc(nulls_first=True), "pk")


def frozen_error(*, status: str, what: str = "record a new claim instead") -> str | None:
    """A retracted claim is kept as it was retracted: no edit, revert or citation change."""
    if status in FROZEN:
        return f"A retracted claim is kept as it was retracted; {what}."
    return None


def is_frozen(status: str) -> bool:
    return status in FROZEN


def delete_error(*, status: str) -> str | None:
    """An approved claim is never deleted: it is retracted with a reason."""
    if status in NEVER_DELETED:
        label = Status(status).label.lower()
        return f"A claim that was approved is never deleted (this one is {label}); retract it instead."
    return None


# --- services -----------------------------------------------------------------------------


def open_contradictions_of(claim: Claim) -> list[Contradiction]:
    flags = Contradiction.objects.filter(Q(claim_a=claim) | Q(claim_b=claim), status=Contradiction.Status.OPEN)
    return list(flags.order_by("pk"))


def has_verified_quote(claim: Claim) -> bool:
    """Whether one of the claim's citations has its quote in its source's current text."""
    citations = claim.citations.select_related("source")
    return any(locate_quote(citation.quote, citation.source.body) is not None for citation in citations)


def substance_authors(claim: Claim) -> dict[int, list[str]]:
    """Who wrote which part of the claim's current substance since its last approval (two queries)."""
    claim_records = list(claim.history.order_by("history_date", "history_id"))
    citation_records = list(Citation.history.filter(claim_id=claim.pk).order_by("history_date", "history_id"))
    if not claim_records:
        # A claim written without history (raw SQL, an old bulk load): its recorded author, and
        # whoever wrote its citations (as review_queue reads it).
        authors = substance_authors_from_history(claim_records=[], citation_records=citation_records)
        return {claim.created_by_id: ["created"], **authors} if claim.created_by_id else authors
    return substance_authors_from_history(claim_records=claim_records, citation_records=citation_records)


def quote_misses_of(claim: Claim) -> list[QuoteMiss]:
    """The claim's citations whose quote is not in its source's current text, each with the nearest passage."""
    misses = []
    for citation in claim.citations.select_related("source").order_by("pk"):
        if locate_quote(citation.quote, citation.source.body) is None:
            passage = nearest_passage(citation.quote, citation.source.body)
            misses.append(
                QuoteMiss(
                    citation_id=citation.pk, quote=citation.quote, source_title=citation.source.title, passage=passage
                )
            )
    return misses


def submission_blockers_of(claim: Claim) -> list[str]:
    return submission_blockers(citation_count=claim.citations.count(), quote_misses=quote_misses_of(claim))


def allowed_transitions(*, claim: Claim, user) -> list[Transition]:
    """The transitions this user may make on this claim now: its status allows them, the user
    holds the permission and, for a decision, four eyes let them (the change page's buttons).

    Approval blockers (open contradictions, no verified quote) are shown beside the buttons,
    not hidden in them: the reviewer learns what to fix.
    """
    allowed = [
        transition
        for transition in TRANSITIONS.values()
        if status_error(transition=transition, status=claim.status) is None
        and permission_error(user=user, transition=transition) is None
    ]
    if any(transition.four_eyes for transition in allowed):
        authors = substance_authors(claim)
        allowed = [
            transition
            for transition in allowed
            if not transition.four_eyes or four_eyes_error(user_id=user.pk, substance_authors=authors) is None
        ]
    return allowed


def _refuse(message: str | None, error=ValidationError) -> None:
    if message:
        raise error(message)


@transaction.atomic
def _transition(*, claim: Claim, user, action: str, note: str = "") -> Claim:
    """Apply one transition to the stored claim, after every rule has agreed."""
    transition = TRANSITIONS[action]
    _refuse(permission_error(user=user, transition=transition), PermissionDenied)
    _refuse(note_error(transition=transition, note=note))
    # Rules are checked against the stored row, locked, not against what the caller holds.
    stored = Claim.objects.select_for_update().get(pk=claim.pk)
    _refuse(status_error(transition=transition, status=stored.status))
    if transition.four_eyes:
        _refuse(four_eyes_error(user_id=user.pk, substance_authors=substance_authors(stored)))
    if transition.target == Status.SUBMITTED:
        blockers = submission_blockers_of(stored)
        if blockers:
            raise ValidationError(blockers)
    if transition.target == Status.APPROVED:
        blockers = approval_blockers(
            open_contradictions=open_contradictions_of(stored),
            has_verified_quote=has_verified_quote(stored),
            evidence=claim_evidence(stored),
            note=note,
            pending_checks=Job.objects.checks_pending_for(stored.pk),
        )
        if blockers:
            raise ValidationError(blockers)

    now = timezone.now()
    stored.status = transition.target
    changed = ["status"]
    if transition.target == Status.SUBMITTED:
        stored.submitted_at = now
        changed.append("submitted_at")
    if transition.is_review_decision:
        stored.reviewed_by, stored.reviewed_at, stored.review_note = user, now, note.strip()
        changed += ["reviewed_by", "reviewed_at", "review_note"]
    stored._history_user = user
    stored._change_reason = f"{transition.past.capitalize()}" + (f": {note.strip()}" if note.strip() else "")
    stored.save(update_fields=changed)
    # Other claims stating the same figure count this one's sources only while it is approved.
    if Status.APPROVED in (transition.target, *transition.sources):
        detection.refresh_corroboration(claim=stored)
    for name in WORKFLOW_FIELDS:
        setattr(claim, Claim._meta.get_field(name).attname, getattr(stored, Claim._meta.get_field(name).attname))
    return stored


def claim_submit(*, claim: Claim, user) -> Claim:
    """Send a draft claim to review."""
    return _transition(claim=claim, user=user, action="submit")


def claim_approve(*, claim: Claim, reviewer, note: str = "") -> Claim:
    """Approve a submitted claim: four eyes, no open contradiction, one verbatim quote, and on weak evidence a
    second independent source or the reviewer's note."""
    return _transition(claim=claim, user=reviewer, action="approve", note=note)


def claim_reject(*, claim: Claim, reviewer, note: str) -> Claim:
    """Reject a submitted claim with a note saying why; four eyes."""
    return _transition(claim=claim, user=reviewer, action="reject", note=note)


def claim_revise(*, claim: Claim, user) -> Claim:
    """Take a rejected claim back to draft so it can be corrected and submitted again."""
    return _transition(claim=claim, user=user, action="revise")


def claim_retract(*, claim: Claim, reviewer, reason: str) -> Claim:
    """Withdraw an approved claim with a reason; it stays on record, never deleted."""
    return _transition(claim=claim, user=reviewer, action="retract", note=reason)


def claim_transition(*, claim: Claim, user, action: str, note: str = "") -> Claim:
    """Apply the transition named `action`; for callers that pick it at run time (admin actions)."""
    if action not in TRANSITIONS:
        raise ValidationError(f"Unknown workflow action '{action}'.")
    return _transition(claim=claim, user=user, action=action, note=note)


@transaction.atomic
def claim_delete(*, claim: Claim, user) -> None:
    """Delete a claim that was never approved."""
    if user is None or not user.is_authenticated or not user.has_perm("curation.delete_claim"):
        raise PermissionDenied("You may not delete claims.")
    stored = Claim.objects.select_for_update().get(pk=claim.pk)
    _refuse(delete_error(status=stored.status))
    stored._history_user = user
    stored.delete()
