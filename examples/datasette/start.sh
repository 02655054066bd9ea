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

mkdir -p "$HOME_DIR"
# One installer at a time (two runs starting at once would race on the same venv).
exec 9>"$HOME_DIR/.install.lock"
flock 9
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" - <<PY 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(not (version("datasette") == "$DATASETTE_VERSION"
              and version("datasette-auth-passwords") == "$AUTH_VERSION"))
PY
then
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "datasette==$DATASETTE_VERSION" "datasette-auth-passwords==$AUTH_VERSION" >&2
fi
flock -u 9
exec 9>&-
mkdir -p "$STATE"
exec "$VENV/bin/python" "$HERE/app/launch.py" "$STATE" "$PORT"
