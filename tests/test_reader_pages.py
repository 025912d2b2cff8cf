"""The reader's side of issue 16: source link text in the listing, the favicon, the export page's script."""

import pytest
from django.urls import reverse

from curation.models import Claim
from tests.builders import make_claim, make_outlet, make_source

pytestmark = pytest.mark.django_db


def test_a_claim_whose_source_has_no_outlet_is_listed_by_the_source_title(client):
    untitled_outlet = make_source(title="Kashgar's bonded zone doubles its trade")
    with_outlet = make_source(title="Horgos port sends 40,000 vehicles", outlet=make_outlet(name="Tianshan Net"))
    make_claim(status=Claim.Status.APPROVED, source=untitled_outlet)
    make_claim(status=Claim.Status.APPROVED, source=with_outlet)
    page = client.get(reverse("public:claim_list")).content.decode()
    assert "Unknown outlet" not in page
    assert f'{untitled_outlet.pk}/">Kashgar&#x27;s bonded zone doubles its trade</a>' in page
    assert f'{with_outlet.pk}/">Horgos port sends 40,000 vehicles</a><span class="outlet">Tianshan Net</span>' in page


def test_favicon_ico_is_served_and_linked_from_every_public_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO directory with one image
    assert b"\x89PNG" in response.content
    assert '<link rel="icon" href="/favicon.ico"' in client.get(reverse("public:claim_list")).content.decode()


def test_the_export_page_has_no_inline_handler_and_loads_the_select_all_script(client, desk):
    make_claim(status=Claim.Status.APPROVED)
    client.force_login(desk["superuser"])
    page = client.get(reverse("admin:curation_claim_export")).content.decode()
    assert "Select all" in page
    assert "onchange=" not in page and "onclick=" not in page
    assert "curation/admin/export_select_all.js" in page
    assert 'id="select-all-toggle-0"' in page and 'for="select-all-toggle-0"' in page
