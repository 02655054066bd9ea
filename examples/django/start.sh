#!/usr/bin/env bash
# Install (once) and start the stock Django admin of a tiny "library" project on
# 127.0.0.1:$PORT, with seeded data and a superuser: an example target of cutover.
#
# Environment:
#   PORT                        port on 127.0.0.1 (default 8000)
#   DJANGO_SUPERUSER_USERNAME   required: the superuser (created or updated at each start)
#   DJANGO_SUPERUSER_PASSWORD   required: its password (never printed or written in clear)
#   EXAMPLE_FAULTS              comma list of faults injected through the project's own settings
#                               and URLconf: no-sidebar, hide-loan, no-legacy-redirects,
#                               legacy-wrong-target, broken-breadcrumbs
#   EXAMPLE_HOME                where the venv and the SQLite files live (default: a per-user
#                               cache dir, so nothing is written into the repository)
#
# Idempotent: Django is installed only when the pinned version is missing; migrations and sample
# data are built once into a template database (rebuilt when the project's sources change) and
# every start copies it, so each run begins from the same rows. The server is exec'd.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${PORT:-8000}"
HOME_DIR="${EXAMPLE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cutover-examples/django}"
VENV="$HOME_DIR/venv"
STATE="$HOME_DIR/state-$PORT"
DJANGO_VERSION=5.2.19

: "${DJANGO_SUPERUSER_USERNAME:?set DJANGO_SUPERUSER_USERNAME}"
: "${DJANGO_SUPERUSER_PASSWORD:?set DJANGO_SUPERUSER_PASSWORD}"

mkdir -p "$STATE"
source "$HERE/../install_pinned.sh"
install_pinned "$HOME_DIR" "Django==$DJANGO_VERSION"

PY="$VENV/bin/python"
MANAGE="$HERE/app/manage.py"
export PYTHONDONTWRITEBYTECODE=1 DJANGO_SETTINGS_MODULE=examplesite.settings

key="$DJANGO_VERSION-$(cd "$HERE/app" && find . -name '*.py' -not -path './faults/*' | sort | xargs cat | sha256sum | cut -c1-16)"
if [ "$(cat "$STATE/template.key" 2>/dev/null)" != "$key" ]; then
  rm -f "$STATE/template.sqlite3"
  EXAMPLE_DB="$STATE/template.sqlite3" EXAMPLE_FAULTS= "$PY" "$MANAGE" migrate --noinput -v 0
  EXAMPLE_DB="$STATE/template.sqlite3" EXAMPLE_FAULTS= "$PY" "$MANAGE" seed --data
  echo "$key" > "$STATE/template.key"
fi
cp "$STATE/template.sqlite3" "$STATE/db.sqlite3"
export EXAMPLE_DB="$STATE/db.sqlite3"
"$PY" "$MANAGE" seed --users

# DEBUG is off (plain 404/500 pages); --insecure lets runserver serve the admin's static files.
exec "$PY" "$MANAGE" runserver "127.0.0.1:$PORT" --noreload --insecure --skip-checks
