"""What each kind of job does: the domain calls, with progress, and the outcome in words.

Each function takes the Job row and a Progress and returns an Outcome; a JobRefused says, in
words, why the work could not be done. The import and the command-line import share
`import_file`, so a file is judged the same way wherever it comes in.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import tablib
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from import_export.results import Result, RowResult

from curation.io.chunked import CHUNK_ROWS, import_in_chunks
from curation.io.resources import RESOURCES_BY_NAME, check_file_columns, row_error_lines
from curation.io.tabular import ImportFileError, iter_dataset_chunks, read_dataset
from curation.jobs.import_check import import_check_queue, run_import_check
from curation.jobs.progress import Progress
from curation.jobs.runner import JobRefused, Outcome, job_finish
from curation.models import Job

# The preview page shows this many rows of a file (all of them are checked); problems are all kept
# up to MAX_KEPT_PROBLEMS.
MAX_PREVIEW_ROWS = 500
MAX_KEPT_PROBLEMS = 1000
MAX_LISTED_PROBLEMS = 20


class CountedDataset(tablib.Dataset):
    """A Dataset that reports each row django-import-export takes from it to a Progress.

    Reporting happens in the row loop itself, so a cancel request stops the import between two
    rows and its transaction rolls back.
    """

    progress: Progress
    # What happens after the last row (the bulk writes and the contradiction rules), for the progress page.
    final_phase = ""

    def __iter__(self):
        for row in self._data:
            yield row.tuple
            self.progress.advance()
        if self.final_phase:
            self.progress.set_phase(self.final_phase)


@dataclass
class ImportRun:
    result: Result
    rows: int

    @property
    def problems(self) -> list[str]:
        return row_error_lines(self.result)

    @property
    def failed(self) -> bool:
        return self.result.has_errors() or self.result.has_validation_errors()

    def counts_text(self) -> str:
        totals = self.result.totals
        return (
            f"{totals[RowResult.IMPORT_TYPE_NEW]:,} new, {totals[RowResult.IMPORT_TYPE_UPDATE]:,} updated, "
            f"{totals[RowResult.IMPORT_TYPE_SKIP]:,} unchanged"
        )


def resource_class_named(kind: str):
    try:
        return RESOURCES_BY_NAME[kind]
    except KeyError as error:
        raise JobRefused(f"Unknown kind of import '{kind}'.") from error


def import_file(
    *, data: bytes, file_name: str, kind: str, dry_run: bool, user, progress: Progress, preview_values: bool = False
) -> ImportRun:
    """Read, check and import (or dry-run) a file, all or nothing, reporting each row to `progress`."""
    resource_class = resource_class_named(kind)
    progress.begin(total=None, phase=f"Reading {file_name}")
    try:
        dataset = read_dataset(data, file_name=file_name)
        check_file_columns(resource_class, list(dataset.headers))
    except ImportFileError as error:
        raise JobRefused(f"{file_name}: {error} Nothing was written.") from error
    dataset.__class__ = CountedDataset
    dataset.progress = progress
    dataset.final_phase = "Preparing the preview" if dry_run else "Writing the rows"
    progress.begin(total=len(dataset), phase="Checking rows" if dry_run else "Checking and writing rows")
    resource = resource_class(preview_values=True) if preview_values and kind == "claims" else resource_class()
    result = resource.import_data(dataset, dry_run=dry_run, user=user)
    return ImportRun(result=result, rows=len(dataset))


def _problems_text(problems: list[str]) -> str:
    listed = "; ".join(problems[:MAX_LISTED_PROBLEMS])
    more = f" (and {len(problems) - MAX_LISTED_PROBLEMS:,} more)" if len(problems) > MAX_LISTED_PROBLEMS else ""
    return f"{listed}{more}"


def _preview_payload(run: ImportRun) -> dict:
    """The dry run's result, kept for the preview page: every total, the first rows, the problems."""
    result = run.result
    rows = [
        {"type": row.import_type, "diff": [("" if cell is None else str(cell)) for cell in (row.diff or [])]}
        for row in result.valid_rows()[:MAX_PREVIEW_ROWS]
    ]
    invalid = [
        {
            "number": row.number,
            "errors": {column: [str(message) for message in messages] for column, messages in row.error_dict.items()},
            "values": ["" if value is None else str(value) for value in row.values],
        }
        for row in result.invalid_rows[:MAX_KEPT_PROBLEMS]
    ]
    errors = [
        {"number": number, "messages": [str(error.error) for error in row_errors]}
        for number, row_errors in result.row_errors()[:MAX_KEPT_PROBLEMS]
    ]
    return {
        "rows": run.rows,
        "totals": dict(result.totals),
        "diff_headers": list(result.diff_headers),
        "valid_rows": rows,
        "invalid_rows": invalid,
        "row_errors": errors,
        "base_errors": [str(error.error) for error in result.base_errors],
        "problems": run.problems[:MAX_KEPT_PROBLEMS],
    }


