"""Importing a large file in chunks, all or nothing, with memory that does not grow with the file.

django-import-export holds the whole dataset and one result row per data row; for a file of
200,000 rows that alone is hundreds of megabytes. The command-line import therefore reads the
file in chunks (`tabular.iter_dataset_chunks`) and runs the resource on one chunk at a time,
inside one transaction: rows are numbered across the file, the claims resource carries its
lookups and the keys seen from chunk to chunk (so a repeated row is found across chunks), and
when any row fails the later chunks are only checked and the transaction is rolled back at the
end, so nothing is written. Only the counts and the first problems are kept.
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


def import_in_chunks(
    *,
    resource,
    chunks: Iterable[tablib.Dataset],
    dry_run: bool,
    user,
    on_chunk: Callable[[int], None] | None = None,
) -> ChunkedOutcome:
    """Import every chunk with `resource`; write only when every row of every chunk is valid."""
    outcome = ChunkedOutcome()
    # The claims resource would run the contradiction rules after every chunk (a full run past
    # 200 claims); they run once, after the last one.
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
            if hasattr(resource, "run_deferred_detection"):
                resource.run_deferred_detection()
            outcome.written = True
    return outcome
