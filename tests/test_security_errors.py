"""With DEBUG off, errors show plain pages and no page shows unpublished claims.

The visibility checks reuse the public site's own test (tests/test_views.py) with DEBUG off,
so the published-only rule is held the way production runs.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_views import assert_no_unpublished_claim_shown, body_of, public_urls, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "hunter2", "RuntimeError", "SECRET_KEY", "DATABASES", "INSTALLED_APPS", "curation_claim"]


@pytest.fixture
def production_errors(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.urls("tests.security_urls")
def test_a_failing_page_shows_a_plain_500_without_traceback_or_settings(production_errors):
    response = Client(raise_request_exception=False).get("/failing-page/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Server error" in content
    for leak in LEAKS:
        assert leak not in content, leak


def test_the_500_page_renders_without_context():
    """Django renders it with an empty context; it loads nothing that could fail again."""
    from django.template.loader import get_template

    assert "Server error" in get_template("500.html").render({})


@pytest.mark.parametrize("url", ["/claims/999999/", "/no-such-page/", "/places/x/", "/admin/no-such-page/"])
def test_not_found_pages_show_no_debug_details(client, production_errors, url):
    response = client.get(url)
    assert response.status_code in (404, 302)
    content = body_of(response)
    for leak in [*LEAKS, "URLconf", "Using the URLconf", "ftzportal.urls", "Django tried these URL patterns"]:
        assert leak not in content, leak


def test_with_debug_off_no_public_page_shows_unpublished_claims(client, production_errors, world):  # noqa: F811
    assert_no_unpublished_claim_shown(client, world, [*public_urls(world), reverse("public:release_list")])


def test_with_debug_off_unpublished_claims_and_their_sources_are_not_found(client, production_errors, world):  # noqa: F811
    for claim in world["hidden"].values():
        response = client.get(reverse("public:claim_detail", args=[claim.pk]))
        assert response.status_code == 404
        assert "987" not in body_of(response)
    assert client.get(reverse("public:source_detail", args=[world["hidden_source"].pk])).status_code == 404
