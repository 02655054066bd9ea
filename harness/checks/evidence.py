"""What a check records beside its findings: its evidence, the facts the readiness report reads
from a test whatever its outcome (the V1 routes a V3 page links, a page's density, what a parity
comparison found). A check declares how it reads them from what it judged,
`@check(..., evidence=fn)`; the results row carries them as they are, so every key here is plain
JSON and one shape, which readiness validates when it reads a results file."""

from __future__ import annotations

# typing_extensions' TypedDict, not typing's: pydantic validates these on Python 3.11 only so
from typing_extensions import TypedDict


class ParityComparison(TypedDict):
    """The facts one parity row's V1 and V3 pages were compared on (harness.checks.parity)."""

    compared: list[str]  # every fact read on both pages
    missing: list[str]  # facts V1 shows that V3 does not
    differing: list[str]  # facts V3 shows with another value
    unreadable: list[str]  # facts the V1 page shows nothing of
    error: str | None  # a page could not be read: nothing was compared


class ConsoleAccepted(TypedDict):
    """Console errors a `console.allow` entry accepted on one page or during one interaction."""

    allow: str  # the entry as reports name it: "host fonts.example.com", "pattern '...'"
    reason: str  # the entry's reason
    count: int  # how many of the page's errors it accepted
    example: str  # the first of them, as the browser said it (shortened)


class CheckEvidence(TypedDict, total=False):
    """Every kind of evidence a check may record, each under its own key. A check that records
    something new adds its key here, so readiness reads it typed."""

    # v1-links gate: the legacy ids of the V1 routes this V3 page links (its inbound V1 links)
    v1_links: list[str]
    # density gate: the page's measurements, budget or not (readiness lists the densest pages)
    density: dict[str, int]
    # parity gate: what the v1compat run compared for an executable parity row
    parity: ParityComparison
    # console-errors and interaction-errors: the errors the contract's console.allow accepted
    # (readiness totals them per entry and names entries that accepted nothing in the run)
    console_accepted: list[ConsoleAccepted]
