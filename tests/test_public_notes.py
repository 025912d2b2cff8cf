"""Editorial notes are published: the claim page, the listing's CSV and JSON and a release all carry them.

The decision (docs/public-site.md, "Editorial notes"): a claim's notes say how the desk read the
article (which place "the region" is, which date an undated period was given); readers need that
to use the figure, and a reviewer approves them with the claim. Only approved claims' notes are
ever shown, like every other field.
"""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from curation.io.releases import release_publish
from curation.models import Claim
from tests.builders import make_claim

pytestmark = pytest.mark.django_db

NOTE = "'The region' is Kashgar Prefecture, not Xinjiang; the as-of date is approximated."


@pytest.fixture
def noted_claims():
    published = make_claim(status=Claim.Status.APPROVED, notes=NOTE)
    draft = make_claim(status=Claim.Status.DRAFT, notes="Draft: held until the scope is confirmed.")
    return published, draft


def test_the_claim_page_shows_its_editorial_note(client, noted_claims):
    published, _ = noted_claims
    page = client.get(reverse("public:claim_detail", args=[published.pk])).content.decode()
    assert "Editor’s note" in page
    assert "&#x27;The region&#x27; is Kashgar Prefecture" in page


def test_the_listing_csv_and_json_carry_the_same_notes_as_a_release(client, noted_claims, django_user_model):
    published, draft = noted_claims
    csv_text = client.get(reverse("public:claim_csv")).getvalue().decode()
    listing_csv = list(csv.DictReader(io.StringIO(csv_text)))
    listing_json = json.loads(client.get(reverse("public:claim_json")).getvalue())
    publisher = django_user_model.objects.create_user(username="publisher", password="pw-publisher-123")
    publisher.user_permissions.set(Permission.objects.filter(codename="publish_release"))
    release = release_publish(title="Notes", user=publisher)
    release_csv = list(csv.DictReader(io.StringIO(bytes(release.files.get(name="claims.csv").content).decode())))

    for rows in (listing_csv, listing_json, release_csv):
        assert {str(row["id"]): row["notes"] for row in rows} == {str(published.pk): NOTE}
    assert draft.notes not in json.dumps(listing_json)
