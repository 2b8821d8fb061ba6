import pytest

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
