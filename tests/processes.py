"""Python in a process of its own: in the project folder, with only the environment given
(and PATH), as a fresh server or command would start."""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def environment(**env: str) -> dict:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "archive_site.settings",
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
