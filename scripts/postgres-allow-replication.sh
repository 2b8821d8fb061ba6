#!/bin/bash
# Run once by the postgres image when it creates the primary's database (docker-compose.yml
# mounts it in /docker-entrypoint-initdb.d): lets the archive's role connect for replication,
# with its password, from the networks the server is on (the compose network), as db-replica
# does.
set -euo pipefail
echo "host replication ${POSTGRES_USER} samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
