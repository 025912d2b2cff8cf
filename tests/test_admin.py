"""The editors' admin: every page renders, search finds claims, and lists stay at a fixed query count."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from curation.models import Citation, Claim, Contradiction, Metric, Outlet, Place, PlaceAlias, PlaceLink, Source
from tests.builders import (
    make_claim,
    make_contradiction,
    make_metric,
    make_outlet,
    make_place,
    make_source,
    signed_version,
)

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Source, Place, Metric, Claim, Citation, Contradiction]


@pytest.fixture
def one_of_each():
    outlet = make_outlet(name="Global Times")
    source = make_source(outlet=outlet)
    zone = make_place(name="Xinjiang FTZ", kind=Place.Kind.ZONE)
    area = make_place(name="Kashgar Area (FTZ)", kind=Place.Kind.FTZ_AREA, aliases=["Kashi Area"], part_of=[zone])
    first = make_claim(place=area, source=source)
    second = make_claim(place=zone, value=Decimal("18000"))
    contradiction = make_contradiction(first, second)
    return {
        Outlet: outlet,
        Source: source,
        Place: area,
        Metric: first.metric,
        Claim: first,
        Citation: first.citations.get(),
        Contradiction: contradiction,
    }


# What each change page must show of its object (in a field or as text).
SHOWN = {
    Outlet: lambda outlet: outlet.name,
    Source: lambda source: source.title,
    Place: lambda place: place.name,
    Metric: lambda metric: metric.code,
    Claim: lambda claim: claim.citations.get().quote,
    Citation: lambda citation: citation.quote,
    Contradiction: lambda contradiction: contradiction.explanation,
}


def admin_url(model, action, *args):
    return reverse(f"admin:curation_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_add_and_change_pages_render_for_an_editor(editor_client, one_of_each, model):
    obj = one_of_each[model]
    change_url = admin_url(model, "change", obj.pk)
    listing = editor_client.get(admin_url(model, "changelist"))
    assert listing.status_code == 200
    # The row is listed with a link to its page, and the page says how many rows there are.
    assert change_url in listing.content.decode()
    assert obj in list(listing.context["cl"].result_list)
    add = editor_client.get(admin_url(model, "add"))
    assert add.status_code == 200
    add_content = add.content.decode()
    assert f"Add {model._meta.verbose_name}" in add_content and 'name="_save"' in add_content
    assert add.context["adminform"].form.instance.pk is None
    response = editor_client.get(change_url)
    assert response.status_code == 200
    content = response.content.decode()
    # The page is the object's own: its history link, its values in the form, a save button.
    assert admin_url(model, "history", obj.pk) in content and 'name="_save"' in content
    assert response.context["original"] == obj
    assert escape(SHOWN[model](obj)) in content


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(admin_url(Claim, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_claim_changelist_shows_what_an_editor_scans(editor_client, one_of_each):
    content = editor_client.get(admin_url(Claim, "changelist")).content.decode()
    assert "Kashgar Area (FTZ)" in content
    assert "more than 3,100 enterprises" in content
    assert "Global Times" in content
    assert "2023-11-01 – 2025-12-31" in content


def test_claim_search_finds_by_place_alias_and_quote(editor_client, one_of_each):
    claim = one_of_each[Claim]
    by_alias = editor_client.get(admin_url(Claim, "changelist"), {"q": "Kashi Area"})
    assert list(by_alias.context["cl"].result_list) == [claim]
    by_quote = editor_client.get(admin_url(Claim, "changelist"), {"q": "3,100 new enterprises"})
    assert claim in list(by_quote.context["cl"].result_list)
    nothing = editor_client.get(admin_url(Claim, "changelist"), {"q": "walnuts"})
    assert list(nothing.context["cl"].result_list) == []


def test_claim_filter_by_open_contradictions(editor_client, one_of_each):
    lonely = make_claim()
    response = editor_client.get(admin_url(Claim, "changelist"), {"contradictions": "open"})
    listed = set(response.context["cl"].result_list)
    assert one_of_each[Claim] in listed and lonely not in listed


def test_place_autocomplete_finds_a_place_by_alias(editor_client, one_of_each):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "curation", "model_name": "claim", "field_name": "place", "term": "kashi"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Kashgar Area (FTZ) (FTZ area)"]


def test_source_page_lists_the_claims_citing_it(editor_client, one_of_each):
    content = editor_client.get(admin_url(Source, "change", one_of_each[Source].pk)).content.decode()
    assert f"#{one_of_each[Claim].pk} Kashgar Area (FTZ)" in content


def test_claim_change_page_says_when_a_quote_is_not_in_the_source(editor_client):
    claim = make_claim(quote="a sentence that the article never printed")
    content = editor_client.get(admin_url(Claim, "change", claim.pk)).content.decode()
    assert "NOT FOUND in the source text" in content


def claim_form_data(*, place, metric, source, citations):
    data = {
        "place": place.pk,
        "metric": metric.pk,
        "qualifier": "more_than",
        "value": "3100",
        "unit": "enterprises",
        "period_start": "2023-11-01",
        "period_end": "2026-01-31",
        "status": "draft",
        "rank": "normal",
        "citations-TOTAL_FORMS": str(len(citations)),
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    for index, (quote, is_primary) in enumerate(citations):
        data[f"citations-{index}-source"] = source.pk
        data[f"citations-{index}-quote"] = quote
        if is_primary:
            data[f"citations-{index}-is_primary"] = "on"
    return data


def test_editor_adds_a_claim_with_its_citation_and_is_recorded_as_author(editor_client, editor):
    source = make_source()
    place, metric = make_place(), make_metric()
    data = claim_form_data(
        place=place, metric=metric, source=source, citations=[("more than 3,100 new enterprises", True)]
    )
    response = editor_client.post(admin_url(Claim, "add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    claim = Claim.objects.get()
    assert claim.created_by == editor and claim.updated_by == editor
    assert claim.value == Decimal("3100")
    assert claim.citations.get().is_quote_found


@pytest.mark.parametrize(
    "citations, message",
    [
        ([], "needs at least one citation"),
        ([("more than 3,100", False), ("3,100 new enterprises", False)], "exactly one citation as primary (0 are"),
        ([("more than 3,100", True), ("3,100 new enterprises", True)], "exactly one citation as primary (2 are"),
    ],
)
def test_claim_form_requires_one_primary_citation(editor_client, citations, message):
    data = claim_form_data(place=make_place(), metric=make_metric(), source=make_source(), citations=citations)
    response = editor_client.post(admin_url(Claim, "add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Claim.objects.exists()


def test_editor_flags_a_contradiction_in_either_order(editor_client, editor):
    first, second = make_claim(), make_claim()
    response = editor_client.post(
        admin_url(Contradiction, "add"),
        {
            "claim_a": second.pk,
            "claim_b": first.pk,
            "kind": "scope_mismatch",
            "explanation": "Kashgar area 3,100 against FTZ 18,000",
            "status": "open",
            "flagged_at_0": "2026-01-01",
            "flagged_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    flag = Contradiction.objects.get()
    assert (flag.claim_a, flag.claim_b, flag.flagged_by) == (first, second, editor)


def test_editing_a_source_text_relocates_its_quotes(editor_client):
    source = make_source(body="Before. more than 3,100 new enterprises.")
    citation = make_claim(source=source).citations.get()
    editor_client.post(
        admin_url(Source, "change", source.pk),
        {
            "title": source.title,
            "body": "A longer opening sentence. more than 3,100 new enterprises.",
            "retrieved_on": "2026-01-01",
            "reliability": "B",
            "version": signed_version(source),
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-MIN_NUM_FORMS": "0",
            "citations-MAX_NUM_FORMS": "1000",
            "citations-0-id": citation.pk,
            "citations-0-source": source.pk,
        },
    )
    citation.refresh_from_db()
    assert citation.quote_start == len("A longer opening sentence. ")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_rows(model, count):
    zone = Place.objects.get(name="Xinjiang FTZ")
    for number in range(count):
        outlet = make_outlet()
        source = make_source(outlet=outlet)
        place = make_place(part_of=[zone], aliases=[f"alias {number}"])
        claim = make_claim(place=place, source=source, metric=make_metric())
        make_contradiction(claim, Claim.objects.exclude(pk=claim.pk).first(), kind="other")
        PlaceAlias.objects.create(place=place, name=f"second alias {number}")
        PlaceLink.objects.get_or_create(part=place, whole=Place.objects.get(name="Kashgar Area (FTZ)"))


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_count_does_not_grow_with_rows(editor_client, one_of_each, model):
    url = admin_url(model, "changelist")
    few = queries_for(editor_client, url)
    add_rows(model, 15)
    assert model.objects.count() >= 3
    many = queries_for(editor_client, url)
    assert many == few


def test_claim_changelist_stays_within_a_fixed_query_budget(editor_client, one_of_each, django_assert_max_num_queries):
    add_rows(Claim, 30)
    # On PostgreSQL the count is an EXPLAIN and a time-boxed COUNT (savepoints and the timeout
    # setting included: 8 queries); the page's rows are chosen by id, then loaded (2 queries).
    with django_assert_max_num_queries(18):
        response = editor_client.get(admin_url(Claim, "changelist"))
    assert len(response.context["cl"].result_list) >= 30


def test_change_pages_do_not_query_per_citation(editor_client, one_of_each):
    source = one_of_each[Source]
    url = admin_url(Source, "change", source.pk)
    few = queries_for(editor_client, url)
    for _ in range(10):
        make_claim(source=source, place=one_of_each[Place], period_end=datetime.date(2025, 6, 30))
    assert queries_for(editor_client, url) == few
