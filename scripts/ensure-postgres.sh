#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the storage conformance suite:
# starts the Debian cluster when PostgreSQL is installed but stopped, fails clearly when it is not
# installed. Used by .ci/run before `npm test`; safe to run again when the server is already up.
set -euo pipefail

host=127.0.0.1
port=5432

if ! command -v pg_isready >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: installing PostgreSQL from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The tests connect as `postgres` over TCP without a password, like this machine kind's own setup.
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    sed -i 's/^\(host[[:space:]].*127\.0\.0\.1\/32[[:space:]]*\)[a-z0-9-]*$/\1trust/' "$hba"
  done
fi

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "ensure-postgres: PostgreSQL is not installed (no pg_isready)." >&2
  echo "  install it with: apt-get install -y postgresql   (or set WARDEN_SKIP_POSTGRES=1 to skip the PostgreSQL tests locally)" >&2
  exit 1
fi

if pg_isready -q -h "$host" -p "$port"; then
  echo "ensure-postgres: PostgreSQL answers on $host:$port"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ] || [ -z "$(ls -A /etc/postgresql)" ]; then
  echo "ensure-postgres: nothing answers on $host:$port and no Debian PostgreSQL cluster is installed to start." >&2
  echo "  install it with: apt-get install -y postgresql" >&2
  exit 1
fi

# The newest installed major version's `main` cluster.
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
echo "ensure-postgres: starting PostgreSQL $version/main"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true

for _ in $(seq 1 30); do
  if pg_isready -q -h "$host" -p "$port"; then
    echo "ensure-postgres: PostgreSQL answers on $host:$port"
    exit 0
  fi
  sleep 1
done
echo "ensure-postgres: PostgreSQL $version/main did not answer on $host:$port within 30 s" >&2
pg_lsclusters >&2 || true
exit 1
