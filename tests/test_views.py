"""The public site: only approved claims anywhere, filters and search, escaping, 404s, query counts."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.models import Citation, Claim, Contradiction, Metric, Place
from curation.public import selectors, views
from tests.builders import make_claim, make_contradiction, make_metric, make_outlet, make_place, make_source

pytestmark = pytest.mark.django_db

APPROVED = Claim.Status.APPROVED
HIDDEN_STATUSES = [Claim.Status.DRAFT, Claim.Status.SUBMITTED, Claim.Status.REJECTED, Claim.Status.RETRACTED]
HIDDEN_VALUE = Decimal("987654")
HIDDEN_MARKERS = ["987654", "987,654", "Secret Bureau", "UNPUBLISHED-EXPLANATION"]


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def world():
    """One published claim, a deprecated one, and a claim in every unpublished status."""
    outlet = make_outlet(name="Tianshan Net")
    text = (
        "Kashi recorded more than 3,100 new enterprises. "
        "Trade with Kyrgyzstan reached 12.5 billion yuan. "
        "A draft figure of 987,654 tons is still being checked."
    )
    source = make_source(outlet=outlet, body=text, published_on=datetime.date(2025, 11, 13), is_ai_assisted=True)
    zone = make_place(name="Xinjiang FTZ", slug="xinjiang-ftz", kind=Place.Kind.ZONE)
    area = make_place(name="Kashgar Area", slug="kashgar-area", kind=Place.Kind.FTZ_AREA, part_of=[zone])
    metric = make_metric(name="New enterprises", code="new_enterprises", nature=Metric.Nature.STOCK)
    published = make_claim(
        place=area,
        metric=metric,
        source=source,
        quote="more than 3,100 new enterprises",
        status=APPROVED,
        attribution="the administrative office",
    )
    deprecated = make_claim(
        place=zone,
        metric=metric,
        source=source,
        quote="Trade with Kyrgyzstan reached 12.5 billion yuan",
        value=Decimal("12.5"),
        qualifier=Claim.Qualifier.EXACT,
        status=APPROVED,
        rank=Claim.Rank.DEPRECATED,
        rank_reason="Superseded by the customs yearbook.",
        period_end=datetime.date(2024, 6, 30),
    )
    hidden_source = make_source(
        title="Secret Bureau memo", body="Only unpublished claims cite this article about 987,654 tons."
    )
    hidden = {}
    for status in HIDDEN_STATUSES:
        hidden[status] = make_claim(
            place=area,
            metric=metric,
            source=hidden_source,
            quote="987,654 tons",
            value=HIDDEN_VALUE,
            qualifier=Claim.Qualifier.EXACT,
            status=status,
            attribution="Secret Bureau",
        )
    # A draft claim also cites the published source: its passage must not be highlighted there.
    Citation.objects.create(claim=hidden[Claim.Status.DRAFT], source=source, quote="A draft figure of 987,654 tons")
    make_contradiction(published, deprecated, explanation="3,100 firms against 12.5 billion: scope differs.")
    make_contradiction(
        published,
        hidden[Claim.Status.SUBMITTED],
        explanation="UNPUBLISHED-EXPLANATION 987,654 vs 3,100",
        status=Contradiction.Status.OPEN,
    )
    return {
        "outlet": outlet,
        "source": source,
        "hidden_source": hidden_source,
        "zone": zone,
        "area": area,
        "metric": metric,
        "published": published,
        "deprecated": deprecated,
        "hidden": hidden,
    }


def public_urls(world):
    return [
        reverse("public:claim_list"),
        reverse("public:claim_list") + "?q=tons",
        reverse("public:claim_list") + "?q=Secret",
        reverse("public:claim_list") + f"?place={world['area'].slug}",
        reverse("public:claim_list") + f"?source={world['hidden_source'].pk}",
        reverse("public:claim_csv"),
        reverse("public:claim_json"),
        reverse("public:claim_detail", args=[world["published"].pk]),
        reverse("public:source_detail", args=[world["source"].pk]),
        reverse("public:place_detail", args=[world["area"].slug]),
        reverse("public:place_detail", args=[world["zone"].slug]),
    ]


# ---------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------
def assert_no_unpublished_claim_shown(client, world, urls):
    """No page at `urls` shows a figure, a name or a link of the world's unpublished claims."""
    for url in urls:
        response = client.get(url)
        # A source that only unpublished claims cite is no valid filter: refused, not ignored.
        assert response.status_code == (400 if "?source=" in url else 200), url
        content = body_of(response)
        if url == reverse("public:source_detail", args=[world["source"].pk]):
            # The article text itself mentions the figure; only its highlighting would leak.
            content = content.replace("A draft figure of 987,654 tons", "")
        for marker in HIDDEN_MARKERS:
            assert marker not in content, (url, marker)
        for claim in world["hidden"].values():
            assert f"/claims/{claim.pk}/" not in content, url


