"""Run the extraction assistant over sources and report what it finds; with --accept, create drafts.

`--format json` prints the candidates themselves, one JSON object each, for pipelines and tests.
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curation.extraction.workflow import candidate_records, extract_sources
from curation.jobs.commands import BackgroundMixin
from curation.jobs.progress import TerminalProgress
from curation.models import Job


class Command(BackgroundMixin, BaseCommand):
    help = (
        "Read candidate claims from every source (or --source ID) and report counts. Nothing is written unless "
        "--accept is given: then each new candidate whose place, metric, unit and period were all guessed becomes "
        "a draft claim with its primary citation. --background queues it for a worker. --format json prints the "
        "candidates instead of counts: a JSON array of objects with value, value_max, unit, qualifier, place (name "
        "or null), metric (code or null), period_start, period_end (ISO dates or null), forecast, quote, start and "
        "end (the number's offsets in the source text)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", dest="source_ids", help="only this source id")
        parser.add_argument("--accept", action="store_true", help="create draft claims (default: report only)")
        parser.add_argument("--user", help="username recorded as the drafts' author (with --accept)")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            dest="output_format",
            help="text: counts per source (default); json: every candidate as a JSON array",
        )
        self.add_background_argument(parser)

    def handle(self, *args, source_ids=None, accept=False, user=None, output_format="text", **options):
        if output_format == "json":
            if accept or options.get("background"):
                raise CommandError("--format json lists candidates and writes nothing; run --accept on its own.")
            try:
                records = candidate_records(source_ids=source_ids)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=1))
            return None
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named {user!r}.")
        if options.get("background"):
            return self.enqueue(
                kind=Job.Kind.EXTRACTION,
                user=author,
                parameters={"source_ids": source_ids or [], "accept": accept},
            )
        progress = TerminalProgress(unit="source", description="sources")
        try:
            totals, per_source = extract_sources(source_ids=source_ids, accept=accept, user=author, progress=progress)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        finally:
            progress.close()
        for extraction in per_source:
            source = extraction.source
            if extraction.refusal:
                self.stderr.write(f"source {source.pk}: nothing created: {extraction.refusal}")
            self.stdout.write(f"source {source.pk} {source.title[:60]!r}: " + self._counts(extraction.counts, accept))
        mode = "" if accept else " (dry run: nothing written; --accept creates the complete ones as drafts)"
        self.stdout.write(self.style.SUCCESS("total: " + self._counts(totals, accept) + mode))

    @staticmethod
    def _counts(counts: dict[str, int], accept: bool) -> str:
        text = (
            f"{counts['candidates']} candidates, {counts['curated']} already curated, {counts['new']} new "
            f"({counts['complete']} complete), {counts['unparsed']} unparsed"
        )
        return text + (f", {counts['created']} draft claims created" if accept else "")
