"""Rows per second for the claims import and export, beside plain bulk_create, csv.writer and COPY.

Usage (the database in DATABASE_URL is wiped and filled; give it a bench database of its own):

    DATABASE_URL=sqlite:////tmp/ftz_bench.sqlite3 .venv/bin/python bench/import_export_bench.py --rows 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ftz_importexport_bench \\
        .venv/bin/python bench/import_export_bench.py --rows 100000

Each measurement runs in its own Python process so that its peak memory (ru_maxrss) is its own.
The script prints figures; it asserts nothing.
"""

import argparse
import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")

SOURCE_COUNT = 3000
FIRST_DAY = datetime.date(1750, 1, 1)
SENTENCES_PER_SOURCE = 40


def setup_django():
    import django

    django.setup()


def peak_mb() -> float:
    # The job phases run a worker process: its peak counts too.
    return (
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        / 1024
    )


def run_worker_batch() -> None:
    """A real `manage.py jobs_worker --batch`: takes the queued jobs, runs them, exits."""
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "jobs_worker", "--batch", "--verbosity", "0"],
        check=True,
        env={**os.environ, "TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "database")},
    )


def sentence(source_number: int, index: int) -> str:
    return f"In period {index} the zone {source_number} recorded trade of {index * 7 + source_number} million yuan."


