"""Reads for the public site: the part-of closure, search, counting, and the pure helpers beside them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from curation.db import counting
from curation.models import Claim, Metric, Place
from curation.public import selectors
from curation.public.charts import group_for_charts, point_label, render_chart
from curation.text.highlighting import highlight_segments
from tests.builders import make_claim, make_metric, make_place, make_source


def test_parts_closure_follows_links_transitively_and_through_several_wholes():
    # 1 zone > 2 area > 3 port; 4 prefecture > 2 area; 5 elsewhere
    edges = [(1, 2), (2, 3), (4, 2), (6, 5)]
    assert selectors.parts_closure(root=1, edges=edges) == {1, 2, 3}
    assert selectors.parts_closure(root=4, edges=edges) == {4, 2, 3}
    assert selectors.parts_closure(root=3, edges=edges) == {3}


def test_parts_closure_stops_on_a_cycle():
    assert selectors.parts_closure(root=1, edges=[(1, 2), (2, 1), (2, 3)]) == {1, 2, 3}


def test_highlight_segments_cut_text_at_quote_boundaries():
    text = "Alpha beta gamma delta."
    segments = highlight_segments(text, [(6, 16, 7)])
    assert [(s.text, s.citation_ids) for s in segments] == [("Alpha ", []), ("beta gamma", [7]), (" delta.", [])]
    assert segments[1].starting_ids == [7]
    assert "".join(s.text for s in segments) == text


def test_highlight_segments_keep_overlapping_quotes_apart_and_clip_bad_spans():
    text = "one two three four"
    segments = highlight_segments(text, [(0, 7, 1), (4, 13, 2), (50, 60, 3), (5, 5, 4)])
    assert [(s.text, s.citation_ids) for s in segments] == [
        ("one ", [1]),
        ("two", [1, 2]),
        (" three", [2]),
        (" four", []),
    ]
    assert "".join(s.text for s in segments) == text


def test_highlight_segments_without_spans_is_the_whole_text():
    assert [(s.text, s.is_cited) for s in highlight_segments("plain", [])] == [("plain", False)]


def _unsaved_claim(pk, metric, unit, **fields):
    fields.setdefault("qualifier", Claim.Qualifier.EXACT)
    fields.setdefault("period_end", datetime.date(2024, 12, 31))
    return Claim(pk=pk, metric=metric, metric_id=metric.pk, unit=unit, value=Decimal(fields.pop("value", 5)), **fields)


def test_charts_are_grouped_by_metric_and_unit_so_units_never_share_an_axis():
    trade = Metric(pk=1, code="trade", name="Trade", unit="CNY", nature="flow")
    firms = Metric(pk=2, code="firms", name="Firms", unit="enterprises", nature="stock")
    claims = [
        _unsaved_claim(1, trade, "CNY"),
        _unsaved_claim(2, trade, "USD"),
        _unsaved_claim(3, trade, "CNY"),
        _unsaved_claim(4, firms, "enterprises"),
    ]
    groups = group_for_charts(claims)
    assert [(g.metric.code, g.unit, [c.pk for c in g.claims]) for g in groups] == [
        ("firms", "enterprises", [4]),
        ("trade", "CNY", [1, 3]),
        ("trade", "USD", [2]),
    ]
    assert groups[1].title == "Trade (CNY)"


def test_a_point_label_says_the_qualifier_the_period_and_deprecation():
    metric = Metric(pk=1, code="firms", name="Firms", unit="enterprises", nature="stock")
    claim = _unsaved_claim(
        1, metric, "enterprises", value=3100, qualifier=Claim.Qualifier.MORE_THAN, rank=Claim.Rank.DEPRECATED
    )
    assert point_label(claim) == "more than 3,100 enterprises, as of 2024-12-31 (deprecated)"


@pytest.mark.django_db
def test_place_with_parts_ids_reads_the_link_table():
    zone = make_place()
    area = make_place(part_of=[zone])
    port = make_place(part_of=[area])
    make_place()
    assert selectors.place_with_parts_ids(place=zone) == {zone.pk, area.pk, port.pk}


@pytest.mark.django_db
def test_search_matches_quote_attribution_place_alias_and_metric_name():
    source = make_source(body="Exports of walnuts reached 5,000 tons through the dry port.")
    by_quote = make_claim(source=source, quote="Exports of walnuts reached 5,000 tons", status=Claim.Status.APPROVED)
    by_attribution = make_claim(attribution="Kashi Customs office", status=Claim.Status.APPROVED)
    by_alias = make_claim(place=make_place(name="Horgos", aliases=["Khorgas"]), status=Claim.Status.APPROVED)
    by_metric = make_claim(metric=make_metric(name="Cargo throughput"), status=Claim.Status.APPROVED)
    approved = selectors.public_claims()

    def found(text):
        return set(selectors.search_claims(approved, text=text))

    assert found("walnuts") == {by_quote}
    assert found("customs") == {by_attribution}
    assert found("khorgas") == {by_alias}
    assert found("throughput") == {by_metric}
    assert found("pistachios") == set()
    assert found("  ") == set(approved)


@pytest.mark.django_db
def test_count_is_exact_for_small_results_and_estimated_past_the_limit_on_postgresql(monkeypatch):
    for _ in range(4):
        make_claim(status=Claim.Status.APPROVED)
    exact = selectors.count_claims(selectors.public_claims())
    assert (exact.number, exact.is_estimate) == (4, False)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 2)
    beyond = selectors.count_claims(selectors.public_claims())
    if connection.vendor == "postgresql":
        assert beyond.is_estimate and beyond.number >= 3
    else:
        assert (beyond.number, beyond.is_estimate) == (4, False)


@pytest.mark.django_db
def test_place_chart_claims_keep_only_the_latest_points_per_metric_and_unit(monkeypatch):
    monkeypatch.setattr(selectors, "MAX_CHART_POINTS", 2)
    place = make_place(kind=Place.Kind.CITY)
    metric = make_metric(nature=Metric.Nature.STOCK)
    claims = [
        make_claim(place=place, metric=metric, status=Claim.Status.APPROVED, period_end=datetime.date(2020 + n, 1, 1))
        for n in range(4)
    ]
    make_claim(place=place, metric=metric, status=Claim.Status.DRAFT, period_end=datetime.date(2030, 1, 1))
    assert selectors.place_chart_claims(place=place) == claims[2:]


def test_a_chart_is_an_inline_svg_whose_points_link_to_their_claims():
    metric = Metric(pk=1, code="trade", name="Trade", unit="CNY", nature="flow")
    claims = [
        _unsaved_claim(11, metric, "CNY <b>", value=5, period_end=datetime.date(2023, 12, 31)),
        _unsaved_claim(12, metric, "CNY <b>", value=7, qualifier=Claim.Qualifier.ABOUT),
    ]
    [chart] = group_for_charts(claims)
    svg = render_chart(chart, claim_url=lambda claim: f"/claims/{claim.pk}/")
    assert svg.startswith("<svg")
    assert 'xlink:href="/claims/11/"' in svg and 'xlink:href="/claims/12/"' in svg
    assert ">about<" in svg and ">exactly<" in svg  # one legend entry per qualifier
    assert "2023-12-31" in svg and "CNY &lt;b&gt;" in svg
    assert "<b>" not in svg
    assert "<script" not in svg.replace('<script type="text/javascript">window.pygal', "")


@pytest.mark.django_db
def test_common_words_search_finds_the_same_claims_as_the_rare_words_plan(monkeypatch):
    source = make_source(body="Cotton exports rose. Walnut exports fell. Cotton imports held.")
    cotton = make_claim(source=source, quote="Cotton exports rose", status=Claim.Status.APPROVED)
    imports = make_claim(source=source, quote="Cotton imports held", status=Claim.Status.APPROVED)
    make_claim(source=source, quote="Walnut exports fell", status=Claim.Status.APPROVED)
    make_claim(source=source, quote="Cotton exports rose", status=Claim.Status.DRAFT)
    rare = set(selectors.search_claims(selectors.public_claims(), text="cotton"))
    common = set(selectors.search_claims(selectors.public_claims(), text="cotton", common_fraction=0.5))
    assert rare == common == {cotton, imports}


def _statement_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        return cursor.fetchone()[0]


def _assert_slow_reads_give_way_and_leave_the_timeout_as_it_was(monkeypatch):
    make_claim(status=Claim.Status.APPROVED)
    monkeypatch.setattr(selectors, "MATCHES_TIME_LIMIT_MS", 20)
    slow = selectors.public_claims().extra(where=["(SELECT pg_sleep(0.2)) IS NOT NULL"])
    before = _statement_timeout()
    assert counting.count_within_time(slow, time_limit_ms=20) is None
    assert counting.ids_within_time(slow, time_limit_ms=20) is None
    assert counting.count_within_time(selectors.public_claims(), time_limit_ms=20) == 1
    assert len(counting.ids_within_time(selectors.public_claims(), time_limit_ms=20)) == 1
    assert _statement_timeout() == before
    estimated = selectors.count_claims(slow)
    assert estimated.is_estimate and estimated.number >= 1 and estimated.ordered_ids is None
    assert _statement_timeout() == before


@pytest.mark.django_db
def test_a_read_that_takes_too_long_gives_way_and_leaves_the_timeout_as_it_was(monkeypatch):
    """Inside a transaction (a test's, or ATOMIC_REQUESTS): the limit is set and reset around a savepoint."""
    if connection.vendor != "postgresql":
        pytest.skip("statement timeouts are a PostgreSQL feature; SQLite always counts exactly")
    _assert_slow_reads_give_way_and_leave_the_timeout_as_it_was(monkeypatch)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_slow_reads_give_way_and_leave_the_timeout_as_it_was(monkeypatch):
    """As a request runs (autocommit): the limit set for a read does not outlive it."""
    if connection.vendor != "postgresql":
        pytest.skip("statement timeouts are a PostgreSQL feature; SQLite always counts exactly")
    _assert_slow_reads_give_way_and_leave_the_timeout_as_it_was(monkeypatch)
    after = selectors.public_claims().extra(where=["(SELECT pg_sleep(0.06)) IS NOT NULL"])
    assert len(after) == 1  # a later read longer than the limit is not cut off


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_count_of_a_slice_and_the_admins_bounded_count_work(monkeypatch):
    """The admin's counting.count_rows passes a sliced queryset (at most LIMIT + 1 rows) to count_within_time."""
    if connection.vendor != "postgresql":
        pytest.skip("the time limit is PostgreSQL's")
    for value in (1, 2, 3):
        make_claim(status=Claim.Status.APPROVED, value=Decimal(value))
    ordered = selectors.public_claims().order_by("value")
    assert counting.count_within_time(ordered.values("pk")[:2], time_limit_ms=500) == 2
    assert counting.count_rows(selectors.public_claims(), exact_limit=2) == counting.RowCount(3, False)
    assert counting.count_rows(selectors.public_claims(), exact_limit=5) == counting.RowCount(3, False)


@pytest.mark.django_db(transaction=True)
def test_a_few_matches_are_counted_from_their_ids_read_in_the_listing_order(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the planner's estimate decides on PostgreSQL; SQLite always counts exactly")
    claims = [make_claim(status=Claim.Status.APPROVED, value=Decimal(value)) for value in (5, 1, 3)]
    make_claim(status=Claim.Status.DRAFT, value=Decimal(2))
    ordered = selectors.public_claims().order_by("value", "id")
    counted = selectors.count_claims(ordered)
    assert (counted.number, counted.is_estimate) == (3, False)
    assert counted.ordered_ids == [claims[1].pk, claims[2].pk, claims[0].pk]
    page = selectors.listing_page(ordered, bottom=1, top=3, ordered_ids=counted.ordered_ids)
    assert [row.pk for row in page] == [claims[2].pk, claims[0].pk]


@pytest.mark.django_db
def test_the_listing_by_place_name_pages_through_each_places_claims_latest_first():
    """On PostgreSQL the page's ids are read place by place (LATERAL); the order is the ORM's either way."""
    places = [make_place(name=name) for name in ("Urumqi", "Aksu", "Kashgar")]
    stock = make_metric(nature=Metric.Nature.STOCK)
    for number in range(12):
        make_claim(
            place=places[number % 3],
            status=Claim.Status.APPROVED,
            period_start=None,
            metric=stock,
            period_end=datetime.date(2020, 1, 1) + datetime.timedelta(days=number // 2),
        )
    make_claim(place=places[1], metric=stock, status=Claim.Status.SUBMITTED, period_end=datetime.date(2030, 1, 1))
    ordered = selectors.public_claims().filter(place__in=places).order_by(*selectors.BY_PLACE_NAME)
    expected = list(ordered.values_list("pk", flat=True))
    assert len(expected) == 12
    for bottom, top in ((0, 5), (3, 8), (8, 12), (11, 12)):
        assert [row.pk for row in selectors.listing_page(ordered, bottom=bottom, top=top)] == expected[bottom:top]


def test_a_claim_is_public_only_when_approved_and_so_is_the_original_it_converts():
    from curation.models import Claim

    original = Claim(status=Claim.Status.SUBMITTED)
    conversion = Claim(status=Claim.Status.APPROVED, conversion_of=original)
    assert selectors.is_public(conversion) and not selectors.is_public(original) and not selectors.is_public(None)
    assert selectors.public_conversion_of(claim=conversion) is None
    original.status = Claim.Status.APPROVED
    assert selectors.public_conversion_of(claim=conversion) is original