def test_no_page_or_download_shows_anything_of_unpublished_claims(client, world):
    assert_no_unpublished_claim_shown(client, world, public_urls(world))


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_an_unpublished_claim_page_is_not_found(client, world, status):
    response = client.get(reverse("public:claim_detail", args=[world["hidden"][status].pk]))
    assert response.status_code == 404


def test_the_listing_counts_and_lists_approved_claims_only_deprecated_included(client, world):
    response = client.get(reverse("public:claim_list"))
    assert response.context["total"].number == 2
    assert {row.pk for row in response.context["page"].object_list} == {world["published"].pk, world["deprecated"].pk}
    assert "2 claims" in body_of(response)


def test_downloads_hold_the_approved_claims_with_their_exact_values(client, world):
    rows = list(csv.DictReader(io.StringIO(body_of(client.get(reverse("public:claim_csv"))))))
    assert sorted(int(row["id"]) for row in rows) == sorted([world["published"].pk, world["deprecated"].pk])
    by_id = {int(row["id"]): row for row in rows}
    first = by_id[world["published"].pk]
    assert (first["value"], first["qualifier"], first["unit"]) == ("3100", "more_than", "enterprises")
    assert first["quote"] == "more than 3,100 new enterprises"
    assert first["outlet"] == "Tianshan Net"
    assert by_id[world["deprecated"].pk]["rank_reason"] == "Superseded by the customs yearbook."
    records = json.loads(body_of(client.get(reverse("public:claim_json"))))
    assert sorted(record["id"] for record in records) == sorted(by_id)
    assert {record["value"] for record in records} == {"3100", "12.5"}


def test_downloads_apply_the_same_filters_as_the_listing(client, world):
    url = reverse("public:claim_csv") + f"?place={world['area'].slug}"
    rows = list(csv.DictReader(io.StringIO(body_of(client.get(url)))))
    assert [int(row["id"]) for row in rows] == [world["published"].pk]
    empty = json.loads(body_of(client.get(reverse("public:claim_json") + "?q=nothing-matches-this")))
    assert empty == []


def test_a_source_cited_only_by_unpublished_claims_is_not_found(client, world):
    assert client.get(reverse("public:source_detail", args=[world["hidden_source"].pk])).status_code == 404


def test_the_source_page_highlights_only_passages_of_approved_claims(client, world):
    response = client.get(reverse("public:source_detail", args=[world["source"].pk]))
    content = body_of(response)
    assert "<mark" in content and ">more than 3,100 new enterprises</mark>" in content
    assert "A draft figure of 987,654 tons" in content  # the article text, unmarked
    assert ">A draft figure of 987,654 tons</mark>" not in content
    assert "AI-assisted content" in content
    assert [c.claim_id for c in response.context["citations"]] == [world["published"].pk, world["deprecated"].pk]


def test_the_claim_page_shows_citations_in_context_and_contradictions_without_unpublished_details(client, world):
    response = client.get(reverse("public:claim_detail", args=[world["published"].pk]))
    content = body_of(response)
    assert "more than 3,100 enterprises" in content
    assert "Kashi recorded <mark>more than 3,100 new enterprises</mark>." in content
    assert reverse("public:source_detail", args=[world["source"].pk]) in content
    assert "3,100 firms against 12.5 billion: scope differs." in content
    assert f"/claims/{world['deprecated'].pk}/" in content
    assert "with a claim that is not published" in content
    flags = response.context["contradictions"]
    assert sorted(flag.is_counterpart_published for flag in flags) == [False, True]


def test_a_deprecated_claim_is_published_and_labelled_with_its_reason(client, world):
    content = body_of(client.get(reverse("public:claim_detail", args=[world["deprecated"].pk])))
    assert "Deprecated." in content
    assert "Superseded by the customs yearbook." in content
    listing = body_of(client.get(reverse("public:claim_list")))
    assert "badge-deprecated" in listing


