"""Inserting many new rows at once: `COPY … FROM STDIN` on PostgreSQL, `bulk_create` elsewhere.

`bulk_create` renders every value of every row through the query compiler and sends one huge
parameterised INSERT per batch; at 100,000 claims that costs more than everything else an import
does. On PostgreSQL the rows go through COPY instead, with ids reserved from the table's sequence
in one query beforehand (the same ids an INSERT would have drawn), so each instance gets its pk
as `bulk_create` would give it. Values are taken as `bulk_create` takes them (each field's
`pre_save` for an insert: defaults, auto_now, version fields); the database checks every
constraint as for an INSERT.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from operator import attrgetter

from django.db import connections, router
from django.db.models import DateField, DateTimeField, Field
from django.utils import timezone

# Fields whose database value is the Python value itself on PostgreSQL (psycopg adapts it):
# no get_db_prep_save call per cell for them when the value already has its Python type.
_PLAIN_TYPES = frozenset({str, int, bool, Decimal, datetime.date, datetime.datetime, type(None)})
_PLAIN_FIELDS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def _insert_value_reader(field, *, now: datetime.datetime):
    """How a field's value for an INSERT is read from an instance: `pre_save(obj, add=True)`, or the
    attribute itself where pre_save would only return it (a call per cell costs at 100,000 rows).

    An auto_now / auto_now_add field gets `now`, one time for the whole insert as a database default
    would give it, where pre_save reads the clock (and the time-zone setting) once per row.
    """
    if isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
        stamp = now if isinstance(field, DateTimeField) else datetime.date.today()

        def stamped(obj):
            setattr(obj, field.attname, stamp)
            return stamp

        return stamped
    if type(field).pre_save is Field.pre_save or isinstance(field, DateField):
        return attrgetter(field.attname)
    return lambda obj: field.pre_save(obj, True)


def bulk_insert(model, objs: list, *, batch_size: int | None = None) -> list:
    """Insert new `objs` of `model` and set their pks; COPY on PostgreSQL, bulk_create elsewhere."""
    if not objs:
        return objs
    using = router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    if (
        connection.vendor != "postgresql"
        or meta.parents
        or meta.pk.get_internal_type() not in {"AutoField", "BigAutoField"}
    ):
        return model.objects.bulk_create(objs, batch_size=batch_size)
    fields = [field for field in meta.concrete_fields if field is not meta.pk and not field.generated]
    now = timezone.now()
    readers = [
        (_insert_value_reader(field, now=now), field.get_internal_type() in _PLAIN_FIELDS, field) for field in fields
    ]
    rows = []
    for obj in objs:
        row = []
        for read, is_plain, field in readers:
            value = read(obj)
            if not (is_plain and type(value) in _PLAIN_TYPES):
                if hasattr(value, "resolve_expression"):
                    # A database default or an expression: only an INSERT can evaluate it.
                    return model.objects.bulk_create(objs, batch_size=batch_size)
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        rows.append(row)
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    # The raw psycopg cursor's COPY is wrapped as Django wraps queries: a broken constraint is an IntegrityError.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join(quote(column) for column in [meta.pk.column, *(field.column for field in fields)])
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row))
    for pk, obj in zip(ids, objs, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using
    return objs
