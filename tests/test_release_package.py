"""A published release is a valid Frictionless data package as a reader downloads it.

The reader's way: open the releases page, download every file into one folder under the name
the server gives it (Content-Disposition), or download the release's zip and unpack it, then
run Frictionless (the library) on the folder's datapackage.json.
"""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from curation.io.releases import release_publish

frictionless = pytest.importorskip("frictionless", reason="the frictionless package is not installed")

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(django_user_model):
    call_command("loaddata", "seed", verbosity=0)
    publisher = django_user_model.objects.create_user(username="publisher", password="pw-publisher-123", is_staff=True)
    publisher.user_permissions.set(Permission.objects.filter(content_type__app_label="curation"))
    return release_publish(title="Seed release", description="Every approved seed claim.", user=publisher)


def served_name(response) -> str:
    match = re.search(r'filename="([^"]+)"', response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    return match.group(1)


def validation_errors(descriptor: Path) -> list[str]:
    report = frictionless.validate(str(descriptor))
    return [f"{error_type}: {message}" for error_type, message in report.flatten(["type", "message"])]


def test_every_release_file_downloaded_into_one_folder_validates_with_frictionless(client, published, tmp_path):
    page = client.get(reverse("public:release_list")).content.decode()
    links = sorted(set(re.findall(rf'href="(/releases/{published.version}/[^"]+)"', page)))
    assert len(links) == published.files.count() == 4
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        (tmp_path / served_name(response)).write_bytes(response.content)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(item.name for item in published.files.all())

    assert validation_errors(tmp_path / "datapackage.json") == []
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    claims = package.get_resource("claims")
    assert len(claims.read_rows()) == published.claim_count

    # The check is real: a value that is not a number in the CSV makes the same folder invalid.
    csv_path = tmp_path / "claims.csv"
    header, first_row, *rest = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    value_column = header.rstrip("\r\n").split(",").index("value")
    cells = next(iter(csv.reader([first_row])))
    cells[value_column] = "three"
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    csv_path.write_text(header + buffer.getvalue() + "".join(rest), encoding="utf-8")
    assert any(error.startswith("type-error") for error in validation_errors(tmp_path / "datapackage.json"))


def test_the_release_zip_unpacks_to_a_package_that_validates_with_frictionless(client, published, tmp_path):
    page = client.get(reverse("public:release_list")).content.decode()
    zip_url = reverse("public:release_zip", args=[published.version])
    assert zip_url in page
    response = client.get(zip_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert served_name(response) == f"ftz-claims-v{published.version}.zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == sorted(item.name for item in published.files.all())
        for item in published.files.all():
            assert archive.read(item.name) == bytes(item.content)
        archive.extractall(tmp_path)
    assert validation_errors(tmp_path / "datapackage.json") == []
    # The zip is the same bytes on every download, so it can be checksummed and mirrored.
    assert client.get(zip_url).content == response.content
