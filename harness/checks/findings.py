"""Typed findings: what a check reports, in words a failing CI job can act on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    subject: str  # contract id of what was checked: a route, legacy entry, role, journey ...
    source: str  # contract file:line of that entry
    expected: str
    found: str
    url: str | None = None
    severity: Severity = "error"
    check: str = ""  # registry name, e.g. "back-link"; stamped by the registry

    @property
    def message(self) -> str:
        where = f" at {self.url}" if self.url else ""
        return (
            f"[{self.check}] {self.subject} ({self.source}){where}: "
            f"expected {self.expected}, found {self.found}"
        )

    def to_dict(self) -> dict[str, str | None]:
        return {**asdict(self), "message": self.message}

    def block(self) -> list[str]:
        """The finding as a failing test shows it: one headline, then one fact a line."""
        lines = [f"[{self.check}] {self.subject}", f"  contract: {self.source}"]
        if self.url:
            lines.append(f"  url:      {self.url}")
        lines += [f"  expected: {self.expected}", f"  found:    {self.found}"]
        return lines


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


class FindingsError(AssertionError):
    """How a test whose check reported errors fails: they are its failure text. Results and
    reports read them from the test's recorded judgement (harness.checks.judge), not from here."""

    def __init__(self, findings: list[Finding], why: str = "") -> None:
        self.findings = findings
        self.why = why
        lines = [f.message for f in findings]
        if why:
            lines.append(f"why this check exists: {why}")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Subject:
    """A contract entry as findings name it, for entries that are not a model (a nav item)."""

    id: str
    source: str


def failure_text(findings: Iterable[Finding], why: str = "",
                 artifacts: Iterable[tuple[str, str]] = ()) -> str:
    """A failing test's whole report: the findings, why the gate exists and where its pictures
    are (`(kind, path)` pairs), with no traceback and no contract-object reprs."""
    lines: list[str] = []
    for finding in findings:
        lines += finding.block()
    if why:
        lines.append(f"  why:      {why}")
    lines += [f"  {kind + ':':<9} {path}" for kind, path in artifacts]
    return "\n".join(lines)
