"""Dataset releases: building the files of a snapshot of approved claims, and publishing it.

A release holds its files byte for byte in the database (ReleaseFile.content) with their
SHA-256 checksums. Storing them in the database rather than under MEDIA_ROOT keeps the
release and its bytes in one transaction (no file without its row, no row without its file),
in the same backup, and identical on every app server; a dataset of approved claims is a few
megabytes at most. Neither Release nor ReleaseFile can be saved twice, so later edits to
claims never reach a published release.
"""

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils import timezone

from curation.io.claim_export import spreadsheet_number
from curation.io.claim_rows import CLAIM_EXPORT_ORDER
from curation.io.resources import ClaimResource
from curation.models import Claim, Metric, Release, ReleaseFile, Source

PUBLISH_PERMISSION = "curation.publish_release"

# Frictionless table schema: one entry per exported column.
FIELD_SCHEMA = {
    "id": ("integer", "The claim's id in the portal; stable across releases."),
    "source": ("string", "The article stating the figure: its URL, or its title when it has no URL."),
    "place": ("string", "The place the figure is about (the portal's place name)."),
    "metric": ("string", "Code of the metric measured, e.g. trade_value."),
    "qualifier": (
        "string",
        "How the source qualifies the number: exact, about, more_than, at_least, nearly, up_to, less_than, between.",
    ),
    "value": ("number", "The number as the source states it, in the unit of the row's unit column."),
    "value_max": ("number", "Upper bound of a range; only when qualifier is between."),
    "unit": ("string", "Unit of value and value_max: CNY, USD, %, enterprises, t, …"),
    "period_start": ("date", "First day of the period of a flow or rate; empty for a stock (a level at a date)."),
    "period_end": ("date", "Last day of the period, or the as-of date of a stock."),
    "period_label": ("string", "The period in the source's own words."),
    "quote": ("string", "The words of the source that state the figure, verbatim."),
    "attribution": ("string", "Who the source cites for the figure."),
    "notes": (
        "string",
        "The editors' note on how they read the article for this figure (which place, how a date was approximated).",
    ),
    "status": ("string", "Review status; always approved in a release."),
    "rank": ("string", "preferred or normal (deprecated claims are left out of releases)."),
}


@dataclass(frozen=True)
class BuiltFile:
    name: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def dataset_queryset(*, include_deprecated: bool = False):
    """The claims a dataset publishes: approved, not deprecated unless asked, in id order."""
    claims = Claim.objects.approved()
    if not include_deprecated:
        claims = claims.exclude(rank=Claim.Rank.DEPRECATED)
    return ClaimResource.export_queryset(claims).order_by("pk")


def dataset_rows(queryset) -> Iterator[list]:
    """The exported rows (formula-safe text cells) of a claim queryset, streamed."""
    yield from ClaimResource().export_rows(queryset)


def csv_bytes(headers: list[str], rows: Iterable[list]) -> bytes:
    buffer = io.StringIO(newline="")
    # RFC 4180 line ends: with them the csv module also quotes a cell holding a carriage return,
    # which would otherwise end the row there and start the next one with the rest of the text.
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def typed_record(headers: list[str], row: list) -> dict:
    """A row as a JSON record: id an integer, values numbers, empty cells null."""
    record = dict(zip(headers, row, strict=True))
    record["id"] = int(record["id"])
    for name in ("value", "value_max"):
        record[name] = spreadsheet_number(record[name])
    return {name: (None if value == "" else value) for name, value in record.items()}


