#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the bank's PostgreSQL tests (docs/testing.md):
#   scripts/pg-test-cluster.sh start <dir> <port>   → prints postgres://postgres@127.0.0.1:<port>/postgres
#   scripts/pg-test-cluster.sh stop <dir>
#   scripts/pg-test-cluster.sh halt <dir>            → the server stops (as a crash would), its data stays
#   scripts/pg-test-cluster.sh resume <dir> <port>   → and starts again on the same data
# Debian's PostgreSQL 15 binaries; initdb refuses root, so as root the cluster runs as the `postgres`
# user the package creates. Listens on 127.0.0.1 only, trusts local connections, no fsync: test data.
set -euo pipefail
bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:?start|stop}"
dir="${2:?cluster folder}"
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
serve() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
    -o "-p $1 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null
}
case "$cmd" in
  start)
    port="${3:?port}"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" --no-sync -A trust -U postgres >/dev/null
    serve "$port"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  halt)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    serve "${3:?port}"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start <dir> <port> | stop <dir> | halt <dir> | resume <dir> <port>" >&2
    exit 2
    ;;
esac
