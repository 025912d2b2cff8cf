"""The listing's selects are written in Python (curation.public.filters.WrittenSelect): the same markup as Django's."""

import pytest
from django import forms
from django.http import QueryDict

from curation.public import selectors
from curation.public.filters import ClaimFilter, WrittenSelect
from tests.builders import make_metric, make_outlet, make_place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "place=kashgar&metric=trade&qualifier=about&sort=-value&corroborated=yes", "place=nowhere&qualifier=zzz"],
)
def test_each_select_is_written_as_djangos_templates_write_it(query):
    make_place(name="Kashgar <Kashi> & “Kaxgar”", slug="kashgar")
    make_metric(code="trade", name="Trade's value", unit="CNY")
    make_outlet(name="People's Daily")
    claim_filter = ClaimFilter(QueryDict(query), queryset=selectors.public_claims())
    claim_filter.is_valid()
    selects = [field for field in claim_filter.form.visible_fields() if isinstance(field.field.widget, forms.Select)]
    assert {field.name for field in selects} == {"place", "metric", "outlet", "qualifier", "corroborated", "sort"}
    for field in selects:
        assert isinstance(field.field.widget, WrittenSelect)
        written = str(field)
        field.field.widget.render = forms.Select.render.__get__(field.field.widget)
        assert written == str(field), field.name


@pytest.mark.parametrize("query", ["", "place=kashgar&metric=trade&outlet=1", "place=nowhere&metric=zzz"])
def test_the_selects_given_their_choices_in_one_query_are_written_as_django_writes_them_from_querysets(query):
    make_place(name="Kashgar <Kashi> & “Kaxgar”", slug="kashgar")
    make_place(name="Aksu", slug="aksu")
    make_metric(code="trade", name="Trade's value", unit="CNY")
    make_metric(code="exports", name="Exports", unit="USD")
    make_outlet(name="People's Daily")
    make_outlet(name="Xinjiang Daily")
    preloaded = ClaimFilter(QueryDict(query), queryset=selectors.public_claims())
    preloaded.load_choices()
    from_querysets = ClaimFilter(QueryDict(query), queryset=selectors.public_claims())
    for name in ("place", "metric", "outlet"):
        written = str(preloaded.form[name])
        field = from_querysets.form[name]
        field.field.widget.render = forms.Select.render.__get__(field.field.widget)
        assert written == str(field), name
        assert written.count("<option") == {"place": 3, "metric": 3, "outlet": 3}[name]


def test_the_listing_reads_the_place_metric_and_outlet_choices_in_one_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_place(name="Kashgar", slug="kashgar")
    make_metric(code="trade", name="Trade", unit="CNY")
    make_outlet(name="Xinjiang Daily")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    choice_reads = [
        query["sql"]
        for query in captured
        if any(f'FROM "curation_{table}"' in query["sql"] for table in ("place", "metric", "outlet"))
    ]
    assert len(choice_reads) == 1 and "UNION ALL" in choice_reads[0]
    assert 'value="kashgar"' in response.content.decode() and ">Trade (CNY)</option>" in response.content.decode()


def test_the_claims_without_the_search_are_those_every_other_filter_matches(django_assert_max_num_queries):
    """A common-words search's estimated count starts from them; the place's parts are read once for both."""
    from curation.models import Claim
    from tests.builders import make_claim

    region = make_place(name="Region", slug="region")
    city = make_place(name="City", slug="city", part_of=[region])
    elsewhere = make_place(name="Elsewhere", slug="elsewhere")
    inside = [
        make_claim(place=place, status=Claim.Status.APPROVED, qualifier="about", quote="cotton trade")
        for place in (region, city)
    ]
    make_claim(place=city, status=Claim.Status.APPROVED, qualifier="exact", quote="cotton trade")
    make_claim(place=elsewhere, status=Claim.Status.APPROVED, qualifier="about", quote="cotton trade")
    make_claim(place=city, status=Claim.Status.DRAFT, qualifier="about", quote="walnut trade")
    claim_filter = ClaimFilter(QueryDict("q=walnut&place=region&qualifier=about"), queryset=selectors.public_claims())
    assert list(claim_filter.qs) == []
    with django_assert_max_num_queries(1):  # the claims themselves; the place and its parts are known
        assert set(claim_filter.qs_without_search()) == set(inside)
    without_search = ClaimFilter(QueryDict("place=region&qualifier=about"), queryset=selectors.public_claims())
    assert set(without_search.qs) == set(inside)
