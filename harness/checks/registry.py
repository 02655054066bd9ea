"""One registry of named checks. A check is a small pure function of one signature,
`check(ctx: CheckContext[Entry, Seen]) -> findings`; it never drives the browser, so every check
is testable on hand-built observations. The registry stamps the check's name on its findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Generic

from contracts import Contract
from harness.checks.context import (
    CheckContext,
    CheckFunction,
    CheckSettings,
    EntryT,
    Judged,
    SeenT,
)
from harness.checks.findings import Finding, FindingsError, errors
from harness.checks.gates import GATE_IDS


@dataclass(frozen=True)
class Check(Generic[EntryT, SeenT]):
    name: str
    gate: str
    title: str
    why: str  # the first line of the function's docstring: why the check exists
    func: CheckFunction[EntryT, SeenT]

    def __call__(self, ctx: CheckContext[EntryT, SeenT]) -> list[Finding]:
        return [replace(f, check=self.name) for f in self.func(ctx)]


# Heterogeneous by design: each entry is precisely typed where it is defined. Filled when the
# check modules are imported, which harness/checks/__init__.py (the catalog) does.
REGISTRY: dict[str, Check[Any, Any]] = {}


def check(name: str, *, gate: str, title: str
          ) -> Callable[[CheckFunction[EntryT, SeenT]], Check[EntryT, SeenT]]:
    """Register the decorated function under `name`, feeding readiness gate `gate`."""
    if gate not in GATE_IDS:
        raise ValueError(f"check {name!r}: unknown gate {gate!r}")

    def register(func: CheckFunction[EntryT, SeenT]) -> Check[EntryT, SeenT]:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        doc = (func.__doc__ or "").strip()
        registered = Check(name=name, gate=gate, title=title,
                           why=doc.splitlines()[0] if doc else "", func=func)
        REGISTRY[name] = registered
        return registered

    return register


def get(name: str) -> Check[Any, Any]:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no check named {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def run(name: str, entry: Judged, seen: object, contract: Contract,
        settings: CheckSettings | None = None) -> list[Finding]:
    """Run a check by name on one entry and what was seen for it."""
    return get(name)(CheckContext(entry, seen, contract, settings or CheckSettings()))


def raise_errors(name: str, findings: list[Finding]) -> list[Finding]:
    """Fail the calling test with every error finding at once; warnings pass through."""
    bad = errors(findings)
    if bad:
        raise FindingsError(bad, get(name).why)
    return findings
