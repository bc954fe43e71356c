#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and CI, from Debian's `postgresql` package.
#   postgres.sh start DIR   initdb in DIR (trust auth, loopback only) and start on $PG_PORT (default 15432)
#   postgres.sh stop DIR
set -euo pipefail
cmd=${1:-}
dir=$(realpath -m "${2:?usage: postgres.sh start|stop DIR}")
port=${PG_PORT:-15432}

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }; done
  return 1
}

ensure_installed() {
  if ! bindir >/dev/null; then
    echo "postgres.sh: installing Debian's postgresql package ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) ||
      { echo "postgres.sh: could not install postgresql (apt-get install postgresql)" >&2; exit 1; }
  fi
}

# initdb and postgres refuse to run as root: use the postgres system user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    ensure_installed
    bin=$(bindir)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgres.sh: PostgreSQL ready on 127.0.0.1:$port (data $dir)" >&2
    ;;
  stop)
    bin=$(bindir) || exit 0
    [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
