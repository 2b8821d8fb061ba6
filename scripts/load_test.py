"""The load test: gunicorn with the production settings (the Docker image's) on PostgreSQL
holding N generated decisions, and locust (headless, loopback only, bounded in time) with 50
users for 60 s: with kept answers (SEARCH_CACHE on and shared by the workers, as in
production) and with every search computed afresh (SEARCH_CACHE=0), alternated, three rounds
of each on freshly started servers (p95 moves by 50 ms or more from one run to the next).

    scripts/with-postgres.sh python scripts/load_test.py --count 100000   (what `make load` runs)

The searches are drawn from hundreds of distinct ones made from the archive itself (words of
every frequency from its summaries, phrases, and real filter values alone and combined), so
that few are answered from kept answers. Prints locust's figures for each kind, each round's
two runs side by side, then every round's p95 over all requests and their median."""

import argparse
import csv
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import BIN, PROJECT, gunicorn  # the same server start as `make bench`

# Two cores: as many workers as requests the machine can work on at once, plus a couple that
# wait on the database; one persistent connection each.
WORKERS = 4
SETTINGS = {"SECRET_KEY": "load-test-only", "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
RUNS = {"kept answers on": {}, "kept answers off": {"SEARCH_CACHE": "0"}}
SEARCHES, BROWSES = 600, 150  # distinct searches with words, and filter combinations without


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of each kind, alternated; p95 varies run to run"
    )
    parser.add_argument("--sample", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sample:  # run by sample_paths(), with Django set up from the environment
        print(json.dumps(request_sample()))
        return
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

    sample = sample_paths(env)
    print(f"{len(set(sample['searches']))} distinct searches with words, "
          f"{len(set(sample['browses']))} distinct filter combinations without")  # fmt: skip
    rounds: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        paths = Path(folder) / "paths.json"
        paths.write_text(json.dumps(sample))
        for number in range(1, args.rounds + 1):
            figures = {}
            for run, settings in RUNS.items():
                prefix = Path(folder) / f"{run.replace(' ', '-')}-{number}"
                # The workers share kept answers in files, as the Docker image has them do.
                answers = {"SEARCH_CACHE_DIR": f"{prefix}-answers"}
                with gunicorn(
                    os.environ["DATABASE_URL"], WORKERS, {**SETTINGS, **answers, **settings}
                ) as port:
                    subprocess.run(
                        [str(BIN / "locust"), "-f", str(PROJECT / "scripts" / "locustfile.py"),
                         "--headless", "--users", str(args.users), "--spawn-rate", "10",
                         "--run-time", f"{args.seconds}s", "--host", f"http://127.0.0.1:{port}",
                         "--only-summary", "--stop-timeout", "10", "--csv", str(prefix)],
                        cwd=PROJECT, env={**env, "LOAD_PATHS_FILE": str(paths)}, check=False,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    )  # fmt: skip
                    memory = worker_memory()
                figures[run] = read_stats(Path(f"{prefix}_stats.csv"))
                print(f"round {number}, {run}: gunicorn {WORKERS} workers; "
                      f"worker memory (RSS): {memory}")  # fmt: skip
            print(f"\nround {number} of {args.rounds}: ", end="")
            print_side_by_side(figures, args)
            rounds.append(figures)
    print("\nall requests' p95 by round, and the median:")
    for run in RUNS:
        p95s = [int(figures[run]["Aggregated"]["95%"]) for figures in rounds]
        print(f"  {run}: {', '.join(map(str, p95s))} ms; median {statistics.median(p95s):.0f} ms")


def read_stats(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def print_side_by_side(figures: dict, args) -> None:
    print(f"{args.users} users for {args.seconds} s, {args.count:,} decisions; "
          "requests, failures, req/s, p50 / p95 / p99 ms")  # fmt: skip
    runs = list(figures)
    print(f"{'kind':24}" + "".join(f"{run:>38}" for run in runs))
    # Every kind either run asked for (a short run may not ask for them all), "all" last.
    names = sorted({name for run in runs for name in figures[run]} - {"Aggregated"})
    names.append("Aggregated")
    for name in names:
        cells = []
        for run in runs:
            row = figures[run].get(name)
            cells.append(
                f"{row['Request Count']:>6} {row['Failure Count']:>4} "
                f"{float(row['Requests/s']):6.1f} {row['50%']:>5} / {row['95%']:>5} / "
                f"{row['99%']:>5}"
                if row
                else "-"
            )
        label = "all" if name == "Aggregated" else name
        print(f"{label:24}" + "".join(f"{cell:>38}" for cell in cells))


def manage(env: dict, *args: str) -> None:
    # Quiet: the generated files carry the format's variants, each a warning on import.
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT, env=env, check=True, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def sample_paths(env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--sample"], cwd=PROJECT, check=True, capture_output=True,
        text=True, env={**env, "DJANGO_SETTINGS_MODULE": "archive_site.settings",
                        "PYTHONPATH": str(PROJECT)},
    ).stdout  # fmt: skip
    return json.loads(output)


def request_sample() -> dict:
    """Paths that exist in the archive: decisions, organisations, and the distinct searches."""
    import django

    django.setup()
    from decisions.extraction import KINDS, REASONS
    from decisions.models import Category, Decision, Organisation, OutcomeGroup
    from decisions.search.query import STOP_WORDS

    chosen = random.Random(1)
    ids = list(Decision.objects.order_by("id").values_list("id", flat=True))
    chosen_ids = chosen.sample(ids, min(2000, len(ids)))
    decisions = list(
        Decision.objects.filter(id__in=chosen_ids).order_by("id").values_list("slug", "summary")
    )
    organisations = list(Organisation.objects.order_by("slug").values_list("slug", flat=True))
    # Words of every frequency: every word of the summaries, common and rare alike.
    vocabulary: set[str] = set()
    phrases = []
    for _, summary in decisions:
        words = re.findall(r"[a-z]{4,}", summary.lower())
        vocabulary |= set(words) - STOP_WORDS
        if len(words) >= 3:
            start = chosen.randrange(len(words) - 2)
            phrases.append('"' + " ".join(words[start : start + chosen.choice((2, 3))]) + '"')
    words = sorted(vocabulary)

    def at_most(items: list, number: int) -> list:
        return chosen.sample(items, min(number, len(items)))

    texts = at_most(words, 350) + at_most(phrases, 100)
    texts += [" ".join(chosen.sample(words, 2)) for _ in range(100)]
    filters = (
        [("organisation", slug) for slug in at_most(organisations, 40)]
        + [("category", slug) for slug in Category.objects.filter(parent=None)
           .order_by("slug").values_list("slug", flat=True)]
        + [("outcome", group) for group in OutcomeGroup.values]
        + [("year", year) for year in range(2015, 2025)]
        + [("remedy", kind) for kind in KINDS]
        + [("reason", reason) for reason in REASONS]
    )  # fmt: skip

    def some_filters(most: int) -> list[tuple[str, str]]:
        return chosen.sample(filters, chosen.randint(1, most))

    searches = set()
    while len(searches) < SEARCHES:
        params = [("q", chosen.choice(texts))]
        if chosen.random() < 0.5:
            params += some_filters(3)
        if chosen.random() < 0.15:
            params.append(("page", chosen.randint(2, 10)))
        searches.add(urlencode(params))
    browses = set()
    while len(browses) < BROWSES:
        browses.add(urlencode(some_filters(2)))
    return {
        "decisions": [f"/decisions/{slug}/" for slug, _ in decisions],
        "organisations": [f"/organisations/{slug}/" for slug in organisations],
        "searches": sorted(searches),
        "browses": sorted(browses),
    }


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
