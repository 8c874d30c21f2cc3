# shellcheck shell=bash
# Sourced by .ci/run (as root, on Debian 12, after `apt-get update`): install and start PostgreSQL,
# create role `ocop` (password `ocop`) owning database `ocop_test`, and export
# OCOP_TEST_POSTGRES_URL so tests/test_store.py runs against it. Idempotent: safe to source again.
# Defines no functions and leaves only OCOP_TEST_POSTGRES_URL behind.

# The server itself (a client-only machine has psql but no /usr/lib/postgresql/*/bin/postgres).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v pg_lsclusters >/dev/null \
    || apt-get install -y -qq --no-install-recommends postgresql >/dev/null

# The newest installed server version and its `main` cluster (created if a previous run lost it).
_ocop_pg_version=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' \
    | awk -F/ '{ print $5 }' | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$_ocop_pg_version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    pg_createcluster "$_ocop_pg_version" main >/dev/null
fi
# Docker's policy-rc.d keeps apt from starting services, so start the cluster ourselves.
if ! pg_ctlcluster "$_ocop_pg_version" main status >/dev/null 2>&1; then
    pg_ctlcluster "$_ocop_pg_version" main start
fi
_ocop_pg_port=$(pg_lsclusters -h | awk -v v="$_ocop_pg_version" '$1 == v && $2 == "main" { print $3 }')

for _ocop_pg_try in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$_ocop_pg_port" && break
    if [ "$_ocop_pg_try" -eq 60 ]; then
        echo "PostgreSQL $_ocop_pg_version did not accept connections on port $_ocop_pg_port" >&2
        tail -n 20 "/var/log/postgresql/postgresql-$_ocop_pg_version-main.log" >&2 || true
        return 1
    fi
    sleep 0.5
done

# Role and database, as the postgres superuser (from / so psql can read its working directory).
(
    cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$_ocop_pg_port" <<'SQL'
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocop') THEN
        ALTER ROLE ocop LOGIN PASSWORD 'ocop';
    ELSE
        CREATE ROLE ocop LOGIN PASSWORD 'ocop';
    END IF;
END
$$;
SELECT 'CREATE DATABASE ocop_test OWNER ocop'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_test') \gexec
ALTER DATABASE ocop_test OWNER TO ocop;
SQL
)

export OCOP_TEST_POSTGRES_URL="postgresql+psycopg://ocop:ocop@127.0.0.1:${_ocop_pg_port}/ocop_test"
unset _ocop_pg_version _ocop_pg_port _ocop_pg_try
