"""One registry of named checks. A check is a small pure function from a contract entry and what
the browser saw (a snapshot) to findings; it never drives the browser itself, so every check is
testable on hand-built snapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.checks.findings import Finding, FindingsError, errors

CheckFunc = Callable[..., list[Finding]]

# Readiness gates a check can feed; the readiness report is computed per gate.
GATES = (
    "mapped", "v3-live", "shell", "local-nav", "back-link", "placeholder", "lifecycle",
    "accessibility", "parity", "navigation", "compat",
)


@dataclass(frozen=True)
class Check:
    name: str
    gate: str
    title: str
    why: str
    func: CheckFunc

    def __call__(self, *args: Any, **kwargs: Any) -> list[Finding]:
        return self.func(*args, **kwargs)


REGISTRY: dict[str, Check] = {}


def check(name: str, *, gate: str, title: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register `func` under `name`; its docstring's first line says why the check exists."""
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}")

    def register(func: CheckFunc) -> CheckFunc:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        why = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        REGISTRY[name] = Check(name=name, gate=gate, title=title, why=why, func=func)
        return func

    return register


def get(name: str) -> Check:
    _load_builtin_checks()
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no check named {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def run(name: str, *args: Any, **kwargs: Any) -> list[Finding]:
    return get(name)(*args, **kwargs)


def expect_clean(name: str, *args: Any, **kwargs: Any) -> list[Finding]:
    """Run a check and fail the calling test with every error finding at once."""
    found = run(name, *args, **kwargs)
    bad = errors(found)
    if bad:
        raise FindingsError(bad, get(name).why)
    return found


def _load_builtin_checks() -> None:
    # Importing the modules registers their checks.
    from harness.checks import cutover, lifecycle, navigation, quality  # noqa: F401
