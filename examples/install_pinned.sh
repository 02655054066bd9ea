# Sourced by an example's start.sh: `install_pinned HOME_DIR PKG==VERSION...` makes
# HOME_DIR/venv hold exactly those pinned packages, installing only what is missing or at another
# version. One installer at a time (two runs starting at once would race on the same venv).
install_pinned() {
  local home="$1"; shift
  mkdir -p "$home"
  exec 9>"$home/.install.lock"
  flock 9
  [ -x "$home/venv/bin/python" ] || python3 -m venv "$home/venv"
  if ! "$home/venv/bin/python" - "$@" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(not all(version(p.split("==")[0]) == p.split("==")[1] for p in sys.argv[1:]))
PY
  then
    "$home/venv/bin/pip" install -q --disable-pip-version-check "$@" >&2
  fi
  flock -u 9
  exec 9>&-
}
