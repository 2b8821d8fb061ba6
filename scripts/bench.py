"""The whole benchmark: import, then a fixed mix of requests over HTTP against gunicorn with
the production settings, on SQLite and on PostgreSQL, side by side with Datasette serving the
same decisions. Prints one table, and how each kind grows with the archive's size.

    scripts/with-postgres.sh python scripts/bench.py --count 100000     (what `make bench` runs)

PostgreSQL comes from DATABASE_URL (a throwaway server from with-postgres.sh); SQLite and the
Datasette database are files in .bench/. Decisions are generated (fictional organisations)
once per size into .bench/files-<count>-1/. Results are kept in .bench/results-<count>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / ".bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
# Production settings, but every search computed afresh: repeating a request would otherwise
# time the kept answer (decisions/search/engine.py), not the search.
SETTINGS = {
    "SECRET_KEY": "bench-only-not-secret",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SEARCH_CACHE": "0",
}
FACETS = ["organisation", "parent_category", "outcome_group", "year"]
WARM_UP = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="decisions in the archive")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per kind")
    parser.add_argument("--reuse", action="store_true", help="keep databases already imported")
    args = parser.parse_args()
    postgres_url = os.environ.get("DATABASE_URL", "")
    if not postgres_url.startswith("postgres"):
        sys.exit("run under scripts/with-postgres.sh, which provides DATABASE_URL")

    files = generated_files(args.count)
    databases = {
        "SQLite": f"sqlite:///{BENCH / f'bench-{args.count}.sqlite3'}",
        "PostgreSQL": postgres_url,
    }
    imports = {
        name: import_into(url, files, reuse=args.reuse and name == "SQLite")
        for name, url in databases.items()
    }
    peer_file = BENCH / f"datasette-{args.count}.db"
    peer_build = build_peer(files, peer_file, reuse=args.reuse)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=PROJECT,
        env={**os.environ, **SETTINGS, "DATABASE_URL": databases["SQLite"]},
        check=True,
    )
    with ExitStack() as servers:
        ports = {name: servers.enter_context(gunicorn(url)) for name, url in databases.items()}
        ports["Datasette"] = servers.enter_context(datasette(peer_file))
        kinds = request_mix(databases["SQLite"], peer_file.stem)
        timings = time_requests(ports, kinds, args.repeat)

    results = {
        "count": args.count,
        "imports": imports,
        "peer_build": peer_build,
        "timings": timings,
    }
    (BENCH / f"results-{args.count}.json").write_text(json.dumps(results, indent=1))
    print_report(results)
    print_growth()


# --- data -------------------------------------------------------------------------------------


def generated_files(count: int) -> Path:
    files = BENCH / f"files-{count}-1"
    if not files.exists():
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", "generate_decisions", "--count", str(count), "--seed", "1",
             "--out", str(files.with_suffix(".tmp"))],
            cwd=PROJECT, env={**os.environ, **SETTINGS}, check=True,
        )  # fmt: skip
        files.with_suffix(".tmp").rename(files)
        print(f"generated {count:,} decisions in {time.perf_counter() - started:.0f} s")
    return files


# Run in a process of its own, so that its peak memory is the import's alone.
IMPORT = """
import json, resource, sys, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from decisions.importing import PARSERS, import_paths
call_command("migrate", verbosity=0)
started = time.perf_counter()
report = import_paths([sys.argv[1]], command="bench", parsers=PARSERS)
result = {"imported": report.imported, "failed": report.failed,
          "seconds": time.perf_counter() - started,
          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        result["bytes"] = cursor.fetchone()[0]
print(json.dumps(result))
"""


def import_into(url: str, files: Path, reuse: bool) -> dict:
    """A first import into an empty database: decisions a second, size on disk, peak memory."""
    sqlite_file = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite") else None
    saved = BENCH / f"import-{sqlite_file.name}.json" if sqlite_file else None
    if reuse and sqlite_file and sqlite_file.exists() and saved.exists():
        return json.loads(saved.read_text())
    if sqlite_file:
        for stale in BENCH.glob(sqlite_file.name + "*"):
            stale.unlink()
    output = subprocess.run(
        [PYTHON, "-c", IMPORT, str(files)],
        cwd=PROJECT,
        env={**os.environ, **SETTINGS, "DATABASE_URL": url,
             "DJANGO_SETTINGS_MODULE": "archive_site.settings", "PYTHONPATH": str(PROJECT)},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result = json.loads(output.strip().splitlines()[-1])
    if sqlite_file:
        result["bytes"] = sum(p.stat().st_size for p in BENCH.glob(sqlite_file.name + "*"))
        saved.write_text(json.dumps(result))
    return result


def build_peer(files: Path, target: Path, reuse: bool) -> dict:
    """The Datasette database: one table of the same decisions (parsed by the archive's own
    parser), FTS5 over the text with Porter stemming, and an index on each facet column."""
    if reuse and target.exists():
        return {"seconds": None, "bytes": target.stat().st_size}
    started = time.perf_counter()
    target.unlink(missing_ok=True)
    subprocess.run([PYTHON, __file__, "--build-peer", str(files), str(target)], check=True)
    return {"seconds": time.perf_counter() - started, "bytes": target.stat().st_size}


def build_peer_database(files: Path, target: Path) -> None:
    import sqlite_utils

    sys.path.insert(0, str(PROJECT))
    from decisions.classification import outcome_group
    from decisions.parsing import parse_decision

    def rows():
        for path in sorted(files.rglob("*.txt")):
            parsed = parse_decision(path.read_bytes())
            category = parsed.category or ()
            day = parsed.decision_date
            yield {
                "reference": parsed.reference,
                "organisation": parsed.organisations[0],
                "parent_category": category[0] if category else None,
                "category": category[-1] if category else None,
                "outcome": parsed.outcome,
                "outcome_group": outcome_group(parsed.outcome) if parsed.outcome else None,
                "decision_date": day.isoformat() if day else None,
                "year": day.year if day else None,
                "summary": parsed.summary,
                "body": parsed.body,
            }

    database = sqlite_utils.Database(target)
    table = database["decisions"]
    table.insert_all(rows(), batch_size=1000)
    table.enable_fts(
        ["reference", "organisation", "summary", "body"], fts_version="FTS5", tokenize="porter"
    )
    for column in FACETS:
        table.create_index([column])
    table.create_index(["decision_date"])
    database.vacuum()


# --- servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A server's first page builds what each process holds in memory (the facet columns): at a
# million decisions on PostgreSQL that took longer than a minute, and the run stopped there.
STARTUP_SECONDS = 900


@contextmanager
def running(command: list[str], port: int, env: dict, ready_path: str):
    server = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=STARTUP_SECONDS)
                connection.request("GET", ready_path)
                if connection.getresponse().status < 500:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                # Stopped first: its error output ends only when it does.
                server.kill()
                raise RuntimeError(f"{command[0]} did not start: {server.stderr.read()[-2000:]}")
            time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def gunicorn(database_url: str, workers: int = 2, settings: dict = SETTINGS):
    """The archive under gunicorn on a free loopback port, for a `with` block (yields the port)."""
    port = free_port()
    env = {**os.environ, **settings, "DATABASE_URL": database_url}
    command = [str(BIN / "gunicorn"), "archive_site.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "300"]  # fmt: skip
    return running(command, port, env, "/")


def datasette(database: Path):
    port = free_port()
    command = [
        str(BIN / "datasette"), "serve", str(database), "--port", str(port), "--host", "127.0.0.1",
        # Let it do the whole work a search asks for, as ours does.
        "--setting", "facet_time_limit_ms", "600000",
        "--setting", "sql_time_limit_ms", "600000",
        "--setting", "suggest_facets", "off",
        "--setting", "default_page_size", "20",
    ]  # fmt: skip
    return running(command, port, dict(os.environ), "/")


# --- requests ---------------------------------------------------------------------------------


def request_mix(sqlite_url: str, peer: str) -> list[tuple[str, str, str | None]]:
    """(kind, our path, Datasette's path or None where it has no equivalent)."""
    import sqlite3

    def peer_search(**params) -> str:
        """A Datasette table page with the four facets, like our search page."""
        query = [*params.items(), *(("_facet", facet) for facet in FACETS)]
        return f"/{peer}/decisions?" + urlencode(query)

    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as database:
        (organisation,) = database.execute(
            "SELECT o.slug FROM decisions_organisation o JOIN decisions_decision d "
            "ON d.organisation_id = o.id GROUP BY o.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        # The 501st decision, or the last of a smaller archive.
        (count,) = database.execute("SELECT count(*) FROM decisions_decision").fetchone()
        (slug, reference) = database.execute(
            "SELECT slug, reference FROM decisions_decision ORDER BY id LIMIT 1 OFFSET ?",
            [min(500, count - 1)],
        ).fetchone()
    phrase = '"special educational needs"'
    return [
        ("home page", "/", f"/{peer}"),
        ("no query, one facet", "/decisions/?outcome=upheld", peer_search(outcome_group="upheld")),
        ("common word", "/decisions/?q=council", peer_search(_search="council")),
        ("rare word", "/decisions/?q=gallimaufry", peer_search(_search="gallimaufry")),
        ("phrase", "/decisions/?" + urlencode({"q": phrase}),
         peer_search(_search=phrase, _searchmode="raw")),
        ("word and three facets",
         "/decisions/?q=homelessness&outcome=upheld&category=housing&year=2021",
         peer_search(_search="homelessness", outcome_group="upheld", parent_category="Housing",
                     year="2021")),
        ("page 50", "/decisions/?q=council&page=50", None),
        ("decision page", f"/decisions/{slug}/",
         f"/{peer}/decisions?" + urlencode({"reference": reference})),
        ("organisation profile", f"/organisations/{organisation}/", None),
        ("JSON API", "/api/decisions/?q=homelessness",
         peer_search(_search="homelessness").replace("/decisions?", "/decisions.json?")),
    ]  # fmt: skip


def time_requests(ports: dict, kinds: list, repeat: int) -> dict:
    """For each kind, requests alternate between the servers, so that anything else happening
    on the machine falls on all of them alike."""
    connections = {
        name: http.client.HTTPConnection("127.0.0.1", port) for name, port in ports.items()
    }
    timings: dict = {}
    for kind, ours, peer in kinds:
        paths = {"SQLite": ours, "PostgreSQL": ours, **({"Datasette": peer} if peer else {})}
        measured = {name: [] for name in paths}
        for attempt in range(WARM_UP + repeat):
            for name, path in paths.items():
                elapsed = fetch(connections, name, ports[name], path)
                if attempt >= WARM_UP:
                    measured[name].append(elapsed)
        timings[kind] = {name: summary(values) for name, values in measured.items()}
    return timings


def fetch(connections: dict, name: str, port: int, path: str) -> float:
    started = time.perf_counter()
    for attempt in (1, 2):
        try:
            connection = connections[name]
            connection.request("GET", quote(path, safe="/?=&%:+\"'"))
            response = connection.getresponse()
            response.read()
            break
        except (http.client.HTTPException, OSError):
            connections[name] = http.client.HTTPConnection("127.0.0.1", port)
            if attempt == 2:
                raise
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{name} {path}: HTTP {response.status}")
    return elapsed


def summary(values: list[float]) -> dict:
    return {"p50": statistics.median(values), "p95": statistics.quantiles(values, n=20)[-1]}


# --- report -----------------------------------------------------------------------------------


def print_report(results: dict) -> None:
    count = results["count"]
    print(f"\n{count:,} generated decisions (fictional organisations)\n")
    print(f"{'import':12} {'decisions/s':>12} {'seconds':>9} {'size MB':>9} {'peak MB':>9}")
    for name, row in results["imports"].items():
        rate = row["imported"] / row["seconds"]
        print(f"{name:12} {rate:12,.0f} {row['seconds']:9.0f} {row['bytes'] / 1e6:9.0f} "
              f"{row['peak_mb']:9.0f}")  # fmt: skip
    peer = results["peer_build"]
    built = f"{peer['seconds']:.0f} s" if peer["seconds"] else "reused"
    print(f"{'Datasette db':12} {'':>12} {built:>9} {peer['bytes'] / 1e6:9.0f}")
    print()
    header = (f"{'kind':24} {'SQLite p50/p95':>16} {'PostgreSQL p50/p95':>20} "
              f"{'Datasette p50/p95':>19} {'SQLite/DS':>10} {'PG/DS':>7}")  # fmt: skip
    print(header)
    for kind, row in results["timings"].items():
        cells = [f"{kind:24}"]
        for name, width in (("SQLite", 16), ("PostgreSQL", 20), ("Datasette", 19)):
            value = row.get(name)
            text = f"{value['p50']:.0f} / {value['p95']:.0f} ms" if value else "n/a"
            cells.append(f"{text:>{width}}")
        for name, width in (("SQLite", 10), ("PostgreSQL", 7)):
            peer_row = row.get("Datasette")
            ratio = f"{row[name]['p95'] / peer_row['p95']:.2f}" if peer_row else "n/a"
            cells.append(f"{ratio:>{width}}")
        print(" ".join(cells))


def print_growth() -> None:
    """p95 of each kind at every size measured so far (from .bench/results-*.json)."""
    runs = sorted(
        (json.loads(path.read_text()) for path in BENCH.glob("results-*.json")),
        key=lambda run: run["count"],
    )
    if len(runs) < 2:
        return
    print("\np95 (ms) as the archive grows, SQLite / PostgreSQL")
    print(f"{'kind':24} " + " ".join(f"{run['count']:>18,}" for run in runs))
    for kind in runs[-1]["timings"]:
        cells = []
        for run in runs:
            row = run["timings"].get(kind, {})
            pair = [
                f"{row[name]['p95']:.0f}" if name in row else "-"
                for name in ("SQLite", "PostgreSQL")
            ]
            cells.append(f"{' / '.join(pair):>18}")
        print(f"{kind:24} " + " ".join(cells))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--build-peer":
        build_peer_database(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
