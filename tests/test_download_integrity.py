"""Downloads are complete or fail visibly (issue 13, item 2): the rows are read before the first byte
(small results whole, larger ones from a query already running), and SQLite waits rather than fails."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from curation.models import Claim
from curation.public import views
from tests.builders import make_claim

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


class LockedRows:
    """A queryset stand-in whose reading fails the way SQLite does while a writer holds the file."""

    def iterator(self, chunk_size=None):
        raise OperationalError("database is locked")
        yield  # pragma: no cover


@pytest.mark.parametrize("url_name", ["public:claim_csv", "public:claim_json"])
def test_a_download_whose_rows_cannot_be_read_is_an_error_not_a_truncated_200(client, monkeypatch, url_name):
    make_claim(status=Claim.Status.APPROVED)
    monkeypatch.setattr(views.selectors, "download_rows", lambda queryset: LockedRows())
    # On PostgreSQL the database writes the cells (curation.public.download_sql): its reading fails alike.
    for writer in ("csv_lines", "json_objects"):
        monkeypatch.setattr(views.download_sql, writer, lambda queryset, **kwargs: LockedRows().iterator())
    client.raise_request_exception = False
    response = client.get(reverse(url_name))
    assert response.status_code == 500


@pytest.mark.parametrize("url_name", ["public:claim_csv", "public:claim_json"])
def test_a_small_download_is_sent_whole_with_its_length(client, url_name):
    for value in (1, 2, 3):
        make_claim(status=Claim.Status.APPROVED, value=value)
    response = client.get(reverse(url_name))
    assert response.status_code == 200 and not response.streaming
    assert int(response["Content-Length"]) == len(response.content)
    if url_name.endswith("json"):
        assert len(json.loads(response.content)) == 3
    else:
        assert response.content.decode().count("\n") == 4


def test_a_large_download_reads_its_first_rows_before_answering(client, monkeypatch):
    monkeypatch.setattr(views, "DOWNLOAD_BUFFERED_ROWS", 2)
    for value in (1, 2, 3, 4, 5):
        make_claim(status=Claim.Status.APPROVED, value=value)
    response = client.get(reverse("public:claim_json"))
    assert response.streaming
    assert len(json.loads(b"".join(response.streaming_content))) == 5


def test_the_default_sqlite_database_waits_for_writers_in_wal_mode(tmp_path):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}"}
    environment.pop("DJANGO_ENV", None)
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    mode = cursor.execute('PRAGMA journal_mode').fetchone()[0]\n"
        "    timeout = cursor.execute('PRAGMA busy_timeout').fetchone()[0]\n"
        "print(mode, timeout)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    mode, timeout = result.stdout.split("\n")[-2].split()
    assert mode == "wal" and int(timeout) >= 5000
