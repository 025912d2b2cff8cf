"""Reading an uploaded or given file into a tablib Dataset, with a clear message for a bad file.

The admin form and the import command both call `read_dataset`, so a file is judged the same
way wherever it comes in. Reading goes through django-import-export's own formats.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import tablib
from openpyxl.utils import get_column_letter

from curation.io.parsing import suggest

_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive or an Excel/Word/OpenDocument file",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Word (.doc) file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Columns:
    """The columns a file may have: those it must have, those it may have, those it ignores."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional + self.ignored


def format_for(file_name: str) -> str:
    suffix = Path(file_name).suffix.lower().lstrip(".")
    if suffix in {"csv", "txt", "tsv"}:
        return "csv"
    if suffix in {"xlsx", "json"}:
        return suffix
    if suffix == "xls":
        raise ImportFileError("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or .csv.")
    raise ImportFileError(
        f"'{file_name}' is not a CSV, XLSX or JSON file (the name should end in .csv, .xlsx or .json)."
    )


def decode_text(data: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark; anything else is refused by name."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read; tried UTF-8 with and "
            "without byte-order mark). It may be in Windows-1252 or GB18030: save it as 'CSV UTF-8'."
        ) from error


def read_dataset(data: bytes, *, file_name: str) -> tablib.Dataset:
    """The rows of a CSV, XLSX or JSON file; ImportFileError for a file that is not one."""
    if not data or not data.strip():
        raise ImportFileError("The file is empty.")
    kind = format_for(file_name)
    if kind == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ImportFileError("The file's name ends in .xlsx but it is not an Excel workbook.")
        dataset = _read_xlsx(data)
    else:
        _check_text_head(data[:4096], kind)
        content = decode_text(data)
        if kind == "json":
            dataset = _read_json(content)
        else:
            dataset = _read_csv(content)
    if not dataset.headers or not any(dataset.headers):
        raise ImportFileError("The file has no header row.")
    if len(dataset) == 0:
        raise ImportFileError("The file has a header row but no data rows.")
    return dataset


def iter_dataset_chunks(path: Path, *, chunk_rows: int) -> Iterator[tablib.Dataset]:
    """The file's rows in datasets of at most `chunk_rows`, read as they are needed.

    For the command-line import of large files: CSV and XLSX are read row by row, so memory
    does not grow with the file (JSON is parsed whole, then cut). The same strict rules and
    messages as `read_dataset` apply; a file with a header and no rows is refused.
    """
    kind = format_for(path.name)
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        raise ImportFileError("The file is empty.")
    if kind == "json":
        dataset = read_dataset(path.read_bytes(), file_name=path.name)
        for start in range(0, len(dataset), chunk_rows):
            chunk = tablib.Dataset(headers=dataset.headers)
            for values in dataset[start : start + chunk_rows]:
                chunk.append(values)
            yield chunk
        return
    if kind == "xlsx":
        if not head.startswith(b"PK\x03\x04"):
            raise ImportFileError("The file's name ends in .xlsx but it is not an Excel workbook.")
        yield from _chunks(_xlsx_rows(path), chunk_rows)
        return
    _check_text_head(head, kind)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        try:
            yield from _chunks(_csv_rows(stream), chunk_rows)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "The file is not UTF-8 text (tried UTF-8 with and without byte-order mark). It may be in "
                "Windows-1252 or GB18030: save it as 'CSV UTF-8'."
            ) from error


def _chunks(rows: Iterator[list], chunk_rows: int) -> Iterator[tablib.Dataset]:
    headers = next(rows)
    if not headers or not any(headers):
        raise ImportFileError("The file has no header row.")
    chunk = tablib.Dataset(headers=headers)
    sent = 0
    for values in rows:
        chunk.append(values)
        if len(chunk) >= chunk_rows:
            yield chunk
            sent += len(chunk)
            chunk = tablib.Dataset(headers=headers)
    if len(chunk) or not sent:
        if not len(chunk):
            raise ImportFileError("The file has a header row but no data rows.")
        yield chunk


