"""The admin import's confirm step re-checks the file and says exactly what it wrote, or why it refused.

Issue 13, item 3: a preview that goes stale (the draft it changes is submitted in another tab),
a confirm pressed twice and a confirm form whose preview is gone. The preview and the import
run as jobs (immediate backend here); the import job's page says what happened.
"""

import pytest
from django.contrib import messages
from django.urls import reverse

from curation.models import Claim, Job
from curation.review import workflow
from tests.test_admin_io import confirm, confirm_fields, upload
from tests.test_resources import csv_bytes, row, run_import, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

CONFIRM_URL = reverse("admin:curation_claim_process_import")

TWO_NEW = [
    row(),
    row(
        quote="more than 3,100 new enterprises",
        value="3100",
        metric="registered_enterprises",
        unit="enterprises",
        qualifier="more_than",
        period_start="",
        period_end="2025",
    ),
]
DRAFT_ROW = {"quote": "Growth was -2.5 percent", "value": "-2.5", "unit": "percent", "metric": "trade_value"}


def shown_messages(response) -> list[str]:
    return [str(message) for message in messages.get_messages(response.wsgi_request)]


def job_page(client, job) -> str:
    return client.get(reverse("admin:curation_job_change", args=[job.pk])).content.decode()


@pytest.fixture
def draft_in_file(world, editor):  # noqa: F811
    """A draft claim, imported once; the file under test changes its notes."""
    run_import(csv_bytes([row(**DRAFT_ROW)]), user=editor)
    return Claim.objects.get()


def test_confirm_refuses_when_a_previewed_draft_was_submitted_meanwhile_and_writes_nothing(
    editor_client, editor, draft_in_file
):
    changed = row(**DRAFT_ROW, notes="checked against the bulletin")
    preview = upload(editor_client, csv_bytes([*TWO_NEW, changed])).content.decode()
    assert "Confirm import" in preview

    # Another tab: the draft the file changes is submitted for review.
    workflow.claim_submit(claim=draft_in_file, user=editor)

    job = confirm(editor_client, preview)
    assert job.state == Job.State.FAILED
    page = job_page(editor_client, job)
    assert "Import finished" not in page and "Imported" not in page
    assert "Nothing was written" in page
    assert f"changes claim #{draft_in_file.pk}, which is submitted" in page
    assert "row 3" in page
    assert Claim.objects.count() == 1
    draft_in_file.refresh_from_db()
    assert draft_in_file.notes == "" and draft_in_file.status == Claim.Status.SUBMITTED


def test_confirm_reports_exactly_what_it_wrote(editor_client, draft_in_file):
    changed = row(**DRAFT_ROW, notes="checked against the bulletin")
    preview = upload(editor_client, csv_bytes([*TWO_NEW, changed])).content.decode()
    job = confirm(editor_client, preview)
    assert job.state == Job.State.DONE
    assert "Imported 3 rows from claims.csv: 2 new, 1 updated, 0 unchanged." in job_page(editor_client, job)
    assert Claim.objects.count() == 3
    draft_in_file.refresh_from_db()
    assert draft_in_file.notes == "checked against the bulletin"


def test_pressing_confirm_twice_says_the_import_was_already_confirmed(editor_client, world):  # noqa: F811
    preview = upload(editor_client, csv_bytes(TWO_NEW)).content.decode()
    first = confirm(editor_client, preview)
    assert first.state == Job.State.DONE and Claim.objects.count() == 2

    second = editor_client.post(CONFIRM_URL, confirm_fields(preview), follow=True)
    assert second.status_code == 200
    text = " ".join(shown_messages(second))
    assert "already confirmed" in text and "wrote nothing more" in text
    assert Claim.objects.count() == 2
    assert Job.objects.filter(kind=Job.Kind.IMPORT).count() == 1


def test_a_stale_confirm_form_gets_a_clear_message(editor_client, world):  # noqa: F811
    for stale in (
        {"preview_job": "999999"},
        # The form of the synchronous flow this replaced, still open in a tab.
        {"import_file_name": "/tmp/tmpabc", "original_file_name": "claims.csv", "format": 0, "resource": 0},
    ):
        response = editor_client.post(CONFIRM_URL, stale, follow=True)
        assert response.status_code == 200
        text = " ".join(shown_messages(response))
        assert "Nothing was written" in text and "upload the file again" in text
    assert Claim.objects.count() == 0


def test_a_preview_with_row_errors_offers_no_confirm_and_cannot_be_confirmed(editor_client, world):  # noqa: F811
    preview = upload(editor_client, csv_bytes([row(), row(place="Kashgarr")])).content.decode()
    assert "Confirm import" not in preview and "did you mean" in preview
    job = Job.objects.get(kind=Job.Kind.IMPORT_PREVIEW)
    response = editor_client.post(CONFIRM_URL, {"preview_job": job.pk}, follow=True)
    assert "Nothing was written" in " ".join(shown_messages(response))
    assert Claim.objects.count() == 0


def test_another_users_preview_cannot_be_confirmed(editor_client, world, django_user_model, client):  # noqa: F811
    preview = upload(editor_client, csv_bytes(TWO_NEW)).content.decode()
    other = django_user_model.objects.create_superuser(username="other", password="pw-other-123456")
    other.is_superuser = False
    other.save()
    from django.contrib.auth.models import Permission

    other.user_permissions.set(Permission.objects.filter(content_type__app_label="curation"))
    client.force_login(other)
    response = client.post(CONFIRM_URL, confirm_fields(preview), follow=True)
    assert "Nothing was written" in " ".join(shown_messages(response))
    assert Claim.objects.count() == 0
