"""SQL-injection-shaped, malformed and oversized input on the public pages and downloads.

Every filter, sort and page parameter gets each hostile value: the answer is never a server
error, never shows an unpublished claim, and the tables are still there afterwards. The
suite runs on SQLite and on PostgreSQL (DATABASE_URL), so both databases see these values.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from curation.models import Claim, Metric
from curation.public.filters import ClaimFilter
from tests.builders import make_claim, make_metric, make_outlet, make_place, make_source

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "' OR 1=1 --",
    '" OR ""="',
    "1;DROP TABLE curation_claim",
    "1); DELETE FROM curation_claim; --",
    "%' UNION SELECT username, password, 1, 1 FROM auth_user --",
    "%",
    "_",
    "\\",
    "Kashgár 喀什 🚀 \u202e",
    "\x00",
    "x" * 5000,
    "-1",
    "0",
    "1.5",
    "1e309",
    "99999999999999999999999",
    "2025-13-45",
    "0000-00-00",
    "9999-12-31",
    "abc",
]
PARAMETERS = [name for name in ClaimFilter.base_filters] + ["page"]
UNPUBLISHED_MARKER = "UNPUBLISHED-MARKER-987654"


@pytest.fixture
def published_and_hidden():
    place = make_place(name="Kashgar", slug="kashgar")
    metric = make_metric(code="new_enterprises", nature=Metric.Nature.STOCK)
    source = make_source(outlet=make_outlet())
    published = make_claim(place=place, metric=metric, source=source, status=Claim.Status.APPROVED)
    for status in [Claim.Status.DRAFT, Claim.Status.SUBMITTED, Claim.Status.REJECTED, Claim.Status.RETRACTED]:
        make_claim(
            place=place,
            metric=metric,
            source=source,
            status=status,
            value=Decimal("987654"),
            attribution=UNPUBLISHED_MARKER,
            period_end=dt.date(2024, 1, 1),
        )
    return published


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_safe_answer(response, where):
    # 400: a filter value that cannot be applied is refused with its reason (never ignored).
    assert response.status_code in (200, 400, 404), (where, response.status_code)
    content = body_of(response)
    assert UNPUBLISHED_MARKER not in content and "987654" not in content and "987,654" not in content, where
    assert "Traceback" not in content, where


def test_the_parameters_tested_are_every_filter_of_the_listing():
    assert {"q", "place", "metric", "year", "period_from", "period_to", "outlet", "source", "qualifier", "sort"} <= set(
        PARAMETERS
    )


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_hostile_values_in_each_listing_parameter_are_harmless(client, published_and_hidden, parameter):
    claims_before = Claim.objects.count()
    for value in HOSTILE_VALUES:
        response = client.get(reverse("public:claim_list"), {parameter: value})
        assert_safe_answer(response, (parameter, value[:40]))
    assert Claim.objects.count() == claims_before
    assert "curation_claim" in connection.introspection.table_names()


@pytest.mark.parametrize("url_name", ["public:claim_csv", "public:claim_json"])
def test_hostile_values_in_every_download_parameter_at_once_are_harmless(client, published_and_hidden, url_name):
    for value in HOSTILE_VALUES:
        response = client.get(reverse(url_name), {parameter: value for parameter in PARAMETERS})
        assert_safe_answer(response, (url_name, value[:40]))
    # With no filter the approved claim is still there: nothing was dropped or deleted.
    rows = json.loads(body_of(client.get(reverse("public:claim_json"))))
    assert published_and_hidden.pk in [row["id"] for row in rows]


def test_hostile_values_in_addresses_are_not_found_pages(client, published_and_hidden):
    for value in ["' OR 1=1 --", "1;DROP TABLE curation_claim", "%27%20OR%201=1", "x" * 2000, "喀什"]:
        for url in [f"/places/{value}/", f"/releases/1/{value}", f"/claims/{value}/", f"/sources/{value}/"]:
            assert_safe_answer(client.get(url), url[:60])
    for number in ["99999999999999999999999", "0", "2147483648"]:
        for url in [f"/claims/{number}/", f"/sources/{number}/", f"/releases/{number}/claims.csv"]:
            assert client.get(url).status_code == 404, url
    assert Claim.objects.count() == 5


def test_search_with_sql_shaped_text_finds_nothing_rather_than_everything(client, published_and_hidden):
    for value in ["' OR 1=1 --", "%' UNION SELECT 1 --", "%"]:
        content = client.get(reverse("public:claim_list"), {"q": value}).content.decode()
        assert f"/claims/{published_and_hidden.pk}/" not in content, value
