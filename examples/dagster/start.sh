#!/usr/bin/env bash
# Install (once) and start Dagster's web UI (dagster-webserver: a React single-page app whose data
# comes from POST /graphql) on 127.0.0.1:$PORT, with the example's definitions (app/defs.py) and
# an instance seeded with two finished runs: the client-rendered example target of cutover.
#
#   examples/dagster/start.sh            # then: cutover suite against http://127.0.0.1:$PORT
#
# Environment:
#   PORT            port on 127.0.0.1 (default 3000)
#   EXAMPLE_FAULTS  comma list of faults injected through the app's own definitions:
#                   no-sensor (the sensor is removed from the code location)
#   EXAMPLE_HOME    where the venv and the instance live (default: a per-user cache dir, so
#                   nothing is written into the repository)
#
# Idempotent: the pinned packages are installed only when missing. The instance is rebuilt at
# every start (same jobs and assets; run ids are new). The server is exec'd, so this script's
# PID is the server's.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${EXAMPLE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cutover-examples/dagster}"
VENV="$HOME_DIR/venv"  # made by install_pinned
PORT="${PORT:-3000}"
STATE="$HOME_DIR/state-$PORT"
DAGSTER_VERSION=1.13.28

source "$HERE/../install_pinned.sh"
install_pinned "$HOME_DIR" "dagster==$DAGSTER_VERSION" "dagster-webserver==$DAGSTER_VERSION"
rm -rf "$STATE"
mkdir -p "$STATE"
export DAGSTER_HOME="$STATE" EXAMPLE_FAULTS="${EXAMPLE_FAULTS:-}"
# Stock settings: the UI loads Dagster's telemetry script from dagster.io, which a machine
# without internet cannot reach (the contract's console allow-list accepts it, reported).
"$VENV/bin/python" "$HERE/app/seed.py" >"$STATE/seed.log" 2>&1
exec "$VENV/bin/dagster-webserver" -h 127.0.0.1 -p "$PORT" -f "$HERE/app/defs.py"
