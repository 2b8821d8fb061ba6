"""Settings for the archive, read from the environment.

DATABASE_URL  default: a SQLite file beside manage.py (e.g. postgres://user:pass@host/db)
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" to turn on; default off
ALLOWED_HOSTS comma-separated; default "localhost,127.0.0.1" (plus "testserver" while DEBUG is on)
IMPORT_UPLOAD_MAX_MB  largest upload the admin import page takes; default 100
HTTPS         "1" when the site is served over HTTPS (directly or by a proxy that sets
              X-Forwarded-Proto): redirects http to https, secure cookies, HSTS
HSTS_SECONDS  how long browsers keep to HTTPS; default 31536000 (a year) when HTTPS is on
ADMIN_PATH    where the admin lives; default "admin/"
SESSION_HOURS how long a staff sign-in lasts; default 8
PROXY_COUNT   how many proxies in front add X-Forwarded-For (for sign-in lockouts); default none
SEARCH_CACHE  "0" to compute every search afresh; default on
SEARCH_CACHE_DIR  a folder where every process on the machine (gunicorn's workers) shares the
              kept answers; default each process keeps its own in memory
SEARCH_FACET_COLUMNS  "0" to count facets in the database rather than in memory; default on
SEARCH_RANKING_DIR  the folder of the ranking index (decisions/search/ranking.py); default
              ranking-index/ beside manage.py; "off" to have the database rank every search
DATABASE_REPLICA_URLS  comma-separated PostgreSQL replicas for public reads (docs/scaling.md)
REPLICA_RETRY_SECONDS  how long a replica that did not answer is left alone; default 30
REPLICA_MAX_LAG_SECONDS  a replica further behind than this is not read; default 30
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used for a local development run.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
if DEBUG:
    ALLOWED_HOSTS.append("testserver")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Parameters travel apart from the SQL instead of being quoted into it in Python, which
# matters for the long texts of decisions. No JIT compiling: every statement here reads an
# index or a few thousand rows, and compiling cost 15 to 40 ms whenever a plan's cost passed
# jit_above_cost (search prices sequential scans out, so even the one-row version table did).
# No parallel workers for a statement: a web server answers many requests at once, so the
# cores are busy anyway, and starting workers cost more than it saved. Ranking a decision's
# similar decisions took 19 ms alone against 33 ms with two workers; 400 requests drawn as
# `make load` draws them took 17 s in all against 20 s (2026-12-06, docs/performance.md).
POSTGRESQL_OPTIONS = {
    "server_side_binding": True,
    "options": "-c jit=off -c max_parallel_workers_per_gather=0",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = POSTGRESQL_OPTIONS
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an import writes; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        # A 64 MB page cache (the default is 2 MB) keeps the search index's hot pages in memory.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Streaming replicas of the PostgreSQL primary, read by public pages (archive_site/replicas.py,
# docs/scaling.md): comma-separated URLs.
REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", "")
for number, url in enumerate(REPLICA_URLS, start=1):
    DATABASES[f"replica{number}"] = {
        **dj_database_url.parse(
            url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
        ),
        "OPTIONS": {**POSTGRESQL_OPTIONS, "connect_timeout": 2},
        # Tests read through the primary unless a test points an alias at a real replica.
        "TEST": {"MIRROR": "default"},
    }
if REPLICA_URLS:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs DATABASE_URL to be PostgreSQL.")
    DATABASE_ROUTERS = ["archive_site.replicas.ReplicaRouter"]
# A replica that failed to answer is tried again after this many seconds.
REPLICA_RETRY_SECONDS = float(os.environ.get("REPLICA_RETRY_SECONDS", "30"))
# A replica whose replay is further behind the primary than this is passed over for the request.
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "30"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "decisions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive_site.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    *(["archive_site.replicas.ReadFromReplicaMiddleware"] if REPLICA_URLS else []),
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive_site.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive_site.urls"
WSGI_APPLICATION = "archive_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Search answers are kept under the archive's version, which the database replaces on any
# change (decisions/search/version.py). SEARCH_CACHE=0 turns it off; the benchmarks do, to
# measure the work itself.
SEARCH_CACHE = env_flag("SEARCH_CACHE", default=True)
SEARCH_CACHE_DIR = os.environ.get("SEARCH_CACHE_DIR", "").strip()
# Each process counts facets over its own copy of the facet columns (decisions/search/columns.py);
# "0" has the database count them instead, as it did before (and as the tests compare with).
SEARCH_FACET_COLUMNS = env_flag("SEARCH_FACET_COLUMNS", default=True)
# Searches are ranked by a Tantivy index kept in step with the database, one folder a database
# (decisions/search/ranking.py); "off" has the database rank them, as it did before.
SEARCH_RANKING_DIR = os.environ.get("SEARCH_RANKING_DIR", str(BASE_DIR / "ranking-index")).strip()
if SEARCH_RANKING_DIR.lower() in {"off", "0", "no", "false"}:
    SEARCH_RANKING_DIR = ""
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "archive",
        "OPTIONS": {"MAX_ENTRIES": 300},  # a few tens of MB a process at most
    }
}
if SEARCH_CACHE_DIR:
    # In files that every worker on the machine reads: a search one worker answered is then
    # kept for all of them, not only for the quarter of later requests that reach it again.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": SEARCH_CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 5000},  # an answer is 10 to 15 KB: under 100 MB
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Uploads to the admin's import page (decisions/uploads.py). Files over 2.5 MB stream to
# temporary files on disk rather than memory (Django's default). A request larger than
# IMPORT_UPLOAD_MAX_MB is refused before it is read; more files than DATA_UPLOAD_MAX_NUMBER_FILES
# in one upload should go in a zip instead.
IMPORT_UPLOAD_MAX_BYTES = int(os.environ.get("IMPORT_UPLOAD_MAX_MB", "100")) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

# How long reading one decision's findings may take on import or extract_decisions; past it
# the decision is stored without findings and the import report warns (findings-not-read).
FINDINGS_BUDGET_SECONDS = float(os.environ.get("FINDINGS_BUDGET_SECONDS", "10"))

# --- security ---------------------------------------------------------------------------------
# Behind a proxy that terminates HTTPS, it must set X-Forwarded-Proto (and strip it from clients).
HTTPS = env_flag("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    # On by default with HTTPS (what `check --deploy` asks); turn off with "0" if a subdomain
    # must stay on plain HTTP, or the domain is not to be on browsers' preload lists.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
# Sign-in attempts (django-axes): after 5 failures for one username, from any addresses, that
# username is refused for 15 minutes, even with the right password; after 5 failures from one
# address, for any usernames, so is that address (docs/security.md: the trade-off, the unlock).
# Behind a proxy, PROXY_COUNT says how many proxies put addresses in X-Forwarded-For, so that
# the client's is used.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
if os.environ.get("PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# No inline script or style anywhere in the site's own pages; the admin's pages keep a few
# inline styles of Django's own, so they alone may use them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
