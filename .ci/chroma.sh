#!/usr/bin/env bash
# A throw-away Chroma server on 127.0.0.1 for the Chroma integration tests (facts:
# ../shared/SERVERS.md). Needs node/npm and the npm registry the first time.
#
#   eval "$(.ci/chroma.sh start)"   # installs once, starts, waits for the heartbeat, prints:
#                                    #   export ELAVIRA_CHROMA_URL=http://127.0.0.1:PORT
#   .ci/chroma.sh stop               # SIGTERM to the server's PID, deletes its data directory
#
# Only the export line goes to stdout; progress goes to stderr. The npm install and the data live
# under .ci/cache/chroma (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$PWD/.ci/cache/chroma"
STATE="$CACHE/state"
# Newer native bindings need glibc >= 2.38; this pair is the newest that loads on Debian 12.
PACKAGES=(chromadb@3.0.14 chromadb-js-bindings-linux-x64-gnu@1.0.5)

log() { echo "chroma.sh: $*" >&2; }

install() {
  if [[ -x "$CACHE/node_modules/.bin/chroma" ]]; then
    return
  fi
  log "installing ${PACKAGES[*]} from npm into $CACHE"
  mkdir -p "$CACHE"
  [[ -f "$CACHE/package.json" ]] || echo '{"name":"elavira-ci-chroma","private":true}' >"$CACHE/package.json"
  (cd "$CACHE" && npm install --save-exact --no-audit --no-fund --loglevel=error "${PACKAGES[@]}" >&2)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if [[ -f "$STATE/pid" ]] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
    log "already running"
    echo "export ELAVIRA_CHROMA_URL=http://127.0.0.1:$(cat "$STATE/port")"
    return
  fi
  install
  rm -rf "$STATE"
  mkdir -p "$STATE/data"
  local port
  port="$(free_port)"
  # The bin itself (a node script), not npx: its PID is the server's.
  nohup "$CACHE/node_modules/.bin/chroma" run --path "$STATE/data" --host 127.0.0.1 --port "$port" \
    >"$STATE/server.log" 2>&1 &
  echo $! >"$STATE/pid"
  echo "$port" >"$STATE/port"
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/api/v2/heartbeat" >/dev/null 2>&1; then
      log "Chroma on 127.0.0.1:$port (PID $(cat "$STATE/pid"))"
      echo "export ELAVIRA_CHROMA_URL=http://127.0.0.1:$port"
      return
    fi
    if ! kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  log "Chroma did not answer its heartbeat; log follows"
  cat "$STATE/server.log" >&2
  stop
  exit 1
}

stop() {
  if [[ -f "$STATE/pid" ]]; then
    local pid
    pid="$(cat "$STATE/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
