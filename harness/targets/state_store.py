"""Saved Playwright storage states, one per target and role, under a git-ignored folder
(`.auth/` by default): written owner-only (0600), reused while they are still valid.

A state is valid while it is younger than the contract's `reuse_for`, none of its cookies has
expired, and it was made for the same base URL with the same credentials (a fingerprint, not the
credentials, is kept beside it)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_AUTH_DIR = Path(".auth")


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def write_private(path: Path, text: str) -> None:
    """Write atomically with mode 0600 from the first byte (never world-readable, not even
    between a write and a chmod)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.replace(tmp, path)


@dataclass(frozen=True)
class StateStore:
    root: Path
    base_url: str

    @property
    def folder(self) -> Path:
        parts = urlsplit(self.base_url)
        host = (parts.hostname or "target") + (f"_{parts.port}" if parts.port else "")
        return self.root / host

    def path(self, role: str) -> Path:
        return self.folder / f"{role}.json"

    def _meta_path(self, role: str) -> Path:
        return self.folder / f"{role}.meta.json"

    def save(self, role: str, state: dict[str, Any], credentials_print: str) -> Path:
        path = self.path(role)
        write_private(path, json.dumps(state))
        meta = {"base_url": self.base_url, "saved_at": time.time(),
                "credentials": credentials_print}
        write_private(self._meta_path(role), json.dumps(meta))
        return path

    def valid(self, role: str, credentials_print: str, reuse_for_s: float) -> Path | None:
        """The saved state of `role` when it may be reused, else None."""
        path = self.path(role)
        try:
            meta = json.loads(self._meta_path(role).read_text())
            state = json.loads(path.read_text())
        except (OSError, ValueError):
            return None
        if (meta.get("base_url") != self.base_url
                or meta.get("credentials") != credentials_print
                or time.time() - float(meta.get("saved_at", 0)) > reuse_for_s):
            return None
        now = time.time()
        for cookie in state.get("cookies", []):
            expires = cookie.get("expires", -1)
            if expires not in (-1, None) and float(expires) <= now:
                return None
        return path

    def age_s(self, role: str) -> float | None:
        try:
            meta = json.loads(self._meta_path(role).read_text())
        except (OSError, ValueError):
            return None
        return time.time() - float(meta.get("saved_at", 0))

    def forget(self, role: str) -> None:
        for path in (self.path(role), self._meta_path(role)):
            path.unlink(missing_ok=True)
