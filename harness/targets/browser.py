"""Which Chromium the suite drives, and how a fresh machine gets one.

Order of preference: the executable named by CUTOVER_CHROMIUM; Playwright's own Chromium when
its download succeeded; a system Chromium on PATH. `python -m harness.targets.browser provision`
(run by `make`) tries Playwright's download first and falls back to the system package when it
cannot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "CUTOVER_CHROMIUM"
# This machine's network is closed (and CI's may be): keep Chromium from calling home.
QUIET_ARGS = ("--disable-background-networking", "--disable-component-update", "--no-first-run",
              "--disable-sync")
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class BrowserChoice:
    source: str  # "CUTOVER_CHROMIUM" | "playwright" | "system"
    executable: str

    @property
    def launch_path(self) -> str | None:
        """The executable_path to pass to launch(); None lets Playwright use its own build."""
        return None if self.source == "playwright" else self.executable

    def describe(self) -> str:
        return f"{self.executable} ({self.source})"


class NoBrowserError(RuntimeError):
    pass


def _playwright_browsers_dir() -> Path:
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH", "")
    if configured and configured != "0":
        return Path(configured)
    return Path.home() / ".cache" / "ms-playwright"


def playwright_chromium() -> str | None:
    """Path of Playwright's bundled Chromium when it is installed, else None."""
    if os.environ.get("PLAYWRIGHT_BROWSERS_PATH") != "0" and not any(
            _playwright_browsers_dir().glob("chromium*")):
        return None  # nothing was ever downloaded: skip starting Playwright's driver to ask
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # playwright not installed: no bundled browser either
        return None
    with sync_playwright() as pw:
        path = pw.chromium.executable_path
    return path if path and Path(path).is_file() else None


def engine_installed(engine: str) -> bool:
    """Whether Playwright downloaded its own build of `engine` (firefox, webkit) here."""
    return any(_playwright_browsers_dir().glob(f"{engine}-*"))


def system_chromium() -> str | None:
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def resolve() -> BrowserChoice:
    explicit = os.environ.get(ENV_VAR, "").strip()
    if explicit:
        if not (Path(explicit).is_file() and os.access(explicit, os.X_OK)):
            raise NoBrowserError(f"{ENV_VAR}={explicit} is not an executable file")
        return BrowserChoice(ENV_VAR, explicit)
    bundled = playwright_chromium()
    if bundled:
        return BrowserChoice("playwright", bundled)
    system = system_chromium()
    if system:
        return BrowserChoice("system", system)
    raise NoBrowserError(
        "no Chromium found: run `make e2e` (it installs one), install Debian's `chromium`, "
        f"or set {ENV_VAR} to a Chromium executable"
    )


def _run(cmd: list[str], timeout: float) -> bool:
    """Run quietly; on failure show only the last lines, which say why."""
    print("+", " ".join(cmd), flush=True)
    try:
        done = subprocess.run(cmd, timeout=timeout, check=False, capture_output=True, text=True)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"  failed: {exc}", flush=True)
        return False
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        print("  failed:", *tail, sep="\n    ", flush=True)
    return done.returncode == 0


def provision(with_deps: bool = False) -> BrowserChoice:
    """Make sure a Chromium exists, preferring Playwright's build, and say which one.
    `with_deps` also installs its system libraries (`playwright install --with-deps`), as a CI
    runner needs."""
    if os.environ.get(ENV_VAR) or playwright_chromium():
        return resolve()
    deps = ["--with-deps"] if with_deps else []
    if _run([sys.executable, "-m", "playwright", "install", *deps, "chromium"], timeout=600):
        return resolve()
    print("Playwright's Chromium download failed; falling back to a system Chromium.", flush=True)
    if not system_chromium() and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            print("+", " ".join(cmd), flush=True)
            subprocess.run(cmd, env=env, timeout=900, check=False)
    return resolve()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with_deps = "--with-deps" in args
    args = [a for a in args if a != "--with-deps"]
    if args[:1] != ["provision"] or len(args) not in (1, 2):
        print("usage: python -m harness.targets.browser provision [--with-deps] [RECORD_FILE]",
              file=sys.stderr)
        return 2
    try:
        choice = provision(with_deps)
    except NoBrowserError as exc:
        print(f"cutover: {exc}", file=sys.stderr)
        return 1
    print(f"browser: {choice.describe()}")
    if len(args) == 2:
        record = {"source": choice.source, "executable": choice.executable}
        Path(args[1]).write_text(json.dumps(record))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
