"""Stream the approved claims as CSV or JSON lines, with constant memory."""

import csv
import json

from django.core.management.base import BaseCommand

from curation.io.releases import dataset_queryset, dataset_rows
from curation.io.resources import ClaimResource


class Command(BaseCommand):
    help = "Write the approved claims (deprecated ones left out) to a file or stdout, one row at a time."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        parser.add_argument("--include-deprecated", action="store_true")

    def handle(self, *args, **options):
        queryset = dataset_queryset(include_deprecated=options["include_deprecated"])
        headers = ClaimResource().get_export_headers()
        out = open(options["output"], "w", encoding="utf-8", newline="") if options["output"] else self.stdout
        count = 0
        try:
            if options["format"] == "csv":
                # RFC 4180 line ends: with them the csv module also quotes a cell holding a carriage return,
                # which would otherwise end the row there and start the next one with the rest of the text.
                writer = csv.writer(out)
                writer.writerow(headers)
                for row in dataset_rows(queryset):
                    writer.writerow(row)
                    count += 1
            else:
                for row in dataset_rows(queryset):
                    out.write(json.dumps(dict(zip(headers, row, strict=True)), ensure_ascii=False) + "\n")
                    count += 1
        finally:
            if out is not self.stdout:
                out.close()
        if options["output"]:
            self.stderr.write(f"Wrote {count} claims to {options['output']}.")
