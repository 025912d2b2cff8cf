"""Starting, running, finishing, cancelling and retrying jobs; marking jobs whose worker died.

A worker claims a job by moving it from queued to running in one conditional UPDATE, so a
job delivered twice (a retried task, two workers) runs once. The job's work reports progress
through `progress.JobProgress` and returns an `Outcome`; work that writes (an import) records
its outcome inside its own transaction with `job_finish`, so a job is "done" exactly when its
rows are committed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from curation.jobs import progress as live
from curation.models import Job

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """The work cannot be done as asked (a bad file, a row that no longer passes); the message says why."""


@dataclass
class Outcome:
    summary: str
    result: dict = field(default_factory=dict)
    result_url: str = ""


def job_create(
    *,
    kind: str,
    user=None,
    parameters: dict | None = None,
    input_name: str = "",
    input_data: bytes | None = None,
    preview: Job | None = None,
) -> Job:
    """A queued job, not yet handed to the task backend (see job_enqueue)."""
    return Job.objects.create(
        kind=kind,
        started_by=user if user is not None and user.is_authenticated else None,
        parameters=parameters or {},
        input_name=input_name,
        input_data=input_data,
        preview=preview,
    )


def job_enqueue(job: Job) -> Job:
    """Hand a queued job to the task backend (with the immediate backend it runs here and now)."""
    from curation.jobs.tasks import run_job

    try:
        task_result = run_job.using(queue_name=settings.JOBS_QUEUE).enqueue(job.pk)
    except Exception as error:  # a queue that cannot be reached (Redis down): the job says so
        logger.exception("Job %s could not be queued", job.pk)
        Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.FAILED,
            finished_at=timezone.now(),
            error=f"The job could not be queued ({type(error).__name__}: {error}). Nothing was done; "
            "check the task backend (TASKS_BACKEND) and run it again.",
        )
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(task_result.id)[:64])
    job.refresh_from_db()
    return job


def job_start(*, kind: str, user=None, **fields) -> Job:
    return job_enqueue(job_create(kind=kind, user=user, **fields))


def _work_for(kind: str):
    from curation.jobs import work

    return work.WORK[kind]


def job_execute(job_id: int) -> str:
    """Run one queued job to its end: done, failed or cancelled. The task backend's worker calls this."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
        items_done=0,
        summary="",
        error="",
    )
    if not claimed:
        # Cancelled while queued, or already run by another delivery of the same task.
        return "not run: the job was no longer queued"
    job = Job.objects.select_related("started_by", "preview").get(pk=job_id)
    reporter = live.JobProgress(job_id)
    try:
        with live.Heartbeat(job_id):
            outcome = _work_for(job.kind)(job=job, progress=reporter)
            job_finish(job=job, outcome=outcome, progress=reporter)
    except live.JobCancelled:
        _end(job_id, Job.State.CANCELLED, reporter, summary=_cancelled_text(reporter))
    except JobRefused as refusal:
        _end(job_id, Job.State.FAILED, reporter, error=str(refusal))
    except Exception as error:  # the job shows the error in words; the log keeps the traceback
        logger.exception("Job %s failed", job_id)
        _end(job_id, Job.State.FAILED, reporter, error=f"Unexpected error ({type(error).__name__}: {error}).")
    finally:
        reporter.close()
    state = Job.objects.filter(pk=job_id).values_list("state", flat=True).first()
    return str(state)


def _cancelled_text(reporter: live.Progress) -> str:
    total = f" of {reporter.total:,}" if reporter.total is not None else ""
    return f"Cancelled after {reporter.done:,}{total} items; nothing was written."


def _counts(reporter: live.Progress) -> dict:
    total = reporter.total
    done = reporter.done if total is None else min(reporter.done, total)
    return {"items_done": done, "items_total": total}


def job_finish(*, job: Job, outcome: Outcome, progress: live.Progress) -> None:
    """Record a job as done with its outcome (inside the work's transaction, where it has one)."""
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.DONE,
        finished_at=timezone.now(),
        summary=outcome.summary,
        result=outcome.result,
        result_url=outcome.result_url,
        **_counts(progress),
    )


def _end(job_id: int, state: str, reporter: live.Progress, *, summary: str = "", error: str = "") -> None:
    Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
        state=state, finished_at=timezone.now(), summary=summary, error=error, **_counts(reporter)
    )


