"""The admin at scale: every list page at a fixed query count, the editors' search, the paginator.

The speed itself is measured by bench/admin_bench.py; these tests hold the behaviour that makes
it possible (no query per row, no duplicate rows, the right rows on every page) on SQLite and
PostgreSQL alike.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.views.main import ORDER_VAR
from django.db import connection
from django.urls import reverse
from django.utils.html import strip_tags

from curation.admin.scaling import LargeTablePaginator
from curation.db import counting
from curation.db.search import editor_search_claims
from curation.models import Citation, Claim, Contradiction, Place, Source
from tests.builders import make_claim, make_claim_in, make_metric, make_place, make_source
from tests.test_admin import add_rows, admin_url, one_of_each, queries_for  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

CLAIM_LIST_QUERIES = [
    "",
    "status__exact=approved",
    "status__exact=draft",
    "contradictions=open",
    "contradictions=any",
    "qualifier__exact=more_than",
    "rank__exact=normal",
    "place__kind__exact=city",
    "period_year=2025",
    "review_queue=mine",
    "q=enterprises",
    "q=Kashgar",
    "q=%22new+enterprises%22",
    "q=Article",
    "q=3100+enterprises",
    "p=2",
]


def _claim_list_urls(client, world):
    """Every variant of the claim list: each filter, search and sortable column in both directions."""
    base = admin_url(Claim, "changelist")
    urls = [f"{base}?{query}" for query in CLAIM_LIST_QUERIES]
    urls += [
        f"{base}?metric__id__exact={world[Claim].metric_id}",
        f"{base}?place__id__exact={world[Claim].place_id}",
    ]
    changelist = client.get(base).context["cl"]
    for index, name in enumerate(changelist.list_display):
        if changelist.get_ordering_field(name):
            urls += [f"{base}?{ORDER_VAR}={index}", f"{base}?{ORDER_VAR}=-{index}"]
    return urls


def _other_list_urls(world):
    autocomplete = reverse("admin:autocomplete")
    return [
        admin_url(Contradiction, "changelist") + "?status__exact=open",
        admin_url(Contradiction, "changelist") + f"?claim={world[Claim].pk}",
        admin_url(Contradiction, "changelist") + "?q=disagree",
        admin_url(Place, "changelist") + f"?{ORDER_VAR}=-5",
        admin_url(Place, "changelist") + "?q=Kashgar",
        reverse("admin:curation_source_changelist") + f"?{ORDER_VAR}=-6",
        reverse("admin:curation_source_changelist") + "?q=Article",
        reverse("admin:curation_citation_changelist") + "?q=enterprises",
        reverse("admin:curation_citation_changelist") + f"?source__id__exact={world[Source].pk}",
        reverse("admin:curation_citation_changelist") + "?is_primary__exact=1",
        f"{autocomplete}?app_label=curation&model_name=claim&field_name=conversion_of&term=Kashgar",
        f"{autocomplete}?app_label=curation&model_name=claim&field_name=place&term=Kash",
        f"{autocomplete}?app_label=curation&model_name=claim&field_name=metric&term=ent",
        f"{autocomplete}?app_label=curation&model_name=citation&field_name=source&term=Article",
        f"{autocomplete}?app_label=curation&model_name=contradiction&field_name=claim_a&term=enterprises",
    ]


def test_every_admin_list_page_keeps_its_query_count_as_rows_grow(editor_client, one_of_each):  # noqa: F811
    urls = _claim_list_urls(editor_client, one_of_each) + _other_list_urls(one_of_each)
    few = {url: queries_for(editor_client, url) for url in urls}
    add_rows(Claim, 12)
    for claim in Claim.objects.all()[:6]:
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.SUBMITTED, notes="Checked twice.")
    many = {url: queries_for(editor_client, url) for url in urls}
    grown = {url: (few[url], many[url]) for url in urls if many[url] != few[url]}
    assert not grown, f"query count grew with the rows (before, after): {grown}"


def test_a_claim_list_sorted_by_a_column_is_then_ordered_by_latest_period(editor_client, one_of_each):  # noqa: F811
    changelist = editor_client.get(admin_url(Claim, "changelist")).context["cl"]
    status_column = changelist.list_display.index("status")
    ordering = editor_client.get(f"{admin_url(Claim, 'changelist')}?o={status_column}").context["cl"].queryset.query
    # The column, then the list's own order (which the claim indexes end in), no extra "-pk".
    assert list(ordering.order_by) == ["status", "-period_end", "id"]


# ----------------------------------------------------------------------------------------------
# The editors' search
# ----------------------------------------------------------------------------------------------
@pytest.fixture
def searchable():
    kashgar = make_place(name="Kashgar Area (FTZ)", aliases=["Kashi Area"])
    horgos = make_place(name="Horgos Port")
    cotton = make_metric(code="cotton_exports", name="Cotton exports", unit="tonnes")
    source = make_source(
        title="Walnut harvest report",
        body="Farmers sold walnuts by railway to Almaty. Exports of cotton grew. New enterprises opened.",
    )
    other_source = make_source(title="Customs bulletin", body="The bonded warehouse handled exports of cotton.")
    return {
        "walnuts": make_claim(place=horgos, source=source, quote="Farmers sold walnuts by railway to Almaty."),
        "cotton": make_claim(place=horgos, metric=cotton, source=other_source, quote="exports of cotton"),
        "kashgar": make_claim(place=kashgar, source=other_source, quote="The bonded warehouse handled"),
        "noted": make_claim(place=horgos, source=other_source, quote="handled exports", notes="Checked by phone."),
        "attributed": make_claim(place=horgos, source=False, attribution="Kashi Customs"),
    }


def _found(text):
    return set(editor_search_claims(Claim.objects.all(), text=text))


def test_editor_search_matches_quotes_places_aliases_metrics_titles_notes_and_ids(searchable):
    claims = searchable
    assert _found("walnuts") == {claims["walnuts"]}
    assert _found("walnuts railway") == {claims["walnuts"]}  # two words, both in the quote
    assert _found("Kashgar") == {claims["kashgar"]}  # place name
    assert _found("Kashi Area") == {claims["kashgar"]}  # alias
    assert _found("Cotton exports") >= {claims["cotton"]}  # metric name
    assert _found("Walnut harvest") == {claims["walnuts"]}  # source title
    assert _found("phone") == {claims["noted"]}  # editorial notes
    assert _found(f"#{claims['cotton'].pk}") >= {claims["cotton"]}  # an id
    assert claims["attributed"] in _found("Kashi Customs")  # attribution
    assert _found("nothing like this") == set()


def test_editor_search_reads_a_quoted_phrase_as_one(searchable):
    found = _found('"bonded warehouse"')
    assert searchable["kashgar"] in found
    assert searchable["walnuts"] not in found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_on_sqlite_a_search_matching_few_claims_is_read_by_id_and_a_common_one_by_its_words(searchable, monkeypatch):
    from curation.db import search

    for text in ("walnuts railway", '"bonded warehouse"', "Kashgar", "exports"):
        few = editor_search_claims(Claim.objects.all(), text=text)
        assert "LIKE" not in str(few.query)  # the ids, collected in one pass
        monkeypatch.setattr(search, "SQLITE_ID_LIST_LIMIT", 0)
        common = editor_search_claims(Claim.objects.all(), text=text)
        monkeypatch.undo()
        assert set(few) == set(common) and few
    assert "LIKE" in str(common.query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_phrase_search_reads_the_stored_quote_document_that_every_write_keeps(searchable):
    from django.test.utils import CaptureQueriesContext

    claim, source = searchable["walnuts"], make_source(body="Goods wait in the bonded warehouse.")
    # Written without a model save: the database computes the document itself.
    Citation.objects.bulk_create([Citation(claim=claim, source=source, quote="wait in the bonded warehouse")])
    with CaptureQueriesContext(connection) as queries:
        assert claim in _found('"bonded warehouse"')
    assert any('"quote_document" @@' in query["sql"] for query in queries.captured_queries)
    Citation.objects.filter(claim=claim, source=source).update(quote="wait in the warehouse")
    assert claim not in _found('"bonded warehouse"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_editor_search_stems_words_on_postgresql(searchable):
    # Full-text search: "walnut" finds "walnuts" in the quote (not only the source title).
    assert searchable["walnuts"] in _found("railways")


def test_admin_search_lists_a_claim_once_however_many_of_its_citations_match(editor_client, searchable):
    claim = searchable["cotton"]
    Citation.objects.create(claim=claim, source=make_source(body="More exports of cotton."), quote="exports of cotton")
    response = editor_client.get(admin_url(Claim, "changelist") + "?q=cotton")
    listed = [row.pk for row in response.context["cl"].result_list]
    assert listed.count(claim.pk) == 1
    assert set(listed) == {searchable["cotton"].pk}


def test_admin_search_box_finds_a_claim_by_place_name(editor_client, searchable):
    response = editor_client.get(admin_url(Claim, "changelist") + "?q=Kashgar")
    assert [row.pk for row in response.context["cl"].result_list] == [searchable["kashgar"].pk]


# ----------------------------------------------------------------------------------------------
# Filters that replace the date hierarchy and the EXISTS scans
# ----------------------------------------------------------------------------------------------
def test_period_year_filter_lists_years_and_keeps_the_claims_of_one(editor_client):
    place = make_place()
    in_2021 = make_claim(place=place, period_start=datetime.date(2021, 1, 1), period_end=datetime.date(2021, 12, 31))
    make_claim(place=place, period_start=datetime.date(2023, 1, 1), period_end=datetime.date(2023, 6, 30))
    response = editor_client.get(admin_url(Claim, "changelist") + "?period_year=2021")
    assert [row.pk for row in response.context["cl"].result_list] == [in_2021.pk]
    years = next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "period_year"
    )
    assert [value for value, _ in years.lookup_choices] == ["2023", "2022", "2021"]
    assert editor_client.get(admin_url(Claim, "changelist") + "?period_year=nonsense").status_code == 200


def test_contradiction_filter_finds_claims_on_either_side_of_an_open_flag(editor_client):
    from tests.builders import make_contradiction

    first, second, third, alone = (make_claim(value=Decimal(100 + n)) for n in range(4))
    make_contradiction(first, second)
    make_contradiction(second, third, status=Contradiction.Status.DISMISSED, kind="other")
    url = admin_url(Claim, "changelist")
    opened = {row.pk for row in editor_client.get(url + "?contradictions=open").context["cl"].result_list}
    anyone = {row.pk for row in editor_client.get(url + "?contradictions=any").context["cl"].result_list}
    assert opened == {first.pk, second.pk}
    assert anyone == {first.pk, second.pk, third.pk}


# ----------------------------------------------------------------------------------------------
# The paginator
# ----------------------------------------------------------------------------------------------
def test_paginator_pages_keep_the_list_order_and_the_annotations():
    place = make_place()
    claims = [
        make_claim(place=place, period_start=datetime.date(2019, 1, 1), period_end=datetime.date(2020, 1, day))
        for day in range(1, 8)
    ]
    queryset = Claim.objects.with_related().order_by("-period_end", "pk")
    paginator = LargeTablePaginator(queryset, 3)
    assert paginator.count == 7
    pages = [list(paginator.page(number).object_list) for number in (1, 2, 3)]
    assert [claim.pk for page in pages for claim in page] == [claim.pk for claim in reversed(claims)]
    assert all(claim.primary_source_title for page in pages for claim in page)


def make_five_claims():
    """Five claims of one place whose periods end on five days of January 2020."""
    place = make_place()
    for day in range(1, 6):
        make_claim(place=place, period_start=datetime.date(2019, 1, 1), period_end=datetime.date(2020, 1, day))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_paginator_gives_the_planners_estimate_past_the_exact_limit(monkeypatch):
    make_five_claims()
    monkeypatch.setattr(counting, "EXACT_COUNT_LIMIT", 2)
    estimate = counting.count_rows(Claim.objects.all())
    assert estimate.is_estimate and estimate.number >= 3
    monkeypatch.setattr(counting, "EXACT_COUNT_LIMIT", 100_000)
    assert counting.count_rows(Claim.objects.all()) == counting.RowCount(number=5, is_estimate=False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_on_sqlite_a_count_past_the_limit_is_exact_only_when_quick(monkeypatch):
    make_five_claims()
    monkeypatch.setattr(counting, "EXACT_COUNT_LIMIT", 2)
    assert counting.count_rows(Claim.objects.all()) == counting.RowCount(number=5, is_estimate=False)
    # A count that cannot finish in time (a search's LIKE over every quote, here a long recursion).
    slow = Claim.objects.extra(
        where=[
            "(WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000000)"
            " SELECT count(*) FROM n) > 0"
        ]
    )
    assert counting.count_within_time(slow, time_limit_ms=1) is None
    highest = Claim.objects.order_by("-pk").first().pk
    assert counting.count_rows(slow, time_limit_ms=1) == counting.RowCount(number=highest, is_estimate=True)
    assert counting.count_within_time(Claim.objects.all(), time_limit_ms=1000) == 5  # the handler is gone


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_count_the_planner_underestimates_is_counted_exactly_when_that_is_quick(monkeypatch):
    make_five_claims()
    monkeypatch.setattr(counting, "EXACT_COUNT_LIMIT", 2)
    # The planner's statistics lag behind a bulk write: it expects one row where there are five.
    monkeypatch.setattr(counting, "planned_rows", lambda queryset: 1)
    assert counting.count_rows(Claim.objects.all()) == counting.RowCount(number=5, is_estimate=False)


def test_admin_changelist_does_not_count_the_whole_table(editor_client, django_assert_max_num_queries):
    make_claim_in(Claim.Status.SUBMITTED)
    make_claim_in(Claim.Status.APPROVED)
    response = editor_client.get(admin_url(Claim, "changelist") + "?status__exact=submitted")
    changelist = response.context["cl"]
    assert changelist.result_count == 1
    assert changelist.full_result_count is None  # no COUNT(*) of every claim


# ----------------------------------------------------------------------------------------------
# The claim change form
# ----------------------------------------------------------------------------------------------
def test_claim_change_form_keeps_its_query_count_as_citations_history_and_flags_grow(editor_client):
    from tests.builders import make_contradiction

    claim = make_claim(notes="First version.")
    # Two sources to start with: a single one is not compared with anything.
    Citation.objects.create(claim=claim, source=make_source(), quote="more than 3,100 new enterprises")
    other = make_claim(value=Decimal("18000"))
    url = admin_url(Claim, "change", claim.pk)
    queries_for(editor_client, url)  # fills the per-process caches (content types)
    few = queries_for(editor_client, url)
    for number in range(5):
        Citation.objects.create(claim=claim, source=make_source(), quote="more than 3,100 new enterprises")
        claim.notes = f"Edited {number} times."
        claim.save()
        make_contradiction(claim, make_claim(value=Decimal(19000 + number)), kind="other")
    make_contradiction(claim, other)
    history = editor_client.get(admin_url(Claim, "history", claim.pk))
    assert history.status_code == 200
    many = queries_for(editor_client, url)
    assert many == few, f"the claim page ran {few} queries with two citations and {many} with seven"
    assert queries_for(editor_client, admin_url(Claim, "history", claim.pk)) == queries_for(
        editor_client, admin_url(Claim, "history", other.pk)
    )


def test_citation_list_is_newest_first_and_filters_by_one_source_without_listing_every_source(editor_client):
    first_source, second_source = make_source(title="Customs bulletin"), make_source(title="Walnut report")
    older = make_claim(source=first_source)
    newer = make_claim(source=second_source, quote="exports of cotton")
    url = reverse("admin:curation_citation_changelist")
    listed = editor_client.get(url).context["cl"].result_list
    assert [citation.claim_id for citation in listed] == [newer.pk, older.pk]
    assert "Walnut report" in editor_client.get(url).content.decode()
    response = editor_client.get(f"{url}?source__id__exact={first_source.pk}")
    assert [citation.claim_id for citation in response.context["cl"].result_list] == [older.pk]
    sidebar = next(spec for spec in response.context["cl"].filter_specs if spec.title == "source")
    assert [label for _, label in sidebar.lookup_choices] == ["Customs bulletin"]
    # Unfiltered, no source is listed: the sidebar does not read every source.
    assert [spec.title for spec in editor_client.get(url).context["cl"].filter_specs] == ["primary"]


def test_a_list_sorted_by_place_or_metric_name_pages_through_the_same_rows_as_a_plain_sort(
    django_assert_num_queries,
):
    places = [make_place(name=name) for name in ("Urumqi", "Alashankou", "Kashgar")]
    metrics = [make_metric(name=name) for name in ("Trade value", "Imports", "Exports")]
    for day in range(1, 13):
        make_claim(
            place=places[day % 3],
            metric=metrics[(day // 3) % 3],
            period_start=datetime.date(2019, 1, 1),
            period_end=datetime.date(2020, 1, day % 5 + 1),
        )
    base = Claim.objects.with_related()
    for ordering in (["place__name", "-period_end", "id"], ["-metric__name", "-period_end", "id"]):
        expected = list(base.order_by(*ordering).values_list("pk", flat=True))
        paginator = LargeTablePaginator(base.order_by(*ordering), 5)
        paginator.count  # noqa: B018 (counted apart from the pages)
        pages = []
        for number in (1, 2, 3):
            # Two queries a page (its ids, then its rows), however many places or metrics it spans.
            with django_assert_num_queries(2) as queries:
                pages.append([claim.pk for claim in paginator.page(number).object_list])
            if connection.vendor == "postgresql":
                assert "LATERAL" in queries.captured_queries[0]["sql"]
        assert [pk for page in pages for pk in page] == expected


def test_place_and_source_autocompletes_count_no_claims_but_their_lists_do(editor_client):
    from django.test.utils import CaptureQueriesContext

    place = make_place(name="Kashgar Area (FTZ)")
    source = make_source(title="Article on Kashgar")
    make_claim(place=place, source=source)
    autocomplete = reverse("admin:autocomplete")
    for field, term, counted_table in (
        ("claim&field_name=place", "Kash", "curation_claim"),
        ("citation&field_name=source", "Article", "curation_citation"),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(f"{autocomplete}?app_label=curation&model_name={field}&term={term}")
        assert response.status_code == 200 and response.json()["results"]
        assert not [query["sql"] for query in queries.captured_queries if counted_table in query["sql"]]
    places = editor_client.get(admin_url(Place, "changelist")).context["cl"].result_list
    assert [row.claim_count for row in places if row.pk == place.pk] == [1]
    sources = editor_client.get(reverse("admin:curation_source_changelist")).context["cl"].result_list
    assert [row.claim_count for row in sources if row.pk == source.pk] == [1]


def test_the_review_queue_asks_the_history_tables_once_not_in_each_list_query(editor_client, one_of_each):  # noqa: F811
    from django.test.utils import CaptureQueriesContext

    Claim.objects.update(status=Claim.Status.SUBMITTED)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(admin_url(Claim, "changelist") + "?review_queue=mine")
    assert response.status_code == 200 and response.context["cl"].result_list
    # The count, the page's ids and its rows are plain queries on the claims: the per-claim
    # authorship subqueries run once, to find the claims the user wrote.
    asking_history = [query["sql"] for query in queries.captured_queries if "historicalclaim" in query["sql"]]
    assert len(asking_history) == 1


def test_the_source_picker_matches_titles_and_the_source_list_also_matches_the_text(editor_client):
    by_title = make_source(title="Horgos customs bulletin", body="Nothing about it here.")
    by_text = make_source(title="Weekly notes", body="The Horgos customs bulletin said trade grew.")
    autocomplete = reverse("admin:autocomplete")
    response = editor_client.get(
        f"{autocomplete}?app_label=curation&model_name=citation&field_name=source&term=Horgos+bulletin"
    )
    assert [int(result["id"]) for result in response.json()["results"]] == [by_title.pk]
    listed = editor_client.get(reverse("admin:curation_source_changelist") + "?q=Horgos+bulletin")
    assert {source.pk for source in listed.context["cl"].result_list} == {by_title.pk, by_text.pk}


def test_the_list_page_says_about_before_a_count_that_is_an_estimate(editor_client, monkeypatch):
    for _ in range(3):
        make_claim_in(Claim.Status.SUBMITTED)
    url = admin_url(Claim, "changelist")
    exact = editor_client.get(url)
    assert exact.context["cl"].paginator.count_is_estimate is False
    shown = " ".join(strip_tags(exact.content.decode()).split())
    assert "3 claims" in shown and "about 3" not in shown

    monkeypatch.setattr(counting, "EXACT_COUNT_LIMIT", 1)
    monkeypatch.setattr(counting, "count_within_time", lambda queryset, time_limit_ms=None: None)
    monkeypatch.setattr(counting, "planned_rows", lambda queryset: 40_000)
    estimated = editor_client.get(url)
    paginator = estimated.context["cl"].paginator
    assert paginator.count_is_estimate is True
    assert f"about {paginator.count} claims" in " ".join(strip_tags(estimated.content.decode()).split())
