#!/usr/bin/env bash
# Headless Chromium for the browser tests of the reference server's web UI (issue 11): the Debian
# packages `chromium` and `chromium-driver`, installed when missing. No browser or driver is ever
# downloaded by the tests themselves (Selenium is pointed at these two executables).
#   eval "$(.ci/chromium.sh install)"   # prints: export ELAVIRA_CHROMIUM=... ELAVIRA_CHROMEDRIVER=...
# Needs root (apt-get) and the Debian mirror.
set -euo pipefail

log() { echo "chromium: $*" >&2; }

case "${1:-}" in
  install)
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
      log "installing chromium and chromium-driver from Debian"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver >&2
    fi
    log "$(chromium --version 2>/dev/null | sed -n 1p)"
    echo "export ELAVIRA_CHROMIUM=$(command -v chromium) ELAVIRA_CHROMEDRIVER=$(command -v chromedriver)"
    ;;
  *)
    echo "usage: $0 install" >&2
    exit 2
    ;;
esac
