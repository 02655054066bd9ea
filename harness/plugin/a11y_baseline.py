"""The per-route baseline of accepted accessibility violations, kept beside the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contracts import load_a11y_baseline, write_a11y_baseline
from harness.capture.snapshot import RouteSnapshot


@dataclass
class A11yBaseline:
    path: Path
    update: bool = False
    _accepted: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    _seen: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._accepted = load_a11y_baseline(self.path) if self.path.exists() else {}

    def accepted(self, route_id: str) -> set[tuple[str, str]]:
        if self.update:  # rewriting: everything seen now becomes the baseline
            return self._seen.get(route_id, set())
        return self._accepted.get(route_id, set())

    def record(self, route_id: str, snap: RouteSnapshot) -> None:
        self._seen[route_id] = {(v.rule, t) for v in snap.a11y or () for t in v.targets}

    def save(self) -> None:
        if self.update:
            merged = {**self._accepted, **self._seen}
            write_a11y_baseline(self.path, {k: v for k, v in merged.items() if v})
