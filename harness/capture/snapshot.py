"""What the browser saw on one route, taken once and shared by every static gate.

Plain frozen data: checks read it, never the browser. `capture()` fills it from a live page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.paths import path_of


@dataclass(frozen=True)
class LinkState:
    href: str | None  # the raw attribute, as the product wrote it
    url: str | None  # resolved absolute URL (None for javascript: and the like)
    text: str = ""
    current: str | None = None  # aria-current
    onclick: str | None = None
    # What a reader gets: the text as written (no CSS text-transform), without aria-hidden
    # parts (a decorative arrow), whitespace collapsed; the aria-label when there is no text.
    label: str = ""

    @property
    def path(self) -> str | None:
        return path_of(self.url) if self.url else None


@dataclass(frozen=True)
class NavItemState:
    """One visible item of a nav, as its "every item" selector found it inside the nav."""

    key: str | None  # the contract item whose selector it matches (a family id in the global
    # nav, an item key in a local nav); None: an item the contract does not list
    label: str  # as LinkState.label
    href: str | None = None
    url: str | None = None
    current: bool = False  # marked current (aria-current, or the contract's current selector)

    @property
    def shown(self) -> str:
        """`'Billing' -> /account/billing`, the way findings name an item."""
        return f"{self.label!r} -> {path_of(self.url) if self.url else self.href or '(no link)'}"


def nav_items(raw: Iterable[Mapping[str, Any]] | None) -> tuple[NavItemState, ...]:
    """The collector's items of one nav, in page order."""
    return tuple(NavItemState(key=i.get("key"), label=i.get("label", ""), href=i.get("href"),
                              url=i.get("url"), current=bool(i.get("current")))
                 for i in raw or ())


@dataclass(frozen=True)
class FieldState:
    present: bool
    text: str = ""
    href: str | None = None  # resolved, when the field is (or contains) a link


@dataclass(frozen=True)
class CardState:
    op: str | None
    intent: str | None
    fields: dict[str, FieldState] = field(default_factory=dict)


@dataclass(frozen=True)
class TextNode:
    element: str  # a short CSS-like description of where the text is
    text: str


@dataclass(frozen=True)
class LinkTarget:
    """Somewhere the page can send the user: a link, a form action or a client-side target."""

    kind: str  # "link", "form", or the contract's client-side attribute ("data-href")
    element: str  # a short CSS-like description of the element
    raw: str  # the attribute as the product wrote it
    url: str | None  # resolved absolute URL (None for javascript: and the like)
    text: str = ""


@dataclass(frozen=True)
class PageRequest:
    """A request the page made while its snapshot was taken, other than its own document
    (XHR/fetch, script, stylesheet, image, a frame's document, ...)."""

    resource_type: str  # Playwright's: "fetch", "xhr", "script", "stylesheet", "image", ...
    url: str


@dataclass(frozen=True)
class PageError:
    """A console error or uncaught exception, with what the suite had just done."""

    action: str
    message: str
    url: str | None = None  # the page's URL when it was raised


@dataclass(frozen=True)
class A11yViolation:
    rule: str
    impact: str | None
    targets: tuple[str, ...]
    help: str
    help_url: str


@dataclass(frozen=True)
class PageDensity:
    """How much raw data a page shows at once (the data-dump density gate's measurements)."""

    table_columns: int = 0  # the widest visible table
    kv_rows: int = 0  # visible key/value rows (<dt>, two-cell header/data table rows)
    raw_blocks: int = 0  # visible <pre> blocks and JSON-looking <code>
    words_per_screen: int = 0  # visible words over page height in viewport heights

    def as_dict(self) -> dict[str, int]:
        return {"table_columns": self.table_columns, "kv_rows": self.kv_rows,
                "raw_blocks": self.raw_blocks, "words_per_screen": self.words_per_screen}


