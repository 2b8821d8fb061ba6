"""Schemathesis against the JSON API: gunicorn with the production settings on a scratch
database holding the sample decisions and 300 generated ones, fuzzed from /api/schema/ with
every check for a fixed time. Exits with schemathesis's status.

    python scripts/api_fuzz.py                               (SQLite; what `make api-fuzz` runs)
    scripts/with-postgres.sh python scripts/api_fuzz.py      (PostgreSQL, from DATABASE_URL)

The server's log is kept in the scratch folder, whose path is printed, for a failure's
traceback."""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SETTINGS = {"SECRET_KEY": "api-fuzz-only", "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120, help="schemathesis's --max-time")
    parser.add_argument("--count", type=int, default=300, help="generated decisions")
    parser.add_argument("--seed", type=int, help="schemathesis's seed, to repeat a run")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="api-fuzz-"))
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{scratch / 'archive.sqlite3'}"
    env = {**os.environ, **SETTINGS, "DATABASE_URL": database}
    print(f"database: {database.split('@')[-1]}; scratch folder: {scratch}", flush=True)
    manage(env, "migrate", "-v", "0")
    files = scratch / "files"
    manage(env, "generate_decisions", "--count", str(args.count), "--seed", "1",
           "--out", str(files))  # fmt: skip
    manage(env, "import_decisions", "sample_data", str(files))
    manage(env, "extract_decisions")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    with gunicorn(env, scratch / "server.log") as port:
        command = [
            str(BIN / "schemathesis"), "run", f"http://127.0.0.1:{port}/api/schema/",
            "--checks", "all", "--max-time", str(args.seconds), "--workers", "2",
            *(["--seed", str(args.seed)] if args.seed is not None else []),
        ]  # fmt: skip
        print(" ".join(command), flush=True)
        # Run in the scratch folder: schemathesis keeps a cache in the current one.
        status = subprocess.run(command, cwd=scratch, check=False).returncode
    sys.exit(status)


def manage(env: dict, *args: str) -> None:
    # Quiet: the generated files carry the format's variants, each a warning on import.
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@contextmanager
def gunicorn(env: dict, log: Path):
    """The archive under gunicorn on a free loopback port (yields the port). Its log goes to
    a file: a pipe nobody reads would fill with the 4xx lines and stall the server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(BIN / "gunicorn"), "archive_site.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", "2", "--timeout", "60"]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=output, stderr=output)
        try:
            wait_until_serving(server, port)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_serving(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/schema/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not start: see its log")
        time.sleep(0.2)


if __name__ == "__main__":
    main()
