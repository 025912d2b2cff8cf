"""End to end through the admin with the demo logins and the seed data: the editor drafts and
submits a claim from a seed article, the reviewer approves it only when the rules allow, and
every step is in the history."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from curation.management.commands.setup_demo import DEMO_PASSWORD
from curation.models import Citation, Claim, Contradiction
from tests.builders import signed_version

pytestmark = pytest.mark.django_db


def login(client, username):
    """Log in through the admin's login page, as a person would."""
    client.logout()
    response = client.post(
        reverse("admin:login"), {"username": username, "password": DEMO_PASSWORD, "next": reverse("admin:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    return client


def new_claim_data(seed_citation):
    seed_claim = seed_citation.claim
    return {
        "place": seed_claim.place_id,
        "metric": seed_claim.metric_id,
        "qualifier": seed_claim.qualifier,
        "value": str(seed_claim.value),
        "unit": seed_claim.unit,
        "period_start": seed_claim.period_start.isoformat() if seed_claim.period_start else "",
        "period_end": seed_claim.period_end.isoformat(),
        "period_label": "since the area's establishment",
        "rank": "normal",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": seed_citation.source_id,
        # Retyped with a straight apostrophe and a line break: still the article's words.
        "citations-0-quote": seed_citation.quote.replace("\u2019", "'").replace(" ", "\n", 1),
        "citations-0-is_primary": "on",
    }


def test_demo_editor_drafts_and_submits_and_demo_reviewer_approves_only_when_allowed(client):
    call_command("setup_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    seed_citation = Citation.objects.select_related("claim", "source").filter(quote_start__isnull=False).first()

    # The editor drafts a claim from a seed article.
    login(client, "editor")
    response = client.post(reverse("admin:curation_claim_add"), new_claim_data(seed_citation))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    claim = Claim.objects.order_by("-pk").first()
    assert (claim.status, claim.created_by.username) == (Claim.Status.DRAFT, "editor")
    assert claim.citations.get().is_quote_found
    change_url = reverse("admin:curation_claim_change", args=[claim.pk])
    page = client.get(change_url).content.decode()
    assert 'id="workflow-submit"' in page and 'id="workflow-approve"' not in page
    assert "<mark>" in page  # the quote in its sentence

    # ... submits it, and may not approve it.
    client.post(reverse("admin:curation_claim_transition", args=[claim.pk, "submit"]))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED
    refused = client.post(reverse("admin:curation_claim_transition", args=[claim.pk, "approve"]), follow=True)
    assert "editor may not approve claims" in refused.content.decode()

    # ... and flags it against the seed claim it repeats.
    response = client.post(
        reverse("admin:curation_contradiction_add"),
        {
            "claim_a": seed_citation.claim_id,
            "claim_b": claim.pk,
            "kind": "other",
            "explanation": "Same figure entered twice?",
            "status": "open",
        },
    )
    assert response.status_code == 302
    flag = Contradiction.objects.get(claim_b=claim)

    # The reviewer finds it in the queue; approval is blocked while the flag is open.
    login(client, "reviewer")
    queue = client.get(reverse("admin:curation_claim_review_queue"), follow=True)
    assert claim in queue.context["cl"].result_list
    blocked = client.post(reverse("admin:curation_claim_transition", args=[claim.pk, "approve"]), follow=True)
    assert f"Approval blocked: open contradiction #{flag.pk}" in blocked.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED

    # The reviewer resolves the flag side by side with a note, then approves.
    client.post(
        reverse("admin:curation_contradiction_resolve", args=[flag.pk]),
        {"status": "explained", "note": "Same article, kept as a test record.", "version": signed_version(flag)},
    )
    flag.refresh_from_db()
    assert flag.status == Contradiction.Status.EXPLAINED
    # The seed article is graded C: the claim rests on weak evidence, so approving it needs a note.
    approve_url = reverse("admin:curation_claim_transition", args=[claim.pk, "approve"])
    page = client.get(change_url).content.decode()
    assert 'id="weak-evidence"' in page and f'href="{approve_url}" id="workflow-approve"' in page
    refused = client.post(approve_url, follow=True).content.decode()
    assert "not approved: Approval blocked: weak evidence: rests only on source #" in refused
    note = "Attributed to the area's administrative office; no second source yet."
    approved = client.post(approve_url, {"note": note}, follow=True)
    assert f"Claim #{claim.pk} approved." in approved.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by.username) == (Claim.Status.APPROVED, "reviewer")
    assert claim.review_note == note

    # Every step is in the history, with who did it.
    steps = [
        (record.status, record.history_user.username, record.history_type)
        for record in claim.history.order_by("history_date", "history_id")
    ]
    assert steps == [("draft", "editor", "+"), ("submitted", "editor", "~"), ("approved", "reviewer", "~")]
    history_page = client.get(reverse("admin:curation_claim_history", args=[claim.pk])).content.decode()
    assert "Submitted" in history_page and "Approved" in history_page
    assert ">editor<" in history_page and ">reviewer<" in history_page
    assert [r.history_user.username for r in flag.history.order_by("history_date", "history_id")] == [
        "editor",
        "reviewer",
    ]
