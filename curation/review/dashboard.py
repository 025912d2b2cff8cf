"""The desk's day at a glance: what waits for this user, open contradictions, recent imports and jobs.

Reads only (no writes), shaped for the admin index: a handful of counts and a few rows each,
in a fixed number of queries however many claims there are.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from curation.models import Claim, Contradiction, Job
from curation.review import workflow

ROWS_PER_PANEL = 5


@dataclass
class SeverityCount:
    severity: str
    label: str
    count: int


@dataclass
class Dashboard:
    can_review: bool
    awaiting_review_count: int = 0
    awaiting_review: list[Claim] = field(default_factory=list)
    draft_count: int = 0
    drafts: list[Claim] = field(default_factory=list)
    rejected_count: int = 0
    open_contradictions: list[SeverityCount] = field(default_factory=list)
    recent_imports: list[Job] = field(default_factory=list)
    recent_jobs: list[Job] = field(default_factory=list)
    sees_all_jobs: bool = False

    @property
    def open_contradiction_count(self) -> int:
        return sum(row.count for row in self.open_contradictions)


def mine(user) -> Q:
    """Claims the user created or changed last: theirs to carry on."""
    return Q(created_by=user) | Q(updated_by=user)


def desk_dashboard(*, user) -> Dashboard:
    """What the admin index shows this user: their review queue and drafts, open contradictions, jobs."""
    can_review = user.has_perm("curation.approve_claim")
    dashboard = Dashboard(can_review=can_review, sees_all_jobs=user.has_perm("curation.view_job"))
    claims = Claim.objects.select_related("place", "metric")
    if can_review:
        queue = workflow.review_queue(claims, user=user)
        dashboard.awaiting_review_count = queue.count()
        dashboard.awaiting_review = list(queue[:ROWS_PER_PANEL])
    drafts = claims.filter(mine(user), status=Claim.Status.DRAFT).order_by("-updated_at", "-pk")
    dashboard.draft_count = drafts.count()
    dashboard.drafts = list(drafts[:ROWS_PER_PANEL])
    dashboard.rejected_count = Claim.objects.filter(mine(user), status=Claim.Status.REJECTED).count()

    open_counts = dict(
        Contradiction.objects.filter(status=Contradiction.Status.OPEN)
        .order_by()
        .values_list("severity")
        .annotate(total=Count("pk"))
    )
    dashboard.open_contradictions = [
        SeverityCount(severity=severity.value, label=severity.label, count=open_counts.get(severity.value, 0))
        for severity in Contradiction.Severity
    ]

    jobs = Job.objects.without_input().select_related("started_by")
    if not dashboard.sees_all_jobs:
        jobs = jobs.filter(started_by=user)
    dashboard.recent_imports = list(jobs.filter(kind=Job.Kind.IMPORT)[:ROWS_PER_PANEL])
    dashboard.recent_jobs = list(jobs.exclude(kind=Job.Kind.IMPORT)[:ROWS_PER_PANEL])
    return dashboard
