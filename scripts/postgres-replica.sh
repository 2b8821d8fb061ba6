#!/bin/bash
# A PostgreSQL streaming replica (docker-compose.yml's db-replica service; docs/scaling.md).
# On first start it copies the primary with pg_basebackup into an empty $PGDATA and writes the
# settings that make it a hot standby streaming from the primary (-R), through a replication
# slot, so that the primary keeps the WAL it has not yet received (up to the primary's
# max_slot_wal_keep_size) even while it is stopped; later starts reuse the copy. Any arguments
# are passed to postgres.
#   PRIMARY_HOST, PRIMARY_PORT (5432), PRIMARY_USER: the primary and a role allowed to
#   replicate; PGPASSWORD: its password; REPLICA_SLOT: the slot's name (db_replica).
set -euo pipefail
: "${PGDATA:?set PGDATA}" "${PRIMARY_HOST:?set PRIMARY_HOST}" "${PRIMARY_USER:?set PRIMARY_USER}"
primary=(-h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U "$PRIMARY_USER")
slot="${REPLICA_SLOT:-db_replica}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -q "${primary[@]}"; do sleep 1; done
    # The slot is made with the first copy; a copy made again (a new volume) reuses it.
    create=(-C)
    if [ -n "$(psql "${primary[@]}" -d postgres -tAc \
        "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$slot'")" ]; then
        create=()
    fi
    pg_basebackup "${primary[@]}" -D "$PGDATA" -R -X stream -c fast -S "$slot" "${create[@]}"
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on "$@"
