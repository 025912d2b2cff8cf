"""Claims import and export: human keys, all or nothing, drafts only, clear errors, round trip."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from curation.io.resources import ClaimResource, MetricResource, PlaceResource, SourceResource, row_error_lines
from curation.io.tabular import ImportFileError, read_dataset
from curation.models import Citation, Claim, Metric, Source
from tests.builders import make_claim, make_metric, make_place, make_source

pytestmark = pytest.mark.django_db

BODY = (
    "Kashgar news. The area attracted more than 3,100 new enterprises. "
    "Trade reached 93.16 billion yuan ($13.36 billion) in 2025. Growth was -2.5 percent."
)
HEADER = ["source", "place", "metric", "qualifier", "value", "unit", "period_start", "period_end", "quote", "notes"]


@pytest.fixture
def world():
    source = make_source(title="Kashgar news", url="https://example.org/kashgar", body=BODY)
    place = make_place(name="Kashgar", aliases=["Kashi"])
    trade = make_metric(code="trade_value", name="Trade", unit="CNY", nature=Metric.Nature.FLOW)
    stock = make_metric(code="registered_enterprises", unit="enterprises", nature=Metric.Nature.STOCK)
    return {"source": source, "place": place, "trade": trade, "stock": stock}


def world_claim(world, *, unit="CNY", quote="more than 3,100 new enterprises", **fields):
    """A claim on the world's place, trade metric and source; by default its enterprises sentence in CNY."""
    return make_claim(
        place=world["place"], metric=world["trade"], source=world["source"], unit=unit, quote=quote, **fields
    )


def growth_claim(world, *, notes):
    """The world's "-2.5 percent" growth claim, its notes a formula an export must escape."""
    return world_claim(
        world, value=Decimal("-2.5"), unit="%", qualifier="exact", quote="Growth was -2.5 percent", notes=notes
    )


def row(**overrides):
    values = {
        "source": "https://example.org/kashgar",
        "place": "Kashi",
        "metric": "trade_value",
        "qualifier": "exact",
        "value": "93.16 billion",
        "unit": "CNY",
        "period_start": "2025",
        "period_end": "2025",
        "quote": "Trade reached 93.16 billion yuan ($13.36 billion) in 2025",
        "notes": "",
    }
    values.update(overrides)
    return [values[column] for column in HEADER]


