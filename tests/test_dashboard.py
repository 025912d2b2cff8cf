"""The admin index's dashboard: what waits for whom, open contradictions, recent imports and jobs."""

import re
from decimal import Decimal

import pytest

from curation.models import Claim, Contradiction, Job
from curation.review.dashboard import desk_dashboard
from tests.builders import make_claim, make_claim_in, make_contradiction

Status = Claim.Status
pytestmark = pytest.mark.django_db


def test_a_reviewer_sees_the_claims_awaiting_their_review_but_not_their_own(desk):
    editor, reviewer = desk["editor"], desk["reviewer"]
    waiting = [make_claim_in(Status.SUBMITTED, created_by=editor) for _ in range(3)]
    make_claim_in(Status.SUBMITTED, created_by=reviewer)  # four eyes: not theirs to decide
    make_claim_in(Status.DRAFT, created_by=editor)
    dashboard = desk_dashboard(user=reviewer)
    assert dashboard.can_review
    assert dashboard.awaiting_review_count == 3
    assert [claim.pk for claim in dashboard.awaiting_review] == [claim.pk for claim in waiting]


def test_an_editor_sees_their_drafts_and_rejected_claims_and_no_review_queue(desk):
    editor, other = desk["editor"], desk["second_reviewer"]
    mine = [make_claim_in(Status.DRAFT, created_by=editor) for _ in range(2)]
    make_claim_in(Status.DRAFT, created_by=other)
    make_claim_in(Status.REJECTED, created_by=editor)
    dashboard = desk_dashboard(user=editor)
    assert not dashboard.can_review
    assert dashboard.draft_count == 2 and {claim.pk for claim in dashboard.drafts} == {claim.pk for claim in mine}
    assert dashboard.rejected_count == 1


def test_open_contradictions_are_counted_by_severity(desk):
    claims = [make_claim() for _ in range(4)]
    make_contradiction(claims[0], claims[1], severity=Contradiction.Severity.HIGH)
    make_contradiction(claims[0], claims[2], severity=Contradiction.Severity.HIGH)
    make_contradiction(claims[1], claims[2], severity=Contradiction.Severity.LOW)
    make_contradiction(claims[2], claims[3], severity=Contradiction.Severity.HIGH, status="dismissed")
    dashboard = desk_dashboard(user=desk["editor"])
    assert [(row.severity, row.count) for row in dashboard.open_contradictions] == [
        ("high", 2),
        ("medium", 0),
        ("low", 1),
    ]
    assert dashboard.open_contradiction_count == 3


def test_the_admin_index_shows_the_dashboard_with_counts_and_links(client, desk):
    editor, reviewer = desk["editor"], desk["reviewer"]
    claim = make_claim_in(Status.SUBMITTED, created_by=editor, value=Decimal("3940000000"), qualifier="about")
    make_contradiction(claim, make_claim(), severity=Contradiction.Severity.HIGH)
    Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.DONE, started_by=editor, input_name="claims-may.csv")
    Job.objects.create(kind=Job.Kind.CONTRADICTIONS, state=Job.State.RUNNING, started_by=reviewer)
    client.force_login(reviewer)
    content = client.get("/admin/").content.decode()
    assert 'id="dashboard"' in content
    assert 'href="/admin/curation/claim/?review_queue=mine"' in content
    assert f"#{claim.pk} {claim.place.name}: about 3.94 billion enterprises" in content
    assert 'href="/admin/curation/contradiction/?status__exact=open&amp;severity__exact=high">High: 1</a>' in content
    assert "claims-may.csv" in content and "Contradiction run" in content


def test_the_my_drafts_link_lists_only_my_drafts(client, desk):
    editor = desk["editor"]
    mine = make_claim_in(Status.DRAFT, created_by=editor)
    theirs = make_claim_in(Status.DRAFT, created_by=desk["reviewer"])
    client.force_login(editor)
    content = client.get("/admin/curation/claim/?status__exact=draft&mine=yes").content.decode()
    listed = set(map(int, re.findall(r'name="_selected_action" value="(\d+)"', content)))
    assert listed == {mine.pk} and theirs.pk not in listed


def test_the_dashboard_takes_the_same_queries_however_many_rows(client, desk):
    editor, reviewer = desk["editor"], desk["reviewer"]
    client.force_login(reviewer)

    def index_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    make_claim_in(Status.SUBMITTED, created_by=editor)
    make_claim_in(Status.DRAFT, created_by=reviewer)
    Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.DONE, started_by=editor)
    few = index_queries()
    for _ in range(8):
        make_claim_in(Status.SUBMITTED, created_by=editor)
        make_claim_in(Status.DRAFT, created_by=reviewer)
        Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.DONE, started_by=editor)
        Job.objects.create(kind=Job.Kind.EXTRACTION, state=Job.State.DONE, started_by=editor)
    assert index_queries() == few
