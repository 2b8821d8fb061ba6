"""Benchmark the admin's import page: one zip of generated decisions uploaded in one request.

    python scripts/bench_upload.py --count 5000 --database sqlite
    scripts/with-postgres.sh python scripts/bench_upload.py --count 5000 --database postgresql

Prints the zip's size, the request's time and decisions per second. (No memory figure: Django's
test client builds the whole request in memory, which would swamp the server's share.)
"""

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000, help="decisions in the zip")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], required=True)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'upload.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database postgresql needs DATABASE_URL (run under scripts/with-postgres.sh)")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from decisions.generation import write_decisions

    call_command("migrate", verbosity=0)
    setup_test_environment()  # so the response carries its template context (the report)
    write_decisions(args.count, 3, work / "files")
    archive = work / "decisions.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted((work / "files").rglob("*.txt")):
            zipped.write(path, path.relative_to(work / "files"))
    user = User.objects.create_superuser("bench", password="bench-only-password")
    client = Client()
    client.force_login(user)
    with archive.open("rb") as upload:
        started = time.perf_counter()
        response = client.post("/admin/decisions/decision/import/", {"files": [upload]})
        elapsed = time.perf_counter() - started
    report = response.context["report"]
    assert response.status_code == 200 and report.imported == args.count, report.summary_line
    print(
        f"{args.database}: {args.count:,} decisions in a {archive.stat().st_size / 1e6:.1f} MB zip "
        f"uploaded and imported in {elapsed:.1f} s ({args.count / elapsed:,.0f}/s)"
    )


if __name__ == "__main__":
    main()
