"""The task every job runs through: one entry point, the job row says what to do."""

from django.conf import settings

from curation.jobs.runner import job_execute
from curation.jobs.tasks_api import task


# The queue comes from JOBS_QUEUE: a backend refuses a task whose queue it does not serve.
@task(queue_name=settings.JOBS_QUEUE)
def run_job(job_id: int) -> str:
    """Run the job with this id (a no-op if it is no longer queued)."""
    return job_execute(job_id)
