#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster that lives only for that command.
#   scripts/with-postgres.sh pytest -q
# The command sees DATABASE_URL pointing at an empty database. PostgreSQL refuses to run as
# root, so when run as root the cluster belongs to the `postgres` user (via runuser).
# PG_SERVER_OPTIONS adds server settings; the default trades durability for speed, which is
# right for tests (the cluster is deleted afterwards) and wrong for benchmarks of writes.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL is not installed: run scripts/install-system-deps.sh" >&2
  exit 2
fi
PG_SERVER_OPTIONS=${PG_SERVER_OPTIONS--c fsync=off -c synchronous_commit=off -c full_page_writes=off}
PORT=${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

DIR=$(mktemp -d /tmp/archive-pg.XXXXXX)
chmod 755 "$DIR"
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"

stop() {
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# shellcheck disable=SC2086
as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 $PG_SERVER_OPTIONS" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres archive

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/archive"
# For tests that restart the server (tests/test_faults.py).
export ARCHIVE_PG_DATA="$DIR/data" ARCHIVE_PG_BIN="$PG_BIN"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on port $PORT" >&2
set +e
"$@"
status=$?
exit $status
