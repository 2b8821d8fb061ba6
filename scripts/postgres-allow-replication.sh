#!/bin/bash
# Run once by the postgres image when it creates the primary's database (docker-compose.yml
# mounts it in /docker-entrypoint-initdb.d): lets the archive's role connect for replication
# from the compose network, with its password, as db-replica does.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
