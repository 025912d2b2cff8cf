"""Four eyes by content (issue 13, item 4) and an approved claim's public fields, which no edit changes (item 5)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from curation import services
from curation.models import Citation, Claim, Source
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
    source = Source.objects.filter(body=BODY).first() or make_source(body=BODY)
    citation = Citation(claim=claim, source=source, quote="more than 3,100 new enterprises")
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


@pytest.mark.parametrize(("field", "text"), [("quote", "3,100 new enterprises"), ("note", "Paragraph four.")])
def test_a_reviewer_who_changed_a_citations_quote_or_note_cannot_approve(desk, field, text):
    claim = new_claim(desk["editor"])
    workflow.claim_submit(claim=claim, user=desk["editor"])
    citation = claim.citations.get()
    setattr(citation, field, text)
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


def test_notes_posted_back_with_a_browsers_line_breaks_are_no_edit_of_an_approved_claim(desk):
    # An import stores LF; the admin's text box posts the same notes back with CRLF on any save.
    claim = new_claim(desk["editor"])
    edit(claim, desk["editor"], notes="Checked the date line.\nSecond source pending.")
    workflow.claim_submit(claim=claim, user=desk["editor"])
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    saved = edit(claim, desk["superuser"], notes="Checked the date line.\r\nSecond source pending.")
    assert saved.status == Status.APPROVED
    with pytest.raises(ValidationError, match=r"what the public sees of it \(notes\) does not change"):
        edit(claim, desk["superuser"], notes="Checked the date line.\r\nSecond source found.")


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


def test_public_fields_are_defined_once():
    assert set(workflow.PUBLIC_CLAIM_FIELDS) >= {"value", "attribution", "period_label", "place", "unit", "notes"}
    assert "review_note" not in workflow.PUBLIC_CLAIM_FIELDS


# --- the review queue: the same rule as one query (issue 13, review-queue filter) --------------


def legacy_back_to_review(claim: Claim, user, **changes) -> None:
    """An approved claim edited and sent back to review, as the rule before item 5 did (such histories exist)."""
    claim = Claim.objects.get(pk=claim.pk)
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.status, claim.updated_by, claim._history_user = Status.SUBMITTED, user, user
    claim.save()


def queue_scenarios(desk) -> list[Claim]:
    """Submitted claims with each kind of history that four eyes reads."""
    editor, reviewer, second = desk["editor"], desk["reviewer"], desk["second_reviewer"]
    claims = []

    def submitted(author, *steps):
        claim = new_claim(author)
        workflow.claim_submit(claim=claim, user=author)
        for step in steps:
            step(claim)
        claims.append(claim)

    def cite(user, **changes):
        def step(claim):
            citation = Citation.objects.get(claim=claim)
            for name, value in changes.items():
                setattr(citation, name, value)
            services.citation_save(citation=citation, user=user)

        return step

    submitted(editor)  # plain: the editor created it
    submitted(reviewer)  # the reviewer created it
    submitted(editor, lambda c: edit(c, reviewer, value=Decimal("3200")), lambda c: edit(c, editor, notes="Dated."))
    submitted(editor, lambda c: edit(c, reviewer, notes=""))  # a save that changed nothing
    submitted(editor, lambda c: edit(c, reviewer, attribution="Li Wei"), lambda c: edit(c, editor, attribution=""))
    submitted(editor, cite(reviewer, quote="3,100 new enterprises"))
    submitted(editor, cite(reviewer, note="Paragraph two."))
    submitted(editor, lambda c: workflow.claim_reject(claim=c, reviewer=second, note="Which period?"))
    submitted(
        second,
        lambda c: edit(c, reviewer, value=Decimal("3150")),
        lambda c: workflow.claim_approve(claim=c, reviewer=desk["superuser"]),
        lambda c: legacy_back_to_review(c, editor, value=Decimal("3100")),
    )
    submitted(
        second,
        lambda c: workflow.claim_approve(claim=c, reviewer=desk["superuser"]),
        lambda c: legacy_back_to_review(c, reviewer, period_label="two years"),
    )
    submitted(
        editor,
        lambda c: workflow.claim_approve(claim=c, reviewer=second),
        lambda c: legacy_back_to_review(c, second),  # sent back without a change of substance
    )
    bare = new_claim(second)
    Claim.history.filter(id=bare.pk).delete()  # a claim loaded without history: its recorded author
    Claim.objects.filter(pk=bare.pk).update(status=Status.SUBMITTED)
    claims.append(bare)
    return claims


def test_the_review_queue_lists_exactly_the_claims_four_eyes_lets_each_user_decide(desk):
    claims = queue_scenarios(desk)
    submitted = [claim for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]) if claim.status == "submitted"]
    assert len(submitted) >= 10
    for user in (desk["editor"], desk["reviewer"], desk["second_reviewer"], desk["superuser"]):
        may_decide = {
            claim.pk
            for claim in submitted
            if workflow.four_eyes_error(user_id=user.pk, substance_authors=workflow.substance_authors(claim)) is None
        }
        queue = {claim.pk for claim in workflow.review_queue(Claim.objects.all(), user=user)}
        assert queue == may_decide, user.username
    # The scenarios exercise both sides of the rule for the reviewer.
    reviewer_queue = workflow.review_queue(Claim.objects.all(), user=desk["reviewer"])
    assert 0 < reviewer_queue.count() < len(submitted)


def test_the_admin_review_queue_hides_a_claim_whose_value_the_reviewer_wrote_under_a_later_notes_edit(client, desk):
    editor, reviewer = desk["editor"], desk["reviewer"]
    theirs = new_claim(editor)
    workflow.claim_submit(claim=theirs, user=editor)
    edit(theirs, reviewer, value=Decimal("3200"))
    edit(theirs, editor, notes="Checked the date line.")  # the last change is the editor's
    others = new_claim(editor)
    workflow.claim_submit(claim=others, user=editor)
    edit(others, reviewer, notes="")  # a save by the reviewer that changed nothing
    client.force_login(reviewer)
    page = client.get(reverse("admin:curation_claim_changelist") + "?review_queue=mine")
    listed = {claim.pk for claim in page.context["cl"].result_list}
    assert listed == {others.pk}


def test_the_review_queue_page_costs_the_same_queries_for_few_or_many_claims(client, desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(desk["reviewer"])
    url = reverse("admin:curation_claim_changelist") + "?review_queue=mine"
    counts = []
    for total in (2, 8):
        while Claim.objects.filter(status=Status.SUBMITTED).count() < total:
            claim = new_claim(desk["editor"])
            workflow.claim_submit(claim=claim, user=desk["editor"])
            edit(claim, desk["second_reviewer"], notes=f"Checked {claim.pk}.")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert len(page.context["cl"].result_list) == total
        counts.append(len(queries))
    assert counts[1] == counts[0]
