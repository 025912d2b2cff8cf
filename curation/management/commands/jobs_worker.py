"""Run a background-job worker for the configured task backend (TASKS_BACKEND)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from curation.jobs.runner import jobs_fail_stale


class Command(BaseCommand):
    help = (
        "Run a worker that takes background jobs (imports, releases, contradiction runs, extraction) from the "
        "queue: django-tasks-db's db_worker for TASKS_BACKEND=database, an RQ worker for TASKS_BACKEND=rq. "
        "Run one or more beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting now, then exit")
        parser.add_argument(
            "--reload", action="store_true", help="restart on code changes (development; db backend only)"
        )

    def handle(self, *args, batch=False, reload=False, **options):
        # Jobs left "running" by a worker that was killed are shown as failed before new work starts.
        failed = jobs_fail_stale()
        if failed:
            self.stdout.write(f"{failed} job(s) of a stopped worker marked failed.")
        queue = settings.JOBS_QUEUE
        verbosity = options.get("verbosity", 1)
        if settings.TASKS_BACKEND == "database":
            call_command(
                "db_worker",
                queue_name=queue,
                batch=batch,
                reload=reload,
                startup_delay=False,
                interval=0.5,
                verbosity=verbosity,
            )
        elif settings.TASKS_BACKEND == "rq":
            call_command("rqworker", queue, job_class="django_tasks_rq.Job", burst=batch, verbosity=verbosity)
        else:
            raise CommandError(
                f"TASKS_BACKEND={settings.TASKS_BACKEND} runs each job where it is started; no worker is needed."
            )
