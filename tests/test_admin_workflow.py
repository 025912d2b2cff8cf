"""The workflow in the admin: buttons, bulk actions, the queue, history, reverts and the evidence view."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation import services
from curation.contradictions import resolution
from curation.models import Claim, Contradiction, Job, Source
from curation.review import workflow
from tests.builders import START, make_claim, make_claim_in, make_contradiction, make_place, make_source, signed_version
from tests.test_workflow import approved_after_an_edit

pytestmark = pytest.mark.django_db
Status = Claim.Status


def change_url(claim):
    return reverse("admin:curation_claim_change", args=[claim.pk])


def transition_url(claim, action):
    return reverse("admin:curation_claim_transition", args=[claim.pk, action])


def changelist_url():
    return reverse("admin:curation_claim_changelist")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


ALLOWED = {
    "anonymous": set(),
    "editor": {"submit", "revise"},
    "reviewer": {"submit", "revise", "approve", "reject", "retract"},
    "superuser": {"submit", "revise", "approve", "reject", "retract"},
}


@pytest.mark.parametrize("action", START)
@pytest.mark.parametrize("role", ALLOWED)
def test_permission_matrix_through_the_change_page_buttons(client, desk, role, action):
    claim = make_claim_in(START[action], created_by=desk["second_reviewer"])
    user = None if role == "anonymous" else desk[role]
    response = logged_in(client, user).post(transition_url(claim, action), {"note": "A reason a reviewer writes."})
    claim.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert claim.status == START[action]
    elif action in ALLOWED[role]:
        assert response.status_code == 302 and response["Location"] == change_url(claim)
        assert claim.status == workflow.TRANSITIONS[action].target
    else:
        assert response.status_code == 302
        assert claim.status == START[action]
        assert any(f"may not {action} claims" in message for message in messages_of(response))


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_change_page_shows_only_the_buttons_the_user_may_press(client, desk, role):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["second_reviewer"])
    content = logged_in(client, desk[role]).get(change_url(claim)).content.decode()
    assert ('id="workflow-approve"' in content) == (role == "reviewer")
    assert ('id="workflow-reject"' in content) == (role == "reviewer")
    assert 'id="workflow-submit"' not in content  # not a draft


def test_change_page_offers_no_decision_to_the_claims_own_author(client, desk):
    """The buttons come from workflow.allowed_transitions, which knows four eyes."""
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["reviewer"])
    own = logged_in(client, desk["reviewer"]).get(change_url(claim)).content.decode()
    assert 'id="workflow-approve"' not in own and 'id="workflow-reject"' not in own
    other = logged_in(client, desk["second_reviewer"]).get(change_url(claim)).content.decode()
    assert 'id="workflow-approve"' in other and 'id="workflow-reject"' in other
    assert [t.action for t in workflow.allowed_transitions(claim=claim, user=desk["reviewer"])] == []
    assert [t.action for t in workflow.allowed_transitions(claim=claim, user=desk["second_reviewer"])] == [
        "approve",
        "reject",
    ]


def test_reject_button_asks_for_a_note_and_refuses_an_empty_one(client, desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    client.force_login(desk["reviewer"])
    form_page = client.get(transition_url(claim, "reject"))
    assert form_page.status_code == 200 and "Note (required)" in form_page.content.decode()
    empty = client.post(transition_url(claim, "reject"), {"note": "  "})
    assert empty.status_code == 200 and "give a note saying why" in empty.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED
    client.post(transition_url(claim, "reject"), {"note": "Period is Jan-Aug, not the full year."})
    claim.refresh_from_db()
    assert (claim.status, claim.review_note) == (Status.REJECTED, "Period is Jan-Aug, not the full year.")


def test_illegal_transition_is_an_admin_message_and_changes_nothing(client, desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    response = logged_in(client, desk["reviewer"]).post(transition_url(claim, "approve"), follow=True)
    assert "The claim is draft; only a submitted claim can be approved." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Status.DRAFT


def test_approve_button_says_which_rule_blocked_it(client, desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    flag = make_contradiction(claim, make_claim())
    page = logged_in(client, desk["reviewer"]).get(change_url(claim)).content.decode()
    assert f"open contradiction #{flag.pk}" in page  # shown before pressing
    response = client.post(transition_url(claim, "approve"), follow=True)
    assert f"Claim #{claim.pk} not approved: Approval blocked: open contradiction #{flag.pk}" in (
        response.content.decode()
    )
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED


def test_the_change_page_says_an_imported_claim_waits_for_its_queued_contradiction_check(client, desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    check = Job.objects.create(
        kind=Job.Kind.CONTRADICTIONS, parameters={"imported_claims": 1, "claim_ranges": [[claim.pk, claim.pk]]}
    )
    page = logged_in(client, desk["reviewer"]).get(change_url(claim)).content.decode()
    assert f"the contradiction check of the import that wrote this claim (job #{check.pk}) is queued" in page
    response = client.post(transition_url(claim, "approve"), {"note": "Checked by hand."}, follow=True)
    assert f"Claim #{claim.pk} not approved: Approval blocked: the contradiction check" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED

    Job.objects.filter(pk=check.pk).update(state=Job.State.DONE)
    assert f"job #{check.pk}" not in client.get(change_url(claim)).content.decode()


def post_action(client, action, claims, **extra):
    data = {"action": action, "_selected_action": [claim.pk for claim in claims], **extra}
    return client.post(changelist_url(), data, follow=True)


def test_bulk_approve_applies_the_rules_row_by_row_and_reports_why(client, desk):
    good = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    own = make_claim_in(Status.SUBMITTED, created_by=desk["reviewer"])
    draft = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    disputed = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    make_contradiction(disputed, draft)
    response = post_action(logged_in(client, desk["reviewer"]), "approve_selected", [good, own, draft, disputed])
    messages = messages_of(response)
    assert f"1 of 4 claims approved: #{good.pk}." in messages
    assert any(m.startswith(f"1 claim not approved (#{own.pk}): Four eyes") for m in messages)
    assert any(m.startswith(f"1 claim not approved (#{draft.pk}): The claim is draft") for m in messages)
    assert any(
        m.startswith(f"1 claim not approved (#{disputed.pk}): Approval blocked: open contradiction") for m in messages
    )
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert statuses == {good.pk: "approved", own.pk: "submitted", draft.pk: "draft", disputed.pk: "submitted"}


def test_bulk_submit_counts_successes_and_groups_refusals(client, desk):
    drafts = [make_claim_in(Status.DRAFT) for _ in range(3)]
    approved = make_claim_in(Status.APPROVED)
    messages = messages_of(post_action(logged_in(client, desk["editor"]), "submit_selected", [*drafts, approved]))
    assert messages[0].startswith("3 of 4 claims submitted")
    assert messages[1] == (
        f"1 claim not submitted (#{approved.pk}): The claim is approved; only a draft claim can be submitted."
    )


def test_bulk_reject_asks_for_one_note_then_rejects_row_by_row(client, desk):
    claims = [make_claim_in(Status.SUBMITTED, created_by=desk["editor"]) for _ in range(2)]
    client.force_login(desk["reviewer"])
    page = post_action(client, "reject_selected", claims)
    assert "Note (required" in page.content.decode()
    assert set(Claim.objects.values_list("status", flat=True)) == {"submitted"}
    empty = post_action(client, "reject_selected", claims, confirm="yes", note="")
    assert "give a note saying why" in empty.content.decode()
    done = post_action(client, "reject_selected", claims, confirm="yes", note="Duplicate of claim 4.")
    assert "2 of 2 claims rejected" in " ".join(messages_of(done))
    assert set(Claim.objects.values_list("status", "review_note")) == {("rejected", "Duplicate of claim 4.")}


def test_editor_does_not_see_review_actions(client, desk):
    make_claim_in(Status.SUBMITTED)
    actions = dict(
        logged_in(client, desk["editor"]).get(changelist_url()).context["action_form"].fields["action"].choices
    )
    assert "submit_selected" in actions and "revise_selected" in actions
    assert "approve_selected" not in actions and "retract_selected" not in actions


def test_status_cannot_be_set_through_the_change_form(client, desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    client.force_login(desk["editor"])
    form = client.get(change_url(claim)).context["adminform"].form
    assert "status" not in form.fields and "review_note" not in form.fields


def claim_form_data(claim, **changes):
    citation = claim.citations.get()
    data = {
        "place": claim.place_id,
        "metric": claim.metric_id,
        "qualifier": claim.qualifier,
        "value": str(claim.value),
        "unit": claim.unit,
        "period_start": claim.period_start.isoformat() if claim.period_start else "",
        "period_end": claim.period_end.isoformat(),
        "rank": claim.rank,
        "status": "approved",  # ignored: the status is read-only
        "citations-TOTAL_FORMS": "2",
        "citations-INITIAL_FORMS": "1",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-id": citation.pk,
        "citations-0-claim": claim.pk,
        "citations-0-source": citation.source_id,
        "citations-0-quote": citation.quote,
        "citations-0-is_primary": "on",
        "citations-0-version": signed_version(citation),
        "version": signed_version(claim),
    }
    data.update(changes)
    return data


def test_editing_an_approved_claims_value_in_the_admin_is_refused_and_loses_nothing(client, desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    client.force_login(desk["editor"])
    response = client.post(change_url(claim), claim_form_data(claim, value="3200"))
    assert response.status_code == 200
    assert "is approved, and what the public sees of it (value) does not change" in response.content.decode()
    assert response.context["adminform"].form["value"].value() == "3200"  # the edit is still on the page
    claim.refresh_from_db()
    assert (claim.value, claim.status) == (3100, Status.APPROVED)


def test_a_correction_of_an_approved_claim_is_saved_as_a_new_draft_with_its_citations(client, desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    client.force_login(desk["editor"])
    data = claim_form_data(claim, value="3200", _saveasnew="Save as new")
    response = client.post(change_url(claim), data)
    assert response.status_code == 302
    correction = Claim.objects.exclude(pk=claim.pk).get()
    assert (correction.value, correction.status, correction.created_by) == (3200, Status.DRAFT, desk["editor"])
    assert [c.quote for c in correction.citations.all()] == [c.quote for c in claim.citations.all()]
    claim.refresh_from_db()
    assert (claim.value, claim.status, claim.citations.count()) == (3100, Status.APPROVED, 1)


def test_editing_a_drafts_value_keeps_it_a_draft(client, desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    client.force_login(desk["editor"])
    client.post(change_url(claim), claim_form_data(claim, value="3200"))
    claim.refresh_from_db()
    assert (claim.value, claim.status) == (3200, Status.DRAFT)


def test_review_queue_lists_others_submitted_claims_oldest_first(client, desk):
    newer = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    older = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    mine = make_claim_in(Status.DRAFT, created_by=desk["reviewer"])
    for claim in (older, newer, mine):
        workflow.claim_submit(claim=claim, user=desk["editor"])
    make_claim_in(Status.DRAFT, created_by=desk["editor"])
    client.force_login(desk["reviewer"])
    queue = client.get(reverse("admin:curation_claim_review_queue"), follow=True)
    assert list(queue.context["cl"].result_list) == [older, newer]
    assert "Awaiting my review" in queue.content.decode()


def test_an_approved_claim_cannot_be_deleted_from_the_admin(client, desk):
    approved = make_claim_in(Status.APPROVED)
    draft = make_claim_in(Status.DRAFT)
    client.force_login(desk["superuser"])
    assert client.post(reverse("admin:curation_claim_delete", args=[approved.pk]), {"post": "yes"}).status_code == 403
    page = post_action(client, "delete_selected", [approved, draft], post="yes")
    assert "never deleted" in page.content.decode()
    assert "doesn't have permission" not in page.content.decode()
    assert set(Claim.objects.values_list("pk", flat=True)) == {approved.pk, draft.pk}
    client.post(reverse("admin:curation_claim_delete", args=[draft.pk]), {"post": "yes"})
    assert set(Claim.objects.values_list("pk", flat=True)) == {approved.pk}


def test_a_retracted_claim_is_view_only(client, desk):
    claim = make_claim_in(Status.RETRACTED)
    response = logged_in(client, desk["superuser"]).get(change_url(claim))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]


def history_url(obj):
    return reverse(f"admin:curation_{obj._meta.model_name}_history", args=[obj.pk])


def test_history_page_shows_who_when_and_the_field_level_diff(client, desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    client.force_login(desk["editor"])
    client.post(change_url(claim), claim_form_data(claim, value="3200", notes="Rechecked the figure."))
    workflow.claim_submit(claim=claim, user=desk["editor"])
    content = client.get(history_url(claim)).content.decode()
    assert "<strong>Value:</strong>" in content and "3,100" in content and "3,200" in content
    # Values as the article writes them, not as the column stores them.
    assert "3100.000000" not in content
    assert "<strong>Editorial notes:</strong>" in content
    assert "<strong>Status:</strong>" in content and "Submitted" in content
    assert ">ed<" in content  # the user, linked


@pytest.mark.parametrize("model", ["source", "citation", "contradiction"])
def test_history_of_sources_citations_and_contradictions_shows_diffs(client, desk, model):
    claim = make_claim()
    objects = {
        "source": claim.citations.get().source,
        "citation": claim.citations.get(),
        "contradiction": make_contradiction(claim, make_claim()),
    }
    obj = objects[model]
    field, value, label = {
        "source": ("notes", "Checked against the print edition.", "Notes"),
        "citation": ("note", "Second paragraph.", "Note"),
        "contradiction": ("explanation", "3,100 against 18,000.", "Explanation"),
    }[model]
    setattr(obj, field, value)
    obj._history_user = desk["editor"]
    obj.save()
    content = logged_in(client, desk["editor"]).get(history_url(obj)).content.decode()
    assert f"<strong>{label}:</strong>" in content and value in content


def revert_url(obj, record):
    return reverse(f"admin:curation_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id])


def test_reverting_an_approved_claim_to_another_value_is_refused(client, desk):
    claim, first = approved_after_an_edit(desk)
    client.force_login(desk["editor"])
    form = client.get(revert_url(claim, first)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    response = client.post(revert_url(claim, first), data)
    assert response.status_code == 200
    assert "what the public sees of it (value) does not change" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.value, claim.status) == (3150, Status.APPROVED)


def test_a_retracted_claim_cannot_be_reverted(client, desk):
    claim = make_claim_in(Status.RETRACTED)
    record = claim.history.latest("history_date")
    response = logged_in(client, desk["superuser"]).post(revert_url(claim, record), {"value": "1"})
    assert response.status_code == 403


def test_an_editor_cannot_reopen_a_dismissed_contradiction_by_reverting(client, desk):
    flag = make_contradiction(make_claim(), make_claim())
    open_version = flag.history.latest("history_date")
    resolution.contradiction_resolve(contradiction=flag, user=desk["reviewer"], status="dismissed", note="Scope.")
    client.force_login(desk["editor"])
    response = client.post(
        revert_url(flag, open_version),
        {"claim_a": flag.claim_a_id, "claim_b": flag.claim_b_id, "kind": flag.kind, "explanation": flag.explanation},
    )
    assert response.status_code == 403
    assert Contradiction.objects.get(pk=flag.pk).status == "dismissed"


def contradiction_data(flag, **changes):
    data = {
        "claim_a": flag.claim_a_id,
        "claim_b": flag.claim_b_id,
        "kind": flag.kind,
        "explanation": flag.explanation,
        "status": flag.status,
        "resolution_note": flag.resolution_note,
    }
    data.update(changes)
    return data


def test_contradiction_status_changes_only_on_the_side_by_side_page_with_a_note(client, desk):
    flag = make_contradiction(make_claim(), make_claim())
    url = reverse("admin:curation_contradiction_change", args=[flag.pk])
    resolve_url = reverse("admin:curation_contradiction_resolve", args=[flag.pk])
    for role in ("editor", "reviewer"):
        client.force_login(desk[role])
        assert "status" not in client.get(url).context["adminform"].form.fields
        client.post(url, contradiction_data(flag, status="dismissed", resolution_note="no"))
        assert Contradiction.objects.get(pk=flag.pk).status == "open"
    client.force_login(desk["editor"])
    assert client.post(resolve_url, {"status": "explained", "note": "x"}).status_code == 403
    client.force_login(desk["reviewer"])
    refused = client.post(resolve_url, {"status": "dismissed", "note": "", "version": signed_version(flag)})
    assert "This field is required" in refused.content.decode()
    assert Contradiction.objects.get(pk=flag.pk).status == "open"
    client.post(resolve_url, {"status": "explained", "note": "Different periods.", "version": signed_version(flag)})
    flag.refresh_from_db()
    assert (flag.status, flag.resolved_by, flag.resolution_note) == (
        "explained",
        desk["reviewer"],
        "Different periods.",
    )


HOSTILE = (
    'Opening <script>alert("owned")</script> line.\n'
    "Trade reached <b>93.16 billion yuan</b> & more than 3,100 new enterprises.\n"
    '<img src=x onerror="alert(1)"> The end.'
)


def test_evidence_view_escapes_a_hostile_article_and_links_each_quote_to_its_claim(client, desk):
    source = make_source(body=HOSTILE)
    claim = make_claim(source=source, quote="more than 3,100 new enterprises")
    tagged = make_claim(source=source, quote="<b>93.16 billion yuan</b>")
    missing = make_claim(source=source, quote="a quote <i>not</i> in the text")
    content = logged_in(client, desk["editor"]).get(reverse("admin:curation_source_change", args=[source.pk]))
    html = content.content.decode()
    evidence = html[html.index('class="evidence"') :]
    assert "<script>" not in html and "<img src=x" not in html and "<i>not</i>" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in evidence
    assert "&amp; " in evidence
    assert ">more than 3,100 new enterprises</mark>" in evidence
    assert "&lt;b&gt;93.16 billion yuan&lt;/b&gt;</mark>" in evidence
    assert f'href="{change_url(claim)}"' in evidence and f'href="{change_url(tagged)}"' in evidence
    assert "NOT FOUND in this text" in evidence and f"claim #{missing.pk}" in evidence
    assert "a quote &lt;i&gt;not&lt;/i&gt; in the text" in evidence


def test_claim_page_shows_the_quote_in_its_sentence_escaped(client, desk):
    source = make_source(body=HOSTILE)
    claim = make_claim(source=source, quote="more than 3,100 new enterprises")
    html = logged_in(client, desk["editor"]).get(change_url(claim)).content.decode()
    assert (
        "Trade reached &lt;b&gt;93.16 billion yuan&lt;/b&gt; &amp; <mark>more than 3,100 new enterprises</mark>."
    ) in html
    assert "<script>" not in html


def test_evidence_of_a_seeded_article_highlights_all_its_found_quotes(client, desk):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    source = Source.objects.get(pk=1)
    found = source.citations.filter(quote_start__isnull=False).count()
    html = logged_in(client, desk["editor"]).get(reverse("admin:curation_source_change", args=[1])).content.decode()
    assert found > 5
    assert html.count("<sup><a href=") == found


def test_history_page_query_count_does_not_grow_with_versions(client, desk):
    claim = make_claim(created_by=desk["editor"])
    client.force_login(desk["editor"])
    counts = []
    for versions in (2, 20):
        while claim.history.count() < versions:
            claim.value += 1
            claim.place = make_place()
            services.claim_save(claim=claim, user=desk["editor"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(history_url(claim)).status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0]


def post_citation_page(client, citation, **changes):
    """Save a citation on its own admin page with `changes` to what it holds now; the page's answer."""
    data = {
        "claim": citation.claim_id,
        "source": citation.source_id,
        "quote": citation.quote,
        "is_primary": "on",
        "version": signed_version(citation),
    }
    return client.post(reverse("admin:curation_citation_change", args=[citation.pk]), {**data, **changes})


