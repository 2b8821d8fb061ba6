from django.conf import settings

from tests.processes import PROJECT, run_python


def load_settings(**env):
    """Import the settings module in a fresh interpreter with only the given environment."""
    code = "import archive_site.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES)"
    return run_python("-c", code, **env)


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_gives_a_development_secret_key_and_a_local_sqlite_file():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")
    assert str(PROJECT / "db.sqlite3") in result.stdout


def test_database_url_and_allowed_hosts_come_from_the_environment():
    result = load_settings(
        SECRET_KEY="k",
        DATABASE_URL="postgres://u:p@db.example:5433/archive",
        ALLOWED_HOSTS="decisions.example, www.decisions.example",
    )
    assert result.returncode == 0, result.stderr
    assert "['decisions.example', 'www.decisions.example']" in result.stdout
    assert "'HOST': 'db.example'" in result.stdout and "'PORT': 5433" in result.stdout


def test_static_files_are_compressed_and_hashed():
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_sqlite_database_file_is_ignored_by_git():
    assert "/db.sqlite3" in (PROJECT / ".gitignore").read_text().splitlines()


def test_a_cache_folder_from_the_environment_shares_kept_answers_between_processes(tmp_path):
    code = (
        "import archive_site.settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    )
    alone = run_python("-c", code, SECRET_KEY="k")
    assert alone.stdout.split()[0] == "django.core.cache.backends.locmem.LocMemCache"
    shared = run_python("-c", code, SECRET_KEY="k", SEARCH_CACHE_DIR=str(tmp_path))
    assert shared.stdout.split() == [
        "django.core.cache.backends.filebased.FileBasedCache",
        str(tmp_path),
    ]
