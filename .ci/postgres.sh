#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + pgvector 0.8.0 on 127.0.0.1 for the pgvector integration tests
# (facts: ../shared/SERVERS.md). Needs root (apt-get) and the Debian mirror.
#
#   eval "$(.ci/postgres.sh start)"   # installs what is missing, starts, prints the export line:
#                                      #   export ELAVIRA_PGVECTOR_URL=jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres
#   .ci/postgres.sh stop               # stops that server (pg_ctl, i.e. the postmaster PID) and
#                                      # deletes its data directory
#
# Only the export line goes to stdout; progress goes to stderr. Installs and the cluster live
# under .ci/cache/postgres (git-ignored). The system's apt sources are never modified: the trixie
# deb-src entry pgvector's source comes from lives in a private apt config under that cache.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$PWD/.ci/cache/postgres"
PG_BIN=/usr/lib/postgresql/15/bin
PGVECTOR_VERSION=0.8.0-1
STATE="$CACHE/state"

log() { echo "postgres.sh: $*" >&2; }

install_server() {
  if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_config" && -f /usr/include/postgresql/15/server/postgres.h ]]; then
    return
  fi
  log "installing postgresql-15 and postgresql-server-dev-15 from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-server-dev-15 >&2
}

install_pgvector() {
  if [[ -f /usr/share/postgresql/15/extension/vector.control ]] \
    && grep -q "default_version = '0.8.0'" /usr/share/postgresql/15/extension/vector.control; then
    return
  fi
  log "building pgvector $PGVECTOR_VERSION from Debian trixie's source package"
  local apt_dir="$CACHE/apt"
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$CACHE/src"
  cat >"$apt_dir/sources.list.d/trixie-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local private=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists")
  apt-get "${private[@]}" update -qq >&2
  (cd "$CACHE/src" && rm -rf pgvector-* pgvector_* \
    && apt-get "${private[@]}" source -qq "pgvector=$PGVECTOR_VERSION" >&2)
  local src
  src="$(find "$CACHE/src" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  make -s -C "$src" PG_CONFIG="$PG_BIN/pg_config" >&2
  make -s -C "$src" PG_CONFIG="$PG_BIN/pg_config" install >&2
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if [[ -f "$STATE/port" ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
    log "already running"
    echo "export ELAVIRA_PGVECTOR_URL=jdbc:postgresql://127.0.0.1:$(cat "$STATE/port")/postgres?user=postgres"
    return
  fi
  install_server
  install_pgvector
  rm -rf "$STATE"
  mkdir -p "$STATE/data" "$STATE/sock"
  chown -R postgres:postgres "$STATE"
  local port
  port="$(free_port)"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$STATE/data" --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
    -o "-p $port -k $STATE/sock -c listen_addresses=127.0.0.1" start >&2
  echo "$port" >"$STATE/port"
  runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q \
    -c 'CREATE EXTENSION IF NOT EXISTS vector' >&2
  log "PostgreSQL + pgvector on 127.0.0.1:$port (postmaster PID $(head -n 1 "$STATE/data/postmaster.pid"))"
  echo "export ELAVIRA_PGVECTOR_URL=jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
}

stop() {
  if [[ -f "$STATE/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
