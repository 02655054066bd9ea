"""Quality gates on every canonical route: no placeholder or fallback content, and no new serious
accessibility violations; and how console errors are sorted into defects and the ones the
contract accepts (`console.allow`), which the console gates share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass

from contracts import Route
from contracts.settings import ConsoleAllow, ConsoleSettings
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.evidence import CheckEvidence, ConsoleAccepted
from harness.checks.findings import Finding
from harness.checks.observations import ScannedPage
from harness.checks.registry import PAGE, check


def _excerpt(text: str, match: re.Match[str], width: int = 40) -> str:
    start, end = max(match.start() - width, 0), min(match.end() + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@check("placeholder", gate="placeholder", title="No placeholder or fallback content",
       reads=(PAGE,))
def placeholder(ctx: CheckContext[Route, RouteSnapshot]) -> list[Finding]:
    """A page that still says "Coming soon" or shows a V1 fallback banner is not retire-ready."""
    snap = ctx.seen
    url = snap.final_url or None
    out = []
    for pattern in ctx.contract.placeholders.patterns:
        regex = re.compile(pattern.regex)
        for node in snap.texts:
            m = regex.search(node.text)
            if m:
                out.append(ctx.finding(f"no text matching '{pattern.id}'",
                                       f"{_excerpt(node.text, m)!r} in {node.element}", url=url))
    out += [ctx.finding("no placeholder/fallback element", element, url=url)
            for element in snap.placeholder_elements]
    return out


def baselined(rule: str, target: str, baseline: Set[tuple[str, str]]) -> bool:
    """Whether the baseline accepts a violation: its rule at that target, where a baseline
    target with `*` is a glob (an app that numbers its elements as it renders them,
    `#checkbox-16` one run and `#checkbox-4` the next, is accepted as `#checkbox-*`)."""
    return (rule, target) in baseline or any(
        r == rule and "*" in t and _star_glob(t).fullmatch(target) for r, t in baseline)


def _star_glob(pattern: str) -> re.Pattern[str]:
    """Only `*` is special: a selector's `[attr="..."]` is no character class."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


@check("accessibility", gate="accessibility", title="No new serious accessibility violations",
       reads=(PAGE,))
def accessibility(ctx: CheckContext[Route, ScannedPage]) -> list[Finding]:
    """Retired V1 pages must not be replaced by pages some users cannot operate."""
    snap, baseline = ctx.seen.snapshot, ctx.seen.accepted
    url = snap.final_url or None
    if snap.a11y is None:
        return [ctx.finding("an axe-core scan of the page", "no scan", url=url)]
    fail_on = set(ctx.contract.accessibility.fail_impacts)
    out = []
    for v in snap.a11y:
        for target in v.targets or ("(page)",):
            known = baselined(v.rule, target, baseline)
            severe = v.impact in fail_on
            note = " (baselined)" if known else ""
            out.append(ctx.finding(
                f"no {v.impact} violation of {v.rule}{note}",
                f"{v.rule} [{v.impact}] at {target}: {v.help} ({v.help_url})", url=url,
                severity="error" if severe and not known else "warning"))
    return out


@dataclass(frozen=True)
class ConsoleVerdict:
    """A page's console errors sorted by the contract's `console.allow`: the defects, and per
    allow entry the errors it accepted (reported with its reason, never dropped)."""

    defects: tuple[str, ...]
    accepted: tuple[tuple[ConsoleAllow, tuple[str, ...]], ...]

    def evidence(self) -> CheckEvidence:
        if not self.accepted:
            return {}
        return {"console_accepted": [
            ConsoleAccepted(allow=entry.shown, reason=entry.reason, count=len(messages),
                            example=messages[0][:200])
            for entry, messages in self.accepted]}

    def describe_accepted(self) -> str:
        """`2 accepted (host fonts.example.com: 2, third-party font CDN)`, for a finding."""
        if not self.accepted:
            return ""
        total = sum(len(m) for _, m in self.accepted)
        parts = "; ".join(f"{e.shown}: {len(m)}, {e.reason}" for e, m in self.accepted)
        return f"{total} accepted by console.allow ({parts})"


def sort_console(console: ConsoleSettings, messages: Iterable[str]) -> ConsoleVerdict:
    """Split console messages into defects and those an allow entry accepts (the first that
    does), keeping the entries in the contract's order."""
    defects: list[str] = []
    accepted: dict[int, list[str]] = {}
    for message in messages:
        entry = console.accepting(message)
        if entry is None:
            defects.append(message)
        else:
            accepted.setdefault(console.allow.index(entry), []).append(message)
    return ConsoleVerdict(tuple(defects), tuple((console.allow[i], tuple(accepted[i]))
                                                for i in sorted(accepted)))
