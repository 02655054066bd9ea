"""Start and stop the embedded reference target as a child process on a free loopback port."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

READY_TIMEOUT_S = 10.0


class TargetStartError(RuntimeError):
    pass


@dataclass
class ReferenceProcess:
    log_path: Path
    faults: tuple[str, ...] = ()
    latency: str | None = None
    scale: str | None = None
    seed: str | None = None
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
        return cmd

    def start(self) -> str:
        began = time.monotonic()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        # stdout carries the one "listening on URL" line; everything else goes to the log.
        self._proc = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=log)
        assert self._proc.stdout is not None
        line = self._read_line_bounded(began)
        if not line.startswith("listening on "):
            self.stop()
            raise TargetStartError(
                f"reference target did not start ({' '.join(self.command())}): "
                f"{line or 'no output'}; see {self.log_path}"
            )
        self.base_url = line.removeprefix("listening on ").strip()
        self._wait_healthy(began)
        self.started_in_s = time.monotonic() - began
        return self.base_url

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
