"""The one signature every check has: `check(ctx) -> findings`, where the context carries the
contract entry judged, what was observed for it, the contract and the settings checks read.

`CheckContext[Route, RouteSnapshot]` is a static gate; other checks observe other things (a
click's outcome, a journey's steps, a confirmation trial), each a small frozen type in
`harness.checks.observations`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from contracts import Contract
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding, Severity


class Judged(Protocol):
    """A contract entry a finding can name: its id and its `file:line`."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> object: ...


EntryT = TypeVar("EntryT", bound=Judged, covariant=True)
SeenT = TypeVar("SeenT", covariant=True)


@dataclass(frozen=True)
class CheckSettings:
    """The run's settings a check may read."""

    role: str | None = None
    base_url: str | None = None


@dataclass(frozen=True)
class CheckContext(Generic[EntryT, SeenT]):
    entry: EntryT
    seen: SeenT
    contract: Contract
    settings: CheckSettings = CheckSettings()

    def finding(self, expected: str, found: str, *, url: str | None = None,
                severity: Severity = "error") -> Finding:
        """A finding about this context's entry; the registry stamps the check's name."""
        return Finding(subject=self.entry.id, source=str(self.entry.source), expected=expected,
                       found=found, url=url, severity=severity)


CheckFunction = Callable[[CheckContext[EntryT, SeenT]], Iterable[Finding]]
# What a check records beside its findings, read from the same context (pure, like the check).
EvidenceFunction = Callable[[CheckContext[EntryT, SeenT]], CheckEvidence]
