"""The contradiction check of imported claims, run as a background job once the import has committed.

An import answers when its rows are safely written; the rules' check of those claims (the same
set-based check over their comparison groups that used to run inside the import,
`services.claims_written_in_bulk`) is a `Job` of kind "contradictions" created in the import's own
transaction (so a rolled-back import leaves no job) and handed to the task backend when that
transaction commits (a worker could not see the claims before). Until the job is done, the claims
it covers cannot be approved (`Job.objects.checks_pending_for`), so no claim is approved unchecked.

The job names its claims as ranges of ids: an import's ids come from the table's sequence in
unbroken runs, so 100,000 claims are a few pairs of numbers, not a list of 100,000.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from curation import services
from curation.jobs.progress import Progress
from curation.jobs.runner import Outcome, job_create, job_enqueue
from curation.models import Job


def id_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Sorted unbroken runs of ids as [first, last] pairs: [1, 2, 3, 7] -> [[1, 3], [7, 7]]."""
    ranges: list[list[int]] = []
    for claim_id in sorted(set(ids)):
        if ranges and claim_id == ranges[-1][1] + 1:
            ranges[-1][1] = claim_id
        else:
            ranges.append([claim_id, claim_id])
    return ranges


def ids_of(ranges: Iterable[Iterable[int]]) -> list[int]:
    return [claim_id for first, last in ranges for claim_id in range(first, last + 1)]


def import_check_queue(*, claim_ids: Iterable[int], user=None) -> Job | None:
    """Queue the contradiction check of claims an import wrote; it starts when the import commits.

    Call it inside the import's transaction. Returns the job (None when nothing was written).
    """
    ranges = id_ranges(claim_ids)
    if not ranges:
        return None
    count = sum(last - first + 1 for first, last in ranges)
    job = job_create(
        kind=Job.Kind.CONTRADICTIONS, user=user, parameters={"imported_claims": count, "claim_ranges": ranges}
    )
    transaction.on_commit(lambda: job_enqueue(job))
    return job


def run_import_check(*, job: Job, progress: Progress) -> Outcome:
    """The rules over the imported claims and their comparison groups; the findings saved as a full run would."""
    ids = ids_of(job.parameters["claim_ranges"])
    progress.begin(total=len(ids), phase=f"Checking {len(ids):,} imported claims against their comparison groups")
    report = services.claims_written_in_bulk(claim_ids=ids)
    progress.advance(len(ids))
    return Outcome(
        summary=f"Contradiction check of {len(ids):,} imported claims: {report.total_found:,} conflicts found, "
        f"{report.created:,} new open contradictions, {report.closed:,} closed.",
        result={
            "claims_checked": report.claims_checked,
            "found": dict(report.found),
            "created": report.created,
            "closed": report.closed,
        },
        result_url=reverse("admin:curation_contradiction_changelist") + "?status__exact=open",
    )
