import os
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from curation.review.roles import EDITORS, REVIEWERS, roles_setup

# CI (.ci/run) sets REQUIRE_SERVICES=1: there a test that would skip for want of Chromium,
# Playwright, Redis or another installed package fails instead, so a green run means that every
# test ran. On a developer's machine such tests skip, saying what is missing.
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") == "1"
MISSING_SERVICE_WORDS = ("chromium", "playwright", "redis", "package is not installed")


def missing_service(reason: str) -> bool:
    """Whether a skip's reason is a missing browser, Redis server or package."""
    return any(word in reason.lower() for word in MISSING_SERVICE_WORDS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (REQUIRE_SERVICES and report.skipped and isinstance(report.longrepr, tuple)):
        return
    reason = str(report.longrepr[2])
    if missing_service(reason):
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_SERVICES=1 (CI), so this is a failure, not a skip: {reason}"


@pytest.fixture(autouse=True)
def public_pages_uncached(settings):
    """Tests see each write at once: page caching is tested on its own (test_public_cache.py)."""
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def whole_set_downloads_streamed(settings, tmp_path):
    """Tests see each write at once: the whole-set download is streamed, not kept as a file per data
    generation (which moves on at commit, and a test's writes are never committed). The file is
    tested on its own (test_downloads.py), in a directory of the test's own."""
    settings.WHOLE_SET_DOWNLOAD_FILES = False
    settings.DOWNLOADS_DIR = tmp_path / "downloads"
    # The rate limit's counts live in the cache across tests; tested on its own too.
    settings.DOWNLOAD_RATE_LIMIT = ""


@pytest.fixture(autouse=True)
def place_charts_of_the_test(settings, tmp_path):
    """Drawn place charts are kept in a directory of the test's own, never in one from an earlier run."""
    settings.CACHES = {
        **settings.CACHES,
        "charts": {
            **settings.CACHES["charts"],
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "place-charts"),
        },
    }


@pytest.fixture
def editor(django_user_model):
    """A staff user holding every permission of the curation app (no superuser bypass)."""
    user = django_user_model.objects.create_user(username="editor", password="pw-editor-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="curation"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def desk(django_user_model):
    """The data desk's roles: an editor, two reviewers and a superuser (no passwords: force_login)."""
    roles_setup()

    def user(name, group=None, **flags):
        # No password: hashing one per user would make each test take a second.
        account = django_user_model.objects.create_user(username=name, is_staff=True, **flags)
        if group:
            account.groups.add(Group.objects.get(name=group))
        return account

    return {
        "editor": user("ed", EDITORS),
        "reviewer": user("rev", REVIEWERS),
        "second_reviewer": user("rev2", REVIEWERS),
        "superuser": user("root", is_superuser=True),
    }


@pytest.fixture(autouse=True)
def jobs_run_immediately(settings):
    """Background jobs run inside the request or command that starts them (tests of a job's logic).

    The end-to-end tests (test_jobs_worker.py) run real worker processes instead.
    """
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": [settings.JOBS_QUEUE]}
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite the test database is a file, so that worker processes (test_jobs_worker.py) can open it."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.gettempdir()) / f"ftz-test-{os.getpid()}.sqlite3")
        # A throwaway file: no need to wait for the disk on each commit.
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = ";".join(filter(None, [options.get("init_command", ""), "PRAGMA synchronous=OFF"]))
