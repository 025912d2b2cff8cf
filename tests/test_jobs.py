"""Background jobs' logic with the immediate backend: states, progress, cancel, run again, dead workers."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from curation.jobs import progress as live
from curation.jobs.runner import (
    job_cancel,
    job_create,
    job_enqueue,
    job_execute,
    job_retry,
    job_status,
    jobs_fail_stale,
)
from curation.models import Claim, Job
from tests.test_resources import csv_bytes, row, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def import_job(user, rows, **fields):
    return job_create(
        kind=Job.Kind.IMPORT,
        user=user,
        parameters={"kind": "claims"},
        input_name="claims.csv",
        input_data=csv_bytes(rows),
        **fields,
    )


def test_an_import_job_writes_its_rows_and_counts_them(editor, world):  # noqa: F811
    job = import_job(editor, [row(), row(value="13.36 billion", unit="USD")])
    assert job_execute(job.pk) == Job.State.DONE
    job.refresh_from_db()
    assert (job.state, job.items_done, job.items_total, job.attempts) == (Job.State.DONE, 2, 2, 1)
    check = Job.objects.get(kind=Job.Kind.CONTRADICTIONS)
    assert job.summary == (
        "Imported 2 rows from claims.csv: 2 new, 0 updated, 0 unchanged. "
        f"The contradiction check of the written claims is queued as job #{check.pk}."
    )
    assert job.result["check_job"] == check.pk
    assert Claim.objects.count() == 2 and job.finished_at >= job.started_at
    assert job.input_data is None  # the uploaded copy goes once its rows are written


def test_an_import_job_is_idempotent_a_second_delivery_does_nothing_and_a_rerun_counts_unchanged(
    editor,
    world,  # noqa: F811
):
    job = import_job(editor, [row()])
    job_execute(job.pk)
    assert job_execute(job.pk).startswith("not run")  # the same task delivered twice
    again = import_job(editor, [row()])
    job_execute(again.pk)
    again.refresh_from_db()
    assert "0 new, 0 updated, 1 unchanged" in again.summary
    assert Claim.objects.count() == 1


def test_a_bad_file_fails_in_words_and_writes_nothing(editor, world):  # noqa: F811
    job = import_job(editor, [row(), row(place="Kashgarr")])
    job_execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "Nothing was written" in job.error and "row 2, place" in job.error and "Kashgar" in job.error
    assert not Claim.objects.exists()


def test_cancelling_a_queued_job_stops_it_before_it_starts(editor, world):  # noqa: F811
    job = import_job(editor, [row()])
    assert "before it started" in job_cancel(job=job)
    assert job_execute(job.pk).startswith("not run")
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and not Claim.objects.exists()


def test_cancelling_a_running_import_rolls_it_back(editor, world):  # noqa: F811
    job = import_job(editor, [row(), row(value="13.36 billion", unit="USD")])
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    job.refresh_from_db()
    assert "Cancel requested" in job_cancel(job=job)
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED)  # as if the worker picks it up now
    job_execute(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and "nothing was written" in job.summary
    assert not Claim.objects.exists()
    # Run again: it completes and counts right.
    job_retry(job=job)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and "2 new" in job.summary and job.attempts == 2
    assert Claim.objects.count() == 2


def test_a_running_job_whose_worker_stopped_beating_is_marked_failed(editor, settings):
    settings.JOBS_STALE_SECONDS = 30
    job = Job.objects.create(
        kind=Job.Kind.IMPORT,
        state=Job.State.RUNNING,
        started_by=editor,
        started_at=timezone.now() - datetime.timedelta(seconds=120),
    )
    live.forget(job.pk)
    fresh = Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.RUNNING, started_at=timezone.now())
    assert jobs_fail_stale() == 1
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.state == Job.State.FAILED and "stopped" in job.error and "nothing it did was written" in job.error
    assert fresh.state == Job.State.RUNNING


def test_status_reports_progress_elapsed_and_estimate_from_the_live_report(editor):
    job = Job.objects.create(
        kind=Job.Kind.IMPORT,
        state=Job.State.RUNNING,
        started_by=editor,
        started_at=timezone.now() - datetime.timedelta(seconds=10),
    )
    reporter = live.JobProgress(job.pk)
    reporter.begin(total=200, phase="Checking rows")
    reporter.advance(50)
    reporter._write(force=True)
    status = job_status(job)
    assert (status["done"], status["total"], status["percent"], status["phase"]) == (50, 200, 25.0, "Checking rows")
    assert status["elapsed_text"] == "10 s" and status["remaining_text"] == "30 s"
    live.forget(job.pk)


def test_the_job_page_polls_a_static_script_and_the_status_endpoint_answers_json(editor_client, editor, world):  # noqa: F811
    job = import_job(editor, [row()])
    job_execute(job.pk)
    page = editor_client.get(reverse("admin:curation_job_change", args=[job.pk])).content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all("src=" in attributes for attributes in scripts)  # no inline script (CSP)
    assert "job-progress.js" in page and 'id="job-bar"' in page
    status = editor_client.get(reverse("admin:curation_job_status", args=[job.pk])).json()
    assert status["state"] == "done" and status["percent"] == 100.0 and status["result_url"]
    assert editor_client.get(status["result_url"]).status_code == 200


def test_someone_elses_job_is_hidden_without_the_view_permission(client, django_user_model, editor, world):  # noqa: F811
    job = import_job(editor, [row()])
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse("admin:curation_job_status", args=[job.pk])).status_code == 403
    assert client.post(reverse("admin:curation_job_cancel", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED


@pytest.mark.parametrize(
    ("command", "arguments", "kind"),
    [
        ("detect_contradictions", [], Job.Kind.CONTRADICTIONS),
        ("extract_claims", [], Job.Kind.EXTRACTION),
        ("publish_release", ["--title", "Autumn", "--user", "editor"], Job.Kind.RELEASE),
    ],
)
def test_commands_with_background_start_a_job(command, arguments, kind, editor, world, capsys):  # noqa: F811
    call_command(command, *arguments, "--background")
    job = Job.objects.get()
    assert job.kind == kind and job.is_finished
    assert str(job) in capsys.readouterr().out


def test_import_claims_background_imports_the_file(editor, world, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes([row()]))
    call_command("import_claims", str(path), "--user", "editor", "--background")
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert job.state == Job.State.DONE and job.started_by == editor and Claim.objects.count() == 1
    assert "1 new" in capsys.readouterr().out


def test_the_contradiction_run_button_starts_a_job(editor_client):
    response = editor_client.post(reverse("admin:curation_job_run_contradictions"))
    job = Job.objects.get()
    assert response.status_code == 302 and job.kind == Job.Kind.CONTRADICTIONS and job.state == Job.State.DONE
    assert "Claims checked: 0" in job.summary


def test_the_contradiction_list_offers_the_run_button(editor_client):
    page = editor_client.get(reverse("admin:curation_contradiction_changelist")).content.decode()
    assert reverse("admin:curation_job_run_contradictions") in page


def test_extraction_over_selected_sources_runs_as_a_job(editor_client, world):  # noqa: F811
    response = editor_client.post(
        reverse("admin:curation_source_changelist"),
        {"action": "extract_in_background", "_selected_action": [world["source"].pk]},
    )
    job = Job.objects.get()
    assert response.status_code == 302 and job.kind == Job.Kind.EXTRACTION and job.state == Job.State.DONE
    assert job.summary.startswith("1 sources read") and (job.items_done, job.items_total) == (1, 1)


def test_a_queue_that_cannot_be_reached_fails_the_job_in_words(editor, settings, world):  # noqa: F811
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [settings.JOBS_QUEUE]},
    }
    settings.RQ_QUEUES = {settings.JOBS_QUEUE: {"URL": "redis://127.0.0.1:1/0"}}
    job = job_enqueue(import_job(editor, [row()]))
    assert job.state == Job.State.FAILED and "could not be queued" in job.error
    assert not Claim.objects.exists()
