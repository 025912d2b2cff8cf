"""Counting rows without reading a million of them: the planner's estimate, or a bounded exact count.

An exact COUNT(*) reads every matching row. On PostgreSQL the planner is asked first (EXPLAIN,
no rows read); when it expects few rows they are counted exactly, at most `exact_limit + 1` of
them and for at most `time_limit_ms`; otherwise the estimate stands. SQLite has no planner's
estimate: it counts at most `exact_limit + 1` rows, and all of them only when that takes less
than `time_limit_ms` (a search over 100,000 quotes does not); otherwise the table's highest id
stands in as the estimate.
"""

import contextlib
import json
import time
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import QuerySet

# Past this many rows (planner's estimate) a count is the estimate, not COUNT(*).
EXACT_COUNT_LIMIT = 10_000
# An exact count that takes longer than this is abandoned for the planner's estimate.
COUNT_TIME_LIMIT_MS = 40


@dataclass(frozen=True)
class RowCount:
    number: int
    is_estimate: bool


def planned_rows(queryset: QuerySet) -> int:
    """The number of rows PostgreSQL's planner expects the query to return (no rows are read)."""
    plan = queryset.explain(format="json")
    if not plan:  # Django knew without asking that nothing matches (e.g. an empty IN list)
        return 0
    return int(json.loads(plan)[0]["Plan"]["Plan Rows"])


def count_within_time(queryset: QuerySet, *, time_limit_ms: int | None = None) -> int | None:
    """COUNT(*) of the query, or None when the database needs longer than `time_limit_ms`."""
    time_limit_ms = COUNT_TIME_LIMIT_MS if time_limit_ms is None else time_limit_ms
    return _read_within_time(queryset.count, time_limit_ms)


def ids_within_time(queryset: QuerySet, *, time_limit_ms: int) -> list[int] | None:
    """The ids of the query's rows in its order, or None when the database needs longer than `time_limit_ms`."""
    return _read_within_time(lambda: list(queryset.values_list("pk", flat=True)), time_limit_ms)


def _read_within_time(read, time_limit_ms: int):
    """What `read()` returns, or None when its query needs longer than `time_limit_ms`."""
    # The time limit is set around a savepoint. Sent with the query in one message (SET LOCAL …;
    # SELECT …) it saved four round trips, but under load (2 cores, load 11-20) the next,
    # unrelated query of the request was once cancelled "due to statement timeout": the limit
    # must not be able to reach past its own query.
    time_limit = _sqlite_time_limit if connection.vendor == "sqlite" else _postgresql_time_limit
    with time_limit(time_limit_ms):
        try:
            with transaction.atomic():
                return read()
        except OperationalError:
            return None


@contextlib.contextmanager
def _postgresql_time_limit(time_limit_ms: int):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        previous = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(time_limit_ms)])
        try:
            yield
        finally:
            # set_config(..., true) lasts until the transaction ends; inside a caller's
            # transaction (tests, ATOMIC_REQUESTS) it must not outlive the count.
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])


@contextlib.contextmanager
def _sqlite_time_limit(time_limit_ms: int):
    # SQLite calls the progress handler every N virtual-machine steps; a true answer interrupts
    # the statement (a read: the transaction is untouched).
    connection.ensure_connection()
    deadline = time.monotonic() + time_limit_ms / 1000
    connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
    try:
        yield
    finally:
        connection.connection.set_progress_handler(None, 0)


def count_rows(queryset: QuerySet, *, exact_limit: int | None = None, time_limit_ms: int | None = None) -> RowCount:
    """How many rows match: exact up to `exact_limit` when that is cheap, the planner's estimate beyond."""
    exact_limit = EXACT_COUNT_LIMIT if exact_limit is None else exact_limit
    queryset = queryset.order_by().values("pk")
    if connection.vendor != "postgresql":
        bounded = queryset[: exact_limit + 1].count()
        if bounded <= exact_limit:
            return RowCount(number=bounded, is_estimate=False)
        exact = count_within_time(queryset, time_limit_ms=time_limit_ms)
        if exact is not None:
            return RowCount(number=exact, is_estimate=False)
        highest = queryset.model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        return RowCount(number=max(highest or 0, exact_limit + 1), is_estimate=True)
    estimate = planned_rows(queryset)
    if estimate <= exact_limit:
        bounded = count_within_time(queryset[: exact_limit + 1], time_limit_ms=time_limit_ms)
        if bounded is not None and bounded <= exact_limit:
            return RowCount(number=bounded, is_estimate=False)
        if bounded is not None:
            # More rows than the planner thought: its statistics lag behind a bulk write (an
            # import of 20,000 rows is not analysed yet). Count them all if that is quick, so the
            # page does not show "10,001" for 20,000.
            exact = count_within_time(queryset, time_limit_ms=time_limit_ms)
            if exact is not None:
                return RowCount(number=exact, is_estimate=False)
        # Too many rows, or too slow to count: more than the planner thought.
        estimate = exact_limit + 1
    return RowCount(number=max(estimate, 1), is_estimate=True)
