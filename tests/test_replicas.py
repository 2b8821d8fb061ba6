"""Reads from a real PostgreSQL streaming replica (issue 17, point 7): the throwaway primary
of scripts/with-postgres.sh is copied with pg_basebackup into a standby on loopback, and
public pages read from it while writes, the admin and staff read the primary; a replica that
lags serves a page a moment old, and one that is down costs no page."""

import contextlib
import copy
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import yaml
from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import override_settings

from archive_site import replicas
from decisions.importing import import_paths
from decisions.models import Decision
from tests.processes import run_python

ALIAS = "replica1"
PROJECT = Path(__file__).resolve().parent.parent
ON_THROWAWAY_POSTGRESQL = connection.vendor == "postgresql" and "ARCHIVE_PG_BIN" in os.environ
if ON_THROWAWAY_POSTGRESQL:
    # The alias must exist before the test databases are set up, so that the tests may use it;
    # until a test points it at a replica it mirrors the primary (as DATABASE_REPLICA_URLS'
    # aliases do in every other test).
    connections.settings[ALIAS] = {
        **copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS]),
        "TEST": {"MIRROR": DEFAULT_DB_ALIAS},
    }
# Each test below that needs a replica starts one; the rest check the settings and routing.
needs_replica = [
    pytest.mark.skipif(
        not ON_THROWAWAY_POSTGRESQL,
        reason="needs the throwaway PostgreSQL server of scripts/with-postgres.sh",
    ),
    pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, ALIAS]),
]


def with_replica(test):
    for mark in needs_replica:
        test = mark(test)
    return test


AS_OWNER = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg(tool: str, *args: str, **kwargs) -> None:
    command = [*AS_OWNER, f"{os.environ['ARCHIVE_PG_BIN']}/{tool}", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=120, **kwargs)


