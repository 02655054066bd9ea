#!/usr/bin/env bash
# Run the UNCHANGED default suite against one example app: start it on a free loopback port
# (installing it on first use), log in through its contract's `auth` section with a throwaway
# password made here, run `pytest suites --contracts=examples/<app>/contract --target url`, stop.
#
#   examples/run.sh datasette [PYTEST ARGS...]     (make examples runs every example)
set -euo pipefail
APP="$1"; shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="$("$ROOT/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export PORT
case "$APP" in
  datasette) export DATASETTE_USERNAME=reader
             DATASETTE_PASSWORD="$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))')"
             export DATASETTE_PASSWORD ;;
  django) export DJANGO_SUPERUSER_USERNAME=admin
          DJANGO_SUPERUSER_PASSWORD="$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))')"
          export DJANGO_SUPERUSER_PASSWORD ;;
  dagster) ;;  # Dagster OSS has no login
  *) echo "examples/run.sh: unknown example '$APP'" >&2; exit 2 ;;
esac
LOG="$(mktemp -t "cutover-example-$APP.XXXXXX.log")"
setsid "$ROOT/examples/$APP/start.sh" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill -- -"$SERVER" 2>/dev/null || true' EXIT
# First use installs the app (pip): bounded at 240 s.
for _ in $(seq 960); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "examples/run.sh: $APP exited; see $LOG" >&2; exit 1; }
  sleep 0.25
done
cd "$ROOT"
.venv/bin/pytest suites "--contracts=examples/$APP/contract" --target=url \
  "--base-url=http://127.0.0.1:$PORT" "--results-dir=reports/examples/$APP" "$@"
