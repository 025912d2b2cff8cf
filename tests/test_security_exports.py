"""CSV/XLSX formula injection: every export makes text that a spreadsheet would run inert.

A quote, note, attribution or place name starting with =, +, -, @, a tab or a carriage
return is written with a leading apostrophe in every CSV and XLSX export (public download,
admin export, `export_dataset`, release files), while a negative value stays a number.
JSON is data, not a sheet: it must carry the text and value unchanged in meaning.
"""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from curation.io import releases
from curation.io.resources import CLAIM_EXPORT_ORDER
from curation.models import Claim, Metric, Place
from tests.builders import make_claim, make_metric, make_source

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]
TEXT_COLUMNS = ["quote", "notes", "attribution", "place"]


@pytest.fixture
def hostile_claims(desk):
    metric = make_metric(code="growth", name="Growth", unit="%", nature=Metric.Nature.RATE)
    claims = {}
    for index, payload in enumerate(PAYLOADS):
        place = Place.objects.create(name=f"{payload} {index}", slug=f"hostile-{index}", kind=Place.Kind.CITY)
        source = make_source(body=f"Article {index}: {payload} happened.")
        claims[payload] = make_claim(
            place=place,
            metric=metric,
            source=source,
            quote=payload,
            notes=payload,
            attribution=payload,
            value=Decimal(index + 1),
            qualifier=Claim.Qualifier.EXACT,
            period_start=dt.date(2025, 1, 1),
            status=Claim.Status.APPROVED,
        )
    negative = make_claim(
        metric=metric,
        source=make_source(body="Growth was -2.5 percent."),
        quote="Growth was -2.5 percent",
        value=Decimal("-2.5"),
        qualifier=Claim.Qualifier.EXACT,
        period_start=dt.date(2025, 1, 1),
        status=Claim.Status.APPROVED,
    )
    return {"claims": claims, "negative": negative}


def expected_text(claim: Claim, column: str) -> str:
    if column == "place":
        return claim.place.name
    if column == "quote":
        return claim.citations.get().quote
    return getattr(claim, column)


def assert_neutralised(records: dict[int, dict], hostile_claims, columns, *, xml=False):
    """Each hostile cell is the original text behind an apostrophe; the negative value is -2.5.

    XML (inside XLSX) reads a carriage return back as a line feed; the cell is the same to a sheet.
    """
    for payload, claim in hostile_claims["claims"].items():
        record = records[claim.pk]
        for column in columns:
            expected = "'" + expected_text(claim, column)
            if xml:
                expected = expected.replace("\r", "\n")
            assert record[column] == expected, (repr(payload), column, record[column])
    value = records[hostile_claims["negative"].pk]["value"]
    assert value == -2.5 or value == "-2.5", value


def csv_records(text: str) -> dict[int, dict]:
    return {int(row["id"]): row for row in csv.DictReader(io.StringIO(text, newline=""))}


def xlsx_records(content: bytes) -> dict[int, dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    for row in rows[1:]:
        assert all(cell.data_type != "f" for cell in row), "a cell is stored as a formula"
    records = {int(row[0].value): dict(zip(headers, [cell.value for cell in row], strict=True)) for row in rows[1:]}
    for record in records.values():
        assert isinstance(record["value"], (int, float)), record["value"]
    return records


def streamed(response) -> str:
    return response.getvalue().decode()


def test_public_csv_download_neutralises_formulas_and_keeps_negative_numbers(client, hostile_claims):
    records = csv_records(streamed(client.get(reverse("public:claim_csv"))))
    assert_neutralised(records, hostile_claims, ["quote", "attribution", "place"])


def test_public_json_download_carries_text_and_values_unchanged(client, hostile_claims):
    records = {record["id"]: record for record in json.loads(streamed(client.get(reverse("public:claim_json"))))}
    for claim in hostile_claims["claims"].values():
        expected = (expected_text(claim, "quote"), claim.place.name)
        assert (records[claim.pk]["quote"], records[claim.pk]["place"]) == expected
    assert Decimal(records[hostile_claims["negative"].pk]["value"]) == Decimal("-2.5")


def admin_export(client, format_index: int):
    fields = {f"claimresource_{column}": "on" for column in CLAIM_EXPORT_ORDER}
    response = client.post(reverse("admin:curation_claim_export"), {"format": format_index, "resource": 0, **fields})
    assert response.status_code == 200
    return response.content


def test_admin_csv_and_xlsx_exports_neutralise_formulas(client, desk, hostile_claims):
    client.force_login(desk["editor"])
    assert_neutralised(csv_records(admin_export(client, 0).decode("utf-8-sig")), hostile_claims, TEXT_COLUMNS)
    assert_neutralised(xlsx_records(admin_export(client, 1)), hostile_claims, TEXT_COLUMNS, xml=True)


def test_admin_json_export_keeps_values_as_numbers(client, desk, hostile_claims):
    client.force_login(desk["editor"])
    records = {int(record["id"]): record for record in json.loads(admin_export(client, 2))}
    assert Decimal(str(records[hostile_claims["negative"].pk]["value"])) == Decimal("-2.5")
    assert set(records) >= {claim.pk for claim in hostile_claims["claims"].values()}


def test_export_dataset_command_neutralises_formulas(hostile_claims, tmp_path):
    output = tmp_path / "claims.csv"
    call_command("export_dataset", "--output", str(output), stderr=io.StringIO())
    assert_neutralised(csv_records(output.read_bytes().decode("utf-8")), hostile_claims, TEXT_COLUMNS)


def test_release_csv_and_xlsx_files_neutralise_formulas(desk, hostile_claims):
    release = releases.release_publish(title="Release", user=desk["reviewer"])
    files = {item.name: bytes(item.content) for item in release.files.all()}
    assert_neutralised(csv_records(files["claims.csv"].decode("utf-8")), hostile_claims, TEXT_COLUMNS)
    assert_neutralised(xlsx_records(files["claims.xlsx"]), hostile_claims, TEXT_COLUMNS, xml=True)


def test_a_text_cell_that_is_only_a_negative_number_is_left_as_it_is(desk):
    """'-5' runs nothing in a spreadsheet: the admin export leaves it for the reader as written."""
    from curation.io.parsing import escape_formula

    assert escape_formula("-5") == "-5"
    assert escape_formula("-5 percent") == "'-5 percent"
    assert escape_formula("=1") == "'=1"
