# ruff: noqa: E402 (Django is set up before the models are imported), E501 (one line per timed query)
"""The review queue's query (workflow.review_queue, four eyes by content) beside the old rule
("neither created nor last changed"), same run, same data.

    createdb -h 127.0.0.1 -U postgres queue_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/queue_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/queue_bench \\
        .venv/bin/python bench/review_queue_bench.py SUBMITTED APPROVED [explain]

An empty database is filled once: APPROVED approved and SUBMITTED submitted claims (by an
editor, each with a citation and '+' history rows), a tenth of the submitted ones then edited
by the reviewer (a value change in a history row). The reviewer's queue is timed: its first
page (100 ids) and its count, 7 times each, median and max. It prints; it does not assert.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")
import django

django.setup()
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection

from curation.db.bulk_history import history_copy_created
from curation.models import Citation, Claim
from curation.review import workflow
from tests.builders import make_metric, make_place, make_source

SUBMITTED, APPROVED = int(sys.argv[1]), int(sys.argv[2])
User = get_user_model()
if not Claim.objects.exists():
    editor = User.objects.create(username="bench-editor")
    reviewer = User.objects.create(username="bench-reviewer")
    place, metric, source = make_place(), make_metric(), make_source(body="more than 3,100 new enterprises")

    def claims(n, status):
        rows = [
            Claim(
                place=place,
                metric=metric,
                value=Decimal(i % 9000 + 1),
                unit="enterprises",
                period_end=datetime.date(2000 + i % 25, 12, 31),
                status=status,
                created_by=editor,
                updated_by=editor,
            )
            for i in range(n)
        ]
        made = Claim.objects.bulk_create(rows, batch_size=5000)
        ids = [c.pk for c in made]
        cits = Citation.objects.bulk_create(
            [Citation(claim_id=i, source=source, quote="3,100", is_primary=True) for i in ids], batch_size=5000
        )
        history_copy_created(model=Claim, ids=ids, user=editor)
        history_copy_created(model=Citation, ids=[c.pk for c in cits], user=editor)
        return ids

    claims(APPROVED, "approved")
    ids = claims(SUBMITTED, "submitted")
    # A tenth edited by the reviewer after submission (a value change), written as history rows.
    H = Claim.history.model
    rows = []
    for record in H.objects.filter(id__in=ids[::10]):
        record.pk = None
        record.history_id = None
        record.value = record.value + 1
        record.history_type = "~"
        record.history_user_id = reviewer.pk
        record.history_date = record.history_date + datetime.timedelta(seconds=1)
        rows.append(record)
    H.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
reviewer = User.objects.get(username="bench-reviewer")
print(
    Claim.objects.filter(status="submitted").count(),
    "submitted;",
    Claim.objects.count(),
    "claims;",
    Claim.history.count(),
    "claim history rows",
)


def new():
    return workflow.review_queue(Claim.objects.all(), user=reviewer)


def old():
    return (
        Claim.objects.filter(status="submitted")
        .exclude(created_by=reviewer)
        .exclude(updated_by=reviewer)
        .order_by("submitted_at", "pk")
    )


for label, run in (
    ("old rule: first page (100)", lambda: list(old().values_list("pk", flat=True)[:100])),
    ("new rule: first page (100)", lambda: list(new().values_list("pk", flat=True)[:100])),
    ("old rule: count", lambda: old().count()),
    ("new rule: count", lambda: new().count()),
):
    times = []
    for _ in range(7):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"{label}: median {times[3]:.1f} ms, max {times[-1]:.1f} ms")
print(new().count(), "in the new queue;", old().count(), "in the old")
if len(sys.argv) > 3:
    print(new().values_list("pk", flat=True)[:100].explain(analyze=True))
