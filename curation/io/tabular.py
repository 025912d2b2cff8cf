"""Reading an uploaded or given file into a tablib Dataset, with a clear message for a bad file.

The admin form and the import command both call `read_dataset`, so a file is judged the same
way wherever it comes in. Reading goes through django-import-export's own formats.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import tablib
from import_export.formats import base_formats

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
    signature = next((name for magic, name in _SIGNATURES.items() if data.startswith(magic)), None)
    if kind == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise ImportFileError("The file's name ends in .xlsx but it is not an Excel workbook.")
        try:
            dataset = base_formats.XLSX().create_dataset(data)
        except Exception as error:  # openpyxl raises many kinds for a damaged workbook
            raise ImportFileError(f"The Excel workbook cannot be read ({type(error).__name__}: {error}).") from error
        dataset.headers = ["" if header is None else str(header).strip() for header in dataset.headers or []]
    else:
        if signature:
            raise ImportFileError(f"The file's name ends in .{kind} but it is {signature}.")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ImportFileError("The file is in UTF-16; save it as UTF-8 (in Excel: 'CSV UTF-8').")
        if b"\x00" in data[:4096]:
            raise ImportFileError(f"The file's name ends in .{kind} but it holds binary data, not text.")
        content = decode_text(data)
        if kind == "json":
            try:
                dataset = base_formats.JSON().create_dataset(content)
            except Exception as error:  # tablib's JSON loader raises several kinds
                raise ImportFileError(f"The file is not a JSON list of objects ({error}).") from error
        else:
            dataset = _read_csv(content)
    if not dataset.headers or not any(dataset.headers):
        raise ImportFileError("The file has no header row.")
    if len(dataset) == 0:
        raise ImportFileError("The file has a header row but no data rows.")
    return dataset


def _read_csv(content: str) -> tablib.Dataset:
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        headers = next(reader)
    except StopIteration as error:
        raise ImportFileError("The file is empty.") from error
    except csv.Error as error:
        raise ImportFileError(f"The file is not valid CSV ({error}).") from error
    headers = [header.strip() for header in headers]
    if len(headers) == 1:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in headers[0]:
                raise ImportFileError(
                    f"The cells are separated by {name}, not commas: save the sheet as 'CSV UTF-8 (comma delimited)'."
                )
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    try:
        for line_number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(values) != width:
                raise ImportFileError(
                    f"Line {line_number} has {len(values)} cells but the header has {width}; "
                    "check for an unquoted comma or line break in a cell."
                )
            dataset.append(values)
    except csv.Error as error:
        raise ImportFileError(f"The file is not valid CSV ({error}).") from error
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
