"""Python in a process of its own: in the project folder, with only the environment given
(and PATH), as a fresh server or command would start."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def environment(**env: str) -> dict:
    # The run's own folder for ranking indexes (tests/environment.py), not the project's.
    ranking = {"SEARCH_RANKING_DIR": os.environ.get("SEARCH_RANKING_DIR", "off")}
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "archive_site.settings",
        **ranking,
        **env,
    }


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=environment(**env),
        capture_output=True,
        text=True,
    )
