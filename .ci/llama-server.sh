#!/usr/bin/env bash
# Builds llama.cpp's llama-server once into a cache folder outside the repository, writes a tiny
# random-weight GGUF model, and starts the server on 127.0.0.1 with a free port.
#
#   .ci/llama-server.sh build            build (or reuse) the binary and the model; start nothing
#   .ci/llama-server.sh start ENV_FILE   build if needed, start the server, wait for /health, and
#                                        write to ENV_FILE: ELAVIRA_LLAMACPP_URL=... and
#                                        ELAVIRA_LLAMACPP_PID=... (also printed on stdout)
#   .ci/llama-server.sh stop ENV_FILE    stop the server started with that ENV_FILE (by its PID)
#
# Facts it relies on: /work/shared/SERVERS.md (the llama.cpp source ships inside the npm package
# node-llama-cpp@3.22.1 as a git bundle; no model weights can be downloaded).
set -euo pipefail

CACHE="${ELAVIRA_CI_CACHE:-$HOME/.cache/elavira-ci}/llama.cpp"
NODE_LLAMA_CPP_VERSION=3.22.1
JOBS="${ELAVIRA_CI_JOBS:-2}"
BIN="$CACHE/build/bin/llama-server"
MODEL="$CACHE/tiny-random.gguf"

log() { echo "llama-server.sh: $*" >&2; }

build() {
  mkdir -p "$CACHE"
  if [[ ! -x "$BIN" ]]; then
    log "building llama-server into $CACHE (once; 7-12 min on 2 cores)"
    local work="$CACHE/npm"
    rm -rf "$work" "$CACHE/src" "$CACHE/build"
    mkdir -p "$work"
    (cd "$work" && npm pack --silent "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >/dev/null)
    tar -xzf "$work"/node-llama-cpp-*.tgz -C "$work"
    git clone --quiet "$work/package/llama/gitRelease.bundle" "$CACHE/src"
    cmake -S "$CACHE/src" -B "$CACHE/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
      -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF \
      -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >"$CACHE/cmake.log" 2>&1
    cmake --build "$CACHE/build" --target llama-server -j "$JOBS" >"$CACHE/build.log" 2>&1
    rm -rf "$work"
  fi
  if [[ ! -s "$MODEL" ]]; then
    log "writing the tiny random-weight model $MODEL"
    PYTHONPATH="$CACHE/src/gguf-py" python3 "$(dirname "$0")/tiny-gguf.py" "$MODEL.tmp"
    mv "$MODEL.tmp" "$MODEL"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local env_file="$1"
  build
  local port; port="$(free_port)"
  "$BIN" -m "$MODEL" --host 127.0.0.1 --port "$port" -c 512 --embeddings --pooling mean \
    --no-webui -t 1 >"$CACHE/server-$port.log" 2>&1 &
  local pid=$!
  local url="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    if curl -fsS "$url/health" >/dev/null 2>&1; then
      printf 'ELAVIRA_LLAMACPP_URL=%s\nELAVIRA_LLAMACPP_PID=%s\n' "$url" "$pid" | tee "$env_file"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "llama-server exited; see $CACHE/server-$port.log"
      return 1
    fi
    sleep 0.2
  done
  log "llama-server did not become healthy within 60 s; see $CACHE/server-$port.log"
  kill "$pid" 2>/dev/null || true
  return 1
}

stop() {
  local env_file="$1"
  [[ -f "$env_file" ]] || return 0
  local pid; pid="$(sed -n 's/^ELAVIRA_LLAMACPP_PID=//p' "$env_file")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
  fi
  rm -f "$env_file"
}

case "${1:-}" in
  build) build ;;
  start) start "${2:?usage: $0 start ENV_FILE}" ;;
  stop) stop "${2:?usage: $0 stop ENV_FILE}" ;;
  *) echo "usage: $0 build | start ENV_FILE | stop ENV_FILE" >&2; exit 2 ;;
esac