def run_import_preview(*, job: Job, progress: Progress) -> Outcome:
    """Upload -> validate -> preview: a dry run of the whole file; nothing is written."""
    kind = job.parameters.get("kind", "claims")
    run = import_file(
        data=bytes(job.input_data or b""),
        file_name=job.input_name,
        kind=kind,
        dry_run=True,
        user=job.started_by,
        progress=progress,
        preview_values=True,
    )
    payload = _preview_payload(run)
    model = resource_class_named(kind)._meta.model._meta.model_name
    url = reverse(f"admin:curation_{model}_import_preview", args=[job.pk])
    if run.failed:
        return Outcome(
            summary=f"Checked {run.rows:,} rows: {len(run.problems):,} problems, so nothing can be imported "
            f"until the file is fixed. {_problems_text(run.problems)}",
            result=payload | {"ok": False},
            result_url=url,
        )
    return Outcome(
        summary=f"Checked {run.rows:,} rows: {run.counts_text()}. Nothing is written until you confirm.",
        result=payload | {"ok": True},
        result_url=url,
    )


def run_import(*, job: Job, progress: Progress) -> Outcome:
    """Confirm -> write: the file is checked again against the data as it is now, then written, all or nothing.

    Like `import_claims`, the file is read and imported in chunks (curation.io.chunked), so a
    worker's memory does not grow with the file. The job is marked done inside the import's
    transaction: it is done exactly when its rows are committed. A worker killed mid-import
    leaves no row and no "done".
    """
    source = job.preview if job.preview_id else job
    kind = source.parameters.get("kind", "claims")
    resource_class = resource_class_named(kind)
    file_name = source.input_name
    # The preview counted the rows; a file queued by the command is counted as it is read.
    total = source.result.get("rows") if job.preview_id else None
    with tempfile.TemporaryDirectory(prefix="ftz-import-") as folder:
        path = Path(folder) / Path(file_name).name
        path.write_bytes(bytes(source.input_data or b""))
        progress.begin(total=total, phase="Checking and writing rows")
        with transaction.atomic():
            try:
                checks = []
                outcome = import_in_chunks(
                    resource=resource_class(),
                    chunks=_counted_chunks(iter_dataset_chunks(path, chunk_rows=CHUNK_ROWS), resource_class, progress),
                    dry_run=False,
                    user=job.started_by,
                    # The contradiction check of the written claims: a job of its own, started when this commits.
                    on_written=lambda ids: checks.append(import_check_queue(claim_ids=ids, user=job.started_by)),
                )
            except ImportFileError as error:
                raise JobRefused(f"{file_name}: {error} Nothing was written.") from error
            if not outcome.written:
                changed = " since the preview" if job.preview_id else ""
                problems = f"{outcome.problem_count:,} problem{'' if outcome.problem_count == 1 else 's'}"
                raise JobRefused(
                    f"Import refused: {problems} in {outcome.rows:,} rows{changed}. "
                    f"Nothing was written. {_problems_text(outcome.problems)}"
                )
            totals = outcome.totals
            check = checks[0] if checks else None
            queued = f" The contradiction check of the written claims is queued as job #{check.pk}." if check else ""
            result = Outcome(
                summary=f"Imported {outcome.rows:,} rows from {file_name}: {totals['new']:,} new, "
                f"{totals['update']:,} updated, {totals['skip']:,} unchanged.{queued}",
                result={"rows": outcome.rows, "totals": dict(totals), "check_job": check.pk if check else None},
                result_url=_imported_url(kind, job),
            )
            progress.total = outcome.rows
            job_finish(job=job, outcome=result, progress=progress)
            # The file is written: its copy on the job (or its preview) is no longer needed.
            Job.objects.filter(pk=source.pk).update(input_data=None)
    return result