def json_bytes(records: list[dict]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def xlsx_bytes(headers: list[str], rows: Iterable[list]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("claims")
    sheet.append(headers)
    numeric = {headers.index("value"), headers.index("value_max"), headers.index("id")}
    for row in rows:
        # Numbers stay numbers in the sheet; text cells were made formula-safe on export.
        sheet.append([spreadsheet_number(cell) if index in numeric else cell for index, cell in enumerate(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(content: bytes) -> bytes:
    """The same workbook bytes whenever it is built: zip entries get a fixed timestamp."""
    source = zipfile.ZipFile(io.BytesIO(content))
    return _zip_with_fixed_times((item.filename, source.read(item.filename)) for item in source.infolist())


def _zip_with_fixed_times(entries: Iterable[tuple[str, bytes]]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            fixed = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return output.getvalue()


def release_zip_name(version: int) -> str:
    return f"ftz-claims-v{version}.zip"


def release_zip_bytes(release: Release) -> bytes:
    """Every file of a release in one zip, under the names its datapackage.json gives them.

    Built from the stored bytes with fixed timestamps, so each download of it is identical.
    """
    return _zip_with_fixed_times((item.name, bytes(item.content)) for item in release.files.order_by("name"))


def datapackage(
    *, version: int, title: str, description: str, published_at, files: list[BuiltFile], source_ids, metric_codes
):
    """A Frictionless Data Package descriptor for the release's claims table.

    The package is a plain data-package: only the CSV is a tabular-data-resource with the table
    schema (a tabular-data-package would require the JSON and XLSX copies to be tabular
    resources too, which Frictionless reads only with optional plugins). Each resource's path
    is the file's own name, the name the site serves it under and the name it has in the zip.
    """
    sources = Source.objects.filter(pk__in=source_ids).order_by("pk").values_list("title", "url")
    metrics = Metric.objects.filter(code__in=metric_codes).order_by("code")
    schema = {
        "fields": [
            {"name": name, "type": FIELD_SCHEMA[name][0], "description": FIELD_SCHEMA[name][1]}
            for name in CLAIM_EXPORT_ORDER
        ],
        "primaryKey": ["id"],
        "missingValues": [""],
    }
    formats = {
        "claims.csv": ("csv", "text/csv"),
        "claims.json": ("json", "application/json"),
        "claims.xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    }
    resources = []
    for built in files:
        file_format, media_type = formats[built.name]
        resource = {
            "name": "claims" if file_format == "csv" else f"claims-{file_format}",
            "path": built.name,
            "format": file_format,
            "mediatype": media_type,
            "bytes": len(built.content),
            "hash": f"sha256:{built.sha256}",
        }
        if file_format == "csv":
            resource.update({"profile": "tabular-data-resource", "encoding": "utf-8", "schema": schema})
        resources.append(resource)
    descriptor = {
        "profile": "data-package",
        "name": "ftz-claims",
        "title": title,
        "description": description,
        "version": f"{version}.0.0",
        "created": published_at.isoformat(),
        "licenses": [settings.DATASET_LICENSE],
        "sources": [{"title": source_title, **({"path": url} if url else {})} for source_title, url in sources],
        # What each metric code in the table measures and its usual unit (a row's own unit column wins).
        "metrics": [
            {
                "code": metric.code,
                "name": metric.name,
                "unit": metric.unit,
                "nature": metric.nature,
                "additive": metric.is_additive,
                "description": metric.description,
            }
            for metric in metrics
        ],
        "resources": resources,
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8")


def build_files(*, version: int, title: str, description: str, published_at, queryset) -> tuple[list[BuiltFile], dict]:
    """The release files and the JSON records by claim id (for the diff with the next release)."""
    headers = ClaimResource().get_export_headers()
    rows = list(dataset_rows(queryset))
    records = [typed_record(headers, row) for row in rows]
    files = [
        BuiltFile("claims.csv", "text/csv", csv_bytes(headers, rows)),
        BuiltFile("claims.json", "application/json", json_bytes(records)),
        BuiltFile(
            "claims.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx_bytes(headers, rows),
        ),
    ]
    source_ids = queryset.values_list("citations__source_id", flat=True).distinct()
    files.append(
        BuiltFile(
            "datapackage.json",
            "application/json",
            datapackage(
                version=version,
                title=title,
                description=description,
                published_at=published_at,
                files=files,
                source_ids=source_ids,
                metric_codes={record["metric"] for record in records},
            ),
        )
    )
    return files, {record["id"]: record for record in records}


def rows_of_release(release: Release | None) -> dict[int, dict]:
    """The claims a published release holds, read back from its own JSON file."""
    if release is None:
        return {}
    content = release.files.get(name="claims.json").content
    return {int(record["id"]): record for record in json.loads(bytes(content))}


def diff_releases(previous: dict[int, dict], current: dict[int, dict]) -> dict:
    """Claims added, removed and changed (with the columns that changed) between two snapshots."""
    added = sorted(current.keys() - previous.keys())
    removed = sorted(previous.keys() - current.keys())
    changed = []
    for claim_id in sorted(current.keys() & previous.keys()):
        columns = sorted(
            name
            for name in current[claim_id].keys() | previous[claim_id].keys()
            if current[claim_id].get(name) != previous[claim_id].get(name)
        )
        if columns:
            changed.append({"id": claim_id, "columns": columns})
    return {"added": added, "removed": removed, "changed": changed}


@transaction.atomic
def release_publish(
    *, title: str, description: str = "", user: AbstractBaseUser, include_deprecated: bool = False
) -> Release:
    """Publish the approved claims as the next release; only holders of publish_release may."""
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Publishing a release needs the permission 'Can publish dataset releases'.")
    if not title.strip():
        raise ValidationError("A release needs a title.")
    # Lock the releases so two publishers cannot take the same version number.
    previous = Release.objects.select_for_update().order_by("-version").first()
    version = (Release.objects.aggregate(latest=Max("version"))["latest"] or 0) + 1
    queryset = dataset_queryset(include_deprecated=include_deprecated)
    published_at = timezone.now()
    files, rows = build_files(
        version=version, title=title.strip(), description=description, published_at=published_at, queryset=queryset
    )
    if not rows:
        raise ValidationError("There are no approved claims to publish.")
    try:
        with transaction.atomic():
            release = _create_release(
                version=version,
                title=title,
                description=description,
                user=user,
                published_at=published_at,
                rows=rows,
                previous=previous,
                files=files,
            )
    except IntegrityError as error:
        # With no release yet there is no row to lock: a second publisher racing for v1 lands here.
        raise ValidationError(f"Release v{version} was published by someone else just now; publish again.") from error
    return release


def _create_release(*, version, title, description, user, published_at, rows, previous, files) -> Release:
    release = Release.objects.create(
        version=version,
        title=title.strip(),
        description=description,
        published_by=user,
        published_at=published_at,
        claim_count=len(rows),
        changes=diff_releases(rows_of_release(previous), rows)
        | {"previous_version": previous.version if previous else None},
    )
    ReleaseFile.objects.bulk_create(
        [
            ReleaseFile(
                release=release,
                name=built.name,
                media_type=built.media_type,
                content=built.content,
                size=len(built.content),
                sha256=built.sha256,
            )
            for built in files
        ]
    )
    return release



def release_file_response(*, release: Release, name: str) -> HttpResponse:
    """One of a release's files as a download, byte for byte, with its checksum.

    The one response the public release page and the admin both serve; Http404 when the
    release has no file of that name.
    """
    release_file = release.files.filter(name=name).first()
    if release_file is None:
        raise Http404(f"Release v{release.version} has no file {name}.")
    response = HttpResponse(bytes(release_file.content), content_type=release_file.media_type)
    # The file's own name: the one datapackage.json gives it, so a folder of downloads validates.
    response["Content-Disposition"] = f'attachment; filename="{release_file.name}"'
    response["Digest"] = f"sha-256={release_file.sha256}"
    return response
