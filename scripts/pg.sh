#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on loopback for tests and benchmarks.
#   scripts/pg.sh start   → prints the DATABASE_URL to use
#   scripts/pg.sh stop
set -euo pipefail
PORT="${PG_PORT:-54329}"
DIR="${PG_DIR:-/var/tmp/renshe-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then RUN_AS=(runuser -u postgres --); fi

case "${1:-start}" in
  start)
    if ! [ -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
      "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >> "$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = ${PG_FSYNC:-off}
synchronous_commit = off
full_page_writes = off
shared_buffers = ${PG_SHARED_BUFFERS:-512MB}
work_mem = 32MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
max_connections = 200
CONF
    fi
    if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$PORT/renshe"
    ;;
  stop)
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
