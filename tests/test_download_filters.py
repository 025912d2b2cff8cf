"""Unknown or invalid filters on the listing and downloads answer 400 with the reason, never the
unfiltered set (issue 13, item 8)."""

import json

import pytest
from django.urls import reverse

from curation.models import Claim
from tests.builders import make_claim, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    claim = make_claim(status=Claim.Status.APPROVED, attribution="the published one")
    hidden_source = make_source(title="Only a draft cites this")
    make_claim(source=hidden_source, status=Claim.Status.DRAFT)
    return {"claim": claim, "hidden_source": hidden_source}


def content_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_a_json_download_filtered_by_a_source_without_approved_claims_is_refused(client, published):
    response = client.get(reverse("public:claim_json"), {"source": published["hidden_source"].pk})
    assert response.status_code == 400
    answer = json.loads(content_of(response))
    assert "source" in answer["errors"] and "valid choice" in answer["errors"]["source"][0]
    assert answer["error"].startswith("The filters cannot be applied: source: Select a valid choice.")
    assert "the published one" not in content_of(response)


def test_a_csv_download_with_an_invalid_year_is_refused_with_the_reason(client, published):
    response = client.get(reverse("public:claim_csv"), {"year": "20x5"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    text = content_of(response)
    assert "year: Enter a number." in text and "the published one" not in text


@pytest.mark.parametrize("url_name", ["public:claim_csv", "public:claim_json"])
def test_an_unknown_download_filter_is_refused_with_a_suggestion(client, published, url_name):
    response = client.get(reverse(url_name), {"sourc": "7"})
    assert response.status_code == 400
    text = content_of(response)
    assert "unknown filter 'sourc' (did you mean 'source'?)" in text and "the published one" not in text


@pytest.mark.parametrize("url_name", ["public:claim_csv", "public:claim_json"])
def test_valid_and_empty_filters_still_download(client, published, url_name):
    assert "the published one" in content_of(client.get(reverse(url_name), {"place": "", "sort": "-date"}))


def test_the_listing_with_an_invalid_filter_lists_nothing_and_says_why(client, published):
    response = client.get(reverse("public:claim_list"), {"source": published["hidden_source"].pk})
    assert response.status_code == 400
    text = content_of(response)
    assert "Source: Select a valid choice" in text and "the published one" not in text
    assert len(response.context["page"].object_list) == 0
