"""The task every job runs through: one entry point, the job row says what to do."""

from curation.jobs.runner import job_execute
from curation.jobs.tasks_api import task


@task()
def run_job(job_id: int) -> str:
    """Run the job with this id (a no-op if it is no longer queued)."""
    return job_execute(job_id)
