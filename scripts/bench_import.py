"""Benchmark the importer: decisions per second for a first import and an unchanged re-import.

    python scripts/bench_import.py --count 20000 --database sqlite
    scripts/with-postgres.sh python scripts/bench_import.py --count 20000 --database postgresql

Files are generated once (fictional organisations) into .bench/files-<count>/ and reused.
"""

import argparse
import operator
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
    parser.add_argument(
        "--folder", type=Path, default=PROJECT / ".bench", help="where files and database go"
    )
    args = parser.parse_args()

    bench = args.folder
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
    from decisions.importing import PARSERS, import_paths

    if not files.exists():
        started = time.perf_counter()
        write_decisions(args.count, args.seed, files.with_suffix(".tmp"))
        files.with_suffix(".tmp").rename(files)
        print(f"generated {args.count:,} files in {time.perf_counter() - started:.1f} s")
    call_command("migrate", verbosity=0)

    per_decision = {}
    for label in ("first import", "unchanged re-import"):
        started, cpu = time.perf_counter(), cpu_seconds()
        report = import_paths([files], command="bench_import", parsers=PARSERS)
        seconds = time.perf_counter() - started
        importing, parsing = map(operator.sub, cpu_seconds(), cpu)
        handled = report.imported + report.updated + report.unchanged + report.failed
        per_decision[label] = seconds / handled * 1000
        print(
            f"{connection.vendor:10} {label:20} {handled:>9,} files {seconds:7.1f} s "
            f"{handled / seconds:9,.0f} decisions/s   ({report.summary_line})"
        )
        if label == "first import":
            print(
                f"{connection.vendor:10} {label}: CPU a decision: importing process "
                f"{importing / handled * 1000:.2f} ms, parsing processes "
                f"{parsing / handled * 1000:.2f} ms"
                + (" (and the server's, not counted)" if connection.vendor != "sqlite" else "")
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{connection.vendor:10} peak memory of the process: {peak:,.0f} MB")
    print_where_the_time_goes(files, per_decision["first import"], connection.vendor)


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process, and by its parsing processes once they ended
    (a run's pool of them ends with the run)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def print_where_the_time_goes(files: Path, import_ms: float, vendor: str, sample: int = 2000):
    """Parsing and reading the findings of a sample of the files again, alone on one core:
    the findings' share of that work, and the import's ceiling if nothing but it ran."""
    from decisions.findings import findings_of_parsed
    from decisions.importing import PARSERS, decision_values
    from decisions.parsing import parse_decision

    paths = sorted(files.rglob("*.txt"))[:sample]
    data = [path.read_bytes() for path in paths]
    parsing = findings = 0.0
    for content in data:
        started = time.perf_counter()
        parsed = parse_decision(content)
        decision_values(parsed)
        read = time.perf_counter()
        findings_of_parsed(parsed)
        parsing, findings = parsing + read - started, findings + time.perf_counter() - read
    parse_ms, findings_ms = parsing / len(data) * 1000, findings / len(data) * 1000
    reading_ms = parse_ms + findings_ms
    print(
        f"{vendor:10} a first import: {import_ms:.2f} ms a decision. Reading one, on one core "
        f"({len(data):,} files): parsing {parse_ms:.2f} ms + findings {findings_ms:.2f} ms "
        f"(the findings {findings_ms / reading_ms:.0%} of it); {PARSERS} parsing processes "
        f"could read at most {PARSERS * 1000 / reading_ms:,.0f} decisions/s"
    )


if __name__ == "__main__":
    main()
