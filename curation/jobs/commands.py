"""What the long-running management commands share: `--background` queues the work as a job."""

from django.conf import settings

from curation.jobs.runner import job_start


class BackgroundMixin:
    """A command that runs inline (with a progress bar on a terminal) or, with --background, queues a job."""

    def add_background_argument(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the work for a background worker and return at once; follow it in the admin under Jobs",
        )

    def enqueue(self, *, kind, user=None, parameters=None, input_name="", input_data=None):
        job = job_start(kind=kind, user=user, parameters=parameters, input_name=input_name, input_data=input_data)
        where = f"/{settings.ADMIN_URL}curation/job/{job.pk}/change/"
        if job.is_finished:
            # The immediate backend (tests) runs the job inside this command.
            self.stdout.write(f"{job}: {job.get_state_display().lower()}. {job.summary or job.error}")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Queued {job} for a background worker (backend: {settings.TASKS_BACKEND}). "
                    f"Follow it in the admin at {where}"
                )
            )
        return None
