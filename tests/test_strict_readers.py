"""Strict reading of claim files (issue 13, items 1, 6, 7): a file that breaks is named by line, row
or cell and nothing is written; a formula cell is refused by name; an export re-imports as no change."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from curation.io.resources import ClaimResource, row_error_lines
from curation.io.tabular import ImportFileError, read_dataset
from curation.models import Claim
from tests.builders import make_claim
from tests.test_resources import HEADER, csv_bytes, row, run_import, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _rows_with_unclosed_quote_in_last_column() -> bytes:
    """Two valid rows, one whose notes cell opens a quote mark that never closes, two more valid rows."""
    lines = [csv_bytes([row(), row(value="13.36 billion", unit="USD")]).decode().rstrip("\r\n")]
    broken = csv_bytes([row(value="3,100", metric="trade_value", quote="more than 3,100 new enterprises")])
    broken_line = broken.decode().splitlines()[1].rsplit(",", 1)[0] + ',"an unclosed note'
    lines.append(broken_line)
    for value in ("1", "2"):
        valid = row(value=value, unit=f"u{value}", notes="plain")
        lines.append(",".join(valid))
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_csv_cell_opening_a_quote_that_never_closes_names_its_line(world):  # noqa: F811
    data = _rows_with_unclosed_quote_in_last_column()
    with pytest.raises(ImportFileError, match=r"^Line 4: .*quote mark.* never closed"):
        read_dataset(data, file_name="claims.csv")


def test_the_import_command_writes_nothing_for_an_unclosed_quote(world, editor, tmp_path):  # noqa: F811
    path = tmp_path / "claims.csv"
    path.write_bytes(_rows_with_unclosed_quote_in_last_column())
    with pytest.raises(CommandError, match="Line 4"):
        call_command("import_claims", str(path), "--user", editor.username)
    assert Claim.objects.count() == 0


def test_a_csv_quote_followed_by_text_names_its_line():
    data = b'source,notes\nx,fine\ny,"closed"then more\n'
    with pytest.raises(ImportFileError, match=r"^Line 3: "):
        read_dataset(data, file_name="claims.csv")


def _xlsx(rows, *, formula_at=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    if formula_at:
        sheet[formula_at] = "=1+2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_formula_in_a_text_column_is_refused_by_row_and_column(world):  # noqa: F811
    data = _xlsx([HEADER, row(), row(value="13.36 billion", unit="USD"), row(unit="x")], formula_at="J4")
    with pytest.raises(ImportFileError, match=r"row 3, notes: the cell holds a formula \(=1\+2\), not a value"):
        read_dataset(data, file_name="claims.xlsx")


def test_an_xlsx_formula_in_the_value_column_is_refused_not_read_as_empty(world):  # noqa: F811
    data = _xlsx([HEADER, row()], formula_at="E2")
    with pytest.raises(ImportFileError, match=r"row 1, value: the cell holds a formula"):
        read_dataset(data, file_name="claims.xlsx")


def test_an_xlsx_row_with_cells_beyond_the_header_is_refused():
    data = _xlsx([["source", "notes"], ["a", "b"], ["c", "d", "stray"]])
    with pytest.raises(ImportFileError, match=r"row 2 has a value in column C, which has no header"):
        read_dataset(data, file_name="claims.xlsx")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[{"source": "a"},\n {"source": "b"\n]', r"^The file is not valid JSON: line 3, column 1: expecting ','"),
        (b'{"source": "a"}', r"should hold a list of claims \(\[ \{…\}, \{…\} \]\), but holds an object"),
        (b'[{"source": "a"}, 7]', r"^Item 2 of the list is a number, not an object"),
        (b'[{"source": "a"}, {"source": ["x"]}]', r"^Item 2, source: a list is not a cell value"),
        (b"[]", r"holds an empty list"),
    ],
)
def test_json_files_are_read_strictly_with_sentences(content, message):
    with pytest.raises(ImportFileError, match=message):
        read_dataset(content, file_name="claims.json")


def test_json_items_with_different_keys_keep_every_key():
    dataset = read_dataset(b'[{"source": "a"}, {"source": "b", "notse": "x"}]', file_name="claims.json")
    assert dataset.headers == ["source", "notse"] and dataset[0] == ("a", None)


def test_a_csv_with_only_a_header_line_and_no_newline_says_so():
    with pytest.raises(ImportFileError, match="header row but no data rows"):
        read_dataset(b"source,notes", file_name="claims.csv")


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_notes_with_windows_line_breaks_round_trip_as_no_change(world, editor, file_format):  # noqa: F811
    make_claim(
        place=world["place"],
        metric=world["trade"],
        source=world["source"],
        unit="CNY",
        value=Decimal("3100"),
        quote="more than 3,100 new enterprises",
        notes="first line\r\nsecond line\r\n\tindented = 3",
        attribution="said an official\r\nof the zone",
        status=Claim.Status.APPROVED,
    )
    exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all()))
    data = exported.xlsx if file_format == "xlsx" else getattr(exported, file_format).encode()
    result = run_import(data, user=editor, name=f"claims.{file_format}")
    assert row_error_lines(result) == [] and result.totals["skip"] == 1, row_error_lines(result)


def test_an_empty_workbook_says_so_in_words():
    with pytest.raises(ImportFileError, match=r"^The file is empty\.$"):
        read_dataset(_xlsx([]), file_name="claims.xlsx")


def _five_rows() -> list:
    return [row(value=str(number), unit=f"u{number}") for number in range(1, 6)]


def test_the_import_command_reads_and_imports_a_file_in_chunks(world, editor, tmp_path, monkeypatch):  # noqa: F811
    from curation.io import chunked

    sizes = []
    original = ClaimResource.import_data

    def recording(self, dataset, **kwargs):
        sizes.append(len(dataset))
        return original(self, dataset, **kwargs)

    monkeypatch.setattr(ClaimResource, "import_data", recording)
    monkeypatch.setattr("curation.management.commands.import_claims.CHUNK_ROWS", 2)
    assert chunked.CHUNK_ROWS >= 2
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(_five_rows()))
    call_command("import_claims", str(path), "--user", editor.username)
    assert sizes == [2, 2, 1]
    assert Claim.objects.count() == 5


def test_a_bad_row_in_a_later_chunk_writes_nothing_and_is_numbered_in_the_file(
    world,  # noqa: F811
    editor,
    tmp_path,
    monkeypatch,
    capsys,
):
    monkeypatch.setattr("curation.management.commands.import_claims.CHUNK_ROWS", 2)
    rows = _five_rows()
    rows[4] = row(value="5", unit="u5", place="Kashgarr")
    rows.append(row(value="1", unit="u1"))  # repeats row 1, two chunks later
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match=r"^6 rows .* Nothing was written"):
        call_command("import_claims", str(path), "--user", editor.username)
    errors = capsys.readouterr().err
    assert "row 5, place: 'Kashgarr'" in errors and "row 6: repeats row 1" in errors
    assert Claim.objects.count() == 0


def test_a_chunked_import_runs_the_contradiction_rules_once_over_everything_it_wrote(
    world,  # noqa: F811
    editor,
    tmp_path,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from curation import services

    calls = []
    from curation.contradictions.detection import DetectionReport

    monkeypatch.setattr(
        services,
        "claims_written_in_bulk",
        lambda *, claim_ids: calls.append(sorted(claim_ids)) or DetectionReport(claims_checked=len(claim_ids)),
    )
    monkeypatch.setattr("curation.management.commands.import_claims.CHUNK_ROWS", 2)
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(_five_rows()))
    with django_capture_on_commit_callbacks(execute=True):  # the check is a job queued for the commit
        call_command("import_claims", str(path), "--user", editor.username)
    assert calls == [sorted(Claim.objects.values_list("pk", flat=True))]
