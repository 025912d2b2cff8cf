"""Entering a claim in the admin: from a source, numbers as articles write them, the unit from
the metric, the only citation primary, and quotes not in the article (issue 16, items 1-4)."""

from decimal import Decimal

import pytest

from curation.models import Claim
from tests.builders import make_claim, make_metric, make_outlet, make_place, make_source
from tests.test_admin import admin_url, claim_form_data

ARTICLE = "The zone recorded trade of about 10.75 billion U.S. dollars in 2024, officials said."


def post_claim(client, **overrides):
    source = overrides.pop("source", None) or make_source()
    citations = overrides.pop("citations", [("more than 3,100 new enterprises", True)])
    data = claim_form_data(
        place=make_place(), metric=overrides.pop("metric", None) or make_metric(), source=source, citations=citations
    )
    data.update(overrides)
    return client.post(admin_url(Claim, "add"), data, follow=True)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("3.94 billion", Decimal("3940000000")),
        ("17.6 bn", Decimal("17600000000")),
        ("1,234", Decimal("1234")),
        ("3,940,000,000", Decimal("3940000000")),
        ("118", Decimal("118")),
    ],
)
def test_the_value_field_accepts_what_articles_write(editor_client, typed, stored):
    response = post_claim(editor_client, value=typed)
    assert response.redirect_chain, response.context["errors"]
    assert Claim.objects.get().value == stored


def test_a_value_the_reader_cannot_read_is_refused_with_the_reason_and_nothing_saved(editor_client):
    response = post_claim(editor_client, value="1.234,5")
    assert not response.redirect_chain
    assert "write the decimal point as" in response.content.decode()
    assert not Claim.objects.exists()


def test_the_read_number_endpoint_reads_a_value_back(editor_client):
    url = "/admin/curation/claim/read-number/"
    assert editor_client.get(url, {"value": "3.94 billion"}).json() == {"reading": "3,940,000,000 = 3.94 billion"}
    assert editor_client.get(url, {"value": "1,234"}).json() == {"reading": "1,234"}
    assert "is not a number" in editor_client.get(url, {"value": "lots"}).json()["error"]


def test_the_read_number_endpoint_needs_an_admin_login(client):
    response = client.get("/admin/curation/claim/read-number/", {"value": "3"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_stored_value_is_shown_in_full_for_editing(editor_client):
    claim = make_claim(value=Decimal("3940000000"))
    content = editor_client.get(admin_url(Claim, "change", claim.pk)).content.decode()
    assert 'value="3,940,000,000"' in content


def test_an_empty_unit_is_the_metrics_unit(editor_client):
    metric = make_metric(unit="enterprises")
    post_claim(editor_client, metric=metric, unit="")
    assert Claim.objects.get().unit == "enterprises"


def test_a_typed_unit_is_kept(editor_client):
    post_claim(editor_client, metric=make_metric(unit="CNY"), unit="USD")
    assert Claim.objects.get().unit == "USD"


def test_the_only_citation_is_primary_without_ticking_it(editor_client):
    response = post_claim(editor_client, citations=[("more than 3,100 new enterprises", False)])
    assert response.redirect_chain
    assert Claim.objects.get().citations.get().is_primary


def test_the_add_page_offers_the_first_citation_as_primary(editor_client):
    content = editor_client.get(admin_url(Claim, "add")).content.decode()
    assert 'name="citations-0-is_primary" id="id_citations-0-is_primary" checked' in content


def test_the_source_page_links_to_adding_a_claim_from_it(editor_client):
    source = make_source()
    content = editor_client.get(admin_url(type(source), "change", source.pk)).content.decode()
    assert f'href="/admin/curation/claim/add/?source={source.pk}"' in content
    assert "Add a claim from this source" in content


def test_a_claim_added_from_a_source_has_the_source_its_outlet_date_and_text_filled_in(editor_client):
    outlet = make_outlet(name="Xinhua")
    source = make_source(title="Kashi trade soars", outlet=outlet, published_on="2025-01-15", body=ARTICLE)
    response = editor_client.get(admin_url(Claim, "add"), {"source": source.pk})
    content = response.content.decode()
    assert f'<option value="{source.pk}" selected>Kashi trade soars</option>' in content
    assert "Xinhua" in content and "2025-01-15" in content
    assert 'id="claim-source-text"' in content and "10.75 billion U.S. dollars" in content
    # The page's script is a static file: no inline script for the CSP to block.
    assert "curation/claim_form.js" in content
    assert "<script>" not in content.replace('<script type="application/json"', "")


def test_a_quote_not_in_the_article_saves_a_draft_with_a_warning_and_the_nearest_passage(editor_client):
    source = make_source(body=ARTICLE)
    response = post_claim(
        editor_client, source=source, citations=[("about 10.75 billion US dollars", True)], _continue="1"
    )
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.DRAFT
    messages = [(message.level_tag, str(message)) for message in response.context["messages"]]
    assert messages[0][0] == "warning"
    assert "cannot be submitted for review" in messages[0][1]
    assert "about 10.75 billion <mark>U.S.</mark> dollars" in messages[0][1]
    content = response.content.decode()
    # The change page says so too, in the citation and above the buttons.
    assert "Submission blocked" in content and "NOT FOUND in the source text" in content


def test_submitting_such_a_claim_from_its_page_is_refused(editor_client):
    claim = make_claim(source=make_source(body=ARTICLE), quote="about 10.75 billion US dollars")
    response = editor_client.post(f"/admin/curation/claim/{claim.pk}/workflow/submit/", follow=True)
    assert "not submitted" in response.content.decode() and "did you mean" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.DRAFT


def test_the_quote_check_finds_a_quote_or_offers_the_nearest_passage_in_pieces(editor_client):
    source = make_source(body=ARTICLE)
    url = "/admin/curation/claim/check-quote/"
    found = editor_client.get(url, {"source": source.pk, "quote": "about 10.75 billion U.S. dollars"}).json()
    assert found == {"found": True}
    missing = editor_client.get(url, {"source": source.pk, "quote": "about 10.75 billion US dollars"}).json()
    assert missing["found"] is False
    assert [piece["text"] for piece in missing["passage"] if piece["differs"]] == ["U.S."]
    assert "".join(piece["text"] for piece in missing["passage"]) == "about 10.75 billion U.S. dollars"
    assert "error" in editor_client.get(url, {"source": "", "quote": "x"}).json()


def test_the_quote_check_needs_permission_to_view_sources(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["view_claim", "add_claim"]))
    client.force_login(clerk)
    source = make_source(body=ARTICLE)
    response = client.get("/admin/curation/claim/check-quote/", {"source": source.pk, "quote": "trade"})
    assert response.status_code == 403
