"""The review workflow: transitions, permissions, four eyes, approval blockers and history."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from curation import services
from curation.contradictions import resolution
from curation.models import Claim, Contradiction
from curation.review import workflow
from tests.builders import START, make_claim, make_claim_in, make_contradiction, make_place, make_source

Status = Claim.Status
ALL_STATUSES = list(Status)


# --- rules without the database -----------------------------------------------------------


LEGAL = {
    ("submit", Status.DRAFT): Status.SUBMITTED,
    ("approve", Status.SUBMITTED): Status.APPROVED,
    ("reject", Status.SUBMITTED): Status.REJECTED,
    ("revise", Status.REJECTED): Status.DRAFT,
    ("retract", Status.APPROVED): Status.RETRACTED,
}
EVERY_PAIR = [(action, status) for action in workflow.TRANSITIONS for status in ALL_STATUSES]


@pytest.mark.parametrize("action, status", EVERY_PAIR)
def test_status_rule_allows_exactly_the_documented_transitions(action, status):
    transition = workflow.TRANSITIONS[action]
    error = workflow.status_error(transition=transition, status=status)
    if (action, status) in LEGAL:
        assert error is None
        assert transition.target == LEGAL[(action, status)]
    else:
        assert error is not None and f"is {Status(status).label.lower()}" in error


def test_four_eyes_rule_refuses_whoever_wrote_the_current_substance():
    authors = {1: ["created"], 2: ["value", "citation"]}
    assert "you created" in workflow.four_eyes_error(user_id=1, substance_authors=authors)
    assert "you wrote this claim's value, citation" in workflow.four_eyes_error(user_id=2, substance_authors=authors)
    assert workflow.four_eyes_error(user_id=3, substance_authors=authors) is None
    assert workflow.four_eyes_error(user_id=3, substance_authors={}) is None


@pytest.mark.parametrize("action, needs_note", [("reject", True), ("retract", True), ("approve", False)])
def test_rejection_and_retraction_need_a_note(action, needs_note):
    transition = workflow.TRANSITIONS[action]
    for empty in ("", "   \n"):
        assert (workflow.note_error(transition=transition, note=empty) is not None) == needs_note
    assert workflow.note_error(transition=transition, note="Figure is for the prefecture") is None


def test_approval_blockers_name_each_rule_that_blocks():
    flag = Contradiction(pk=7, claim_a_id=1, claim_b_id=2, kind=Contradiction.Kind.VALUE_MISMATCH)
    both = workflow.approval_blockers(open_contradictions=[flag], has_verified_quote=False)
    assert "open contradiction #7 (value mismatch) between claims #1 and #2" in both[0]
    assert "quote found verbatim" in both[1]
    assert workflow.approval_blockers(open_contradictions=[], has_verified_quote=True) == []


def test_substance_changes_lists_the_public_fields_that_differ():
    before = Claim(place_id=1, metric_id=1, value=3100, unit="enterprises", qualifier="more_than", review_note="x")
    after = Claim(place_id=2, metric_id=1, value=3100, unit="enterprises", qualifier="about", review_note="changed")
    assert workflow.substance_changes(before=before, after=after) == ["place", "qualifier"]
    after.notes = "An editor's note, published with the claim."
    assert workflow.substance_changes(before=before, after=after) == ["place", "qualifier", "notes"]


def test_claims_once_approved_are_never_deleted():
    assert workflow.delete_error(status=Status.APPROVED) is not None
    assert workflow.delete_error(status=Status.RETRACTED) is not None
    assert workflow.delete_error(status=Status.DRAFT) is None


# --- services with the database ---------------------------------------------------------


def run(action, claim, user, note="a reason"):
    return workflow.claim_transition(claim=claim, user=user, action=action, note=note)


@pytest.mark.django_db
@pytest.mark.parametrize("action, status", EVERY_PAIR)
def test_every_transition_legal_and_illegal_through_the_service(desk, action, status):
    claim = make_claim_in(status, created_by=desk["editor"])
    if (action, status) in LEGAL:
        result = run(action, claim, desk["superuser"])
        assert result.status == LEGAL[(action, status)] == claim.status
    else:
        with pytest.raises(ValidationError, match="can be"):
            run(action, claim, desk["superuser"])
        claim.refresh_from_db()
        assert claim.status == status


# Who may do what. Anonymous visitors and editors may not review; editors may submit and revise.
MATRIX = {
    # action: (anonymous, editor, reviewer, superuser)
    "submit": (False, True, True, True),
    "revise": (False, True, True, True),
    "approve": (False, False, True, True),
    "reject": (False, False, True, True),
    "retract": (False, False, True, True),
}
ROLES = ["anonymous", "editor", "reviewer", "superuser"]


@pytest.mark.django_db
@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_each_workflow_action(desk, action, role):
    author = desk["second_reviewer"]
    claim = make_claim_in(START[action], created_by=author)
    user = AnonymousUser() if role == "anonymous" else desk[role]
    allowed = MATRIX[action][ROLES.index(role)]
    if allowed:
        assert run(action, claim, user).status == workflow.TRANSITIONS[action].target
    else:
        with pytest.raises(PermissionDenied):
            run(action, claim, user)
        claim.refresh_from_db()
        assert claim.status == START[action]


@pytest.mark.django_db
@pytest.mark.parametrize("role, allowed", [("editor", False), ("reviewer", True), ("superuser", True)])
def test_only_reviewers_resolve_contradictions(desk, role, allowed):
    flag = make_contradiction(make_claim(), make_claim())
    resolve = lambda: resolution.contradiction_resolve(  # noqa: E731
        contradiction=flag, user=desk[role], status=Contradiction.Status.DISMISSED, note="Different scopes."
    )
    if allowed:
        resolve()
        flag.refresh_from_db()
        assert (flag.status, flag.resolved_by) == (Contradiction.Status.DISMISSED, desk[role])
    else:
        with pytest.raises(PermissionDenied):
            resolve()
        flag.refresh_from_db()
        assert flag.status == Contradiction.Status.OPEN


@pytest.mark.django_db
def test_anonymous_cannot_resolve_a_contradiction_and_closing_one_needs_a_note(desk):
    flag = make_contradiction(make_claim(), make_claim())
    with pytest.raises(PermissionDenied):
        resolution.contradiction_resolve(contradiction=flag, user=AnonymousUser(), status="dismissed", note="x")
    with pytest.raises(ValidationError, match="needs a resolution note"):
        resolution.contradiction_resolve(contradiction=flag, user=desk["reviewer"], status="dismissed", note=" ")


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_claim_cannot_be_approved_or_rejected_by_its_author(desk, action):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["reviewer"])
    with pytest.raises(ValidationError, match="Four eyes: you created"):
        run(action, claim, desk["reviewer"])
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED


@pytest.mark.django_db
def test_claim_cannot_be_approved_by_whoever_changed_its_substance(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    claim.qualifier = Claim.Qualifier.ABOUT
    services.claim_save(claim=claim, user=desk["reviewer"])
    with pytest.raises(ValidationError, match="you wrote this claim's qualifier"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    assert workflow.claim_approve(claim=claim, reviewer=desk["second_reviewer"]).status == Status.APPROVED


@pytest.mark.django_db
def test_superuser_is_bound_by_four_eyes_too(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["superuser"])
    with pytest.raises(ValidationError, match="Four eyes"):
        workflow.claim_approve(claim=claim, reviewer=desk["superuser"])


@pytest.mark.django_db
def test_approval_is_refused_while_a_contradiction_is_open(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    flag = make_contradiction(claim, make_claim())
    with pytest.raises(ValidationError, match=f"open contradiction #{flag.pk}"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    resolution.contradiction_resolve(
        contradiction=flag, user=desk["second_reviewer"], status="explained", note="Different periods."
    )
    assert workflow.claim_approve(claim=claim, reviewer=desk["reviewer"]).status == Status.APPROVED


@pytest.mark.django_db
def test_approval_is_refused_without_a_quote_found_verbatim(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"], quote="more than 3,200 new enterprises")
    with pytest.raises(ValidationError, match="none of the claim's citations has its quote found verbatim"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    without_citation = make_claim_in(Status.SUBMITTED, created_by=desk["editor"], source=False)
    with pytest.raises(ValidationError, match="quote found verbatim"):
        workflow.claim_approve(claim=without_citation, reviewer=desk["reviewer"])
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED


@pytest.mark.django_db
def test_approval_checks_the_quote_against_the_current_source_text(desk):
    source = make_source(body="It attracted more than 3,100 new enterprises.")
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"], source=source)
    # A text changed behind the services' back: the stored span is stale, the check is not.
    type(source).objects.filter(pk=source.pk).update(body="It attracted 3,000 new enterprises.")
    with pytest.raises(ValidationError, match="quote found verbatim"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


@pytest.mark.django_db
def test_review_decisions_record_who_when_and_why(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    workflow.claim_reject(claim=claim, reviewer=desk["reviewer"], note="  The figure is the prefecture's.  ")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.reviewed_by, stored.review_note) == (
        Status.REJECTED,
        desk["reviewer"],
        "The figure is the prefecture's.",
    )
    assert stored.reviewed_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("action, status", [("reject", Status.SUBMITTED), ("retract", Status.APPROVED)])
def test_rejection_and_retraction_without_a_note_change_nothing(desk, action, status):
    claim = make_claim_in(status, created_by=desk["editor"])
    with pytest.raises(ValidationError, match="saying why"):
        run(action, claim, desk["reviewer"], note="")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.reviewed_by) == (status, None)


@pytest.mark.django_db
def test_transition_uses_the_stored_status_not_the_callers_copy(desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    claim.status = Status.SUBMITTED  # a stale or tampered copy
    with pytest.raises(ValidationError, match="The claim is draft"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


@pytest.mark.django_db
def test_each_step_is_in_the_history_with_its_user_and_reason(desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_reject(claim=claim, reviewer=desk["reviewer"], note="Wrong period.")
    workflow.claim_revise(claim=claim, user=desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    workflow.claim_retract(claim=claim, reviewer=desk["second_reviewer"], reason="Outlet corrected the figure.")
    steps = [
        (record.status, record.history_user, record.history_change_reason)
        for record in claim.history.order_by("history_date", "history_id")
    ][-6:]
    assert steps == [
        (Status.SUBMITTED, desk["editor"], "Submitted"),
        (Status.REJECTED, desk["reviewer"], "Rejected: Wrong period."),
        (Status.DRAFT, desk["editor"], "Sent back to draft"),
        (Status.SUBMITTED, desk["editor"], "Submitted"),
        (Status.APPROVED, desk["reviewer"], "Approved"),
        (Status.RETRACTED, desk["second_reviewer"], "Retracted: Outlet corrected the figure."),
    ]


@pytest.mark.django_db
def test_history_diff_shows_the_changed_fields(desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    claim.value = 3200
    claim.notes = "Rechecked."
    services.claim_save(claim=claim, user=desk["editor"])
    newest, previous = claim.history.order_by("-history_date", "-history_id")[:2]
    changed = {change.field for change in newest.diff_against(previous, excluded_fields=["version"]).changes}
    assert changed == {"value", "notes"}
    assert newest.history_user == desk["editor"]


# --- claim_save: the one entry point for edits ---------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [("value", 3200), ("qualifier", Claim.Qualifier.ABOUT), ("period_label", None), ("notes", None), ("place", "new")],
)
def test_editing_an_approved_claims_substance_is_refused(desk, field, value):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    if field == "place":
        value = make_place()
    setattr(claim, field, value if value is not None else "edited")
    with pytest.raises(ValidationError, match=rf"is approved, and what the public sees of it \({field}\)"):
        services.claim_save(claim=claim, user=desk["editor"])
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_editing_an_approved_claims_other_fields_keeps_it_approved(desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    claim.conversion_of = make_claim()
    services.claim_save(claim=claim, user=desk["editor"])
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_an_edit_cannot_set_the_status_or_the_review_record(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    claim.status, claim.reviewed_by, claim.review_note = Status.APPROVED, desk["reviewer"], "self-approved"
    services.claim_save(claim=claim, user=desk["editor"])
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.reviewed_by, stored.review_note) == (Status.SUBMITTED, None, "")


@pytest.mark.django_db
def test_a_new_claim_always_starts_as_a_draft_by_its_author(desk):
    claim = make_claim()
    fresh = Claim(
        place=claim.place,
        metric=claim.metric,
        value=1,
        unit="x",
        period_end=claim.period_end,
        period_start=claim.period_start,
        status=Status.APPROVED,
    )
    services.claim_save(claim=fresh, user=desk["editor"])
    assert (fresh.status, fresh.created_by, fresh.updated_by) == (Status.DRAFT, desk["editor"], desk["editor"])


@pytest.mark.django_db
def test_a_retracted_claim_is_not_edited(desk):
    claim = make_claim_in(Status.RETRACTED, created_by=desk["editor"])
    claim.value = 1
    with pytest.raises(ValidationError, match="retracted claim is kept"):
        services.claim_save(claim=claim, user=desk["reviewer"])
    assert Claim.objects.get(pk=claim.pk).value == 3100


def approved_after_an_edit(desk):
    """A claim written at 3,100, changed to 3,150 and approved; with the history row of its first version."""
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    first_version = claim.history.latest("history_date")
    claim.value = 3150
    services.claim_save(claim=claim, user=desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    return claim, first_version


@pytest.mark.django_db
def test_reverting_an_approved_claim_to_an_older_value_is_refused(desk):
    claim, old_version = approved_after_an_edit(desk)
    reverted = old_version.instance  # what simple-history's revert saves
    reverted.version = Claim.objects.get(pk=claim.pk).version  # a revert is an edit of the current version
    with pytest.raises(ValidationError, match="is approved"):
        services.claim_save(claim=reverted, user=desk["editor"])
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.value, stored.status) == (3150, Status.APPROVED)


@pytest.mark.django_db
@pytest.mark.parametrize("status, deleted", [(Status.DRAFT, True), (Status.APPROVED, False), (Status.RETRACTED, False)])
def test_only_claims_never_approved_can_be_deleted(desk, status, deleted):
    claim = make_claim_in(status, created_by=desk["editor"])
    if deleted:
        workflow.claim_delete(claim=claim, user=desk["editor"])
    else:
        with pytest.raises(ValidationError, match="never deleted"):
            workflow.claim_delete(claim=claim, user=desk["superuser"])
    assert Claim.objects.filter(pk=claim.pk).exists() != deleted


@pytest.mark.django_db
def test_review_queue_lists_others_submitted_claims_oldest_first(desk):
    mine = make_claim_in(Status.DRAFT, created_by=desk["reviewer"])
    touched = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    newer = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    older = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    for claim in (mine, touched, older, newer):
        workflow.claim_submit(claim=claim, user=desk["editor"])
    touched.notes = "edited by the reviewer"
    services.claim_save(claim=touched, user=desk["reviewer"])
    make_claim_in(Status.DRAFT, created_by=desk["editor"])
    assert list(workflow.review_queue(Claim.objects.all(), user=desk["reviewer"])) == [older, newer]
    assert list(workflow.review_queue(Claim.objects.all(), user=desk["editor"])) == [mine]


# --- a quote not in its article ---------------------------------------------------------


def test_a_claim_whose_quote_is_not_in_its_article_stays_a_draft_and_is_told_the_nearest_passage(desk):
    source = make_source(body="The zone recorded trade of about 10.75 billion U.S. dollars in 2024.")
    claim = make_claim(source=source, quote="about 10.75 billion US dollars", created_by=desk["editor"])
    with pytest.raises(ValidationError) as refused:
        workflow.claim_submit(claim=claim, user=desk["editor"])
    (blocker,) = refused.value.messages
    assert "Submission blocked: the quote of citation" in blocker
    assert "did you mean “about 10.75 billion U.S. dollars”?" in blocker
    claim.refresh_from_db()
    assert claim.status == Status.DRAFT


def test_submission_needs_every_quote_in_its_article(desk):
    claim = make_claim(created_by=desk["editor"])  # its quote is in its article
    source = make_source(body="Nothing about trade here at all.")
    claim.citations.create(source=source, quote="trade of 5 billion yuan")
    with pytest.raises(ValidationError):
        workflow.claim_submit(claim=claim, user=desk["editor"])
    claim.citations.filter(source=source).delete()
    workflow.claim_submit(claim=claim, user=desk["editor"])
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED


def test_a_claim_without_a_citation_cannot_be_submitted(desk):
    claim = make_claim(source=False, created_by=desk["editor"])
    with pytest.raises(ValidationError, match="no citation"):
        workflow.claim_submit(claim=claim, user=desk["editor"])


def test_bulk_submit_refuses_a_claim_whose_quote_is_not_found(desk, client):
    source = make_source(body="The zone recorded trade of about 10.75 billion U.S. dollars in 2024.")
    wrong = make_claim(source=source, quote="about 10.75 billion US dollars", created_by=desk["editor"])
    right = make_claim(created_by=desk["editor"])
    client.force_login(desk["editor"])
    response = client.post(
        "/admin/curation/claim/",
        {"action": "submit_selected", "_selected_action": [wrong.pk, right.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Claim.objects.get(pk=wrong.pk).status == Status.DRAFT
    assert Claim.objects.get(pk=right.pk).status == Status.SUBMITTED
    assert "did you mean" in response.content.decode()