class Replica:
    """A hot standby of the test database's cluster, streaming from it."""

    def __init__(self):
        primary = connection.settings_dict
        self.folder = Path(tempfile.mkdtemp(prefix="archive-replica-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        if AS_OWNER:
            shutil.chown(self.folder, "postgres")
        self.port = free_port()
        pg("pg_basebackup", "-h", primary["HOST"], "-p", str(primary["PORT"]), "-U",
           primary["USER"], "-D", str(self.data), "-R", "-X", "stream", "-c", "fast",
           "--no-sync")  # fmt: skip
        self.start()
        self.url = f"postgresql://{primary['USER']}@127.0.0.1:{self.port}/{primary['NAME']}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        pg("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w",
           "start")  # fmt: skip

    def stop(self) -> None:
        pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def sql(self, statement: str):
        with psycopg.connect(self.url, autocommit=True) as db:
            cursor = db.execute(statement)
            return cursor.fetchone() if cursor.description else None

    def wait_for(self, statement: str, expected, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while self.sql(statement)[0] != expected:
            assert time.monotonic() < deadline, f"the replica never showed {expected}"
            time.sleep(0.05)

    def caught_up(self) -> None:
        """Wait until the replica has replayed everything the primary has written so far.
        The insert position, not the write position: with synchronous_commit off (as the test
        server runs) a commit's record can still be in the WAL buffers, before the write
        position, and a wait for that returned before the replica had the commit."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            (lsn,) = cursor.fetchone()
        self.wait_for(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn", True)


@pytest.fixture
def replica(settings):
    """A running replica registered as the `replica1` alias, with the router and middleware
    installed as DATABASE_REPLICA_URLS installs them."""
    standby = Replica()
    replica_connection = connections[ALIAS]
    replica_connection.close()
    replica_connection.settings_dict["PORT"] = str(standby.port)
    replicas._failed_at.clear()
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "archive_site.replicas.ReadFromReplicaMiddleware",
    )
    with override_settings(
        DATABASE_ROUTERS=["archive_site.replicas.ReplicaRouter"], MIDDLEWARE=middleware
    ):
        yield standby
    replica_connection.close()
    replica_connection.settings_dict["PORT"] = connection.settings_dict["PORT"]
    with contextlib.suppress(subprocess.CalledProcessError):
        standby.stop()  # unless a test stopped it
    shutil.rmtree(standby.folder, ignore_errors=True)


@pytest.fixture
def decision(replica, write_decision):
    """One decision, imported on the primary and replayed on the replica."""
    import_paths([write_decision(reference="21 000 001")])
    replica.caught_up()
    return Decision.objects.get()


def staff_client(client_class):
    staff = User.objects.create_superuser("editor", password="a-long-test-password")
    client = client_class()
    client.force_login(staff)
    return client


def corrected_while_replay_paused(replica, decision) -> Decision:
    """Pause the replica's replay, then correct the decision's summary on the primary."""
    replica.sql("SELECT pg_wal_replay_pause()")
    Decision.objects.filter(pk=decision.pk).update(summary="A corrected summary.")
    return Decision.objects.get()


def summary_on_page(client, decision) -> tuple[str | None, bool]:
    response = client.get(f"/decisions/{decision.slug}/")
    assert response.status_code == 200
    return response.get("X-Read-From"), decision.summary in response.content.decode()


@with_replica
def test_public_pages_read_the_replica_and_staff_and_the_admin_the_primary(client, decision):
    response = client.get("/decisions/?q=homelessness")
    assert response.status_code == 200 and response["X-Read-From"] == "replica"
    assert "1 decision" in response.content.decode()
    assert summary_on_page(client, decision) == ("replica", True)
    staff = staff_client(type(client))
    assert summary_on_page(staff, decision) == (None, True)  # the primary
    admin = staff.get(f"/admin/decisions/decision/{decision.pk}/change/")
    assert admin.status_code == 200 and "X-Read-From" not in admin


@with_replica
def test_a_lagging_replica_serves_the_page_a_moment_old_and_staff_see_the_change(
    replica, client, decision
):
    changed = corrected_while_replay_paused(replica, decision)
    # The public reader still sees the old text, from the replica, and gets a whole page.
    assert summary_on_page(client, decision) == ("replica", True)
    assert summary_on_page(client, changed) == ("replica", False)
    assert summary_on_page(staff_client(type(client)), changed) == (None, True)
    replica.sql("SELECT pg_wal_replay_resume()")
    replica.caught_up()
    assert summary_on_page(client, changed) == ("replica", True)


@with_replica
def test_a_replica_further_behind_than_the_limit_is_passed_over_until_it_catches_up(
    replica, client, decision
):
    changed = corrected_while_replay_paused(replica, decision)
    replica.wait_for("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()", True)
    time.sleep(0.1)  # so that the replica is measurably behind
    with override_settings(REPLICA_MAX_LAG_SECONDS=0.05):
        assert summary_on_page(client, changed) == (None, True)  # the primary
        replica.sql("SELECT pg_wal_replay_resume()")
        replica.caught_up()
        assert summary_on_page(client, changed) == ("replica", True)


@with_replica
def test_a_replica_cut_off_from_the_primary_is_passed_over_once_past_the_limit(
    replica, client, decision
):
    assert summary_on_page(client, decision) == ("replica", True)
    # It stops streaming (as when the network to the primary fails): it has replayed all it
    # received, but can no longer say it is current.
    replica.sql("ALTER SYSTEM SET primary_conninfo = ''")
    replica.sql("SELECT pg_reload_conf()")
    replica.wait_for("SELECT count(*) FROM pg_stat_wal_receiver", 0)
    time.sleep(0.1)
    with override_settings(REPLICA_MAX_LAG_SECONDS=0.05):
        assert summary_on_page(client, decision) == (None, True)  # the primary
    assert summary_on_page(client, decision) == ("replica", True)  # within the default 30 s


@with_replica
def test_a_replica_that_is_down_costs_no_page(replica, client, decision):
    assert summary_on_page(client, decision) == ("replica", True)
    replica.stop()
    # Its kept connection is dead and it refuses new ones: the reader gets the primary.
    assert summary_on_page(client, decision) == (None, True)
    response = client.get("/decisions/?q=homelessness")
    assert response.status_code == 200 and "X-Read-From" not in response
    # Back up, it is tried again once REPLICA_RETRY_SECONDS have passed.
    replica.start()
    replica.caught_up()
    with override_settings(REPLICA_RETRY_SECONDS=0):
        assert summary_on_page(client, decision) == ("replica", True)


@with_replica
def test_the_compose_replica_scripts_make_a_standby_that_follows_the_primary(write_decision):
    """docker-compose.yml's db-replica runs scripts/postgres-replica.sh; the primary runs
    scripts/postgres-allow-replication.sh when it is created. Both are run here for real."""
    import_paths([write_decision(reference="21 000 001")])
    decision = Decision.objects.get()
    primary = connection.settings_dict
    folder = Path(tempfile.mkdtemp(prefix="archive-compose-replica-"))
    folder.chmod(0o755)
    for script in ("postgres-replica.sh", "postgres-allow-replication.sh"):
        shutil.copy(PROJECT / "scripts" / script, folder)  # where the postgres user can read it
    if AS_OWNER:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    environment = [
        f"PATH={os.environ['ARCHIVE_PG_BIN']}:{os.environ['PATH']}", f"PGDATA={data}",
        f"PRIMARY_HOST={primary['HOST']}", f"PRIMARY_PORT={primary['PORT']}",
        f"PRIMARY_USER={primary['USER']}", f"POSTGRES_USER={primary['USER']}",
    ]  # fmt: skip
    url = f"postgresql://{primary['USER']}@127.0.0.1:{port}/{primary['NAME']}"

    def start_standby() -> subprocess.Popen:
        server = subprocess.Popen(
            [*AS_OWNER, "env", *environment, "bash", str(folder / "postgres-replica.sh"),
             "-p", str(port), "-k", str(folder), "-c", "listen_addresses=127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with psycopg.connect(url, autocommit=True) as db:
                    return server, db.execute(
                        "SELECT pg_is_in_recovery(), "
                        "(SELECT reference FROM decisions_decision LIMIT 1)"
                    ).fetchone()
            except psycopg.OperationalError:
                assert server.poll() is None, "the replica script stopped"
                assert time.monotonic() < deadline, "the replica never answered"
                time.sleep(0.2)

    def slot_active() -> bool | None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT active FROM pg_replication_slots WHERE slot_name = 'db_replica'")
            row = cursor.fetchone()
        return row[0] if row else None

    def stop_standby(server) -> None:
        pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        server.wait(timeout=30)

    try:
        server, (in_recovery, reference) = start_standby()
        assert in_recovery and reference == decision.reference
        # It streams through the slot it made, which keeps the primary's WAL for it.
        deadline = time.monotonic() + 30
        while not slot_active():
            assert time.monotonic() < deadline, "the replica never used its slot"
            time.sleep(0.1)
        stop_standby(server)
        # The primary's script adds a rule PostgreSQL accepts (it refuses to start on a bad
        # pg_hba.conf); a second start reuses the copy rather than copying again.
        subprocess.run(
            [*AS_OWNER, "env", *environment, "bash", str(folder / "postgres-allow-replication.sh")],
            check=True,
        )
        hba = (data / "pg_hba.conf").read_text().splitlines()
        assert hba[-1] == f"host replication {primary['USER']} samenet scram-sha-256"
        server, (in_recovery, reference) = start_standby()
        assert in_recovery and reference == decision.reference
        stop_standby(server)
        # A new copy (a new volume) reuses the slot that is already there.
        shutil.rmtree(data)
        server, (in_recovery, reference) = start_standby()
        assert in_recovery and reference == decision.reference
        stop_standby(server)
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        if slot_active() is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_drop_replication_slot('db_replica')")
        shutil.rmtree(folder, ignore_errors=True)


def test_compose_starts_the_replica_from_its_script_and_passes_its_url_to_the_app():
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())
    replica, app = compose["services"]["db-replica"], compose["services"]["app"]
    assert replica["profiles"] == ["replica"] and replica["user"] == "postgres"
    script = replica["entrypoint"][0]
    assert f"./scripts/postgres-replica.sh:{script}:ro" in replica["volumes"]
    assert replica["environment"]["PRIMARY_HOST"] == "db"
    assert any(
        volume.startswith("./scripts/postgres-allow-replication.sh:/docker-entrypoint-initdb.d/")
        for volume in compose["services"]["db"]["volumes"]
    )
    assert "DATABASE_REPLICA_URLS" in app["environment"]


def test_writes_migrations_and_sign_in_stay_on_the_primary():
    router = replicas.ReplicaRouter()
    token = replicas._reading_from.set(ALIAS)
    try:
        assert router.db_for_read(Decision) == ALIAS
        assert router.db_for_read(User) == DEFAULT_DB_ALIAS  # sign-in and sessions
        assert router.db_for_write(Decision) == DEFAULT_DB_ALIAS
        assert router.allow_migrate(DEFAULT_DB_ALIAS, "decisions")
        assert not router.allow_migrate(ALIAS, "decisions")
    finally:
        replicas._reading_from.reset(token)
    assert router.db_for_read(Decision) == DEFAULT_DB_ALIAS  # outside a request


def test_replicas_are_configured_from_the_environment_and_need_postgresql():
    check = (
        "from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)"
    )
    env = {
        "SECRET_KEY": "k",
        "DATABASE_URL": "postgres://u@primary/archive",
        "DATABASE_REPLICA_URLS": "postgres://u@replica-a/archive,postgres://u@replica-b/archive",
    }
    configured = run_python("-c", f"import django; django.setup(); {check}", **env)
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.split("]")[0] == "['default', 'replica1', 'replica2'"
    assert "archive_site.replicas.ReplicaRouter" in configured.stdout
    on_sqlite = run_python(
        "-c",
        f"import django; django.setup(); {check}",
        **{**env, "DATABASE_URL": "sqlite:///x.sqlite3"},
    )
    assert on_sqlite.returncode != 0 and "needs DATABASE_URL to be PostgreSQL" in on_sqlite.stderr
