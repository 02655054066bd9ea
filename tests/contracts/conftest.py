"""Fixtures for the contract-layer tests: a private, editable copy of the V3 contract."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

V3 = Path(__file__).resolve().parents[2] / "contracts" / "v3"


@pytest.fixture
def contract_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """contracts/v3 copied to tmp_path/v3; cwd is tmp_path so issues read `v3/routes.yaml:12`."""
    shutil.copytree(V3, tmp_path / "v3")
    monkeypatch.chdir(tmp_path)
    return Path("v3")


@pytest.fixture
def edit(contract_copy: Path) -> Callable[[str, str, str], None]:
    """Replace the first occurrence of `old` (which must exist) in one contract file."""

    def apply(file: str, old: str, new: str) -> None:
        path = contract_copy / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not found in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def line_of(path: Path, line_text: str, nth: int = 1, after: str | None = None) -> int:
    """1-based number of the `nth` line equal to `line_text` (below the line `after`, if given)."""
    lines = path.read_text().splitlines()
    start = line_of(path, after) if after is not None else 0
    found = [i for i, line in enumerate(lines, 1) if line == line_text and i > start]
    assert len(found) >= nth, f"test setup: {line_text!r} x{nth} not in {path} after {after!r}"
    return found[nth - 1]


@pytest.fixture
def locate(contract_copy: Path) -> Callable[..., int]:
    def find(file: str, line_text: str, nth: int = 1, after: str | None = None) -> int:
        return line_of(contract_copy / file, line_text, nth, after)

    return find
