"""The admin import's confirm step re-checks the file and says exactly what it wrote, or why it refused.

Issue 13, item 3: a preview that goes stale (the draft it changes is submitted in another tab),
a confirm pressed twice and a confirm form whose preview is gone.
"""

import re

import pytest
from django.contrib import messages
from django.urls import reverse

from curation.models import Claim
from curation.review import workflow
from tests.test_resources import csv_bytes, row, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:curation_claim_import")
CONFIRM_URL = reverse("admin:curation_claim_process_import")
from tests.test_admin_io import upload  # noqa: E402


def confirm_fields(preview_html: str) -> dict:
    fields = dict(
        re.findall(r'name="(import_file_name|original_file_name|format|resource)" value="([^"]*)"', preview_html)
    )
    assert fields, "the preview offers no confirm form"
    return fields


def shown_messages(response) -> list[str]:
    return [str(message) for message in messages.get_messages(response.wsgi_request)]


TWO_NEW_AND_A_CHANGE = [
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


@pytest.fixture
def draft_in_file(world, editor):  # noqa: F811
    """A draft claim, imported once; the file under test changes its notes."""
    from tests.test_resources import run_import

    run_import(
        csv_bytes([row(quote="Growth was -2.5 percent", value="-2.5", unit="percent", metric="trade_value")]),
        user=editor,
    )
    return Claim.objects.get()


def test_confirm_refuses_when_a_previewed_draft_was_submitted_meanwhile_and_writes_nothing(
    editor_client, editor, draft_in_file
):
    changed = row(
        quote="Growth was -2.5 percent",
        value="-2.5",
        unit="percent",
        metric="trade_value",
        notes="checked against the bulletin",
    )
    preview = upload(editor_client, csv_bytes([*TWO_NEW_AND_A_CHANGE, changed]))
    fields = confirm_fields(preview.content.decode())

    # Another tab: the draft the file changes is submitted for review.
    workflow.claim_submit(claim=draft_in_file, user=editor)

    confirmed = editor_client.post(CONFIRM_URL, fields, follow=True)
    assert confirmed.status_code == 200
    text = " ".join(shown_messages(confirmed)) or confirmed.content.decode()
    assert "Import finished" not in text
    assert "Nothing was written" in text
    assert f"changes claim #{draft_in_file.pk}, which is submitted" in text
    assert "row 3" in text
    assert Claim.objects.count() == 1
    draft_in_file.refresh_from_db()
    assert draft_in_file.notes == "" and draft_in_file.status == Claim.Status.SUBMITTED


def test_confirm_reports_exactly_what_it_wrote(editor_client, draft_in_file):
    changed = row(
        quote="Growth was -2.5 percent",
        value="-2.5",
        unit="percent",
        metric="trade_value",
        notes="checked against the bulletin",
    )
    preview = upload(editor_client, csv_bytes([*TWO_NEW_AND_A_CHANGE, changed]))
    confirmed = editor_client.post(CONFIRM_URL, confirm_fields(preview.content.decode()), follow=True)
    text = " ".join(shown_messages(confirmed))
    assert "2 new, 1 updated, 0 unchanged" in text
    assert Claim.objects.count() == 3
    draft_in_file.refresh_from_db()
    assert draft_in_file.notes == "checked against the bulletin"


def test_pressing_confirm_twice_says_the_import_was_already_confirmed(editor_client, world):  # noqa: F811
    preview = upload(editor_client, csv_bytes(TWO_NEW_AND_A_CHANGE))
    fields = confirm_fields(preview.content.decode())
    first = editor_client.post(CONFIRM_URL, fields, follow=True)
    assert "2 new" in " ".join(shown_messages(first))

    second = editor_client.post(CONFIRM_URL, fields, follow=True)
    assert second.status_code == 200
    text = " ".join(shown_messages(second)) or second.content.decode()
    assert "already" in text and "Nothing was written" in text
    assert Claim.objects.count() == 2


def test_a_stale_confirm_form_gets_a_clear_message(editor_client, world):  # noqa: F811
    response = editor_client.post(
        CONFIRM_URL,
        {"import_file_name": "no-such-preview", "original_file_name": "claims.csv", "format": 0, "resource": 0},
        follow=True,
    )
    assert response.status_code == 200
    text = " ".join(shown_messages(response)) or response.content.decode()
    assert "Nothing was written" in text and "upload the file again" in text