def test_changing_a_citation_on_its_own_page_counts_as_changing_the_claim(client, desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["editor"])
    citation = claim.citations.get()
    response = post_citation_page(logged_in(client, desk["reviewer"]), citation, quote="3,100 new enterprises")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.updated_by == desk["reviewer"]
    assert claim.history.latest("history_date").history_change_reason == f"Citation #{citation.pk} changed"
    refused = client.post(transition_url(claim, "approve"), follow=True)
    assert "Four eyes: you wrote this claim&#x27;s citation" in refused.content.decode()


def test_citations_of_a_retracted_claim_are_view_only(client, desk):
    citation = make_claim_in(Status.RETRACTED).citations.get()
    url = reverse("admin:curation_citation_change", args=[citation.pk])
    response = logged_in(client, desk["superuser"]).get(url)
    assert not response.context["has_change_permission"] and not response.context["has_delete_permission"]


# --- an approved claim's evidence, rank and flags cannot change unreviewed -----------------------


@pytest.mark.parametrize("field, value", [("quote", "5,173 in all"), ("note", "Second paragraph.")])
def test_changing_an_approved_claims_citation_in_its_page_is_refused(client, desk, field, value):
    source = make_source(body="Intro. The area attracted more than 3,100 new enterprises and 5,173 in all.")
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"], source=source)
    client.force_login(desk["editor"])
    data = claim_form_data(claim, **{f"citations-0-{field}": value})
    response = client.post(change_url(claim), data)
    assert response.status_code == 200
    assert f"what the public sees of it (citation #{claim.citations.get().pk})" in response.content.decode()
    claim.refresh_from_db()
    assert getattr(claim.citations.get(), field) != value
    assert claim.status == Status.APPROVED