def _counted_chunks(chunks, resource_class, progress: Progress):
    """The file's chunks, its columns checked first, each row reported to `progress` as it is imported."""
    for number, chunk in enumerate(chunks):
        if number == 0:
            check_file_columns(resource_class, list(chunk.headers))
        chunk.__class__ = CountedDataset
        chunk.progress = progress
        yield chunk
    progress.set_phase("Writing the last rows")


def _imported_url(kind: str, job: Job) -> str:
    model = RESOURCES_BY_NAME[kind]._meta.model._meta.model_name
    url = reverse(f"admin:curation_{model}_changelist")
    if kind == "claims" and job.started_by_id and job.started_at:
        # The claims this import created or changed: last changed by its user since it started.
        since = job.started_at.replace(microsecond=0).isoformat()
        return f"{url}?{urlencode({'updated_by': job.started_by_id, 'updated_at__gte': since})}"
    return url


def run_release(*, job: Job, progress: Progress) -> Outcome:
    from curation.io.releases import release_publish

    parameters = job.parameters
    progress.begin(total=1, phase="Building the release files")
    user = job.started_by or get_user_model().objects.filter(username=parameters.get("user")).first()
    if user is None:
        raise JobRefused("A release needs a publisher; the user who started this job no longer exists.")
    try:
        release = release_publish(
            title=parameters.get("title", ""),
            description=parameters.get("description", ""),
            user=user,
            include_deprecated=bool(parameters.get("include_deprecated")),
        )
    except (PermissionDenied, ValidationError) as error:
        raise JobRefused(" ".join(getattr(error, "messages", [str(error)]))) from error
    progress.advance()
    changes = release.changes
    return Outcome(
        summary=f"Published release v{release.version} '{release.title}': {release.claim_count:,} claims "
        f"({len(changes['added']):,} added, {len(changes['removed']):,} removed, {len(changes['changed']):,} changed "
        "since the previous release).",
        result={"release": release.pk, "version": release.version},
        result_url=reverse("admin:curation_release_change", args=[release.pk]),
    )


def run_contradictions(*, job: Job, progress: Progress) -> Outcome:
    from curation.contradictions import detection

    if "claim_ranges" in job.parameters:
        # The check of the claims an import wrote, queued when it committed (jobs.import_check).
        return run_import_check(job=job, progress=progress)

    dry_run = bool(job.parameters.get("dry_run"))
    report = detection.detect_all(dry_run=dry_run, progress=progress)
    suffix = " (dry run: nothing saved)" if dry_run else ""
    return Outcome(
        summary=" ".join(line + "." for line in report.lines()) + suffix,
        result={"claims_checked": report.claims_checked, "found": dict(report.found), "created": report.created},
        result_url=reverse("admin:curation_contradiction_changelist") + "?status__exact=open",
    )


def run_extraction(*, job: Job, progress: Progress) -> Outcome:
    from curation.extraction.workflow import extract_sources

    source_ids = job.parameters.get("source_ids") or None
    accept = bool(job.parameters.get("accept"))
    try:
        totals, _ = extract_sources(source_ids=source_ids, accept=accept, user=job.started_by, progress=progress)
    except ValidationError as error:
        raise JobRefused(" ".join(error.messages)) from error
    mode = "" if accept else " Nothing was written (report only)."
    created = f", {totals['created']:,} draft claims created" if accept else ""
    return Outcome(
        summary=f"{progress.done:,} sources read: {totals['candidates']:,} candidates, {totals['curated']:,} already "
        f"curated, {totals['new']:,} new ({totals['complete']:,} complete), {totals['unparsed']:,} unparsed{created}."
        f"{mode}",
        result=totals,
        result_url=reverse("admin:curation_claim_changelist") + "?status__exact=draft",
    )


WORK = {
    Job.Kind.IMPORT_PREVIEW: run_import_preview,
    Job.Kind.IMPORT: run_import,
    Job.Kind.RELEASE: run_release,
    Job.Kind.CONTRADICTIONS: run_contradictions,
    Job.Kind.EXTRACTION: run_extraction,
}
