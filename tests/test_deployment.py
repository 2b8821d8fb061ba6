"""The deployment files: docker-compose.yml, the Dockerfile and its entrypoint under gunicorn.

No Docker engine runs here, so the compose file is checked for what the app needs, and the
entrypoint is run for real: migrate, collectstatic, then gunicorn serving pages and static files.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.processes import run_python


def in_a_server_process(probe: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """`probe` run after `import archive_site.wsgi`, as gunicorn's workers import it, on an
    empty SQLite file unless `env` names another database."""
    env = {"SECRET_KEY": "probe", "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}", **env}
    found = run_python("-c", "import archive_site.wsgi\n" + probe, **env)
    assert found.returncode == 0, found.stderr
    return found


PROJECT = Path(__file__).resolve().parent.parent


def test_compose_runs_postgres_and_the_app_with_its_settings():
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())
    db, app = compose["services"]["db"], compose["services"]["app"]
    assert db["image"].startswith("postgres:15")
    assert app["build"] == "."
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    env = app["environment"]
    assert env["DATABASE_URL"].startswith("postgres://archive:")
    assert env["DATABASE_URL"].endswith("@db:5432/archive")
    assert db["environment"]["POSTGRES_DB"] == "archive"
    assert env["DEBUG"] == "0"
    assert "SECRET_KEY" in env and "ALLOWED_HOSTS" in env
    assert any(volume.endswith(":/import:ro") for volume in app["volumes"])


def test_dockerfile_copies_only_what_exists_and_runs_gunicorn():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (PROJECT / source).exists(), source
    assert re.search(r'^CMD \["gunicorn", "archive_site.wsgi"', dockerfile, re.MULTILINE)
    entrypoint = (PROJECT / "scripts/docker-entrypoint.sh").read_text()
    assert "migrate --noinput" in entrypoint and "collectstatic --noinput" in entrypoint


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read(), dict(response.headers)


@pytest.fixture
def gunicorn_via_entrypoint(tmp_path):
    port = free_port()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "deploy-test",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    server = subprocess.Popen(
        [
            "scripts/docker-entrypoint.sh",
            "gunicorn",
            "archive_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(url + "/")
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stdout.read().decode())
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_entrypoint_migrates_collects_static_and_serves_with_gunicorn(gunicorn_via_entrypoint):
    status, body, _ = fetch(gunicorn_via_entrypoint + "/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "static file names are hashed"
    status, css, headers = fetch(gunicorn_via_entrypoint + stylesheet[1].decode())
    assert status == 200 and b".site-header" in css
    assert "max-age=315360000" in headers["Cache-Control"]


def test_a_server_process_collects_fully_only_once_a_response_is_sent(tmp_path):
    """archive_site.wsgi leaves the young generations to Python's own rule but keeps full
    collections out of requests: cyclic garbage made in one never sets off a full collection,
    and the first response sent after as many middle collections as Python waits for runs one."""
    probe = (
        "import gc\n"
        "from django.core.signals import request_finished\n"
        "full = []\n"
        "def seen(phase, info):\n"
        "    full.append(phase == 'start' and info['generation'] == 2)\n"
        "gc.callbacks.append(seen)\n"
        "kept = []\n"
        "for n in range(300_000):  # a request's garbage: cycles, and objects kept a while\n"
        "    cycle = []; cycle.append(cycle); kept.append([n]) if n % 3 == 0 else None\n"
        "during = sum(full)\n"
        "request_finished.send(sender=None)\n"
        "print(during, sum(full) - during, gc.get_count()[2], len(full) > 200)"
    )
    found = in_a_server_process(probe, tmp_path)
    during, after, middle_since_full, young_collected = found.stdout.split()
    assert (during, after, middle_since_full, young_collected) == ("0", "1", "0", "True")


def test_a_server_process_reads_what_the_first_pages_would_before_serving(tmp_path):
    """archive_site.wsgi reads the facet columns, the names they count and the ranking index
    before any request, so that no visitor waits for them; on a database that cannot answer
    yet it says so and serves all the same."""
    database = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    env = {"SECRET_KEY": "probe", "DATABASE_URL": database, "SEARCH_RANKING_DIR": str(tmp_path)}
    probe = (
        "import json\n"
        "from decisions.search import columns, ranking, version\n"
        "print(json.dumps([sorted(name for _, name in version._held), sorted(ranking._opened), "
        "sorted(columns._copies)]))"
    )
    unready = in_a_server_process(probe, tmp_path, **env)
    assert "the first pages will read the archive themselves" in unready.stderr
    assert run_python("manage.py", "migrate", "-v0", **env).returncode == 0
    assert run_python("manage.py", "import_decisions", "sample_data", **env).returncode == 0
    held, opened, copied = json.loads(in_a_server_process(probe, tmp_path, **env).stdout)
    assert {"category groups", "outcome choices", "organisation names"} <= set(held)
    assert (opened, copied) == (["default"], ["default"])


def test_a_server_process_freezes_what_it_loaded_so_that_full_collections_skip_it(tmp_path):
    """archive_site.wsgi loads the views and freezes everything loaded by then: the garbage
    collector's full collections then walk only what requests make."""
    probe = (
        "import gc, sys\n"
        "print(gc.get_freeze_count(), 'decisions.views' in sys.modules, len(gc.get_objects()))"
    )
    found = in_a_server_process(probe, tmp_path)
    frozen, views_loaded, walked = found.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 10 * int(walked)