def csv_bytes(rows, header=HEADER, *, bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def run_import(data: bytes, *, dry_run=False, user=None, name="claims.csv"):
    dataset = read_dataset(data, file_name=name)
    return ClaimResource().import_data(dataset, dry_run=dry_run, user=user)


def test_a_row_with_human_keys_creates_a_draft_claim_and_its_located_primary_citation(world, editor):
    result = run_import(csv_bytes([row()]), user=editor)
    assert row_error_lines(result) == []
    claim = Claim.objects.get()
    assert (claim.place, claim.metric, claim.value, claim.status) == (
        world["place"],
        world["trade"],
        Decimal("93160000000"),
        Claim.Status.DRAFT,
    )
    assert claim.created_by == editor
    citation = claim.citations.get()
    assert citation.is_primary and citation.source == world["source"]
    assert BODY[citation.quote_start : citation.quote_end] == citation.quote
    assert claim.history.count() == 1 and citation.history.count() == 1


def test_a_status_column_cannot_approve_anything(world, editor):
    header = [*HEADER, "status"]
    result = run_import(csv_bytes([[*row(), "approved"]], header=header), user=editor)
    assert not result.has_validation_errors()
    assert Claim.objects.get().status == Claim.Status.DRAFT


def test_dry_run_reports_new_rows_and_writes_nothing(world):
    result = run_import(csv_bytes([row()]), dry_run=True)
    assert result.totals["new"] == 1
    assert Claim.objects.count() == 0


def test_reimporting_the_same_file_skips_every_row(world, editor):
    data = csv_bytes([row(), row(value="13.36 billion", unit="USD")])
    run_import(data, user=editor)
    again = run_import(data, user=editor)
    assert again.totals["skip"] == 2 and again.totals["new"] == 0
    assert Claim.objects.count() == 2


def test_a_changed_value_updates_a_draft_claim_but_never_an_approved_one(world, editor):
    run_import(csv_bytes([row()]), user=editor)
    updated = run_import(csv_bytes([row(value="93.2 billion")]), user=editor)
    assert updated.totals["update"] == 1
    assert Claim.objects.get().value == Decimal("93200000000")
    Claim.objects.update(status=Claim.Status.APPROVED)
    refused = run_import(csv_bytes([row(value="94 billion")]), user=editor)
    assert any("which is approved" in line for line in row_error_lines(refused))
    assert Claim.objects.get().value == Decimal("93200000000")


def test_a_bad_last_row_leaves_the_database_unchanged(world, editor):
    rows = [row(), row(value="13.36 billion", unit="USD"), row(place="Kashgarr", value="1")]
    result = run_import(csv_bytes(rows), user=editor)
    assert row_error_lines(result) == [
        "row 3, place: 'Kashgarr' is not a known place or alias; did you mean 'Kashgar'?"
    ]
    assert Claim.objects.count() == 0 and Citation.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"metric": "trade_valu"},
            "row 1, metric: 'trade_valu' is not a known metric code; did you mean 'trade_value'?",
        ),
        ({"source": "https://example.org/kashgr"}, "row 1, source: 'https://example.org/kashgr' is not a known source"),
        ({"value": "n/a"}, "row 1, value: is empty; this column is required."),
        ({"value": "1.234,5"}, "row 1, value: '1.234,5' is not a number"),
        ({"period_end": "Sept 2025"}, "row 1, period_end: 'Sept 2025' is not accepted: write the month as 2025-09"),
        (
            {"quote": "Trade reached 93.17 billion yuan"},
            "row 1, quote: is not in the text of the source 'Kashgar news'",
        ),
        ({"qualifier": "roughly"}, "row 1, qualifier: 'roughly' is not a known qualifier"),
        ({"value": "1234567890.1234567"}, "row 1, value: 1234567890.1234567 has 17 significant digits"),
        ({"unit": "u" * 40}, "row 1, unit: Ensure this value has at most 32 characters"),
        ({"period_start": "2026", "period_end": "2025"}, "row 1, period_end: The period cannot end before it starts."),
        ({"metric": "registered_enterprises", "unit": "enterprises", "value": "5173"}, "row 1, period_start: A stock"),
    ],
)
def test_each_bad_cell_is_named_by_row_and_column(world, overrides, expected):
    lines = row_error_lines(run_import(csv_bytes([row(**overrides)]), dry_run=True))
    assert any(line.startswith(expected) for line in lines), lines


def test_a_row_repeating_another_is_an_error(world):
    lines = row_error_lines(run_import(csv_bytes([row(), row()]), dry_run=True))
    assert lines == ["row 2: repeats row 1 (same source, place, metric, period, unit and quote); remove one of them."]


def test_a_source_may_be_named_by_its_title_when_it_has_no_url(world, editor):
    make_source(title="Untitled dispatch", body="Exports reached 5 million tons last year in the zone.")
    result = run_import(
        csv_bytes([row(source="untitled dispatch", quote="Exports reached 5 million tons", value="5")]), user=editor
    )
    assert row_error_lines(result) == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "claims.csv", "The file is empty."),
        (",".join(HEADER).encode() + b"\n", "claims.csv", "header row but no data rows"),
        ("source,place\nKashgar news,Kashgår\n".encode("latin-1"), "claims.csv", "not UTF-8"),
        ("source\n".encode("utf-16"), "claims.csv", "UTF-16"),
        (b"%PDF-1.4 binary", "claims.csv", "a PDF document"),
        (b"source,place\n", "claims.xlsx", "not an Excel workbook"),
        (b"a,b\n1,2\n", "claims.pdf", "not a CSV, XLSX or JSON file"),
        (b'source,place\n"unclosed,x\n', "claims.csv", "Line 2: a cell opens a quote mark"),
        (b"source,place\nx,y,z\n", "claims.csv", "Line 2 has 3 cells but the header has 2"),
        (b"source;place\nx;y\n", "claims.csv", "separated by semicolons"),
    ],
)
def test_bad_files_get_a_clear_message(data, name, message):
    with pytest.raises(ImportFileError, match=message):
        read_dataset(data, file_name=name)


def test_a_utf8_file_with_byte_order_mark_is_read(world):
    dataset = read_dataset(csv_bytes([row()], bom=True), file_name="claims.csv")
    assert dataset.headers[0] == "source"


def test_missing_and_unknown_columns_are_named_with_a_suggestion(world):
    header = [column for column in HEADER if column != "unit"] + ["atribution"]
    data = csv_bytes([[*row()[:5], *row()[6:], "x"]], header=header)
    result = run_import(data, dry_run=True)
    assert result.has_errors()
    message = str(result.base_errors[0].error)
    assert (
        "missing column(s): unit" in message and "unknown column 'atribution' (did you mean 'attribution'?)" in message
    )


