"""Quality gates on every canonical route: no placeholder or fallback content, and no new serious
accessibility violations."""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from harness.capture.snapshot import RouteSnapshot
from harness.checks.findings import Finding
from harness.checks.registry import check


def _f(name: str, route: Any, snap: RouteSnapshot, expected: str, found: str,
       severity: str = "error") -> Finding:
    return Finding(check=name, subject=route.id, source=str(route.source),
                   url=snap.final_url or None, expected=expected, found=found,
                   severity=severity)  # type: ignore[arg-type]


def _excerpt(text: str, match: re.Match[str], width: int = 40) -> str:
    start, end = max(match.start() - width, 0), min(match.end() + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@check("placeholder", gate="placeholder", title="No placeholder or fallback content")
def placeholder(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """A page that still says "Coming soon" or shows a V1 fallback banner is not retire-ready."""
    out = []
    for pattern in contract.placeholders.patterns:
        regex = re.compile(pattern.regex)
        for node in snap.texts:
            m = regex.search(node.text)
            if m:
                out.append(_f("placeholder", route, snap, f"no text matching '{pattern.id}'",
                              f"{_excerpt(node.text, m)!r} in {node.element}"))
    for element in snap.placeholder_elements:
        out.append(_f("placeholder", route, snap, "no placeholder/fallback element",
                      f"{element}"))
    return out


@check("accessibility", gate="accessibility", title="No new serious accessibility violations")
def accessibility(route: Any, snap: RouteSnapshot, contract: Any,
                  baseline: Set[tuple[str, str]]) -> list[Finding]:
    """Retired V1 pages must not be replaced by pages some users cannot operate."""
    if snap.a11y is None:
        return [_f("accessibility", route, snap, "an axe-core scan of the page", "no scan")]
    fail_on = set(contract.accessibility.fail_impacts)
    out = []
    for v in snap.a11y:
        for target in v.targets or ("(page)",):
            known = (v.rule, target) in baseline
            severe = v.impact in fail_on
            severity = "error" if severe and not known else "warning"
            note = " (baselined)" if known else ""
            out.append(_f("accessibility", route, snap,
                          f"no {v.impact} violation of {v.rule}{note}",
                          f"{v.rule} [{v.impact}] at {target}: {v.help} ({v.help_url})",
                          severity))
    return out
