"""Facts about a run that the readiness dashboard shows beside its verdict: when it ran, at which
commit, and exactly which contract it judged (a digest, so two runs are comparable only when
their contracts are)."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def now_utc() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def git_commit(where: Path) -> str | None:
    """The commit checked out at `where` (with `+dirty` when the tree has changes), or None
    outside git or without git installed."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=where,
                              capture_output=True, text=True, timeout=10, check=False)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=where, capture_output=True, text=True, timeout=10,
                               check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def contract_digest(directory: Path) -> str:
    """sha256 (first 12 hex digits) over the contract's YAML files, by name and content."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.y*ml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def without_userinfo(url: str) -> str:
    """The URL as reports may show it: any user name and password removed."""
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    return urlunsplit(parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host))
