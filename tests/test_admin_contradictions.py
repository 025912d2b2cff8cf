"""The side-by-side resolution page and the links that lead to it from a claim."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.contradictions import detection
from curation.models import Claim, Contradiction, Place
from tests.builders import make_claim, make_metric, make_outlet, make_place, make_source, signed_version

pytestmark = pytest.mark.django_db

BODY = (
    "Kashgar was busy. Since its establishment in November 2023, the Kashgar area has attracted more than "
    "3,100 new enterprises, officials said. Another sentence follows."
)


@pytest.fixture
def conflict():
    outlet = make_outlet(name="Xinhua")
    sourced = make_source(outlet=outlet, body=BODY, is_ai_assisted=True, reliability="B")
    area = make_place(name="Kashgar Area (FTZ)", kind=Place.Kind.FTZ_AREA)
    metric = make_metric(code="new_enterprises")
    make_claim(place=area, metric=metric, source=sourced, quote="more than 3,100 new enterprises")
    make_claim(place=area, metric=metric, value=Decimal(3000), qualifier="exact", quote="exactly 3,000 firms")
    detection.detect_all()
    return Contradiction.objects.get()


def resolve_url(contradiction):
    return reverse("admin:curation_contradiction_resolve", args=[contradiction.pk])


def test_resolution_page_shows_both_claims_side_by_side_with_quote_in_context_and_source(editor_client, conflict):
    content = editor_client.get(resolve_url(conflict)).content.decode()
    assert content.count("Kashgar Area (FTZ) (FTZ area)") == 2
    assert "more than 3,100 enterprises" in content and "3,000 enterprises" in content
    assert "the Kashgar area has attracted <mark>more than 3,100 new enterprises</mark>, officials said." in content
    assert "Outlet: Xinhua" in content and "AI-assisted: yes" in content and "B: established outlet" in content
    assert "Quote NOT FOUND" in content  # the second claim's quote is not in its article
    assert conflict.explanation.replace("'", "&#x27;") in content
    assert "What the rules say about this pair now" in content and "value_mismatch" in content


def test_confirming_on_the_page_records_the_decision_and_ranks_the_claims(editor_client, conflict):
    response = editor_client.post(
        resolve_url(conflict),
        {
            "status": "confirmed",
            "preferred": str(conflict.claim_a_id),
            "note": "The office's figure is primary.",
            "version": signed_version(conflict),
        },
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "confirmed" and conflict.resolution_note == "The office's figure is primary."
    assert Claim.objects.get(pk=conflict.claim_b_id).rank == Claim.Rank.DEPRECATED
    page = editor_client.get(resolve_url(conflict)).content.decode()
    assert "Deprecated in favour of claim" in page


def test_the_page_refuses_a_decision_without_a_note_or_a_preferred_claim(editor_client, conflict):
    response = editor_client.post(
        resolve_url(conflict), {"status": "dismissed", "note": "", "version": signed_version(conflict)}
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = editor_client.post(
        resolve_url(conflict), {"status": "confirmed", "note": "Real conflict.", "version": signed_version(conflict)}
    )
    assert "choose which claim is preferred" in response.content.decode()
    conflict.refresh_from_db()
    assert conflict.status == Contradiction.Status.OPEN


def test_a_reader_without_the_resolve_permission_sees_the_page_but_cannot_decide(client, django_user_model, conflict):
    reader = django_user_model.objects.create_user(username="reader", password="pw-reader-123", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename__in=["view_contradiction", "view_claim"]))
    client.force_login(reader)
    page = client.get(resolve_url(conflict)).content.decode()
    assert "needs the “resolve contradiction” permission" in page and "Save decision" not in page
    response = client.post(resolve_url(conflict), {"status": "dismissed", "note": "No."})
    assert response.status_code == 403


def test_a_claims_contradictions_are_one_click_away_from_the_claim_list_and_page(editor_client, conflict):
    changelist = editor_client.get(reverse("admin:curation_claim_changelist")).content.decode()
    filtered_url = reverse("admin:curation_contradiction_changelist") + f"?claim={conflict.claim_a_id}"
    assert f'<a href="{filtered_url}">1 open of 1</a>' in changelist.replace("&amp;", "&")
    listing = editor_client.get(filtered_url).content.decode()
    assert resolve_url(conflict) in listing and "Resolve side by side" in listing

    page = editor_client.get(reverse("admin:curation_claim_change", args=[conflict.claim_a_id])).content.decode()
    assert resolve_url(conflict) in page and "Value mismatch" in page


def test_open_contradictions_filter_and_contradiction_filter_by_claim(editor_client, conflict):
    unrelated = make_claim()
    listing = editor_client.get(reverse("admin:curation_claim_changelist") + "?contradictions=open").content.decode()
    assert f"/admin/curation/claim/{conflict.claim_a_id}/change/" in listing
    assert f"/admin/curation/claim/{unrelated.pk}/change/" not in listing
    none = editor_client.get(reverse("admin:curation_contradiction_changelist") + f"?claim={unrelated.pk}")
    assert "0 contradictions" in none.content.decode()


def test_claim_changelist_queries_do_not_grow_with_contradictions(editor_client, conflict):
    url = reverse("admin:curation_claim_changelist")
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    metric = make_metric()
    for _ in range(5):
        place = make_place()
        make_claim(place=place, metric=metric, value=Decimal(10), qualifier="exact")
        make_claim(place=place, metric=metric, value=Decimal(20), qualifier="exact")
    detection.detect_all()
    assert Contradiction.objects.count() == 6
    with CaptureQueriesContext(connection) as many:
        editor_client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_plain_change_form_cannot_bypass_the_resolution_page(editor_client, conflict):
    url = reverse("admin:curation_contradiction_change", args=[conflict.pk])
    page = editor_client.get(url).content.decode()
    assert resolve_url(conflict) in page and 'name="status"' not in page
