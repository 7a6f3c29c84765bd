#!/usr/bin/env bash
# Makes a PostgreSQL server available on 127.0.0.1:5432 for the tests and prints the line to export:
#   export MIMECAST_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=mimecast;Password=mimecast;Database=postgres'
# Used by .ci/run (sourced) and by developers (`source .ci/start-postgres.sh`). Run as root (Debian/Ubuntu).
# If a server already answers on 127.0.0.1:5432 it is used as is and MIMECAST_PG_STARTED stays 0; otherwise the
# Debian package is installed if missing, the cluster started, and MIMECAST_PG_STARTED=1 tells the caller to stop
# it (`pg_ctlcluster "$MIMECAST_PG_VERSION" main stop`). The role is created only if it does not exist.
MIMECAST_PG_STARTED=0
MIMECAST_PG_VERSION=""
pg_role="${MIMECAST_PG_ROLE:-mimecast}"
pg_password="${MIMECAST_PG_PASSWORD:-mimecast}"

if ! command -v pg_isready >/dev/null 2>&1 || ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if [ ! -d /usr/lib/postgresql ]; then
    echo "== installing PostgreSQL from the Debian packages"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql || return 1 2>/dev/null || exit 1
  fi
  MIMECAST_PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  echo "== starting PostgreSQL $MIMECAST_PG_VERSION"
  pg_ctlcluster "$MIMECAST_PG_VERSION" main start || return 1 2>/dev/null || exit 1
  MIMECAST_PG_STARTED=1
  for _ in $(seq 1 60); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not become ready" >&2; return 1 2>/dev/null || exit 1; }
fi

# A password role for TCP logins (peer login does not work for root); skipped when it exists.
if command -v su >/dev/null 2>&1 && id postgres >/dev/null 2>&1; then
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$pg_role'\"" 2>/dev/null | grep -q 1 \
    || su postgres -c "psql -c \"CREATE ROLE $pg_role LOGIN SUPERUSER PASSWORD '$pg_password'\"" >/dev/null \
    || echo "note: could not create role $pg_role (it may exist already or the server is not local)" >&2
fi

export MIMECAST_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=$pg_role;Password=$pg_password;Database=postgres"
export MIMECAST_PG_STARTED MIMECAST_PG_VERSION
echo "== PostgreSQL ready: MIMECAST_TEST_POSTGRES is set (started by this script: $MIMECAST_PG_STARTED)"
