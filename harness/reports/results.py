"""The results file format: every test's outcome keyed by its contract ids, one JSON file per
xdist worker and per shard, merged without losing or double-counting anything. The pytest side
that fills it is harness.plugin.results_collector; readiness reads its rows typed (`ResultRow`),
validated when the file is read."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from harness.checks.evidence import CheckEvidence

SCHEMA = "cutover-results/1"

Outcome = Literal["passed", "failed", "skipped", "error"]


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
    outcome: Outcome
    messages: list[str] = field(default_factory=list)
    # each failing finding's fields (subject, source, expected, found, url, check): the dashboard
    # links the contract file:line and shows expected/found without parsing messages
    findings: list[dict[str, str | None]] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    # what the test's check recorded beside its findings (harness.checks.evidence), whatever the
    # outcome: readiness reads inbound V1 links, densities and parity comparisons here
    evidence: CheckEvidence = field(default_factory=lambda: CheckEvidence())
    # the test's JUnit properties (record_property), as text; no report reads them
    properties: dict[str, str] = field(default_factory=dict)
    duration_s: float = 0.0


class MergeError(ValueError):
    pass


@cache
def _rows_adapter() -> TypeAdapter[list[ResultRow]]:
    return TypeAdapter(list[ResultRow])


def read_rows(raw: Iterable[Mapping[str, object]]) -> list[ResultRow]:
    """Rows as a results file holds them, typed; rows of the old form are read too. Raises
    ValueError (pydantic's ValidationError) on a row of the wrong shape."""
    return _rows_adapter().validate_python([_upgraded(r) for r in raw])


# Results files written before rows carried their check's evidence kept it among the test's
# JUnit properties, as text: the linked V1 routes space-separated, density and parity as JSON.
# Readiness still reads those files (a paired v1compat run, an older run's report rebuilt).
_OLD_EVIDENCE_PROPERTIES: dict[str, Callable[[str], object]] = {
    "v1_links": str.split, "density": json.loads, "parity": json.loads}


def _upgraded(row: Mapping[str, object]) -> Mapping[str, object]:
    properties = row.get("properties")
    if "evidence" in row or not isinstance(properties, dict):
        return row
    old = {k: v for k, v in properties.items() if k in _OLD_EVIDENCE_PROPERTIES}
    if not old:
        return row
    return {**row,
            "evidence": {k: _OLD_EVIDENCE_PROPERTIES[k](str(v)) for k, v in old.items()},
            "properties": {k: v for k, v in properties.items() if k not in old}}


def load_results(paths: Iterable[Path]) -> tuple[list[ResultRow], dict[str, Any]]:
    """Merge results files (workers, shards). The same test in two files is an error unless
    both say the same thing, so nothing is double-counted or silently overwritten."""
    merged: dict[str, ResultRow] = {}
    meta: dict[str, Any] = {}
    selections: dict[str, None] = {}  # each file's -m expression, in order, once
    for path in paths:
        try:
            payload = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise MergeError(f"{path}: not a results file ({exc})") from None
        if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
            raise MergeError(f"{path}: not a {SCHEMA} file")
        raw, file_meta = payload.get("results"), payload.get("meta", {})
        if not isinstance(raw, list) or not isinstance(file_meta, dict) or not all(
                isinstance(r, dict) for r in raw):
            raise MergeError(f"{path}: {SCHEMA} file of the wrong shape (results must be a list "
                             "of rows with a nodeid and an outcome)")
        try:
            rows = read_rows(raw)
        except ValidationError as exc:
            raise MergeError(f"{path}: {SCHEMA} file of the wrong shape: "
                             f"{_first_error(exc)}") from None
        except ValueError as exc:  # an old-form property that is not the JSON it should be
            raise MergeError(f"{path}: {SCHEMA} file of the wrong shape: {exc}") from None
        for key, value in file_meta.items():
            meta.setdefault(key, value)
        if "markexpr" in file_meta:
            selections.setdefault(str(file_meta["markexpr"] or "(default)"), None)
        for row in rows:
            seen = merged.get(row.nodeid)
            if seen is not None and seen.outcome != row.outcome:
                raise MergeError(f"{path}: {row.nodeid} appears twice with different outcomes "
                                 f"({seen.outcome} and {row.outcome})")
            merged[row.nodeid] = row
    if len(selections) > 1:  # a default run's files merged with a v1compat run's: both hold
        meta["markexpr"] = " + ".join(selections)
    return list(merged.values()), meta


def _first_error(exc: ValidationError) -> str:
    """Where the first bad value is (`results[3].outcome`) and what is wrong with it."""
    error = exc.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"results{where}: {error['msg']}{more}"


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