def prepare(rows: int, csv_path: Path) -> None:
    """Fresh schema, the seed's places and metrics, SOURCE_COUNT sources and a claims CSV of `rows` rows."""
    from django.core.management import call_command

    from curation.models import Metric, Place, Source

    call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", verbosity=0)
    Source.objects.bulk_create(
        [
            Source(
                title=f"Bench article {number}",
                url=f"https://bench.example.org/{number}",
                body=" ".join(sentence(number, index) for index in range(SENTENCES_PER_SOURCE)),
                content_hash=f"{number:064d}",
            )
            for number in range(SOURCE_COUNT)
        ],
        batch_size=1000,
    )
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-123")
    reserve_claim_ids_below_1000()
    places = list(Place.objects.values_list("name", flat=True))
    metrics = list(Metric.objects.filter(nature=Metric.Nature.FLOW).values_list("code", "unit"))
    randomiser = random.Random(5)
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "source",
                "place",
                "metric",
                "qualifier",
                "value",
                "unit",
                "period_start",
                "period_end",
                "period_label",
                "quote",
                "attribution",
                "notes",
            ]
        )
        for number in range(rows):
            source_number = number % SOURCE_COUNT
            index = (number // SOURCE_COUNT) % SENTENCES_PER_SOURCE
            # place, metric and year vary with the row number so that every natural key is distinct
            variant = number // (SOURCE_COUNT * SENTENCES_PER_SOURCE)
            code, unit = metrics[(number + variant) % len(metrics)]
            # One day of its own per row: an import runs the contradiction rules over what it
            # wrote, and claims of one place, metric and year with different values would be
            # flagged pair by pair (about a million pairs at 100,000 rows).
            day = (FIRST_DAY + datetime.timedelta(days=number)).isoformat()
            year = day[:4]
            writer.writerow(
                [
                    f"https://bench.example.org/{source_number}",
                    places[randomiser.randrange(len(places))],
                    code,
                    "about",
                    f"{(index * 7 + source_number) * 1_000_000:,}"
                    if randomiser.random() < 0.5
                    else f"{index * 7 + source_number} million",
                    unit,
                    day,
                    day,
                    year,
                    sentence(source_number, index),
                    "bench",
                    "",
                ]
            )


def reserve_claim_ids_below_1000() -> None:
    """Bench claims get ids from 1000 up, so a wipe can tell them from the seed's."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('curation_claim', 'id'), 999)")
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = 999 WHERE name = 'curation_claim'")


def wipe_claims() -> None:
    from django.db import connection

    # The seed's own claims (ids below 1000) stay: contradictions point at them.
    with connection.cursor() as cursor:
        # An import runs the contradiction rules over what it wrote: their findings go first.
        for table in ("curation_historicalcontradiction", "curation_contradiction"):
            cursor.execute(f"DELETE FROM {table} WHERE claim_a_id >= 1000 OR claim_b_id >= 1000")
        cursor.execute("DELETE FROM curation_citation WHERE claim_id >= 1000")
        cursor.execute("DELETE FROM curation_historicalcitation WHERE claim_id >= 1000")
        cursor.execute("DELETE FROM curation_historicalclaim WHERE id >= 1000")
        cursor.execute("DELETE FROM curation_claim WHERE id >= 1000")
    from curation.models import Job

    # A check an import queued for claims now gone would be run by the next phase's worker.
    Job.objects.filter(kind=Job.Kind.CONTRADICTIONS, state=Job.State.QUEUED).update(state=Job.State.CANCELLED)


def analyze_tables() -> None:
    """Planner statistics for the rows just written, as autovacuum would gather them in a live database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE curation_claim, curation_citation, curation_source")


def timed(function):
    started = time.perf_counter()
    count = function()
    seconds = time.perf_counter() - started
    return {
        "rows": count,
        "seconds": round(seconds, 2),
        "rows_per_s": round(count / seconds),
        "peak_mb": round(peak_mb()),
    }


def phase(name: str, csv_path: Path, out_path: Path) -> dict:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from curation.io.resources import ClaimResource
    from curation.io.tabular import read_dataset
    from curation.models import Citation, Claim, Metric, Place, Source

    user = get_user_model().objects.get(username="bench")
    rows = sum(1 for _ in csv_path.open(encoding="utf-8")) - 1

    if name == "resource_dry_run":

        def run():
            result = ClaimResource().import_data(
                read_dataset(csv_path.read_bytes(), file_name="c.csv"), dry_run=True, user=user
            )
            assert not result.has_validation_errors() and not result.has_errors(), result.invalid_rows[:3]
            return rows
    elif name == "resource_real":

        def run():
            result = ClaimResource().import_data(read_dataset(csv_path.read_bytes(), file_name="c.csv"), user=user)
            assert result.totals["new"] == rows
            return rows
    elif name in {"job_queue", "job_admin_path"}:
        # Through the queue as the admin and `import_claims --background` use it: the job row with
        # the file, django-tasks-db's queue, a real worker process (its start-up included).
        from curation.jobs.runner import job_create, job_start
        from curation.models import Job

        def run():
            data = csv_path.read_bytes()
            fields = {"user": user, "parameters": {"kind": "claims"}, "input_name": "c.csv", "input_data": data}
            if name == "job_admin_path":
                preview = job_start(kind=Job.Kind.IMPORT_PREVIEW, **fields)
                run_worker_batch()
                preview.refresh_from_db()
                assert preview.state == Job.State.DONE and preview.result["ok"], preview.error or preview.summary
                job = job_create(kind=Job.Kind.IMPORT, user=user, preview=preview)
                from curation.jobs.runner import job_enqueue

                job_enqueue(job)
            else:
                job = job_start(kind=Job.Kind.IMPORT, **fields)
            run_worker_batch()
            job.refresh_from_db()
            assert job.state == Job.State.DONE and job.result["totals"]["new"] == rows, job.error or job.summary
            return rows
    elif name == "command_dry_run":

        def run():
            call_command("import_claims", str(csv_path), "--dry-run", stdout=open(os.devnull, "w"))
            return rows

    elif name == "command_real":

        def run():
            call_command("import_claims", str(csv_path), "--user", "bench", stdout=open(os.devnull, "w"))
            return rows
    elif name == "command_check_job":
        # The contradiction check the import queued for its commit (curation.jobs.import_check), run
        # by a real worker process as `./portal up` runs one: the import's answer does not wait for
        # it, but the claims' flags do. Run it right after command_real.
        from curation.models import Job

        def run():
            checks = Job.objects.filter(kind=Job.Kind.CONTRADICTIONS, state=Job.State.QUEUED)
            assert checks.exists(), "no queued contradiction check: run command_real first"
            ids = list(checks.values_list("pk", flat=True))
            run_worker_batch()
            done = Job.objects.filter(pk__in=ids)
            assert all(job.state == Job.State.DONE for job in done), [job.error for job in done]
            return sum(job.parameters["imported_claims"] for job in done)
    elif name == "command_reimport_skipped":

        def run():
            call_command("import_claims", str(csv_path), "--user", "bench", stdout=open(os.devnull, "w"))
            assert Claim.objects.filter(pk__gte=1000).count() == rows
            return rows
    elif name == "export_command":
        # The dataset export holds approved claims only: approve the imported drafts first (untimed).
        Claim.objects.filter(pk__gte=1000).update(status=Claim.Status.APPROVED)
        analyze_tables()

        def run():
            call_command("export_dataset", "--output", str(out_path), stderr=open(os.devnull, "w"))
            return sum(1 for _ in out_path.open(encoding="utf-8")) - 1
    elif name == "admin_export":
        # The admin's Export button (django-import-export's export view, CSV, every column) on the
        # unfiltered claim list, through the test client as a superuser; the same claims as above.
        Claim.objects.filter(pk__gte=1000).update(status=Claim.Status.APPROVED)
        analyze_tables()
        from django.forms import BooleanField
        from django.test import Client
        from django.urls import reverse

        from curation.admin.claims import ClaimAdmin

        form = ClaimAdmin.export_form_class(ClaimAdmin.export_formats, [ClaimResource])
        data = {"format": "0", "resource": "0"}
        data.update({key: "on" for key, form_field in form.fields.items() if isinstance(form_field, BooleanField)})
        client = Client()
        client.force_login(user)
        # Resolved before the clock starts: loading the URL configuration is the server's start-up,
        # not the export (it cost 0.3-0.8 s of the timed run before).
        url = reverse("admin:curation_claim_export")

        def run():
            response = client.post(url, data)
            assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), response
            body = b"".join(response.streaming_content) if response.streaming else response.content
            out_path.write_bytes(body)
            return sum(1 for _ in out_path.open(encoding="utf-8", newline="")) - 1
    elif name == "baseline_bulk_create":

        def run():
            sources = dict(Source.objects.values_list("url", "pk"))
            places = {place.lower(): pk for place, pk in Place.objects.values_list("name", "pk")}
            metrics = dict(Metric.objects.values_list("code", "pk"))
            from curation.io.parsing import parse_date, parse_number

            claims, citations = [], []
            with csv_path.open(encoding="utf-8") as handle:
                for record in csv.DictReader(handle):
                    claims.append(
                        Claim(
                            place_id=places[record["place"].lower()],
                            metric_id=metrics[record["metric"]],
                            value=parse_number(record["value"]),
                            unit=record["unit"],
                            qualifier=record["qualifier"],
                            period_start=parse_date(record["period_start"], period_end=False),
                            period_end=parse_date(record["period_end"], period_end=True),
                            created_by=user,
                        )
                    )
                    citations.append(
                        Citation(source_id=sources[record["source"]], quote=record["quote"], is_primary=True)
                    )
            Claim.objects.bulk_create(claims, batch_size=2000)
            for claim, citation in zip(claims, citations, strict=True):
                citation.claim_id = claim.pk
            Citation.objects.bulk_create(citations, batch_size=2000)
            return rows
    elif name == "baseline_csv_writer":

        def run():
            count = 0
            with out_path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                for values in Claim.objects.values_list(
                    "pk",
                    "place__name",
                    "metric__code",
                    "qualifier",
                    "value",
                    "unit",
                    "period_start",
                    "period_end",
                    "period_label",
                    "attribution",
                    "notes",
                    "status",
                    "rank",
                ).iterator(chunk_size=2000):
                    writer.writerow(values)
                    count += 1
            return count
    elif name == "baseline_copy":

        def run():
            with connection.cursor() as cursor, out_path.open("w", encoding="utf-8") as handle:
                with cursor.cursor.copy(
                    "COPY (SELECT c.id, p.name, m.code, c.qualifier, c.value, c.unit, c.period_start, c.period_end "
                    "FROM curation_claim c JOIN curation_place p ON p.id = c.place_id "
                    "JOIN curation_metric m ON m.id = c.metric_id) TO STDOUT WITH CSV"
                ) as copy:
                    for block in copy:
                        handle.write(bytes(block).decode())
            return Claim.objects.count()
    elif name == "wipe":
        wipe_claims()
        return {}
    else:
        raise SystemExit(f"unknown phase {name}")
    return timed(run)