def test_export_then_import_is_all_skipped_and_escapes_formulas(world, editor):
    growth_claim(world, notes='=HYPERLINK("http://evil")')
    world_claim(
        world,
        notes="@SUM(A1)",
    )
    exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all())).csv
    records = list(csv.DictReader(io.StringIO(exported)))
    growth = next(record for record in records if record["unit"] == "%")
    assert growth["value"] == "-2.5"
    assert growth["notes"] == '\'=HYPERLINK("http://evil")'
    result = run_import(exported.encode(), user=editor)
    assert row_error_lines(result) == []
    assert result.totals["skip"] == 2
    assert set(Claim.objects.values_list("notes", flat=True)) == {'=HYPERLINK("http://evil")', "@SUM(A1)"}


def test_export_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for number in range(20):
        world_claim(
            world,
            value=Decimal(number + 1),
        )
    with django_assert_max_num_queries(2):
        ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all()))


def test_export_builds_no_model_instance_per_claim(world, monkeypatch):
    for number in range(3):
        make_claim(place=world["place"], metric=world["trade"], source=world["source"], value=Decimal(number + 1))
    built = []
    original = Claim.from_db.__func__
    monkeypatch.setattr(Claim, "from_db", classmethod(lambda cls, *args: built.append(1) or original(cls, *args)))
    exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.order_by("pk")))
    # A claim model instance costs more than writing its whole row: rows are read as tuples.
    assert built == []
    assert [record["value"] for record in exported.dict] == ["1", "2", "3"]
    assert exported.dict[0]["source"] == "https://example.org/kashgar"


def test_csv_rows_are_the_cells_of_export_resource(world):
    """export_rows (the CSV paths) gives, cell for cell, what the resource's own readers give."""
    growth_claim(world, notes='=HYPERLINK("http://evil")')
    world_claim(world, notes="@SUM(A1)", attribution="-5", period_label="\tindented")
    world_claim(world, qualifier="between", value=Decimal("1.5"), value_max=Decimal("200.000001"), unit="USD")
    make_claim(place=world["place"], metric=world["stock"], source=False, value=Decimal("42"), unit="+x")
    resource = ClaimResource()
    queryset = ClaimResource.export_queryset(Claim.objects.order_by("pk"))
    expected = [resource.export_resource(claim) for claim in resource.iter_queryset(queryset)]

    assert list(resource.export_rows(queryset)) == expected
    assert [row[13] for row in expected] == ['\'=HYPERLINK("http://evil")', "'@SUM(A1)", "", ""]
    assert expected[1][12] == "-5" and expected[3][7] == "'+x" and expected[3][8] == ""
    chosen = ["id", "value", "notes"]
    assert list(resource.export_rows(queryset, selected_fields=chosen)) == [
        resource.export_resource(claim, selected_fields=chosen) for claim in resource.iter_queryset(queryset)
    ]


def test_the_existing_claims_are_read_once_per_batch_and_a_reimport_in_batches_adds_nothing(
    world, editor, tmp_path, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quotes = [
        "more than 3,100 new enterprises",
        "Trade reached 93.16 billion yuan ($13.36 billion) in 2025",
        "Growth was -2.5 percent",
        "The area attracted more than 3,100 new enterprises",
    ]
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes([row(quote=quote, value=str(number + 1)) for number, quote in enumerate(quotes)]))
    # A claim of another source in the same year: no row of the file could repeat it.
    make_claim(place=world["place"], metric=world["trade"], period_end=world_claim(world).period_end)
    monkeypatch.setattr("curation.management.commands.import_claims.CHUNK_ROWS", 2)
    call_command("import_claims", str(path), "--user", editor.username)
    assert Claim.objects.count() == 6

    with CaptureQueriesContext(connection) as queries:
        call_command("import_claims", str(path), "--user", editor.username, "--dry-run")
    lookups = [query["sql"] for query in queries if '"curation_citation"."quote"' in query["sql"]]
    assert len(lookups) == 2  # one per batch of two rows
    assert all("BETWEEN" in sql for sql in lookups)
    call_command("import_claims", str(path), "--user", editor.username)
    assert Claim.objects.count() == 6


def test_import_command_reports_errors_and_writes_nothing(world, editor, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes([row(), row(place="Kashgarr", value="1")]))
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_claims", str(path), "--user", editor.username)
    assert Claim.objects.count() == 0


