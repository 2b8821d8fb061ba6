"""Faults: an import killed part-way, PostgreSQL restarting, a read-only or full database."""

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from decisions.generation import write_decisions
from decisions.importing import BATCH_SIZE, import_paths
from decisions.models import Decision
from tests.processes import PROJECT, environment, run_python


def settings_for(database_url: str) -> dict:
    return {"SECRET_KEY": "k", "DEBUG": "0", "DATABASE_URL": database_url}


def manage(database_url: str, *args) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, **settings_for(database_url))


def query(database_url: str, sql: str):
    """One value, read straight from the database (not through Django's test connection)."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchone()[0]
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql).fetchone()[0]


def processes() -> dict[int, tuple[str, int]]:
    """Every process now, as {id: (state, parent's id)}, read from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:  # the name, in brackets, may hold spaces: the fields follow the last bracket
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):  # gone while being read
            continue
        found[int(stat.parent.name)] = (state, int(parent))
    return found


def children(pid: int) -> list[int]:
    return [child for child, (_, parent) in processes().items() if parent == pid]


def running_processes() -> set[int]:
    """The ids of the processes alive now (a zombie has exited, and is not counted)."""
    return {pid for pid, (state, _) in processes().items() if state != "Z"}


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_part_way_leaves_whole_decisions_and_a_rerun_finishes(
    tmp_path, fresh_database
):
    files = tmp_path / "files"
    write_decisions(3000, 11, files)
    assert manage(fresh_database, "migrate", "-v", "0").returncode == 0
    importing = subprocess.Popen(
        [sys.executable, "manage.py", "import_decisions", str(files)],
        cwd=PROJECT, env=environment(**settings_for(fresh_database)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while query(fresh_database, "SELECT count(*) FROM decisions_decision") < BATCH_SIZE:
        assert importing.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    parsing = children(importing.pid)
    assert parsing  # its parsing processes (importing.PARSERS)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    while set(parsing) & running_processes():  # they follow it, rather than wait for ever
        assert time.monotonic() < deadline
        time.sleep(0.05)

    count = query(fresh_database, "SELECT count(*) FROM decisions_decision")
    assert 0 < count < 3000 and count % BATCH_SIZE == 0  # whole batches, nothing half-written
    empty = "SELECT count(*) FROM decisions_decision WHERE body = '' OR content_hash = ''"
    assert query(fresh_database, empty) == 0
    if fresh_database.startswith("sqlite"):
        assert query(fresh_database, "SELECT count(*) FROM decisions_decision_fts") == count
    else:
        unindexed = "SELECT count(*) FROM decisions_decision WHERE search_vector IS NULL"
        assert query(fresh_database, unindexed) == 0

    rerun = manage(fresh_database, "import_decisions", str(files))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == (
        f"imported: {3000 - count}, updated: 0, unchanged: {count}, failed: 0"
    )
    assert query(fresh_database, "SELECT count(*) FROM decisions_decision") == 3000


@pytest.mark.skipif(
    connection.vendor != "postgresql" or "ARCHIVE_PG_DATA" not in os.environ,
    reason="needs the throwaway PostgreSQL server of scripts/with-postgres.sh",
)
@pytest.mark.django_db(transaction=True)
def test_the_site_answers_again_by_itself_after_postgresql_restarts(live_server, write_decision):
    # The live server handles requests as in production (the test client skips the checks
    # Django makes of kept connections at the start of each request).
    import_paths([write_decision()])
    url = f"{live_server.url}/decisions/?q=homelessness"
    with urllib.request.urlopen(url) as response:
        assert response.status == 200
    pg_ctl = [f"{os.environ['ARCHIVE_PG_BIN']}/pg_ctl", "-D", os.environ["ARCHIVE_PG_DATA"]]
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    log = Path(os.environ["ARCHIVE_PG_DATA"]).parent / "server.log"  # as with-postgres.sh
    restart = subprocess.run(
        [*as_owner, *pg_ctl, "-l", str(log), "-m", "fast", "-w", "restart"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    assert restart.returncode == 0
    # The connection kept from the first request died with the old server; the next request
    # finds that out (Django's connection health checks) and opens a new one.
    with urllib.request.urlopen(url) as response:
        assert response.status == 200
        assert "1 decision" in response.read().decode()
    connection.close()  # this thread's connection died too


# --- a database that cannot be written --------------------------------------------------------


def set_read_only(read_only: bool) -> None:
    """Make this connection refuse writes, as a read-only database does, or accept them again."""
    setting = "on" if read_only else "off"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA query_only = {setting}")
        else:
            cursor.execute(f"SET default_transaction_read_only = {setting}")


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_gives_a_clear_page_and_the_site_still_reads(client, write_decision):
    import_paths([write_decision(category="Housing > Homelessness")])
    User.objects.create_superuser("keeper", password="a-long-test-password")
    client.force_login(User.objects.get())
    decision = Decision.objects.get()
    url = f"/admin/decisions/decision/{decision.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    set_read_only(True)
    try:
        assert client.get("/decisions/?q=homelessness").status_code == 200  # reading works
        corrected = {"decision_date": "2020-01-01", "change_reason": "Date misread"}
        response = client.post(url, {**data, **corrected})
        assert response.status_code == 503
        page = response.content.decode()
        assert "database is read-only" in page and "Traceback" not in page
    finally:
        set_read_only(False)
    assert Decision.objects.get().decision_date != "2020-01-01"


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_stops_an_import_with_a_clear_message(write_decision):
    path = write_decision()
    set_read_only(True)
    try:
        with pytest.raises(CommandError, match="database is read-only"):
            call_command("import_decisions", str(path), stdout=io.StringIO())
    finally:
        set_read_only(False)
    assert not Decision.objects.exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a full disk is simulated on SQLite")
@pytest.mark.django_db(transaction=True)
def test_a_full_disk_stops_the_import_with_the_reason_and_writes_no_part(write_decision):
    first = write_decision("a.txt", reference="21 000 001")
    import_paths([first])
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages + 2}")  # no room for more
    try:
        big = "A long paragraph about the complaint. " * 3000
        for number in range(2, 5):
            write_decision(f"{number}.txt", reference=f"21 000 00{number}",
                           sections={"The complaint": [big]})  # fmt: skip
        with pytest.raises(CommandError, match="run out of disk space"):
            call_command("import_decisions", str(first.parent), stdout=io.StringIO())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    assert list(Decision.objects.values_list("reference", flat=True)) == ["21 000 001"]
