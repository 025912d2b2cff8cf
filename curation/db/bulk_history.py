"""History rows for rows written in bulk, copied inside the database.

simple-history's `bulk_create_with_history` builds one Python history object per row and
inserts them through the ORM, which costs as much again as the import itself. Rows that were
just inserted are copied instead with one INSERT … SELECT (per chunk of ids on SQLite): the same history
rows (every tracked column, the date, the user, the reason, type '+'), written by the database.
"""

from django.db import connections, router
from django.utils import timezone

CHUNK = 500  # ids per statement: below SQLite's oldest limit of 999 parameters


def history_copy_created(*, model, ids: list[int], user=None, reason: str = "") -> int:
    """Write a '+' history row for each of the model's rows `ids`; returns the number written."""
    history_model = model.history.model
    connection = connections[router.db_for_write(history_model)]
    quote = connection.ops.quote_name
    columns = [field.column for field in history_model.tracked_fields]
    meta = history_model._meta
    target = [
        *columns,
        meta.get_field("history_date").column,
        meta.get_field("history_change_reason").column,
        meta.get_field("history_type").column,
        meta.get_field("history_user").column,
    ]
    date = meta.get_field("history_date").get_db_prep_value(timezone.now(), connection)
    user_id = getattr(user, "pk", None)
    written = 0
    copy = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(column) for column in target)}) "
        f"SELECT {', '.join(quote(column) for column in columns)}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement with the ids as one array parameter, however many there are.
            cursor.execute(copy + "= ANY(%s)", [date, reason, "+", user_id, list(ids)])
            return cursor.rowcount
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(copy + f"IN ({', '.join(['%s'] * len(chunk))})", [date, reason, "+", user_id, *chunk])
            written += cursor.rowcount
    return written