@dataclass(frozen=True)
class RouteSnapshot:
    key: str  # route id (or another contract id the navigation was made for)
    requested_url: str
    final_url: str = ""
    status: int | None = None
    error: str | None = None  # navigation failure or timeout, in words
    # The route needs data its list does not have (`ids.when_empty: skip`): `error` says which
    # list; its tests skip with that reason and readiness reports them as not run.
    not_run: bool = False
    redirects: int = 0
    redirect_status: int | None = None  # HTTP status of the first hop, when it was a redirect
    title: str = ""
    heading: str | None = None  # the page_title element's text (LinkState.label); None: absent
    document_title: str = ""  # the document <title>
    shell: bool = False
    v1_layout: bool = False
    global_nav: tuple[str, ...] = ()  # family ids whose global-nav item is present
    global_nav_links: int = 0  # every link inside the global nav, contract-known or not
    global_nav_found: bool = False  # the global_nav container is on the page
    global_nav_items: tuple[NavItemState, ...] = ()  # every visible global-nav item, in order
    local_nav_found: bool = False
    local_nav: dict[str, LinkState] = field(default_factory=dict)  # item key -> link (if found)
    local_nav_current: tuple[str, ...] = ()  # URLs of local-nav links marked aria-current
    local_nav_items: tuple[NavItemState, ...] = ()  # every visible local-nav item, in order
    back_link: LinkState | None = None
    # How many visible elements match the back-link selector (None: not read).
    back_links: int | None = None
    resource_name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    posture: str | None = None
    capabilities: tuple[str, ...] | None = None
    timeline_entries: int | None = None  # None: no activity timeline on the page
    cards: tuple[CardState, ...] = ()
    row_links: tuple[str, ...] = ()
    rows: tuple[LinkState, ...] = ()  # the first row links, with their text
    links: tuple[str, ...] = ()  # every same-origin link URL on the page
    targets: tuple[LinkTarget, ...] = ()  # every link, form action, client-side target
    texts: tuple[TextNode, ...] = ()
    placeholder_elements: tuple[str, ...] = ()
    evidence_subjects: tuple[str, ...] = ()  # what an evidence page says it is about
    console_errors: tuple[str, ...] = ()
    a11y: tuple[A11yViolation, ...] | None = None  # None: not scanned
    density: PageDensity | None = None  # None: not measured (page did not load)
    denied: bool = False  # the contract's denial-page element is on the page (role_limits)
    row_targets: tuple[LinkState, ...] = ()  # every row link of a list (bounded), with its text
    requests: tuple[PageRequest, ...] = ()  # what the page fetched while it loaded
    # Contract elements present but not shown: "op_card:drain" -> "display:none" (names:
    # global_shell, global_nav_item:<family>, local_nav_item:<key>, back_link, resource_name,
    # resource_posture, activity_timeline, op_card:<op>)
    hidden: dict[str, str] = field(default_factory=dict)
    # Readiness: the elements the route's gates read (name -> selector: shell, page_title,
    # global_nav, local_nav, back_link, rows, op_cards, ready, busy) still not rendered when the
    # wait ran out after `ready_timeout_ms`; every gate reading one fails on it, never passes.
    unrendered: dict[str, str] = field(default_factory=dict)
    ready_timeout_ms: float | None = None
    # Setup steps (settings.yaml `setup`) whose dialog stayed over the page: id -> what happened.
    setup_failed: dict[str, str] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400

    @property
    def reported_url(self) -> str | None:
        """The URL a finding names: after a failed navigation the page may still show the
        previous URL, so it is the one that was asked for."""
        if self.error:
            return self.requested_url or None
        return self.final_url or self.requested_url or None

    @property
    def final_path(self) -> str:
        return path_of(self.final_url)

    def card(self, op: str) -> CardState | None:
        return next((c for c in self.cards if c.op == op), None)


@dataclass(frozen=True)
class DegradedPage:
    """A route's page loaded once with its API calls answered by the suite (one variant): its
    snapshot, the calls answered, and the error/empty-state texts it showed once settled."""

    snapshot: RouteSnapshot
    variant: str  # "500", "timeout", "empty", "null-fields"
    answered: tuple[str, ...] = ()  # URLs of the API calls the suite answered
    settled: bool = True  # False: a loading marker was still there when the page was read
    error_texts: tuple[str, ...] = ()  # visible text of each error-state element
    empty_texts: tuple[str, ...] = ()  # visible text of each empty-state element
