#!/usr/bin/env bash
# Install (once) and start Datasette on 127.0.0.1:$PORT with two seeded SQLite databases
# (fleet, weather): the smaller of the two example targets of cutover.
#
#   examples/datasette/start.sh            # then: cutover suite against http://127.0.0.1:$PORT
#
# Environment:
#   PORT                  port on 127.0.0.1 (default 8001)
#   EXAMPLE_FAULTS        comma list of faults injected through Datasette's own configuration:
#                         no-legacy-redirects, legacy-wrong-target, hide-voyages, no-crumbs
#   EXAMPLE_HOME          where the venv and the databases live (default: a per-user cache dir,
#                         so nothing is written into the repository)
#   DATASETTE_USERNAME    optional, with DATASETTE_PASSWORD: every page then needs that login
#   DATASETTE_PASSWORD    (datasette-auth-passwords); never printed or written
#
# Idempotent: the pinned packages are installed only when missing. The databases are rebuilt at
# every start (same rows, same ids). The server is exec'd, so this script's PID is the server's.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${EXAMPLE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cutover-examples/datasette}"
VENV="$HOME_DIR/venv"
STATE="$HOME_DIR/state-${PORT:-8001}"
PORT="${PORT:-8001}"
DATASETTE_VERSION=0.65.5
AUTH_VERSION=1.1.1

source "$HERE/../install_pinned.sh"
install_pinned "$HOME_DIR" "datasette==$DATASETTE_VERSION" \
  "datasette-auth-passwords==$AUTH_VERSION"
mkdir -p "$STATE"
exec "$VENV/bin/python" "$HERE/app/launch.py" "$STATE" "$PORT"
