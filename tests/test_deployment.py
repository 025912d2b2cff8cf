"""Production mode: strict settings, security headers, login throttling, a movable admin."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PROJECT = Path(settings.BASE_DIR)
STRONG_SECRET = "s3cr3t-" + "k" * 20 + "-0123456789abcdefghijklmnopqrstuvwxyz"


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "SECRET_KEY"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "ftzportal.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ALLOWED_HOSTS": "ftz.example.org"}, "needs SECRET_KEY"),
        ({"ALLOWED_HOSTS": "ftz.example.org", "SECRET_KEY": "short"}, "needs SECRET_KEY"),
        ({"SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": ""}, "needs ALLOWED_HOSTS"),
    ],
)
def test_production_mode_refuses_to_start_without_real_secret_and_hosts(env, message):
    result = run_django("", DJANGO_ENV="production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_mode_passes_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_ENV": "production", "SECRET_KEY": STRONG_SECRET, "ALLOWED_HOSTS": "ftz.example.org"},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_settings_turn_on_https_and_secure_cookies():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps([s.DEBUG, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, "
        "s.STORAGES['staticfiles']['BACKEND']]))"
    )
    result = run_django(
        code, DJANGO_ENV="production", SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="ftz.example.org", LOG_LEVEL="WARNING"
    )
    assert result.returncode == 0, result.stderr
    debug, redirect, session_secure, csrf_secure, httponly, hsts, storage = json.loads(result.stdout.splitlines()[-1])
    assert (debug, redirect, session_secure, csrf_secure, httponly) == (False, True, True, True, True)
    assert hsts >= 31536000
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_logs_are_json_lines_on_stdout():
    result = run_django(
        "import logging; logging.getLogger('curation').warning('seed loaded', extra={'claims': 52})",
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="ftz.example.org",
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["message"] == "seed loaded" and record["level"] == "WARNING" and record["claims"] == 52


def test_admin_path_comes_from_the_environment():
    result = run_django("from django.urls import reverse; print(reverse('admin:index'))", ADMIN_URL="/backoffice/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/backoffice/"


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("admin:login"))
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_user(username="reviewer", password="correct horse battery", is_staff=True)
    login_url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login_url, {"username": "reviewer", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post(login_url, {"username": "reviewer", "password": "wrong"}).status_code == 429
    locked = client.post(login_url, {"username": "reviewer", "password": "correct horse battery"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_successful_login_before_the_limit_still_works(client, django_user_model):
    django_user_model.objects.create_user(username="editor", password="correct horse battery", is_staff=True)
    login_url = reverse("admin:login")
    client.post(login_url, {"username": "editor", "password": "wrong"})
    response = client.post(login_url, {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_password_policy_asks_for_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Shor7-pass")
    validate_password("a-long-enough-Passphrase-2026")
