"""The load test: gunicorn with the production settings on PostgreSQL holding N generated
decisions, and locust (headless, loopback only, bounded in time) with 50 users for 60 s.

    scripts/with-postgres.sh python scripts/load_test.py --count 100000   (what `make load` runs)

Prints locust's summary: requests per second, p50/p95/p99 and failures for each kind."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import BIN, PROJECT, gunicorn  # the same server start as `make bench`

# Two cores: as many workers as requests the machine can work on at once, plus a couple that
# wait on the database; one persistent connection each.
WORKERS = 4
SETTINGS = {"SECRET_KEY": "load-test-only", "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("run under scripts/with-postgres.sh, which provides DATABASE_URL")
    env = {**os.environ, **SETTINGS}
    files = PROJECT / ".bench" / f"files-{args.count}-1"
    if not files.exists():
        manage(env, "generate_decisions", "--count", str(args.count), "--seed", "1",
               "--out", str(files))  # fmt: skip
    manage(env, "migrate", "-v", "0")
    started = time.perf_counter()
    manage(env, "import_decisions", str(files))
    print(f"imported {args.count:,} decisions in {time.perf_counter() - started:.0f} s")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as paths:
        json.dump(sample_paths(env), paths)
    try:
        with gunicorn(os.environ["DATABASE_URL"], WORKERS, SETTINGS) as port:
            subprocess.run(
                [str(BIN / "locust"), "-f", str(PROJECT / "scripts" / "locustfile.py"),
                 "--headless", "--users", str(args.users), "--spawn-rate", "10",
                 "--run-time", f"{args.seconds}s", "--host", f"http://127.0.0.1:{port}",
                 "--only-summary", "--stop-timeout", "10"],
                cwd=PROJECT, env={**env, "LOAD_PATHS_FILE": paths.name}, check=False,
            )  # fmt: skip
            print(f"gunicorn: {WORKERS} workers; worker memory (RSS): {worker_memory()}")
    finally:
        os.unlink(paths.name)


def manage(env: dict, *args: str) -> None:
    # Quiet: the generated files carry the format's variants, each a warning on import.
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT, env=env, check=True, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def sample_paths(env: dict) -> dict:
    code = (
        "import json, django; django.setup();"
        "from decisions.models import Decision, Organisation;"
        "d = Decision.objects.order_by('?').values_list('slug', flat=True)[:2000];"
        "o = Organisation.objects.values_list('slug', flat=True);"
        "print(json.dumps({'decisions': [f'/decisions/{s}/' for s in d],"
        " 'organisations': [f'/organisations/{s}/' for s in o]}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, check=True, capture_output=True, text=True,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive_site.settings", "PYTHONPATH": str(PROJECT)},
    ).stdout  # fmt: skip
    return json.loads(output)


def children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def worker_memory() -> str:
    """Each gunicorn worker's resident memory, from /proc (gunicorn is this process's only
    child once locust has finished)."""
    [master] = children(os.getpid())
    workers = children(int(master))
    sizes = []
    for pid in workers:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(f"{int(line.split()[1]) // 1024} MB")
    return ", ".join(sizes)


if __name__ == "__main__":
    main()
