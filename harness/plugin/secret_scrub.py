"""The last line of defence for credentials: after the run, every file it wrote (results and
reports, pytest-playwright's traces and screenshots folder, JUnit XML, Allure results) has each
known secret value replaced by `***` -- inside trace zips too, which record request headers and
cookies verbatim.

The values come from the run itself: passwords and token headers read from the environment,
header values of the target, and the session cookies of the storage states in use."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

MASK = b"***"
# Pictures hold pixels, not text: a typed password shows as dots. Rewriting them could only
# corrupt them.
SKIP_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webm", ".gif", ".webp"})
MIN_SECRET_LEN = 4  # shorter values would mask ordinary text and hide nothing


def _mask(data: bytes, secrets: list[bytes]) -> bytes:
    for secret in secrets:
        data = data.replace(secret, MASK)
    return data


def _scrub_zip(path: Path, secrets: list[bytes]) -> bool:
    try:
        with zipfile.ZipFile(path) as zin:
            entries = [(info, zin.read(info)) for info in zin.infolist()]
    except (zipfile.BadZipFile, OSError):
        return False
    masked = [(info, _mask(data, secrets)) for info, data in entries]
    if all(a[1] == b[1] for a, b in zip(entries, masked, strict=True)):
        return False
    tmp = path.with_name(f".{path.name}.scrub")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in masked:
            zout.writestr(info, data)
    os.replace(tmp, path)
    return True


def _scrub_file(path: Path, secrets: list[bytes]) -> bool:
    if path.suffix.lower() == ".zip":
        return _scrub_zip(path, secrets)
    try:
        data = path.read_bytes()
    except OSError:
        return False
    masked = _mask(data, secrets)
    if masked == data:
        return False
    path.write_bytes(masked)
    return True


def scrub(roots: Iterable[Path], secrets: Iterable[str]) -> list[Path]:
    """Mask `secrets` in every file under `roots` (files or folders); the files changed."""
    values = sorted({s.encode() for s in secrets if len(s) >= MIN_SECRET_LEN},
                    key=len, reverse=True)  # longest first: a secret containing another
    if not values:
        return []
    changed: list[Path] = []
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.suffix.lower() not in SKIP_SUFFIXES and _scrub_file(path, values):
                changed.append(path)
    return changed
