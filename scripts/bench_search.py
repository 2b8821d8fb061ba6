"""Benchmark searching and the decision, profile and legislation pages: p50 and p95 of a
fixed mix of requests through the full Django views, then the CSV export of every decision
(time and peak memory).

    python scripts/bench_search.py --count 100000 --database sqlite
    scripts/with-postgres.sh python scripts/bench_search.py --count 100000 --database postgresql

Files are generated once (fictional organisations) into .bench/files-<count>-1/; the SQLite
database is kept in .bench/ and re-used while it holds the same decisions.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

# Each kind: (name, URL). Facet values are slugs the generator always produces.
KINDS = [
    ("home page", "/"),
    ("no query, one facet", "/decisions/?outcome=upheld"),
    ("no query, two facets", "/decisions/?outcome=upheld&year=2020"),
    ("common word", "/decisions/?q=council"),
    ("rare word", "/decisions/?q=gallimaufry"),
    ("phrase", '/decisions/?q="special educational needs"'),
    (
        "word and three facets",
        "/decisions/?q=homelessness&outcome=upheld&category=housing&year=2021",
    ),
    ("word, two values of one facet", "/decisions/?q=council&outcome=upheld&outcome=not_upheld"),
    ("category group and outcome", "/decisions/?category=planning&outcome=upheld"),
    ("page 50", "/decisions/?q=council&page=50"),
    ("page 50, no query", "/decisions/?page=50"),
    ("remedy and payment range", "/decisions/?remedy=payment&payment_min=200&payment_max=500"),
    ("reason facet", "/decisions/?reason=out_of_time"),
    ("legislation index", "/legislation/"),
    ("JSON API", "/api/decisions/?q=homelessness"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="decisions in the archive")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per kind")
    parser.add_argument(
        "--folder", type=Path, default=PROJECT / ".bench", help="where files and database go"
    )
    args = parser.parse_args()

    bench = args.folder
    files = bench / f"files-{args.count}-1"
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{bench / f'search-{args.count}.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database postgresql needs DATABASE_URL (run under scripts/with-postgres.sh)")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from decisions.generation import write_decisions
    from decisions.importing import PARSERS, import_paths
    from decisions.models import Category, Decision, Organisation, Provision
    from decisions.search.ranking import index_for_ranking

    if not files.exists():
        write_decisions(args.count, 1, files.with_suffix(".tmp"))
        files.with_suffix(".tmp").rename(files)
    call_command("migrate", verbosity=0)
    if Decision.objects.count() != args.count:
        started = time.perf_counter()
        report = import_paths([files], command="bench_search", parsers=PARSERS)
        print(f"imported {report.imported:,} in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    if index_for_ranking():  # a database imported by an older version has none yet
        print(f"ranking index in step in {time.perf_counter() - started:.1f} s")
    call_command("collectstatic", interactive=False, verbosity=0)

    import archive_site.wsgi  # noqa: F401 (set up as a server's process is, its collector too)

    setup_test_environment()  # so responses carry their template context
    client = Client()
    print(
        f"{connection.vendor}, {Decision.objects.count():,} decisions, "
        f"{args.repeat} requests a kind (after 3 to warm up)"
    )
    # The profile pages of the largest organisation and the largest parent category.
    largest = Organisation.objects.annotate(n=Count("decisions")).order_by("-n").first()
    # A common word within one small body: a person searching their own council's decisions
    # (the largest, in an archive too small to have a body of 100).
    small = (
        Organisation.objects.annotate(n=Count("decisions"))
        .filter(n__gte=100)
        .order_by("n", "pk")
        .first()
    ) or largest
    parent = (
        Category.objects.filter(parent=None)
        .annotate(n=Count("children__decisions"))
        .order_by("-n")
        .first()
    )
    # A category published under an older name is shown on its group's page.
    parent = getattr(parent, "group", None) or parent
    # The most cited section, and a decision of the largest subcategory (whose similar
    # decisions are chosen from the most candidates).
    cited = (
        Provision.objects.exclude(section="").annotate(n=Count("decisions")).order_by("-n").first()
    )
    subcategory = Category.objects.annotate(n=Count("decisions")).order_by("-n").first()
    typical = Decision.objects.filter(category=subcategory).order_by("pk").first()
    kinds = [
        *KINDS,
        ("citation filter", f"/decisions/?citation={cited.slug}"),
        ("citation and a word", f"/decisions/?citation={cited.slug}&q=delay"),
        ("common word, small body", f"/decisions/?q=council&organisation={small.slug}"),
        ("decision page", typical.get_absolute_url()),
        ("organisation profile", f"/organisations/{largest.slug}/"),
        ("category page", f"/categories/{parent.slug}/"),
    ]
    print(f"{'kind':26} {'p50 ms':>8} {'p95 ms':>8} {'results':>9}")
    for name, url in kinds:
        timings = []
        for attempt in range(args.repeat + 3):
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if attempt >= 3:
                timings.append(elapsed)
        total = results_of(response)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{name:26} {p50:8.0f} {p95:8.0f} {total:9,}")
    export_everything(client)


def results_of(response) -> int:
    """How many decisions a page is about: the matches (also the API's and the home page's),
    a profile's, a decision's similar ones, or the acts the legislation index lists."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["count"]
    context = response.context
    if "total" in context:
        return context["total"]
    if "result" in context:
        return context["result"].total
    if "profile" in context:
        return context["profile"].total
    if "similar" in context:
        return len(context["similar"].decisions)
    return len(context["acts"])


def export_everything(client) -> None:
    """Stream the CSV of every decision: once timed, once under tracemalloc for the peak of
    Python's memory while streaming (flat if it streams; tracing slows it, hence two runs)."""
    import tracemalloc

    def stream() -> int:
        response = client.get("/decisions/export.csv")
        return sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1

    started = time.perf_counter()
    rows = stream()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    stream()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"CSV export: {rows:,} rows in {elapsed:.1f} s; peak Python memory {peak:.1f} MB")


if __name__ == "__main__":
    main()