def test_import_command_dry_run_then_real_run(world, editor, tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes([row()]))
    call_command("import_claims", str(path), "--dry-run")
    assert "1 new" in capsys.readouterr().out and Claim.objects.count() == 0
    call_command("import_claims", str(path), "--user", editor.username)
    assert Claim.objects.get().created_by == editor


def test_import_command_refuses_a_user_without_the_import_permission(world, django_user_model, tmp_path):
    django_user_model.objects.create_user(username="visitor", password="x")
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes([row()]))
    with pytest.raises(CommandError, match="lacks the permission curation.import_claim"):
        call_command("import_claims", str(path), "--user", "visitor")


def test_sources_places_and_metrics_round_trip_as_unchanged(world):
    for resource_class in (SourceResource, PlaceResource, MetricResource):
        exported = resource_class().export().csv
        result = resource_class().import_data(read_dataset(exported.encode(), file_name="x.csv"), dry_run=True)
        assert not result.has_errors() and not result.has_validation_errors(), resource_class
        assert result.totals["skip"] == len(exported.strip().splitlines()) - 1, resource_class


def test_a_source_with_an_unknown_outlet_is_refused_with_a_suggestion(world):
    from tests.builders import make_outlet

    make_outlet(name="Global Times")
    data = b"url,title,outlet,body\nhttps://example.org/new,New,Global Tmes,Some text.\n"
    result = SourceResource().import_data(read_dataset(data, file_name="s.csv"))
    assert "did you mean 'Global Times'?" in " ".join(row_error_lines(result))
    assert not Source.objects.filter(title="New").exists()


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [
        ("claims.csv", "claims"),
        ("claims.xlsx", "claims"),
        ("sources.csv", "sources"),
        ("places.csv", "places"),
        ("metrics.csv", "metrics"),
    ],
)
def test_sample_files_import_cleanly_into_the_seed_data(file_name, kind):
    from django.conf import settings

    from curation.io.resources import RESOURCES_BY_NAME

    call_command("loaddata", "seed", verbosity=0)
    path = settings.BASE_DIR / "fixtures" / "samples" / file_name
    result = RESOURCES_BY_NAME[kind]().import_data(read_dataset(path.read_bytes(), file_name=file_name))
    assert row_error_lines(result) == []
    assert result.totals["new"] >= 1


def test_imported_claims_and_citations_get_a_first_history_row_equal_to_the_row(world, editor):
    run_import(csv_bytes([row(), row(value="13.36 billion", unit="USD")]), user=editor)
    for claim in Claim.objects.all():
        entry = claim.history.get()
        assert (entry.history_type, entry.history_user, entry.history_change_reason) == ("+", editor, "import")
        assert (entry.value, entry.unit, entry.place_id, entry.status) == (
            claim.value,
            claim.unit,
            claim.place_id,
            "draft",
        )
        citation = claim.citations.get()
        citation_entry = citation.history.get()
        assert (citation_entry.quote, citation_entry.quote_start, citation_entry.history_user) == (
            citation.quote,
            citation.quote_start,
            editor,
        )


def test_a_json_export_reimports_as_all_skipped(world, editor):
    world_claim(world)
    exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all())).json
    result = run_import(exported.encode(), user=editor, name="claims.json")
    assert row_error_lines(result) == [] and result.totals["skip"] == 1


def test_export_dataset_streams_approved_claims_to_standard_output():
    approved = make_claim(status=Claim.Status.APPROVED)
    draft = make_claim(status=Claim.Status.DRAFT)
    out = io.StringIO()
    call_command("export_dataset", "--format", "jsonl", stdout=out)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == [str(approved.pk)] and str(draft.pk) not in ids


def test_importing_a_corrected_source_text_finds_its_citations_quotes_again():
    source = make_source(url="https://example.org/a", title="A", body="Intro. more than 3,100 new enterprises.")
    citation = make_claim(source=source).citations.get()
    assert citation.is_quote_found
    csv_text = (
        "url,title,body\n"
        'https://example.org/a,A,"A corrected intro that no longer says the figure."\n'
        'https://example.org/b,B,"Longer intro here. more than 3,100 new enterprises."\n'
    )
    result = SourceResource().import_data(read_dataset(csv_text.encode(), file_name="s.csv"))
    assert row_error_lines(result) == []
    citation.refresh_from_db()
    assert citation.quote_start is None  # now visibly NOT FOUND, not a stale position
