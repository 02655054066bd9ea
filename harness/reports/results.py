"""The results file format: every test's outcome keyed by its contract ids, one JSON file per
xdist worker and per shard, merged without losing or double-counting anything. The pytest side
that fills it is harness.plugin.results_collector."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = "cutover-results/1"


@dataclass
class ResultRow:
    nodeid: str
    test: str  # the test function
    subject: str | None  # contract id the test was parametrized with
    subject_kind: str | None  # which contract set: route, drilldown, legacy_redirect, ...
    check: str | None
    gate: str | None
    suite: str | None
    family: str | None
    outcome: str  # passed | failed | skipped | error
    messages: list[str] = field(default_factory=list)
    # each failing finding's fields (subject, source, expected, found, url, check): the dashboard
    # links the contract file:line and shows expected/found without parsing messages
    findings: list[dict[str, str | None]] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    duration_s: float = 0.0


class MergeError(ValueError):
    pass


def load_results(paths: Iterable[Path]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Merge results files (workers, shards). The same test in two files is an error unless
    both say the same thing, so nothing is double-counted or silently overwritten."""
    merged: dict[str, dict[str, Any]] = {}
    meta: dict[str, Any] = {}
    selections: dict[str, None] = {}  # each file's -m expression, in order, once
    for path in paths:
        try:
            payload = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise MergeError(f"{path}: not a results file ({exc})") from None
        if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
            raise MergeError(f"{path}: not a {SCHEMA} file")
        rows, file_meta = payload.get("results"), payload.get("meta", {})
        if not isinstance(rows, list) or not isinstance(file_meta, dict) or not all(
                isinstance(r, dict) and isinstance(r.get("nodeid"), str)
                and isinstance(r.get("outcome"), str) for r in rows):
            raise MergeError(f"{path}: {SCHEMA} file of the wrong shape (results must be a list "
                             "of rows with a nodeid and an outcome)")
        for key, value in file_meta.items():
            meta.setdefault(key, value)
        if "markexpr" in file_meta:
            selections.setdefault(str(file_meta["markexpr"] or "(default)"), None)
        for row in rows:
            seen = merged.get(row["nodeid"])
            if seen is not None and seen["outcome"] != row["outcome"]:
                raise MergeError(f"{path}: {row['nodeid']} appears twice with different outcomes "
                                 f"({seen['outcome']} and {row['outcome']})")
            merged[row["nodeid"]] = row
    if len(selections) > 1:  # a default run's files merged with a v1compat run's: both hold
        meta["markexpr"] = " + ".join(selections)
    return list(merged.values()), meta


def write_results(path: Path, payload: dict[str, Any], secrets: Iterable[str]) -> Path:
    """Write one results file atomically, with every known secret value masked."""
    text = json.dumps({"schema": SCHEMA, **payload}, indent=1)
    for secret in secrets:
        if secret:
            text = text.replace(json.dumps(secret)[1:-1], "***")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
    return path
