"""Settings, read from environment variables with safe local defaults.

With nothing set, the portal runs in development mode on a SQLite file in the project
folder. `DJANGO_ENV=production` turns on the strict mode: it refuses to start without a
real SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from ftzportal.hosts import hosts_for_portal_addr

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
IS_PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not IS_PRODUCTION)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if IS_PRODUCTION else _DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if IS_PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
# `PORTAL_ADDR=0.0.0.0:8000 ./portal up` serves other computers: allow the names they use for
# this machine (ftzportal/hosts.py). Development only; production lists its hosts itself.
if not IS_PRODUCTION and os.environ.get("PORTAL_ADDR"):
    ALLOWED_HOSTS += [host for host in hosts_for_portal_addr(os.environ["PORTAL_ADDR"]) if host not in ALLOWED_HOSTS]

if IS_PRODUCTION:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_ENV=production needs SECRET_KEY (50+ random characters).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production needs ALLOWED_HOSTS (comma-separated host names).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "simple_history",
    "concurrency",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "curation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records the logged-in user on every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins per user name and address and refuses further tries for a while.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ftzportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ftzportal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("POSTGRES_JIT", False):
    # PostgreSQL's JIT compiles the expressions of any query it thinks expensive; for this
    # app's queries the compiling costs more than it saves (4.6 s of a 34,000-row download at
    # a million claims went to it). POSTGRES_JIT=1 leaves the server's settings.
    # The app's server-side cursors (QuerySet.iterator: downloads, exports) read every row, so
    # the planner is told to plan them for all rows (cursor_tuple_fraction=1) rather than for
    # a quick first 10% (the default).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c cursor_tuple_fraction=1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: readers never wait for a writer in WAL mode, and a writer waits up to
    # SQLITE_BUSY_TIMEOUT seconds for another rather than failing with "database is locked"
    # (a download polled during an import must not break off). IMMEDIATE transactions take the
    # write lock at their start, so a busy writer waits there instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

LOGIN_URL = "admin:login"

# The admin lives at ADMIN_URL (default "admin/"); a less guessable path keeps scanners off it.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, further logins are refused for AXES_COOLOFF_HOURS.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None

# Content Security Policy: no inline script anywhere, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The admin sets a few inline style attributes; scripts stay strictly same-origin.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Django's cache framework: Redis when REDIS_URL is set, otherwise this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "ftz"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ftz"}
    )
}
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
# A place page's drawn charts, kept under a digest of what each shows (curation/public/chart_store.py),
# so an uncached place page draws only the charts whose data changed. Shared by every process:
# Redis when REDIS_URL is set, otherwise files (the page cache above may be per process).
CACHES["charts"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ftz-charts",
        "TIMEOUT": 30 * 24 * 3600,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PLACE_CHARTS_DIR", str(BASE_DIR / "var" / "place-charts")),
        # A key per chart (about 30 a place); unchanged charts stay for a month.
        "TIMEOUT": 30 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
)

# The download of every approved claim is a file built once per data generation
# (curation/public/downloads.py), kept here; any writable directory of the app server.
DOWNLOADS_DIR = Path(os.environ.get("DOWNLOADS_DIR", BASE_DIR / "var" / "downloads"))
WHOLE_SET_DOWNLOAD_FILES = env_bool("WHOLE_SET_DOWNLOAD_FILES", True)
# Filtered downloads per client address (django-ratelimit: "20/h", "5/m"; empty: no limit).
DOWNLOAD_RATE_LIMIT = os.environ.get("DOWNLOAD_RATE_LIMIT", "30/h")
# Where the client's address is: REMOTE_ADDR, or the header a trusted proxy in front sets
# (e.g. HTTP_X_REAL_IP); a header anyone can send must not be used without such a proxy.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
# django-ratelimit's checks know only django-redis and memcached. Django's own RedisCache
# increments atomically too (W001); without REDIS_URL the counts are per worker process, so a
# client gets the rate once per worker (E003): acceptable for a small site, and README says so.
# models.W040: a covering index's INCLUDE columns (the claim and citation indexes that let PostgreSQL
# answer the public pages from the index alone) are PostgreSQL's; on SQLite the index keeps its key
# columns, which is what the embedded default needs, and the warning only alarms a new user.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003", "models.W040"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Behind a proxy that terminates TLS, it tells Django the original scheme in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", True) else None
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", ",".join(f"https://{host}" for host in ALLOWED_HOSTS))

# Structured logging: one JSON object per line on stdout, for the platform's log collector.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if env_bool("LOG_JSON", IS_PRODUCTION) else "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Import, export and releases (docs/import-export.md).
# django-import-export leaves import and export open to anyone who may change a model: these
# make them need the model's own import_<model> / export_<model> permissions.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = True  # bulk imports would write one admin log row per claim
IMPORT_EXPORT_CHUNK_SIZE = 2000
# Uploads through the admin are refused above this size; larger files go through `manage.py import_claims`.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
DATASET_LICENSE = {
    "name": os.environ.get("DATASET_LICENSE_NAME", "CC-BY-4.0"),
    "title": os.environ.get("DATASET_LICENSE_TITLE", "Creative Commons Attribution 4.0"),
    "path": os.environ.get("DATASET_LICENSE_PATH", "https://creativecommons.org/licenses/by/4.0/"),
}
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# Background jobs (docs/deployment.md): Django's Tasks API (the django-tasks backport until Django 6).
# TASKS_BACKEND=database (default): the queue is a table of this database, run by `manage.py db_worker`
# (`./portal up` starts one). TASKS_BACKEND=rq: RQ on Redis (RQ_URL, else REDIS_URL), run by
# `manage.py rqworker --job-class django_tasks_rq.Job <queue>`. TASKS_BACKEND=immediate runs each job
# inside the request or command that starts it (tests of a job's logic).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "default")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not '{TASKS_BACKEND}'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": [JOBS_QUEUE]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        JOBS_QUEUE: {
            "URL": os.environ.get("RQ_URL") or REDIS_URL or "redis://127.0.0.1:6379/0",
            # A job may run for many minutes (a 100,000-row import); RQ's default limit is 180 s.
            "DEFAULT_TIMEOUT": int(os.environ.get("JOBS_TIMEOUT_SECONDS", "3600")),
        }
    }
# A running job's worker writes a heartbeat every few seconds; a job whose heartbeat is older than
# this is shown as failed (its worker was killed or crashed, and its transaction rolled back).
JOBS_STALE_SECONDS = int(os.environ.get("JOBS_STALE_SECONDS", "60"))
# Live progress and heartbeats go through this cache, not the database: an import holds its write
# transaction open, and on SQLite no other connection could write meanwhile. Redis when REDIS_URL
# is set; otherwise files, which every process on this machine shares.
CACHES["jobs"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "ftz-jobs"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("JOBS_PROGRESS_DIR", str(BASE_DIR / "var" / "job-progress")),
    }
)

# Evidence strength (curation/review/evidence_strength.py): sources graded below this, or
# AI-assisted, are weak; a claim resting only on weak sources needs a second source or a
# reviewer's note to be approved.
EVIDENCE_MIN_RELIABILITY = os.environ.get("EVIDENCE_MIN_RELIABILITY", "B").strip().upper() or "B"
