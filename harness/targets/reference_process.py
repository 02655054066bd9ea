"""Start and stop the embedded reference target as a child process on a free loopback port."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

READY_TIMEOUT_S = 10.0


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: Linux sends it SIGTERM when its parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop() at session end still stops it
        pass


USAGE_EXIT = 2  # argparse's exit code for bad options


class TargetStartError(RuntimeError):
    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage  # bad options given by the user, not a broken target


@dataclass
class ReferenceProcess:
    log_path: Path
    faults: tuple[str, ...] = ()
    latency: str | None = None
    scale: str | None = None
    seed: str | None = None
    # Form-login mode: role id -> password (given to the child as REFERENCE_PASSWORD_<ROLE>,
    # never on its command line, which `ps` and logs show).
    login_passwords: dict[str, str] | None = None
    session_ttl_s: float | None = None
    base_url: str = ""
    started_in_s: float = 0.0
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "reference_target", "--host", "127.0.0.1", "--port", "0"]
        for fault in self.faults:
            cmd += ["--fault", fault]
        if self.latency:
            cmd += ["--latency", self.latency]
        if self.scale:
            cmd += ["--scale", self.scale]
        if self.seed:
            cmd += ["--seed", self.seed]
        if self.login_passwords is not None:
            cmd += ["--login"]
        if self.session_ttl_s is not None:
            cmd += ["--session-ttl", str(self.session_ttl_s)]
        return cmd

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for role, password in (self.login_passwords or {}).items():
            env[f"REFERENCE_PASSWORD_{role.upper()}"] = password
        return env

    def start(self) -> str:
        began = time.monotonic()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        # stdout carries the one "listening on URL" line; everything else goes to the log.
        # Its own session keeps a terminal's Ctrl-C for the suite; the parent-death signal stops
        # it even when the suite is killed outright (SIGKILL runs no cleanup of ours).
        self._proc = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=log,
                                      start_new_session=True, preexec_fn=_die_with_parent,
                                      env=self.environment())
        assert self._proc.stdout is not None
        line = self._read_line_bounded(began)
        if not line.startswith("listening on "):
            code = self._exit_code()
            self.stop()
            said = self.log_tail(lines=1).strip()
            if code == USAGE_EXIT:  # its own argument check refused an option we passed on
                raise TargetStartError(f"reference target refused its options: {said}",
                                       usage=True)
            raise TargetStartError(
                f"reference target did not start ({' '.join(self.command())}): "
                f"{said or line or 'no output'}; see {self.log_path}"
            )
        self.base_url = line.removeprefix("listening on ").strip()
        self._wait_healthy(began)
        self.started_in_s = time.monotonic() - began
        return self.base_url

    def _exit_code(self) -> int | None:
        """The child's exit code when it has ended (or ends within a moment), else None."""
        assert self._proc is not None
        try:
            return self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def _read_line_bounded(self, began: float) -> str:
        import selectors

        assert self._proc is not None and self._proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self._proc.stdout, selectors.EVENT_READ)
        remaining = READY_TIMEOUT_S - (time.monotonic() - began)
        if not sel.select(timeout=max(remaining, 0.1)):
            return ""
        return self._proc.stdout.readline().decode(errors="replace").strip()

    def _wait_healthy(self, began: float) -> None:
        while True:
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() - began > READY_TIMEOUT_S:
                self.stop()
                raise TargetStartError(
                    f"reference target at {self.base_url} not healthy after "
                    f"{READY_TIMEOUT_S:.0f} s; see {self.log_path}"
                )
            time.sleep(0.05)  # polling a child process's port, not waiting on a page

    def stop(self) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=5)
        self._proc = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])
