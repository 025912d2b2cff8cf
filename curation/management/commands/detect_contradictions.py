"""Run the contradiction rules over all claims and print what was found, created and left alone."""

import time

from django.core.management.base import BaseCommand

from curation.contradictions import detection
from curation.jobs.commands import BackgroundMixin
from curation.jobs.progress import TerminalProgress
from curation.models import Job


class Command(BackgroundMixin, BaseCommand):
    help = (
        "Check every draft, submitted and approved claim against the claims it can be compared with, save new "
        "conflicts as open contradictions, close detected ones that no longer hold, and leave reviewed ones alone "
        "while their claims are unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change without saving it.")
        parser.add_argument(
            "--list", dest="show_list", action="store_true", help="Print every conflict found, with its explanation."
        )
        self.add_background_argument(parser)

    def handle(self, *args, dry_run=False, show_list=False, **options):
        if options.get("background"):
            return self.enqueue(kind=Job.Kind.CONTRADICTIONS, parameters={"dry_run": dry_run})
        started = time.perf_counter()
        progress = TerminalProgress(unit="step")
        try:
            report = detection.detect_all(dry_run=dry_run, progress=progress)
        finally:
            progress.close()
        elapsed = time.perf_counter() - started
        if show_list:
            for finding in report.findings:
                self.stdout.write(f"[{finding.rule}] #{finding.claim_a} / #{finding.claim_b}: {finding.explanation}")
        for line in report.lines():
            self.stdout.write(line)
        suffix = " (dry run: nothing saved)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.2f} s{suffix}."))
