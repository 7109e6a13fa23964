#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1, used by ./test.sh and the benchmarks.
#   scripts/postgres.sh start DIR [PORT] [--durable]   prints the connection string
#   scripts/postgres.sh stop DIR
# Tests run with fsync off (the data is thrown away); --durable keeps fsync and synchronous
# commit on, as a production server would, for benchmarks.
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || { echo "PostgreSQL server binaries not found; apt-get install postgresql" >&2; exit 1; }
  echo "$dir"
}

as_owner() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: postgres.sh start|stop DIR [PORT] [--durable]}
dir=${2:?usage: postgres.sh start|stop DIR [PORT] [--durable]}
bin=$(pg_bin)

case "$cmd" in
  start)
    port=${3:-55432}
    durable=${4:-}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; chmod 700 "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    if [ "$durable" = "--durable" ]; then
      settings="-c fsync=on -c synchronous_commit=on"
    else
      settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=256MB -c effective_cache_size=8GB $settings" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "unknown command $cmd" >&2; exit 2 ;;
esac
