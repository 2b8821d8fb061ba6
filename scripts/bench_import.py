"""Benchmark the importer: decisions per second for a first import and an unchanged re-import.

    python scripts/bench_import.py --count 20000 --database sqlite
    scripts/with-postgres.sh python scripts/bench_import.py --count 20000 --database postgresql

Files are generated once (fictional organisations) into .bench/files-<count>/ and reused.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="decisions to import")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()

    bench = PROJECT / ".bench"
    files = bench / f"files-{args.count}-{args.seed}"
    if args.database == "sqlite":
        database = bench / "bench.sqlite3"
        for stale in bench.glob("bench.sqlite3*"):
            stale.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database postgresql needs DATABASE_URL (run under scripts/with-postgres.sh)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from decisions.generation import write_decisions
    from decisions.importing import import_paths

    if not files.exists():
        started = time.perf_counter()
        write_decisions(args.count, args.seed, files.with_suffix(".tmp"))
        files.with_suffix(".tmp").rename(files)
        print(f"generated {args.count:,} files in {time.perf_counter() - started:.1f} s")
    call_command("migrate", verbosity=0)

    for label in ("first import", "unchanged re-import"):
        started = time.perf_counter()
        report = import_paths([files], command="bench_import")
        seconds = time.perf_counter() - started
        handled = report.imported + report.updated + report.unchanged + report.failed
        print(
            f"{connection.vendor:10} {label:20} {handled:>9,} files {seconds:7.1f} s "
            f"{handled / seconds:9,.0f} decisions/s   ({report.summary_line})"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{connection.vendor:10} peak memory of the process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
