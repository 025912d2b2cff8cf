"""Releases: immutable files with checksums, a Frictionless descriptor, a diff, the publish permission."""

import hashlib
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from curation.io.releases import diff_releases, release_publish
from curation.models import Claim, Release
from tests.builders import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_claims():
    first = make_claim(status=Claim.Status.APPROVED)
    second = make_claim(status=Claim.Status.APPROVED, value=Decimal("18000"))
    make_claim(status=Claim.Status.DRAFT)
    make_claim(status=Claim.Status.APPROVED, rank=Claim.Rank.DEPRECATED)
    return first, second


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user(username="reviewer", password="pw-reviewer-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="curation"))
    return user


def test_a_release_holds_the_approved_claims_without_deprecated_ones(approved_claims, reviewer):
    release = release_publish(title="First", user=reviewer)
    assert release.version == 1 and release.claim_count == 2
    records = json.loads(bytes(release.files.get(name="claims.json").content))
    assert sorted(record["id"] for record in records) == sorted(claim.pk for claim in approved_claims)
    assert {item.name for item in release.files.all()} == {
        "claims.csv",
        "claims.json",
        "claims.xlsx",
        "datapackage.json",
    }


def test_each_file_checksum_is_the_sha256_of_its_bytes_and_the_descriptor_names_them(approved_claims, reviewer):
    release = release_publish(title="First", user=reviewer)
    files = {item.name: item for item in release.files.all()}
    for item in files.values():
        assert item.sha256 == hashlib.sha256(bytes(item.content)).hexdigest()
        assert item.size == len(bytes(item.content))
    descriptor = json.loads(bytes(files["datapackage.json"].content))
    csv_resource = next(resource for resource in descriptor["resources"] if resource["path"] == "claims.csv")
    assert csv_resource["hash"] == f"sha256:{files['claims.csv'].sha256}"
    fields = {field["name"]: field for field in csv_resource["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and fields["period_end"]["type"] == "date"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"]
    assert {metric["code"] for metric in descriptor["metrics"]} == {claim.metric.code for claim in approved_claims}


def test_editing_a_claim_later_leaves_a_published_release_byte_identical(approved_claims, reviewer):
    release = release_publish(title="First", user=reviewer)
    before = {item.name: (bytes(item.content), item.sha256) for item in release.files.all()}
    first, _ = approved_claims
    first.value = Decimal("1")
    first.notes = "corrected"
    first.save()
    after = {item.name: (bytes(item.content), item.sha256) for item in Release.objects.get(pk=release.pk).files.all()}
    assert after == before


def test_a_published_release_cannot_be_saved_again_or_deleted(approved_claims, reviewer):
    release = release_publish(title="First", user=reviewer)
    release.title = "Changed"
    with pytest.raises(ValidationError):
        release.save()
    with pytest.raises(ValidationError):
        release.delete()
    with pytest.raises(ValidationError):
        release.files.first().save()


def test_the_next_release_lists_claims_added_removed_and_changed(approved_claims, reviewer):
    first, second = approved_claims
    release_publish(title="First", user=reviewer)
    first.value = Decimal("3200")
    first.save()
    Claim.objects.filter(pk=second.pk).update(status=Claim.Status.RETRACTED)
    added = make_claim(status=Claim.Status.APPROVED)
    release = release_publish(title="Second", user=reviewer)
    assert release.version == 2
    assert release.changes["added"] == [added.pk]
    assert release.changes["removed"] == [second.pk]
    assert release.changes["changed"] == [{"id": first.pk, "columns": ["value"]}]
    assert release.changes["previous_version"] == 1


def test_diff_of_identical_snapshots_is_empty():
    rows = {1: {"id": "1", "value": "5"}}
    assert diff_releases(rows, rows) == {"added": [], "removed": [], "changed": []}


def test_an_editor_without_publish_permission_cannot_publish(approved_claims, editor):
    editor.user_permissions.remove(Permission.objects.get(codename="publish_release"))
    editor = type(editor).objects.get(pk=editor.pk)
    with pytest.raises(PermissionDenied):
        release_publish(title="First", user=editor)
    assert not Release.objects.exists()


def test_nothing_to_publish_is_refused(reviewer):
    with pytest.raises(ValidationError, match="no approved claims"):
        release_publish(title="Empty", user=reviewer)


def test_admin_publishes_lists_and_serves_release_files(approved_claims, reviewer, client):
    client.force_login(reviewer)
    response = client.post(reverse("admin:curation_release_add"), {"title": "Admin release", "description": "d"})
    assert response.status_code == 302
    release = Release.objects.get()
    page = client.get(reverse("admin:curation_release_change", args=[release.pk])).content.decode()
    assert "claims.csv" in page and release.files.get(name="claims.csv").sha256 in page
    assert "Admin release" in client.get(reverse("admin:curation_release_changelist")).content.decode()
    download = client.get(reverse("admin:curation_release_download", args=[release.pk, "claims.csv"]))
    assert download.status_code == 200
    assert download.content == bytes(release.files.get(name="claims.csv").content)


def test_admin_hides_publishing_from_an_editor_without_the_permission(approved_claims, editor, client):
    editor.user_permissions.remove(Permission.objects.get(codename="publish_release"))
    client.force_login(editor)
    assert client.get(reverse("admin:curation_release_add")).status_code == 403
    assert client.post(reverse("admin:curation_release_add"), {"title": "x"}).status_code == 403
    assert not Release.objects.exists()


def test_publish_command_needs_the_permission(approved_claims, editor, reviewer, capsys):
    from django.core.management import CommandError, call_command

    editor.user_permissions.remove(Permission.objects.get(codename="publish_release"))
    with pytest.raises(CommandError, match="permission"):
        call_command("publish_release", "--title", "x", "--user", editor.username)
    call_command("publish_release", "--title", "First", "--user", reviewer.username)
    assert "Published release v1" in capsys.readouterr().out


def test_public_releases_page_lists_files_with_checksums_and_changes(client, approved_claims, reviewer):
    first = release_publish(title="First", user=reviewer)
    approved_claims[0].value = Decimal("3200")
    approved_claims[0].save()
    release_publish(title="Second", user=reviewer)
    response = client.get(reverse("public:release_list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Version 2: Second") < content.index("Version 1: First")
    for item in first.files.all():
        assert item.sha256 in content
    assert f"#{approved_claims[0].pk} (value)" in content


def test_public_release_file_download_is_byte_identical_to_its_checksum(client, approved_claims, reviewer):
    release = release_publish(title="First", user=reviewer)
    approved_claims[0].value = Decimal("1")
    approved_claims[0].save()  # later edits never touch a published file
    for item in release.files.all():
        response = client.get(reverse("public:release_file", args=[release.version, item.name]))
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == item.sha256
        assert response["Digest"] == f"sha-256={item.sha256}"


def test_public_release_pages_404_for_unknown_versions_and_files(client, approved_claims, reviewer):
    release_publish(title="First", user=reviewer)
    assert client.get(reverse("public:release_file", args=[2, "claims.csv"])).status_code == 404
    assert client.get(reverse("public:release_file", args=[1, "secrets.txt"])).status_code == 404


def test_public_releases_page_without_releases_points_to_the_listing(client):
    response = client.get(reverse("public:release_list"))
    assert "No dataset has been released yet" in response.content.decode()


def test_public_releases_page_query_count_does_not_grow_with_releases(client, approved_claims, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    release_publish(title="First", user=reviewer)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("public:release_list"))
    for number in range(3):
        approved_claims[1].value = Decimal(20000 + number)
        approved_claims[1].save()
        release_publish(title=f"Next {number}", user=reviewer)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("public:release_list"))
    assert len(four) == len(one)


def test_admin_and_public_serve_a_release_file_with_the_same_response(approved_claims, reviewer, client):
    release = release_publish(title="One", user=reviewer)
    client.force_login(reviewer)
    admin = client.get(reverse("admin:curation_release_download", args=[release.pk, "claims.json"]))
    public = client.get(reverse("public:release_file", args=[release.version, "claims.json"]))
    for header in ("Content-Type", "Content-Disposition", "Digest"):
        assert admin[header] == public[header]
    assert admin.content == public.content == bytes(release.files.get(name="claims.json").content)
    assert client.get(reverse("admin:curation_release_download", args=[release.pk, "nope.csv"])).status_code == 404
