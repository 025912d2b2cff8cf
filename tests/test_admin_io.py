"""The admin import/export flow: permissions, upload checks, dry-run preview, confirm, export."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curation.io.resources import CLAIM_EXPORT_ORDER, ClaimResource
from curation.models import Claim, Job
from tests.test_resources import HEADER, csv_bytes, growth_claim, row, world, world_claim  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:curation_claim_import")
EXPORT_URL = reverse("admin:curation_claim_export")


def upload(client, data, name="claims.csv", format_index=0, model="claim"):
    """Upload through the admin; the preview job runs at once (immediate backend): its preview page, or the refusal."""
    response = client.post(
        reverse(f"admin:curation_{model}_import"),
        {"format": format_index, "resource": 0, "import_file": SimpleUploadedFile(name, data)},
    )
    if response.status_code != 302:
        return response  # the upload form refused the file
    job = Job.objects.get(pk=int(re.search(r"/job/(\d+)/", response.url).group(1)))
    assert job.kind == Job.Kind.IMPORT_PREVIEW
    if job.state == Job.State.DONE:
        return client.get(job.result_url)
    return client.get(response.url)


def confirm_fields(preview_html: str) -> dict:
    found = re.search(r'name="preview_job" value="(\d+)"', preview_html)
    assert found, "the preview offers no confirm form"
    return {"preview_job": found.group(1)}


def confirm(client, preview_html: str, model="claim"):
    """Press confirm; the import job runs at once. Returns the import job."""
    response = client.post(reverse(f"admin:curation_{model}_process_import"), confirm_fields(preview_html))
    assert response.status_code == 302
    return Job.objects.get(pk=int(re.search(r"/job/(\d+)/", response.url).group(1)))


def test_import_previews_then_confirm_writes_drafts_by_the_uploader(editor_client, editor, world):  # noqa: F811
    preview = upload(editor_client, csv_bytes([row()]))
    content = preview.content.decode()
    assert preview.status_code == 200 and "confirm" in content.lower()
    assert Claim.objects.count() == 0
    job = confirm(editor_client, content)
    assert job.state == Job.State.DONE, job.error
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.DRAFT and claim.created_by == editor
    page = editor_client.get(reverse("admin:curation_job_change", args=[job.pk])).content.decode()
    assert "Imported 1 rows from claims.csv: 1 new, 0 updated, 0 unchanged." in page


def test_preview_names_the_row_column_and_suggestion(editor_client, world):  # noqa: F811
    content = upload(editor_client, csv_bytes([row(place="Kashgarr")])).content.decode()
    assert "&#x27;Kashgarr&#x27; is not a known place or alias; did you mean &#x27;Kashgar&#x27;?" in content
    assert "Confirm import" not in content


def test_an_upload_over_the_limit_is_refused_naming_the_limit(editor_client, world, settings):  # noqa: F811
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    content = upload(editor_client, csv_bytes([row(), row(value="1")])).content.decode()
    assert "uploads are limited to" in content and "100 bytes" in content
    assert "import_claims" in content


def test_a_file_in_another_encoding_is_refused_in_words(editor_client, world):  # noqa: F811
    content = upload(editor_client, "source,place\nKashgår,x\n".encode("latin-1")).content.decode()
    assert "not UTF-8" in content and "Traceback" not in content


def test_import_and_export_need_their_own_permissions(client, django_user_model, world):  # noqa: F811
    user = django_user_model.objects.create_user(username="clerk", password="pw-clerk-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_claim", "change_claim", "add_claim"]))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_export_of_the_filtered_changelist_in_csv(editor_client, world):  # noqa: F811
    world_claim(
        world,
        notes="+cmd",
    )
    response = editor_client.post(
        EXPORT_URL, {"format": 0, "resource": 0, **{f"claimresource_{c}": "on" for c in CLAIM_EXPORT_ORDER}}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0].startswith("id,source,place,metric")
    assert "'+cmd" in text


def test_csv_export_writes_rows_as_it_reads_them_without_a_dataset_of_all_rows(editor_client, world, monkeypatch):  # noqa: F811
    from tests.builders import make_claim

    for number in range(3):
        make_claim(place=world["place"], metric=world["trade"], source=world["source"], value=number + 1, notes="=1")

    def whole_dataset(*args, **kwargs):
        raise AssertionError("the CSV export gathered every row in a tablib Dataset first")

    monkeypatch.setattr(ClaimResource, "export", whole_dataset)
    response = editor_client.post(
        EXPORT_URL, {"format": 0, "resource": 0, **{f"claimresource_{c}": "on" for c in CLAIM_EXPORT_ORDER}}
    )
    assert response.status_code == 200
    records = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(record["value"] for record in records) == ["1", "2", "3"]
    assert {record["notes"] for record in records} == {"'=1"}


def test_xlsx_export_keeps_numbers_as_numbers_and_formulas_as_text(editor_client, world):  # noqa: F811
    import io

    import openpyxl

    growth_claim(world, notes="-cmd|' /C calc'!A0")
    response = editor_client.post(
        EXPORT_URL, {"format": 1, "resource": 0, **{f"claimresource_{c}": "on" for c in CLAIM_EXPORT_ORDER}}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    values = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert values["value"] == -2.5 and isinstance(values["value"], float)
    assert values["notes"] == "'-cmd|' /C calc'!A0"


def test_selected_claims_export_through_the_changelist_action(editor_client, world):  # noqa: F811
    chosen = world_claim(
        world,
        notes="chosen",
    )
    world_claim(
        world,
        unit="USD",
        notes="left out",
    )
    action = editor_client.post(
        reverse("admin:curation_claim_changelist"),
        {"action": "export_admin_action", "_selected_action": [str(chosen.pk)], "index": "0"},
    )
    assert action.status_code == 200 and b"export_items" in action.content
    response = editor_client.post(
        EXPORT_URL,
        {
            "format": 0,
            "resource": 0,
            "export_items": [chosen.pk],
            **{f"claimresource_{c}": "on" for c in CLAIM_EXPORT_ORDER},
        },
    )
    content = response.content.decode()
    assert "chosen" in content and "left out" not in content


def test_preview_shows_each_row_and_what_an_update_changes(editor_client, editor, world):  # noqa: F811
    from tests.test_resources import run_import

    run_import(csv_bytes([row()]), user=editor)
    content = upload(editor_client, csv_bytes([row(value="93.2 billion"), row(value="13.36 billion", unit="USD")]))
    html = content.content.decode()
    assert "93.16 billion → 93.2 billion" in html
    assert "13.36 billion" in html and "Update" in html and "New" in html


@pytest.mark.parametrize("model_name", ["claim", "source", "place", "metric"])
def test_import_and_export_pages_render_for_every_imported_model(editor_client, model_name):
    assert editor_client.get(reverse(f"admin:curation_{model_name}_import")).status_code == 200
    assert editor_client.get(reverse(f"admin:curation_{model_name}_export")).status_code == 200
    changelist = editor_client.get(reverse(f"admin:curation_{model_name}_changelist")).content.decode()
    assert "Import" in changelist and "Export" in changelist


def test_places_import_through_the_admin_adds_aliases_and_links(editor_client, world):  # noqa: F811
    from curation.models import Place

    data = b"name,slug,kind,aliases,part_of\nKashgar Old Town,kashgar-old-town,city,Old Town; Kashi Old City,Kashgar\n"
    preview = upload(editor_client, data, name="places.csv", model="place").content.decode()
    assert confirm(editor_client, preview, model="place").state == Job.State.DONE
    place = Place.objects.get(name="Kashgar Old Town")
    assert sorted(alias.name for alias in place.aliases.all()) == ["Kashi Old City", "Old Town"]
    assert list(place.part_of.all()) == [world["place"]]
