"""Import claims (or sources, places, metrics) from a CSV, XLSX or JSON file, all or nothing."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from curation.io.chunked import CHUNK_ROWS, import_in_chunks
from curation.io.resources import RESOURCES_BY_NAME, check_file_columns
from curation.io.tabular import ImportFileError, iter_dataset_chunks
from curation.jobs.commands import BackgroundMixin
from curation.jobs.import_check import import_check_queue
from curation.models import Job

MAX_LISTED_ERRORS = 200


class Command(BackgroundMixin, BaseCommand):
    help = (
        "Import a CSV, XLSX or JSON file of claims (or --kind sources/places/metrics). One bad row: nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of a .csv, .xlsx or .json file")
        parser.add_argument("--dry-run", action="store_true", help="check every row and report, write nothing")
        parser.add_argument("--kind", choices=sorted(RESOURCES_BY_NAME), default="claims")
        parser.add_argument("--user", help="username recorded as the claims' creator (required unless --dry-run)")
        self.add_background_argument(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named '{options['user']}'.")
        elif not options["dry_run"]:
            raise CommandError("Give --user USERNAME: imported rows record who created them.")
        permission = f"curation.import_{RESOURCES_BY_NAME[options['kind']]._meta.model._meta.model_name}"
        if user is not None and not user.has_perm(permission):
            raise CommandError(f"User '{user.username}' lacks the permission {permission}.")

        if options["background"]:
            # The worker reads and checks the file as the inline import would; an import job is
            # all or nothing and may be run again (rows already written come out unchanged).
            return self.enqueue(
                kind=Job.Kind.IMPORT_PREVIEW if options["dry_run"] else Job.Kind.IMPORT,
                user=user,
                parameters={"kind": options["kind"]},
                input_name=path.name,
                input_data=path.read_bytes(),
            )
        started = time.perf_counter()
        resource_class = RESOURCES_BY_NAME[options["kind"]]
        # The file is read and imported in chunks (io.chunked), so memory does not grow with it.
        chunks = iter_dataset_chunks(path, chunk_rows=CHUNK_ROWS)
        try:
            with tqdm(unit="row", disable=not sys.stderr.isatty(), file=sys.stderr, desc=path.name) as progress:
                checks = []
                outcome = import_in_chunks(
                    resource=resource_class(),
                    chunks=self._checked(chunks, resource_class),
                    dry_run=options["dry_run"],
                    user=user,
                    on_chunk=progress.update,
                    # The contradiction check of the written claims: a job that starts once the rows are committed.
                    on_written=lambda ids: checks.append(import_check_queue(claim_ids=ids, user=user)),
                )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from error
        seconds = time.perf_counter() - started

        totals = outcome.totals
        summary = (
            f"{outcome.rows} rows in {seconds:.1f} s: {totals['new']} new, {totals['update']} updated, "
            f"{totals['skip']} unchanged (skipped), {totals['invalid'] + totals['error']} with errors."
        )
        if outcome.problem_count:
            for line in outcome.problems[:MAX_LISTED_ERRORS]:
                self.stderr.write(line)
            if outcome.problem_count > MAX_LISTED_ERRORS:
                self.stderr.write(f"… and {outcome.problem_count - MAX_LISTED_ERRORS} more problems.")
            raise CommandError(f"{summary} Nothing was written.")
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing written. {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported. {summary}"))
            if checks:
                self._report_check(checks[0])

    def _report_check(self, job: Job) -> None:
        """Where the contradiction check of the imported claims stands (the immediate backend has run it)."""
        job.refresh_from_db()
        where = f"/{settings.ADMIN_URL}curation/job/{job.pk}/change/"
        if job.is_finished:
            self.stdout.write(f"{job.summary or job.error} (job #{job.pk}: {where})")
        else:
            self.stdout.write(
                f"The contradiction check of the {job.parameters['imported_claims']} imported claims is queued as "
                f"job #{job.pk}; their flags appear when it is done, and they cannot be approved before. "
                f"Follow it at {where}"
            )

    @staticmethod
    def _checked(chunks, resource_class):
        """The chunks, the first one's columns checked before anything is imported."""
        for number, chunk in enumerate(chunks):
            if number == 0:
                check_file_columns(resource_class, list(chunk.headers))
            yield chunk
