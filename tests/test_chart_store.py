"""A place page's charts are drawn once and kept by what they show; a stale chart is never served."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from curation.models import Claim, Metric
from curation.public import charts, selectors
from tests.builders import make_claim, make_metric, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawings(monkeypatch):
    """The charts drawn by pygal, by title, in the order they were drawn."""
    drawn = []
    render_chart = charts.render_chart

    def counted(chart, **kwargs):
        drawn.append(chart.title)
        return render_chart(chart, **kwargs)

    monkeypatch.setattr(charts, "render_chart", counted)
    return drawn


@pytest.fixture
def place_with_two_charts():
    place = make_place(name="Kashgar Area", slug="kashgar-area")
    trade = make_metric(code="trade", name="Trade", unit="CNY")
    firms = make_metric(code="firms", name="New enterprises", unit="enterprises", nature=Metric.Nature.STOCK)
    claims = {}
    for year in (2023, 2024):
        claims[("trade", year)] = make_claim(
            status=Claim.Status.APPROVED,
            place=place,
            metric=trade,
            value=Decimal(f"{year - 2000}00000000"),
            qualifier="exact",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
        )
        claims[("firms", year)] = make_claim(
            status=Claim.Status.APPROVED,
            place=place,
            metric=firms,
            value=3100 + year,
            period_end=datetime.date(year, 12, 31),
        )
    return place, claims


def place_page(client, place) -> str:
    response = client.get(reverse("public:place_detail", args=[place.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_request_draws_no_chart_and_shows_the_same_charts(client, place_with_two_charts, drawings):
    place, _ = place_with_two_charts
    first = place_page(client, place)
    assert sorted(drawings) == ["New enterprises (enterprises)", "Trade (CNY)"]
    second = place_page(client, place)
    assert len(drawings) == 2
    assert second == first
    assert second.count("<svg") == 2


def test_a_corrected_value_redraws_only_its_chart_and_the_old_value_is_never_served(
    client, place_with_two_charts, drawings
):
    place, claims = place_with_two_charts
    assert "5,124 enterprises" in place_page(client, place)  # 3,100 + 2024
    Claim.objects.filter(pk=claims[("firms", 2024)].pk).update(value=6000)
    page = place_page(client, place)
    assert drawings[2:] == ["New enterprises (enterprises)"]
    assert "6,000 enterprises" in page and "5,124 enterprises" not in page


def test_a_claim_no_longer_approved_leaves_the_chart_at_once(client, place_with_two_charts, drawings):
    place, claims = place_with_two_charts
    retracted = claims[("trade", 2023)]
    assert f"/claims/{retracted.pk}/" in place_page(client, place)
    Claim.objects.filter(pk=retracted.pk).update(status=Claim.Status.RETRACTED)
    page = place_page(client, place)
    assert f"/claims/{retracted.pk}/" not in page
    assert drawings[2:] == ["Trade (CNY)"]


def test_a_renamed_metric_or_a_new_rank_is_drawn_anew(client, place_with_two_charts, drawings):
    place, claims = place_with_two_charts
    place_page(client, place)
    Metric.objects.filter(code="trade").update(name="Total trade")
    assert "Total trade (CNY)" in place_page(client, place)
    Claim.objects.filter(pk=claims[("firms", 2023)].pk).update(rank=Claim.Rank.DEPRECATED)
    assert "deprecated" in place_page(client, place).split("New enterprises (enterprises)")[1]
    assert drawings[2:] == ["Total trade (CNY)", "New enterprises (enterprises)"]


def test_charts_drawn_for_one_place_are_not_shown_for_another_with_the_same_data(client, drawings):
    """The claim ids are part of what a chart shows, so two places never share a drawing."""
    metric = make_metric(code="trade", name="Trade", unit="CNY")
    pages = []
    for slug in ("first", "second"):
        place = make_place(slug=slug)
        claim = make_claim(status=Claim.Status.APPROVED, place=place, metric=metric, value=100)
        pages.append((claim, place_page(client, place)))
    (first_claim, first_page), (second_claim, second_page) = pages
    assert f"/claims/{second_claim.pk}/" in second_page and f"/claims/{first_claim.pk}/" not in second_page
    assert len(drawings) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads the points to digest them")
def test_with_every_chart_kept_postgresql_digests_the_points_and_loads_no_claim(
    client, place_with_two_charts, drawings, monkeypatch
):
    place, claims = place_with_two_charts
    first = place_page(client, place)

    def no_claims(**kwargs):
        raise AssertionError("the points were loaded although every chart was kept")

    monkeypatch.setattr(selectors, "place_chart_claims", no_claims)
    assert place_page(client, place) == first
    # A corrected value changes its series' digest: that chart alone is drawn, from its points.
    monkeypatch.undo()
    monkeypatch.setattr(charts, "render_chart", lambda chart, **kwargs: drawings.append(chart.title) or "<svg/>")
    Claim.objects.filter(pk=claims[("trade", 2024)].pk).update(value_max=None, value=Decimal("1"))
    place_page(client, place)
    assert drawings[2:] == ["Trade (CNY)"]
