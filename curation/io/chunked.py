"""Importing a large file in chunks, all or nothing, with memory that does not grow with the file.

django-import-export holds the whole dataset and one result row per data row; for a file of
200,000 rows that alone is hundreds of megabytes. The command-line import therefore reads the
file in chunks (`tabular.iter_dataset_chunks`) and runs the resource on one chunk at a time,
inside one transaction: rows are numbered across the file, the claims resource carries its
lookups and the keys seen from chunk to chunk (so a repeated row is found across chunks), and
when any row fails the later chunks are only checked and the transaction is rolled back at the
end, so nothing is written. Only the counts and the first problems are kept.

The contradiction check of the claims written is not run here: `on_written` gets their ids inside
the import's transaction, and the callers (the command, the admin's import job) queue the check
as a job that starts when the import commits (curation.jobs.import_check).
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tablib
from django.db import transaction

from curation.io.resources import row_error_lines

CHUNK_ROWS = 2000
MAX_KEPT_PROBLEMS = 200


@dataclass
class ChunkedOutcome:
    rows: int = 0
    totals: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    written: bool = False
    written_claim_ids: list[int] = field(default_factory=list)


def import_in_chunks(
    *,
    resource,
    chunks: Iterable[tablib.Dataset],
    dry_run: bool,
    user,
    on_chunk: Callable[[int], None] | None = None,
    on_written: Callable[[list[int]], None] | None = None,
) -> ChunkedOutcome:
    """Import every chunk with `resource`; write only when every row of every chunk is valid.

    `on_written` is called inside the transaction with the ids of the claims written (not on a
    dry run or a refused file).
    """
    outcome = ChunkedOutcome()
    # The claims resource would run the contradiction rules after every chunk; it keeps the ids
    # it wrote instead, and the caller has them checked once, after the import.
    resource.defer_detection = True
    with transaction.atomic():
        for chunk in chunks:
            resource.row_offset = outcome.rows
            result = resource.import_data(chunk, dry_run=dry_run or outcome.problem_count > 0, user=user)
            lines = row_error_lines(result, offset=outcome.rows)
            outcome.problem_count += len(lines)
            outcome.problems.extend(lines[: max(0, MAX_KEPT_PROBLEMS - len(outcome.problems))])
            outcome.rows += len(chunk)
            outcome.totals.update({key: value for key, value in result.totals.items() if value})
            resource.continues_file = True
            if on_chunk is not None:
                on_chunk(len(chunk))
            if result.base_errors:
                break  # a problem with the file as a whole (its columns): every chunk would repeat it
            del result, lines
        if dry_run or outcome.problem_count:
            transaction.set_rollback(True)
        else:
            outcome.written = True
            outcome.written_claim_ids = list(getattr(resource, "deferred_ids", []))
            if on_written is not None and outcome.written_claim_ids:
                on_written(outcome.written_claim_ids)
    return outcome