def test_the_place_page_charts_approved_values_with_links_to_their_claims(client, world):
    response = client.get(reverse("public:place_detail", args=[world["area"].slug]))
    content = body_of(response)
    assert "Kashgar Area" in content and "Xinjiang FTZ" in content  # part of
    assert content.count("<svg") == 1
    assert f'xlink:href="/claims/{world["published"].pk}/"' in content
    assert "<script" not in content.split("<svg")[0]  # no page script outside the inline chart
    assert "http://" not in content.replace("http://www.w3.org", "").replace("http://pygal.org", "").replace(
        "http://github.com/Kozea/pygal", ""
    )
    [chart] = response.context["charts"]  # one series, its one point the published claim (linked above)
    assert (chart.metric, chart.points) == (world["published"].metric, 1)


def test_anonymous_visitors_cannot_write(client, world):
    for url in public_urls(world):
        assert client.post(url, {}).status_code == 405, url


# ---------------------------------------------------------------------------------------------
# Filters and search
# ---------------------------------------------------------------------------------------------
def listed(client, query) -> list[int]:
    response = client.get(reverse("public:claim_list"), query)
    assert response.status_code == 200
    return [claim.pk for claim in response.context["page"].object_list]


@pytest.fixture
def catalogue():
    zone = make_place(name="Zone", slug="zone", kind=Place.Kind.ZONE)
    area = make_place(name="Area", slug="area", part_of=[zone])
    port = make_place(name="Dry Port", slug="dry-port", part_of=[area])
    elsewhere = make_place(name="Elsewhere", slug="elsewhere")
    trade = make_metric(code="trade", name="Trade", unit="CNY", nature=Metric.Nature.FLOW)
    firms = make_metric(code="firms", name="Firms", unit="enterprises", nature=Metric.Nature.STOCK)
    wam, daily = make_outlet(name="WAM"), make_outlet(name="Daily")
    wam_source = make_source(outlet=wam, body="Port trade reached 40 million yuan. Walnut exports rose.")
    daily_source = make_source(outlet=daily, body="The zone counted 200 firms, said the customs office.")
    claims = {
        "port_trade": make_claim(
            place=port,
            metric=trade,
            source=wam_source,
            quote="Port trade reached 40 million yuan",
            value=Decimal("40000000"),
            qualifier=Claim.Qualifier.EXACT,
            status=APPROVED,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
        ),
        "zone_firms": make_claim(
            place=zone,
            metric=firms,
            source=daily_source,
            quote="The zone counted 200 firms",
            value=Decimal("200"),
            qualifier=Claim.Qualifier.ABOUT,
            status=APPROVED,
            attribution="customs office",
            period_end=datetime.date(2023, 6, 30),
        ),
        "elsewhere_trade": make_claim(
            place=elsewhere,
            metric=trade,
            source=wam_source,
            quote="Walnut exports rose",
            value=Decimal("7"),
            qualifier=Claim.Qualifier.MORE_THAN,
            status=APPROVED,
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 3, 31),
        ),
    }
    make_claim(place=port, metric=trade, status=Claim.Status.SUBMITTED, value=Decimal("1"))
    return {"claims": {name: claim.pk for name, claim in claims.items()}, "wam": wam, "daily_source": daily_source}


def test_place_filter_includes_the_places_that_are_part_of_it(client, catalogue):
    ids = catalogue["claims"]
    assert set(listed(client, {"place": "zone"})) == {ids["port_trade"], ids["zone_firms"]}
    assert listed(client, {"place": "area"}) == [ids["port_trade"]]
    assert listed(client, {"place": "elsewhere"}) == [ids["elsewhere_trade"]]


def test_metric_year_dates_outlet_source_and_qualifier_filters(client, catalogue):
    ids = catalogue["claims"]
    assert set(listed(client, {"metric": "trade"})) == {ids["port_trade"], ids["elsewhere_trade"]}
    assert listed(client, {"year": "2023"}) == [ids["zone_firms"]]
    assert listed(client, {"period_from": "2024-01-01", "period_to": "2024-12-31"}) == [ids["port_trade"]]
    assert set(listed(client, {"outlet": catalogue["wam"].pk})) == {ids["port_trade"], ids["elsewhere_trade"]}
    assert listed(client, {"source": catalogue["daily_source"].pk}) == [ids["zone_firms"]]
    assert listed(client, {"qualifier": "more_than"}) == [ids["elsewhere_trade"]]
    assert listed(client, {"metric": "trade", "year": "2025"}) == [ids["elsewhere_trade"]]


