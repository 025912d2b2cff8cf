"""Jobs end to end with real worker processes: django-tasks-db's db_worker, a kill -9 mid-import, RQ on Redis.

The test database is committed (transactional tests) and opened by the worker processes
through DATABASE_URL; on SQLite it is a file for this reason (conftest.py).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from curation.jobs import progress as live
from curation.jobs.runner import job_retry, job_start, jobs_fail_stale
from curation.models import Claim, Job
from tests.job_files import bulk_world, claims_csv

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
STALE_SECONDS = 4


def database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or "5432"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{database['USER']}{password}@{host}:{port}/{database['NAME']}"


def worker_env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_ENV", "RQ_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        TASKS_BACKEND="database",
        JOBS_QUEUE=settings.JOBS_QUEUE,
        JOBS_STALE_SECONDS=str(STALE_SECONDS),
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*arguments, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *arguments],
        env=env or worker_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def database_queue(settings):
    """Jobs started in this process go to django-tasks-db's queue, for a worker process to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [settings.JOBS_QUEUE]}}
    settings.JOBS_STALE_SECONDS = STALE_SECONDS


def start_import(user, rows: int) -> Job:
    return job_start(
        kind=Job.Kind.IMPORT,
        user=user,
        parameters={"kind": "claims"},
        input_name="bulk.csv",
        input_data=claims_csv(rows),
    )


def test_db_worker_runs_a_queued_import_to_the_end(database_queue, editor):
    bulk_world()
    job = start_import(editor, 300)
    assert job.state == Job.State.QUEUED and not Claim.objects.exists()

    finished = manage("jobs_worker", "--batch")
    assert finished.returncode == 0, finished.stderr

    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    check = Job.objects.get(kind=Job.Kind.CONTRADICTIONS)
    assert job.summary == (
        "Imported 300 rows from bulk.csv: 300 new, 0 updated, 0 unchanged. "
        f"The contradiction check of the written claims is queued as job #{check.pk}."
    )
    assert (job.items_done, job.items_total) == (300, 300)
    assert Claim.objects.count() == 300

    # The check the import queued on its commit is run by a worker too (this one, or the next).
    if not check.is_finished:
        assert manage("jobs_worker", "--batch").returncode == 0
    check.refresh_from_db()
    assert check.state == Job.State.DONE, check.error
    assert check.summary.startswith("Contradiction check of 300 imported claims:")


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def test_a_worker_killed_mid_import_leaves_no_row_the_job_fails_and_a_rerun_counts_right(database_queue, editor):
    rows = 60_000  # a wide window between "past 5,000" and "done", even on a fast import on a loaded machine
    bulk_world()
    job = start_import(editor, rows)
    worker = subprocess.Popen(
        [sys.executable, MANAGE, "jobs_worker"],
        env=worker_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Wait until the import has passed two batches of 2,000 rows (written inside its transaction).
        reported = wait_for(
            lambda: (live.live_progress(job.pk) or {}).get("done", 0) >= 5_000 and live.live_progress(job.pk),
            timeout=240,
            what="the import to pass 5,000 rows",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert reported["done"] < rows
    assert not Claim.objects.exists(), "a killed import left rows behind"

    job.refresh_from_db()
    assert job.state == Job.State.RUNNING  # nobody has noticed yet
    wait_for(lambda: jobs_fail_stale(), timeout=STALE_SECONDS * 4, what="the stale job to be marked failed")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "stopped" in job.error and "nothing it did was written" in job.error

    job_retry(job=job)
    finished = manage("jobs_worker", "--batch", timeout=600)
    assert finished.returncode == 0, finished.stderr
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    assert job.attempts == 2
    assert job.summary.startswith(f"Imported {rows:,} rows from bulk.csv: {rows:,} new, 0 updated, 0 unchanged.")
    assert Claim.objects.count() == rows
    # The killed attempt queued no check (its transaction never committed); the rerun queued one.
    assert Job.objects.filter(kind=Job.Kind.CONTRADICTIONS).count() == 1


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


RQ_URL = os.environ.get("TEST_RQ_URL", "redis://127.0.0.1:6379/5")


@pytest.mark.skipif(not redis_reachable(RQ_URL), reason=f"no Redis at {RQ_URL} (.ci/run starts one)")
def test_an_rq_worker_runs_an_import_queued_by_the_command(editor, tmp_path):
    bulk_world()
    path = tmp_path / "bulk.csv"
    path.write_bytes(claims_csv(50))
    # A queue of this test's own, on Redis database 5, so no other worker takes the job.
    env = worker_env(TASKS_BACKEND="rq", RQ_URL=RQ_URL, JOBS_QUEUE=f"ftz-test-{uuid.uuid4().hex[:8]}")

    queued = manage("import_claims", str(path), "--user", editor.username, "--background", env=env)
    assert queued.returncode == 0, queued.stderr
    assert "Queued Import #" in queued.stdout and "backend: rq" in queued.stdout
    job = Job.objects.get()
    assert job.state == Job.State.QUEUED and job.task_id

    finished = manage("jobs_worker", "--batch", env=env)
    assert finished.returncode == 0, finished.stderr + finished.stdout
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    assert "50 new" in job.summary and Claim.objects.count() == 50
