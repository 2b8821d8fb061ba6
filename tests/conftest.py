import uuid

import pytest
from django.db import connection

from tests.factories import decision_text


@pytest.fixture
def write_decision(tmp_path):
    """Write a decision file (compact layout) and return its path; fields as decision_text."""
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)

    def write(name: str = "decision.txt", encoding: str = "utf-8", **fields):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(decision_text(**fields).encode(encoding))
        return path

    return write


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory, django_db_blocker):
    """Pages name hashed static files from the manifest, as in production, so collect them."""
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind as the test database, as a URL (for a process of
    its own: a restore, an import to kill)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"fresh_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    settings = connection.settings_dict
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
