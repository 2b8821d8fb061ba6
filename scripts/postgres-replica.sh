#!/bin/bash
# A PostgreSQL streaming replica (docker-compose.yml's db-replica service; docs/scaling.md).
# On first start it copies the primary with pg_basebackup into an empty $PGDATA and writes the
# settings that make it a hot standby streaming from the primary (-R); later starts reuse the
# copy. Any arguments are passed to postgres.
#   PRIMARY_HOST, PRIMARY_PORT (5432), PRIMARY_USER: the primary and a role allowed to
#   replicate; PGPASSWORD: its password.
set -euo pipefail
: "${PGDATA:?set PGDATA}" "${PRIMARY_HOST:?set PRIMARY_HOST}" "${PRIMARY_USER:?set PRIMARY_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -q -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}"; do sleep 1; done
    pg_basebackup -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U "$PRIMARY_USER" \
        -D "$PGDATA" -R -X stream -c fast
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on "$@"
