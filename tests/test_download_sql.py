"""On PostgreSQL the downloads' cells are written by the database (curation.public.download_sql):
the files must be byte for byte those of the Python writer that SQLite keeps."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from curation.models import Claim
from curation.public import views
from tests.builders import make_claim, make_metric, make_outlet, make_place, make_source

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the database writes the cells on PostgreSQL only"),
]


def body_of(response) -> bytes:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def odd_claims():
    """Claims whose every text cell and figure tries an edge of the formatting or of CSV quoting."""
    place = make_place(name="=Kashgar – 喀什", slug="kashgar-kashi")
    flow = make_metric(code="trade_value", name='+Trade, "value"\nall goods', unit="CNY")
    outlet = make_outlet(name="@Xinjiang Daily, 新疆日报")
    source = make_source(title="-5 billion\tin trade", outlet=outlet)
    figures = [
        # value, value_max, qualifier, unit
        (Decimal("3940000000"), None, "about", "CNY"),
        (Decimal("1234567"), None, "exact", "CNY"),
        (Decimal("0.5"), None, "exact", "%"),
        (Decimal("20"), Decimal("30"), "between", "%"),
        (Decimal("-5"), None, "exact", "CNY"),
        (Decimal("-1234567.25"), None, "exact", "t"),
        (Decimal("1500000000000000"), None, "more_than", "USD"),
        (Decimal("93160000000.5"), None, "nearly", "CNY"),
        (Decimal("0.000001"), None, "less_than", "enterprises"),
        (Decimal("0"), None, "at_least", "CNY"),
        (Decimal("12345678901.234"), Decimal("99999999999999"), "between", "-units"),
        (Decimal("1000000"), None, "up_to", "=HYPERLINK(1)"),
    ]
    texts = [
        "=SUM(A1:A9)",
        "+1",
        "-5",  # a plain number: left as it is
        "-٣",  # Arabic-Indic digit: a plain number to Python's \d
        "@cmd",
        "\tindented",
        "\rreturn",
        'says "so", and more',
        "line one\nline two",
        "back\\slash and \x01 control",
        "",
        "ordinary words",
    ]
    claims = []
    for number, ((value, value_max, qualifier, unit), text) in enumerate(zip(figures, texts, strict=True)):
        claims.append(
            make_claim(
                place=place,
                metric=flow,
                status=Claim.Status.APPROVED,
                value=value,
                value_max=value_max,
                qualifier=qualifier,
                unit=unit,
                period_start=None if number % 3 == 0 else datetime.date(2021, 1, 1),
                period_end=datetime.date(2021, 12, 31) + datetime.timedelta(days=number),
                period_label=text if number % 2 else "",
                attribution=text,
                notes=texts[-1 - number],
                rank=Claim.Rank.DEPRECATED if number == 4 else Claim.Rank.NORMAL,
                rank_reason="=superseded" if number == 4 else "",
                source=False if number == 7 else source,
                quote=text or "the quote",
            )
        )
    # A qualifier code the formatter does not know is written as it is: here like a formula.
    Claim.objects.filter(pk=claims[1].pk).update(qualifier="-odd")
    return claims


@pytest.fixture
def python_writer(monkeypatch):
    """Switch the views to the Python writer (SQLite's) for one download."""

    def use(flag: bool):
        monkeypatch.setattr(views, "_written_by_postgresql", lambda: not flag)

    return use


@pytest.mark.parametrize(
    "url_name, query",
    [
        ("public:claim_csv", {}),
        ("public:claim_csv", {"sort": "-value"}),
        ("public:claim_csv", {"place": "kashgar-kashi", "qualifier": "between"}),
        ("public:claim_json", {}),
        ("public:claim_json", {"sort": "-value"}),
        ("public:claim_json", {"place": "kashgar-kashi", "qualifier": "between"}),
    ],
)
def test_postgresql_writes_the_same_bytes_as_the_python_writer(client, odd_claims, python_writer, url_name, query):
    python_writer(True)
    by_python = body_of(client.get(reverse(url_name), query))
    python_writer(False)
    by_postgresql = body_of(client.get(reverse(url_name), query))
    assert by_postgresql == by_python
    assert "喀什".encode() in by_python  # the rows were there to compare


def test_formula_text_is_made_inert_by_postgresql_and_numbers_are_not(client, odd_claims):
    text = body_of(client.get(reverse("public:claim_csv"))).decode()
    assert "'=Kashgar – 喀什" in text and "'=SUM(A1:A9)" in text and "'@Xinjiang Daily, 新疆日报" in text
    assert "'-5 CNY" in text  # a value as read, not a number
    assert ",-5," in text and "'-5," not in text  # the plain value and the plain "-5" attribution
    assert "'-odd 1,234,567 CNY" in text


def test_a_large_download_is_the_same_whole_and_streamed(client, python_writer, settings, monkeypatch):
    """Past DOWNLOAD_BUFFERED_ROWS the rows stream from the same COPY: nothing lost or doubled."""
    monkeypatch.setattr(views, "DOWNLOAD_BUFFERED_ROWS", 3)
    place, metric = make_place(), make_metric()
    for number in range(10):
        make_claim(status=Claim.Status.APPROVED, place=place, metric=metric, value=Decimal(number) * 1000)
    python_writer(True)
    by_python = body_of(client.get(reverse("public:claim_csv")))
    python_writer(False)
    response = client.get(reverse("public:claim_csv"))
    assert response.streaming
    assert body_of(response) == by_python
    assert by_python.count(b"\r\n") == 11