def run_phase(name, csv_path, out_path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--csv", str(csv_path), "--out", str(out_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--phase")
    parser.add_argument("--csv")
    parser.add_argument("--out")
    parser.add_argument(
        "--only",
        help="comma-separated phases to run (e.g. command_dry_run,command_real for the import's memory); "
        "the ratios are printed only when every phase ran",
    )
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(phase(options.phase, Path(options.csv), Path(options.out))))
        return

    setup_django()
    from django.db import connection

    vendor = connection.vendor
    workdir = Path(tempfile.mkdtemp(prefix="ftz-bench-"))
    csv_path, out_path = workdir / "claims.csv", workdir / "out.csv"
    started = time.perf_counter()
    prepare(options.rows, csv_path)
    print(f"# {vendor}, {options.rows} rows, {SOURCE_COUNT} sources; prepared in {time.perf_counter() - started:.0f} s")
    plan = [
        ("baseline_bulk_create", True),
        ("resource_dry_run", True),
        ("resource_real", True),
        ("job_queue", True),
        ("job_admin_path", True),
        ("command_dry_run", False),
        ("command_real", False),
        ("command_check_job", False),
        ("command_reimport_skipped", False),
        ("export_command", False),
        ("admin_export", False),
        ("baseline_csv_writer", False),
    ]
    if vendor == "postgresql":
        plan.append(("baseline_copy", False))
    if options.only:
        wanted = options.only.split(",")
        plan = [(name, wipe_after) for name, wipe_after in plan if name in wanted]
    figures = {}
    for name, wipe_after in plan:
        figures[name] = run_phase(name, csv_path, out_path)
        print(
            f"{name:28s} {figures[name]['rows']:>7} rows {figures[name]['seconds']:>8} s "
            f"{figures[name]['rows_per_s']:>8} rows/s  peak {figures[name]['peak_mb']} MB",
            flush=True,
        )
        if wipe_after:
            run_phase("wipe", csv_path, out_path)
    if {"baseline_bulk_create", "command_real"} <= figures.keys():
        bulk = figures["baseline_bulk_create"]["rows_per_s"]
        print(f"import command / bulk_create = {figures['command_real']['rows_per_s'] / bulk:.2f} (target >= 0.8)")
        if "command_check_job" in figures:
            with_check = figures["command_real"]["seconds"] + figures["command_check_job"]["seconds"]
            print(
                f"import command and its queued contradiction check / bulk_create = "
                f"{figures['baseline_bulk_create']['seconds'] / with_check:.2f} (time ratio)"
            )
    if options.only:
        return
    writer = figures["baseline_csv_writer"]["rows_per_s"]
    print(
        f"import job through the queue / command = "
        f"{figures['job_queue']['rows_per_s'] / figures['command_real']['rows_per_s']:.2f}; "
        f"admin path (preview job + import job) / command = "
        f"{figures['job_admin_path']['rows_per_s'] / figures['command_real']['rows_per_s']:.2f}"
    )
    print(
        f"resource dry run / real = {figures['resource_dry_run']['seconds'] / figures['resource_real']['seconds']:.2f} "
        "(time ratio; target <= 1)"
    )
    print(
        f"command dry run / real = {figures['command_dry_run']['seconds'] / figures['command_real']['seconds']:.2f} "
        "(time ratio; target <= 1)"
    )
    print(f"export command / csv.writer = {figures['export_command']['rows_per_s'] / writer:.2f} (target >= 0.5)")
    print(f"admin export / csv.writer = {figures['admin_export']['rows_per_s'] / writer:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
