"""Run the extraction assistant over sources and report what it finds; with --accept, create drafts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curation.extraction.workflow import Vocabulary, candidates_accept, draft_from_candidate, source_candidates
from curation.models import Source


class Command(BaseCommand):
    help = (
        "Read candidate claims from every source (or --source ID) and report counts. Nothing is written unless "
        "--accept is given: then each new candidate whose place, metric, unit and period were all guessed becomes "
        "a draft claim with its primary citation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", dest="source_ids", help="only this source id")
        parser.add_argument("--accept", action="store_true", help="create draft claims (default: report only)")
        parser.add_argument("--user", help="username recorded as the drafts' author (with --accept)")

    def handle(self, *args, source_ids=None, accept=False, user=None, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named {user!r}.")
        sources = Source.objects.order_by("pk")
        if source_ids:
            sources = sources.filter(pk__in=source_ids)
            missing = set(source_ids) - set(sources.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No source with id {', '.join(map(str, sorted(missing)))}.")
        vocabulary = Vocabulary.load()
        totals = {"candidates": 0, "curated": 0, "new": 0, "complete": 0, "unparsed": 0, "created": 0}
        for source in sources:
            rows, unparsed = source_candidates(source=source, vocabulary=vocabulary)
            new = [row for row in rows if not row.is_curated]
            complete = [row for row in new if row.is_complete]
            counts = {
                "candidates": len(rows),
                "curated": len(rows) - len(new),
                "new": len(new),
                "complete": len(complete),
                "unparsed": len(unparsed),
                "created": 0,
            }
            if accept and complete:
                by_key = {row.key: row for row in rows}
                drafts = []
                for row in complete:
                    original = by_key.get(row.candidate.conversion_of)
                    drafts.append(
                        draft_from_candidate(row, conversion_of_claim=original.curated_claim if original else None)
                    )
                try:
                    created, _ = candidates_accept(source=source, drafts=drafts, user=author)
                except ValidationError as error:
                    self.stderr.write(f"source {source.pk}: nothing created: {'; '.join(error.messages)}")
                else:
                    counts["created"] = len(created)
            for key, value in counts.items():
                totals[key] += value
            self.stdout.write(f"source {source.pk} {source.title[:60]!r}: " + self._counts(counts, accept))
        mode = "" if accept else " (dry run: nothing written; --accept creates the complete ones as drafts)"
        self.stdout.write(self.style.SUCCESS("total: " + self._counts(totals, accept) + mode))

    @staticmethod
    def _counts(counts: dict[str, int], accept: bool) -> str:
        text = (
            f"{counts['candidates']} candidates, {counts['curated']} already curated, {counts['new']} new "
            f"({counts['complete']} complete), {counts['unparsed']} unparsed"
        )
        return text + (f", {counts['created']} draft claims created" if accept else "")