def job_cancel(*, job: Job) -> str:
    """Cancel a queued job at once, or ask a running one to stop at its next step. Returns what happened."""
    if Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.CANCELLED, finished_at=timezone.now(), summary="Cancelled before it started."
    ):
        return "Cancelled before it started; nothing was done."
    if job.state == Job.State.RUNNING:
        live.request_cancel(job.pk)
        return "Cancel requested: the job stops at its next step and writes nothing."
    return f"Not cancelled: the job is already {job.get_state_display().lower()}."


def job_retry(*, job: Job) -> Job:
    """Queue a failed or cancelled job again (an import re-checks its file; rows already written are unchanged)."""
    if job.state not in {Job.State.FAILED, Job.State.CANCELLED}:
        raise JobRefused(f"Only a failed or cancelled job can be run again; this one is {job.get_state_display()}.")
    live.forget(job.pk)
    Job.objects.filter(pk=job.pk, state=job.state).update(
        state=Job.State.QUEUED, started_at=None, finished_at=None, items_done=0, summary="", error=""
    )
    return job_enqueue(job)


def jobs_fail_stale() -> int:
    """Mark running jobs whose worker stopped beating (killed, crashed, machine gone) as failed."""
    stale_after = settings.JOBS_STALE_SECONDS
    now = time.time()
    marked = 0
    running = Job.objects.without_input().filter(state=Job.State.RUNNING).only("pk", "started_at", "task_id")
    for job in running:
        beat = live.last_heartbeat(job.pk)
        started = job.started_at.timestamp() if job.started_at else now
        if (beat if beat is not None else started) > now - stale_after:
            continue
        reported = live.live_progress(job.pk) or {}
        where = ""
        if reported.get("total"):
            where = f" at {reported.get('done', 0):,} of {reported['total']:,} items"
        error = (
            f"The worker running this job stopped{where} (killed or crashed; no heartbeat for more than "
            f"{stale_after} s). Its transaction was rolled back, so nothing it did was written. Run it again."
        )
        marked += Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, finished_at=timezone.now(), error=error
        )
        _fail_backend_record(job.task_id)
    return marked


def _fail_backend_record(task_id: str) -> None:
    """The database backend's own row of a dead task says "running" forever; say failed there too."""
    if not task_id or settings.TASKS_BACKEND != "database":
        return
    from django_tasks_db.models import DBTaskResult

    from curation.jobs.tasks_api import TaskResultStatus

    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )


def job_status(job: Job) -> dict:
    """What the admin's progress bar shows: state, counts, elapsed time, estimate, outcome."""
    reported = live.live_progress(job.pk) if job.state == Job.State.RUNNING else None
    done, total, phase = job.items_done, job.items_total, ""
    if reported:
        done, total, phase = reported.get("done", 0), reported.get("total"), reported.get("phase", "")
    now = timezone.now()
    elapsed = None
    if job.started_at:
        elapsed = ((job.finished_at or now) - job.started_at).total_seconds()
    remaining = None
    if job.state == Job.State.RUNNING and total and done and elapsed:
        remaining = elapsed / done * max(total - done, 0)
    waiting = None
    if job.state == Job.State.QUEUED:
        waiting = (now - job.created_at).total_seconds()
    return {
        "id": job.pk,
        "kind": job.get_kind_display(),
        "state": job.state,
        "state_label": job.get_state_display(),
        "finished": job.is_finished,
        "phase": phase,
        "done": done,
        "total": total,
        "percent": round(100 * done / total, 1) if total else (100.0 if job.state == Job.State.DONE else None),
        "elapsed_seconds": elapsed,
        "elapsed_text": duration_text(elapsed),
        "remaining_seconds": remaining,
        "remaining_text": duration_text(remaining),
        "waiting_text": _waiting_text(waiting),
        "summary": job.summary,
        "error": job.error,
        "result_url": job.result_url,
        "attempts": job.attempts,
    }


def _waiting_text(waiting: float | None) -> str:
    if waiting is None or waiting < 10:
        return ""
    return (
        f"Waiting for a worker for {duration_text(waiting)}. Is one running? "
        "(`./portal up` starts one; otherwise `manage.py db_worker`, see docs/deployment.md.)"
    )


def duration_text(seconds: float | None) -> str:
    """'4 s', '2 min 05 s', '1 h 03 min'."""
    if seconds is None:
        return ""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
