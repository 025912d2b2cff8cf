"""Four eyes by content (issue 13, item 4) and an approved claim's public fields, which no edit changes (item 5)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from curation import services
from curation.models import Citation, Claim
from curation.review import workflow
from tests.builders import make_metric, make_place, make_source

pytestmark = pytest.mark.django_db
Status = Claim.Status
BODY = "The zone attracted more than 3,100 new enterprises in two years, said Li Wei, an official."


def new_claim(author) -> Claim:
    """A draft claim saved through the service by `author`, with its primary citation, as the admin does."""
    claim = Claim(
        place=make_place(),
        metric=make_metric(),
        value=Decimal("3100"),
        unit="enterprises",
        qualifier=Claim.Qualifier.MORE_THAN,
        period_start=datetime.date(2023, 11, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    services.claim_save(claim=claim, user=author)
    citation = Citation(claim=claim, source=make_source(body=BODY), quote="more than 3,100 new enterprises")
    citation.is_primary = True
    services.citation_save(citation=citation, user=author)
    return Claim.objects.get(pk=claim.pk)


def edit(claim: Claim, user, **changes) -> Claim:
    claim = Claim.objects.get(pk=claim.pk)
    for name, value in changes.items():
        setattr(claim, name, value)
    return services.claim_save(claim=claim, user=user)


def test_a_reviewer_who_edited_the_value_cannot_approve_after_the_editor_touched_only_the_notes(desk):
    editor, reviewer, second = desk["editor"], desk["reviewer"], desk["second_reviewer"]
    claim = new_claim(editor)
    workflow.claim_submit(claim=claim, user=editor)
    edit(claim, reviewer, value=Decimal("3200"))
    edit(claim, editor, notes="Checked the date line.")
    with pytest.raises(ValidationError, match=r"Four eyes: you wrote this claim's value"):
        workflow.claim_approve(claim=claim, reviewer=reviewer)
    with pytest.raises(ValidationError, match="Four eyes"):
        workflow.claim_reject(claim=claim, reviewer=reviewer, note="no")
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED
    assert workflow.claim_approve(claim=claim, reviewer=second).status == Status.APPROVED


def test_notes_are_published_so_whoever_wrote_them_may_not_approve(desk):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    edit(claim, desk["reviewer"], notes="Period checked against the article.")
    with pytest.raises(ValidationError, match="you wrote this claim's notes"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


def test_a_workflow_step_makes_nobody_an_author(desk):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_reject(claim=claim, reviewer=desk["second_reviewer"], note="Which period?")
    workflow.claim_revise(claim=claim, user=desk["reviewer"])
    workflow.claim_submit(claim=claim, user=desk["reviewer"])
    assert workflow.claim_approve(claim=claim, reviewer=desk["reviewer"]).status == Status.APPROVED


def test_a_reviewer_who_changed_the_quote_cannot_approve(desk):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    citation = claim.citations.get()
    citation.quote = "3,100 new enterprises"
    services.citation_save(citation=citation, user=desk["reviewer"])
    with pytest.raises(ValidationError, match="Four eyes: you wrote this claim's citation"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


def test_only_changes_since_the_last_approval_count(desk):
    editor, reviewer, second = desk["editor"], desk["reviewer"], desk["second_reviewer"]
    claim = new_claim(second)
    workflow.claim_submit(claim=claim, user=second)
    edit(claim, reviewer, value=Decimal("3150"))
    workflow.claim_approve(claim=claim, reviewer=desk["superuser"])
    # An approved claim sent back to review by an edit, as the rule before issue 13 item 5 did
    # (such histories exist): the editor's change, saved outside the services.
    claim = Claim.objects.get(pk=claim.pk)
    claim.value, claim.status, claim.updated_by, claim._history_user = Decimal("3100"), Status.SUBMITTED, editor, editor
    claim.save()
    # The reviewer's value was approved by someone else and has been replaced since.
    assert workflow.claim_approve(claim=claim, reviewer=reviewer).status == Status.APPROVED


def test_the_creator_cannot_approve_before_a_first_approval(desk):
    claim = new_claim(desk["reviewer"])
    workflow.claim_submit(claim=claim, user=desk["reviewer"])
    with pytest.raises(ValidationError, match="Four eyes: you created this claim"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("attribution", "said an anonymous source"),
        ("period_label", "first ten months"),
        ("notes", "Read as the prefecture's figure"),
        ("value", Decimal("3200")),
    ],
)
def test_changing_a_public_field_of_an_approved_claim_is_refused_and_the_approved_version_stays_public(
    client, desk, field, value
):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    with pytest.raises(ValidationError, match=rf"what the public sees of it \({field}\) does not change"):
        edit(claim, desk["superuser"], **{field: value})
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == Status.APPROVED and getattr(stored, field) != value
    page = client.get(reverse("public:claim_detail", args=[claim.pk]))
    assert page.status_code == 200 and "3,100" in page.content.decode()


def test_a_citations_note_is_public_so_it_does_not_change_on_an_approved_claim(desk):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    citation = claim.citations.get()
    citation.note = "Paragraph four, not the headline."
    with pytest.raises(ValidationError, match=r"what the public sees of it \(citation #"):
        services.citation_save(citation=citation, user=desk["editor"])
    assert Citation.objects.get(pk=citation.pk).note == ""
    assert "note" in workflow.PUBLIC_CITATION_FIELDS


def test_a_reviewer_who_wrote_a_citations_note_cannot_approve(desk):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    citation = claim.citations.get()
    citation.note = "Paragraph four."
    services.citation_save(citation=citation, user=desk["reviewer"])
    with pytest.raises(ValidationError, match="you wrote this claim's citation"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])


def test_public_fields_are_defined_once():
    assert set(workflow.PUBLIC_CLAIM_FIELDS) >= {"value", "attribution", "period_label", "place", "unit", "notes"}
    assert "review_note" not in workflow.PUBLIC_CLAIM_FIELDS
