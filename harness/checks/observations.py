"""What a check observes when it is not a plain route snapshot: small frozen records made by the
flows (a click, a journey, a confirmation trial, a real operation) or the suites (a legacy visit,
the crawl). Plain data, so checks stay pure and testable without a browser."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field

# Made by the capture layer (harness.capture.degraded), judged here like the records below.
from harness.capture.snapshot import DegradedPage as DegradedPage
from harness.capture.snapshot import LinkState, PageError, RouteSnapshot


@dataclass(frozen=True)
class LegacyVisit:
    """A legacy V1 URL, visited with real values for its parameters."""

    snapshot: RouteSnapshot
    params: Mapping[str, str] = field(default_factory=dict)
    # Redirect target parameter -> the id it must land on, for a resolved id proved by the
    # landing page's identity (`resolved_by: identity`) where a sample names it; otherwise the
    # legacy id itself is expected.
    landing: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RetiredVisit:
    """One sample URL of a retired route (or the not-found gate's unknown path)."""

    sample: str
    snapshot: RouteSnapshot


@dataclass(frozen=True)
class ScannedPage:
    """A route snapshot with its accessibility scan, and the violations the baseline accepts."""

    snapshot: RouteSnapshot
    accepted: Set[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class DensityPage:
    """A route snapshot with the density measurements its baseline accepts (empty: none)."""

    snapshot: RouteSnapshot
    accepted: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ClickOutcome:
    """Where a click on a nav item, row, tab or back link landed."""

    what: str  # "local-nav item 'buckets'", "the back link"
    expected_route: str
    landed_url: str | None
    error: str | None = None
    page_errors: tuple[PageError, ...] = ()  # raised while clicking (interaction-errors)


@dataclass(frozen=True)
class DrilldownView:
    """A drill-down's snapshot and the list row its id was discovered from (None: the id came
    from elsewhere), for the resource-identity check."""

    snapshot: RouteSnapshot
    row: LinkState | None
    list_route: str | None = None


@dataclass(frozen=True)
class RowAnswer:
    """How a row link's target answered a plain request (HEAD, or GET where HEAD is refused)."""

    status: int | None
    error: str | None = None  # no answer, in words (a timeout, a refused connection)


@dataclass(frozen=True)
class RowLinks:
    """A list's snapshot (every row link it shows, bounded) and how each distinct row target
    the contract knows answered, by URL without its fragment (the row-links gate)."""

    snapshot: RouteSnapshot
    answers: Mapping[str, RowAnswer] = field(default_factory=dict)


@dataclass(frozen=True)
class StepOutcome:
    index: int
    action: str  # e.g. "open_tab events"
    expected: str | None  # route id the step must land on (None: any route of a family)
    expected_family: str | None
    landed: str | None
    error: str | None = None


@dataclass(frozen=True)
class JourneyRun:
    steps: tuple[StepOutcome, ...]
    page_errors: tuple[PageError, ...] = ()  # raised during the steps (interaction-errors)


@dataclass(frozen=True)
class Inventory:
    """Every path the crawl (and the route manifest) reached, with the page that links it."""

    found: Mapping[str, str]


@dataclass(frozen=True)
class EvidenceVisit:
    op_key: str
    resource_ids: tuple[str, ...]
    snapshot: RouteSnapshot


@dataclass(frozen=True)
class ConfirmationTrial:
    """What happened when a destructive operation was started and then cancelled."""

    op_key: str
    url: str
    resource_name: str
    dialog_opened: bool
    card_found: bool = True  # False: the operation's card is not on the page; nothing was tried
    disabled_when_empty: bool | None = None
    disabled_on_near_miss: bool | None = None
    enabled_on_exact: bool | None = None
    closed_on_cancel: bool | None = None
    posture_before: str | None = None
    posture_after: str | None = None
    browser_dialogs: tuple[str, ...] = ()
    mutations_sent: tuple[str, ...] = ()
    page_errors: tuple[PageError, ...] = ()  # raised during the trial (interaction-errors)


@dataclass(frozen=True)
class OperationRun:
    """What a real operation left behind (mutating runs only)."""

    op_key: str
    url: str
    entries_before: int | None
    entries_after: int | None
    evidence_url: str | None = None
    evidence_mentions_op: bool | None = None
    error: str | None = None


@dataclass(frozen=True)
class ParityEntry:
    """One entry of a timeline or list on a parity page: its type and identifier (and the value
    compared between pages, when the contract names one)."""

    type: str
    id: str
    value: str | None = None


@dataclass(frozen=True)
class PageFacts:
    """What one side (the V1 or the V3 page) of an executable parity row shows."""

    url: str
    error: str | None = None  # the page could not be read, in words
    fields: Mapping[str, str | None] = field(default_factory=dict)  # label -> value (None: absent)
    entries: Mapping[str, tuple[ParityEntry, ...]] = field(default_factory=dict)  # list -> entries


@dataclass(frozen=True)
class ParityView:
    """Both pages of one resource, read for the facts its parity row compares."""

    v1: PageFacts
    v3: PageFacts