def test_sorting_by_date_value_and_place(client, catalogue):
    ids = catalogue["claims"]
    assert listed(client, {}) == [ids["elsewhere_trade"], ids["port_trade"], ids["zone_firms"]]
    assert listed(client, {"sort": "date"}) == [ids["zone_firms"], ids["port_trade"], ids["elsewhere_trade"]]
    assert listed(client, {"sort": "-value"}) == [ids["port_trade"], ids["zone_firms"], ids["elsewhere_trade"]]
    assert listed(client, {"sort": "value"}) == [ids["elsewhere_trade"], ids["zone_firms"], ids["port_trade"]]
    assert listed(client, {"sort": "place"}) == [ids["port_trade"], ids["elsewhere_trade"], ids["zone_firms"]]


def test_search_finds_quotes_attributions_and_place_names(client, catalogue):
    ids = catalogue["claims"]
    assert listed(client, {"q": "walnut"}) == [ids["elsewhere_trade"]]
    assert listed(client, {"q": "customs"}) == [ids["zone_firms"]]
    assert listed(client, {"q": "dry port"}) == [ids["port_trade"]]
    assert listed(client, {"q": "walnut", "metric": "firms"}) == []


def test_invalid_filter_values_are_reported_and_list_nothing(client, catalogue):
    response = client.get(reverse("public:claim_list"), {"place": "atlantis", "year": "20x5", "sort": "sideways"})
    assert response.status_code == 400
    content = body_of(response)
    assert "Place: Select a valid choice" in content
    assert "Year: Enter a number." in content
    assert len(response.context["page"].object_list) == 0


def test_active_filters_are_shown_each_with_a_link_that_removes_it(client, catalogue):
    response = client.get(reverse("public:claim_list"), {"place": "zone", "metric": "trade", "page": "1"})
    active = {item.label: item for item in response.context["active_filters"]}
    assert set(active) == {"Place", "Metric"}
    assert active["Place"].value == "Zone"
    assert active["Place"].remove_query == "metric=trade"
    assert active["Metric"].remove_query == "place=zone"
    content = body_of(response)
    assert 'href="?metric=trade"' in content
    assert "1 claim match" in content


def test_pages_stop_at_the_listing_limit(client, catalogue, monkeypatch):
    monkeypatch.setattr(views, "CLAIMS_PER_PAGE", 1)
    monkeypatch.setattr(selectors, "MAX_LISTED_ROWS", 2)
    response = client.get(reverse("public:claim_list"), {"page": "3"})
    assert response.context["page"].number == 2
    assert response.context["total"].number == 3
    assert "Pages stop after the first 2 claims" in body_of(response)


# ---------------------------------------------------------------------------------------------
# Escaping, 404s
# ---------------------------------------------------------------------------------------------
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_on_every_page(client):
    place = make_place(name=f"Evil {HOSTILE}", slug="evil")
    metric = make_metric(name=f"Metric {HOSTILE}", nature=Metric.Nature.STOCK)
    body = f"Intro {HOSTILE} and then exports reached 5 tons {HOSTILE} end."
    source = make_source(title=f"Title {HOSTILE}", body=body)
    claim = make_claim(
        place=place,
        metric=metric,
        source=source,
        quote=f"exports reached 5 tons {HOSTILE}",
        status=APPROVED,
        attribution=f'=HYPERLINK("http://evil") {HOSTILE}',
    )
    pages = [
        reverse("public:claim_list"),
        reverse("public:claim_list") + "?q=" + "%3Cscript%3E",
        reverse("public:claim_detail", args=[claim.pk]),
        reverse("public:source_detail", args=[source.pk]),
        reverse("public:place_detail", args=[place.slug]),
    ]
    for url in pages:
        content = body_of(client.get(url))
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url
        assert "&lt;script&gt;" in content, url
    rows = list(csv.reader(io.StringIO(body_of(client.get(reverse("public:claim_csv"))))))
    attribution = rows[1][rows[0].index("attribution")]
    assert attribution.startswith("'=HYPERLINK")


@pytest.mark.parametrize(
    "url",
    ["/claims/999999/", "/sources/999999/", "/places/no-such-place/", "/claims/abc/", "/no-such-page/"],
)
def test_unknown_addresses_are_proper_404_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in body_of(response)


