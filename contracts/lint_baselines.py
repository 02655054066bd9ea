"""The baselines beside the contract are read by every run, so lint reads them too: the
accessibility baseline (YAML) and the density baseline (JSON), with the same `file:line: field:
message` problems the contract gets, and route ids checked against the contract's routes."""

from __future__ import annotations

from pathlib import Path

from contracts.baseline import check_a11y_baseline, check_density_baseline
from contracts.draft import Draft


def lint_baselines(draft: Draft, directory: Path) -> None:
    """Problems of both baseline files (a missing file is an empty baseline). A settings section
    that did not validate names no file: its own problems are reported instead."""
    known = draft.known("routes")
    routes = frozenset(known) if known is not None else None
    accessibility = draft.models.get("accessibility")
    if accessibility is not None:
        draft.issues.extend(check_a11y_baseline(directory / accessibility.baseline, routes)[1])
    placeholders = draft.models.get("placeholders")
    # A .yaml density baseline is already reported by lint_settings (the loader reads it as
    # contract); reading it as JSON too would only repeat that.
    if placeholders is not None and not placeholders.density.baseline.endswith((".yaml", ".yml")):
        path = directory / placeholders.density.baseline
        draft.issues.extend(check_density_baseline(path, routes)[1])
