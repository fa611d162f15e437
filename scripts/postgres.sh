# Sourced by test.sh and the benchmark scripts: one way to get a local PostgreSQL with the role koshi/koshi.
#   postgres_start        installs PostgreSQL if missing, uses the first cluster (creating one if the package made
#                         none), starts it if needed and makes sure the role exists; sets pg_version, pg_cluster,
#                         pg_port and started_pg (1 when this call started the cluster)
#   postgres_stop         stops the cluster again, only if postgres_start started it
#   psql_admin ARGS       psql as the postgres superuser on that cluster
#   postgres_database DB  creates the database DB owned by koshi unless it exists

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

postgres_start() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1 || true)
  if [ -z "${pg_version:-}" ]; then
    pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$pg_version" main >/dev/null
    read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1)
  fi
  started_pg=0
  if [ "$pg_status" != "online" ]; then
    as_root pg_ctlcluster "$pg_version" "$pg_cluster" start
    started_pg=1
  fi
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='koshi'\"")" != "1" ]; then
    psql_admin "-c \"CREATE ROLE koshi LOGIN PASSWORD 'koshi' CREATEDB\""
  fi
}

postgres_stop() { if [ "${started_pg:-0}" -eq 1 ]; then as_root pg_ctlcluster "$pg_version" "$pg_cluster" stop || true; fi; }

psql_admin() { as_root su postgres -c "psql -p $pg_port -v ON_ERROR_STOP=1 -qAt $*"; }

postgres_database() {
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$1'\"")" != "1" ]; then
    psql_admin "-c \"CREATE DATABASE $1 OWNER koshi\""
  fi
}