def test_changing_an_approved_claims_citation_on_its_own_page_is_refused(client, desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    citation = claim.citations.get()
    response = post_citation_page(logged_in(client, desk["editor"]), citation, note="Headline.")
    assert response.status_code == 200
    assert "is approved, and what the public sees of it" in response.content.decode()
    citation.refresh_from_db()
    assert citation.note == ""
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


def test_a_claims_primary_or_only_citation_cannot_be_deleted(client, desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["editor"])
    citation = claim.citations.get()
    client.force_login(desk["superuser"])
    response = client.post(reverse("admin:curation_citation_delete", args=[citation.pk]), {"post": "yes"}, follow=True)
    assert "a claim needs at least one" in response.content.decode()
    assert claim.citations.count() == 1
    with pytest.raises(services.ValidationError, match="the only one"):
        services.citation_delete(citation=citation, user=desk["editor"])


def test_adding_or_deleting_a_citation_of_an_approved_claim_is_refused(desk):
    claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
    extra = services.citation_save(
        citation=claim.citations.model(claim=claim, source=make_source(), quote="Trade reached"), user=desk["editor"]
    )
    Claim.objects.filter(pk=claim.pk).update(status=Status.APPROVED)
    with pytest.raises(services.ValidationError, match=r"what the public sees of it \(citation #"):
        services.citation_delete(citation=extra, user=desk["editor"])
    with pytest.raises(services.ValidationError, match=r"what the public sees of it \(citations\)"):
        services.citation_save(
            citation=claim.citations.model(claim=claim, source=make_source(), quote="Trade"), user=desk["editor"]
        )
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED and claim.citations.count() == 2


def test_editors_cannot_set_a_claims_rank_by_hand(client, desk):
    claim = make_claim_in(Status.APPROVED, created_by=desk["second_reviewer"])
    client.force_login(desk["editor"])
    form = client.get(change_url(claim)).context["adminform"].form
    assert "rank" not in form.fields and "rank_reason" not in form.fields
    client.post(change_url(claim), claim_form_data(claim, rank="deprecated", rank_reason="I say so"))
    claim.refresh_from_db()
    assert (claim.rank, claim.rank_reason) == (Claim.Rank.NORMAL, "")


def test_a_flagged_pair_cannot_be_repointed_and_a_reviewed_explanation_stays(client, desk):
    first, second, third = make_claim(), make_claim(), make_claim()
    flag = make_contradiction(first, second, status=Contradiction.Status.EXPLAINED, resolution_note="Checked.")
    client.force_login(desk["editor"])
    form = client.get(reverse("admin:curation_contradiction_change", args=[flag.pk])).context["adminform"].form
    assert not {"claim_a", "claim_b", "kind", "explanation"} & set(form.fields)
    client.post(
        reverse("admin:curation_contradiction_change", args=[flag.pk]),
        contradiction_data(flag, claim_b=third.pk, explanation="Something else entirely"),
    )
    flag.refresh_from_db()
    assert (flag.claim_b, flag.explanation, flag.status) == (second, "The two figures disagree.", "explained")