def _check_text_head(head: bytes, kind: str) -> None:
    signature = next((name for magic, name in _SIGNATURES.items() if head.startswith(magic)), None)
    if signature:
        raise ImportFileError(f"The file's name ends in .{kind} but it is {signature}.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("The file is in UTF-16; save it as UTF-8 (in Excel: 'CSV UTF-8').")
    if b"\x00" in head:
        raise ImportFileError(f"The file's name ends in .{kind} but it holds binary data, not text.")


def _read_csv(content: str) -> tablib.Dataset:
    return _dataset(_csv_rows(io.StringIO(content, newline="")))


def _dataset(rows: Iterator[list]) -> tablib.Dataset:
    """A dataset from a row reader whose first item is the header."""
    dataset = tablib.Dataset(headers=next(rows))
    for values in rows:
        dataset.append(values)
    return dataset


def _csv_rows(stream) -> Iterator[list]:
    """The header, then every record of the text, strictly: a quote mark that never closes, or text
    after a closing quote mark, is an error naming the line where the record starts (Python's
    lenient reading would fold the rest of the file into that cell)."""
    reader = csv.reader(stream, strict=True)
    headers = _next_record(reader)
    if headers is None:
        raise ImportFileError("The file is empty.")
    headers = [header.strip() for header in headers]
    if len(headers) == 1:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in headers[0]:
                raise ImportFileError(
                    f"The cells are separated by {name}, not commas: save the sheet as 'CSV UTF-8 (comma delimited)'."
                )
    yield headers
    width = len(headers)
    while True:
        line_number = reader.line_num + 1
        values = _next_record(reader)
        if values is None:
            break
        if not any(value.strip() for value in values):
            continue
        if len(values) != width:
            raise ImportFileError(
                f"Line {line_number} has {len(values)} cells but the header has {width}; "
                "check for an unquoted comma or line break in a cell."
            )
        yield values


def _next_record(reader) -> list[str] | None:
    """The next record, None at the end, ImportFileError naming the line where a broken record starts."""
    line_number = reader.line_num + 1
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ImportFileError(
                f'Line {line_number}: a cell opens a quote mark (") that is never closed, so the rest of the '
                'file would be read into that one cell. Close the quote mark, or double it ("") inside a '
                "quoted cell. Nothing was imported."
            ) from error
        raise ImportFileError(
            f"Line {line_number}: the cells are not valid CSV: a quoted cell must end right after its closing "
            'quote mark (a quote mark inside a quoted cell is written twice: ""). Nothing was imported.'
        ) from error


def _read_xlsx(data: bytes) -> tablib.Dataset:
    return _dataset(_xlsx_rows(io.BytesIO(data)))


def _xlsx_rows(source) -> Iterator[list]:
    """The first sheet's header, then its rows as values, read as they are needed; a formula cell,
    or a value outside the header's columns, is refused by row and column (reading the cached
    result would import what Excel last showed, or nothing at all for a workbook never opened in
    Excel)."""
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(
            "The Excel workbook cannot be read: it may be damaged or saved in another format "
            "(open it in Excel and save it again as .xlsx)."
        ) from error
    try:
        rows = workbook.active.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise ImportFileError("The file is empty.")
        headers = ["" if cell.value is None else str(cell.value).strip() for cell in header_cells]
        while headers and not headers[-1]:
            headers.pop()
        yield headers
        width = len(headers)
        for row_number, cells in enumerate(rows, start=1):
            for column_number, cell in enumerate(cells, start=1):
                if cell.value is None:
                    continue
                column = headers[column_number - 1] if column_number <= width else ""
                if getattr(cell, "data_type", None) == "f":
                    where = column or f"column {get_column_letter(column_number)}"
                    raise ImportFileError(
                        f"row {row_number}, {where}: the cell holds a formula ({cell.value}), not a value. "
                        "Replace the formula by its value (copy, then paste values only). Nothing was imported."
                    )
                if not column and (not isinstance(cell.value, str) or cell.value.strip()):
                    raise ImportFileError(
                        f"row {row_number} has a value in column {get_column_letter(column_number)}, which has no "
                        "header: every column with values needs a name in the first row. Nothing was imported."
                    )
            values = [cell.value for cell in cells][:width]
            values += [None] * (width - len(values))
            if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
                continue
            yield values
    finally:
        workbook.close()


_JSON_KINDS = {dict: "an object", list: "a list", str: "a text", bool: "true or false", type(None): "null"}


def _json_kind(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _read_json(content: str) -> tablib.Dataset:
    """A JSON list of objects, one per row; the keys of every object become columns (none dropped)."""
    try:
        items = json.loads(content)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"The file is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg.lower()}. "
            "Nothing was imported."
        ) from error
    if not isinstance(items, list):
        raise ImportFileError(
            f"The file should hold a list of claims ([ {{…}}, {{…}} ]), but holds {_json_kind(items)}."
        )
    if not items:
        raise ImportFileError("The file holds an empty list: there are no rows to import.")
    headers: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ImportFileError(
                f"Item {number} of the list is {_json_kind(item)}, not an object with one key per column."
            )
        for key, value in item.items():
            if isinstance(value, dict | list):
                raise ImportFileError(
                    f"Item {number}, {key}: {_json_kind(value)} is not a cell value (give text, a number or null)."
                )
            headers.setdefault(str(key).strip(), None)
    dataset = tablib.Dataset(headers=list(headers))
    for item in items:
        stripped = {str(key).strip(): value for key, value in item.items()}
        dataset.append([stripped.get(header) for header in headers])
    return dataset


def check_columns(headers: list[str], columns: Columns) -> None:
    """Refuse a file that lacks a required column or has one this import does not know."""
    present = [header for header in headers if header]
    duplicates = sorted({header for header in present if present.count(header) > 1})
    problems = []
    if duplicates:
        problems.append("repeated column(s): " + ", ".join(duplicates))
    missing = [column for column in columns.required if column not in present]
    if missing:
        problems.append("missing column(s): " + ", ".join(missing))
    unknown = [header for header in present if header not in columns.known]
    for header in unknown:
        close = suggest(header, columns.known)
        problems.append(f"unknown column '{header}'" + (f" (did you mean '{close}'?)" if close else ""))
    if problems:
        raise ImportFileError(
            "The columns do not match: " + "; ".join(problems) + ". Expected: " + ", ".join(columns.known) + "."
        )