# ---------------------------------------------------------------------------------------------
# Query counts do not grow with the rows shown
# ---------------------------------------------------------------------------------------------
def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body_of(response)
    assert response.status_code == 200
    return len(captured)


def add_published_claims(count, *, place, source):
    metric = make_metric(nature=Metric.Nature.STOCK)
    claims = [
        make_claim(place=place, metric=metric, source=source, status=APPROVED, value=Decimal(n + 1))
        for n in range(count)
    ]
    for first, second in zip(claims, claims[1:], strict=False):
        make_contradiction(first, second)
    return claims


def test_query_counts_are_constant_in_the_number_of_rows(client):
    place = make_place(part_of=[make_place()])
    source = make_source(outlet=make_outlet())
    few = add_published_claims(2, place=place, source=source)
    urls = lambda: [  # noqa: E731
        reverse("public:claim_list"),
        reverse("public:claim_list") + f"?place={place.slug}&q=enterprises",
        reverse("public:claim_csv"),
        reverse("public:claim_json"),
        reverse("public:claim_detail", args=[few[1].pk]),
        reverse("public:source_detail", args=[source.pk]),
        reverse("public:place_detail", args=[place.slug]),
    ]
    before = [queries_for(client, url) for url in urls()]
    more = add_published_claims(12, place=place, source=make_source(outlet=make_outlet()))
    for claim in few:
        Citation.objects.create(
            claim=claim, source=more[0].citations.get().source, quote="more than 3,100 new enterprises"
        )
    after = [queries_for(client, url) for url in urls()]
    assert after == before


def test_a_conversion_links_only_to_a_published_original(client, world):
    original_draft = world["hidden"][Claim.Status.DRAFT]
    conversion = make_claim(
        place=world["area"],
        metric=world["metric"],
        source=world["source"],
        value=Decimal("430"),
        unit="USD",
        status=APPROVED,
        conversion_of=original_draft,
    )
    content = body_of(client.get(reverse("public:claim_detail", args=[conversion.pk])))
    assert "Converted from" not in content
    assert f"/claims/{original_draft.pk}/" not in content
    published_original = body_of(client.get(reverse("public:claim_detail", args=[world["published"].pk])))
    assert "Also stated as" not in published_original


def test_pages_answer_head_requests(client, world):
    assert client.head(reverse("public:claim_list")).status_code == 200
    assert client.head(reverse("public:claim_detail", args=[world["published"].pk])).status_code == 200


def test_an_approved_conversion_and_its_original_link_to_each_other(client, world):
    conversion = make_claim(
        place=world["area"],
        metric=world["metric"],
        source=world["source"],
        value=Decimal("430"),
        unit="USD",
        status=APPROVED,
        conversion_of=world["published"],
    )
    original_page = body_of(client.get(reverse("public:claim_detail", args=[world["published"].pk])))
    assert "Also stated as" in original_page and f"/claims/{conversion.pk}/" in original_page
    conversion_page = body_of(client.get(reverse("public:claim_detail", args=[conversion.pk])))
    assert "Converted from" in conversion_page and f"/claims/{world['published'].pk}/" in conversion_page


def test_public_csv_escapes_formulas_like_the_exports_and_keeps_negative_numbers(client):
    """One formula rule for every download: '-5' is a number and stays one; '-5 percent' is made inert."""
    source = make_source(body="Exports fell by 5 tons. Imports changed by -5 percent.")
    falling = make_claim(source=source, quote="fell by 5 tons", value=Decimal("-5"), status=APPROVED, attribution="-5")
    changed = make_claim(
        source=source, quote="changed by -5 percent", status=APPROVED, attribution="-5 percent, said =1"
    )
    rows = list(csv.DictReader(io.StringIO(body_of(client.get(reverse("public:claim_csv"))))))
    by_id = {int(row["id"]): row for row in rows}
    assert by_id[falling.pk]["value"] == "-5"
    assert by_id[falling.pk]["attribution"] == "-5"
    assert by_id[changed.pk]["attribution"] == "'-5 percent, said =1"


def test_the_listing_reads_its_selects_choices_with_plain_queries_not_server_side_cursors(client, world):
    """A server-side cursor (Django's way to iterate a select's choices on PostgreSQL) costs three
    round trips per select, on every listing page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("public:claim_list"))
    assert response.status_code == 200
    assert 'value="' + world["area"].slug + '"' in body_of(response)
    assert not [query["sql"] for query in captured if query["sql"].startswith("DECLARE")]
