"""Product-wide settings sections: selectors, V3 flag, placeholders, crawl, accessibility,
console."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field, model_validator

from contracts.base import Entity, Ident, NonEmpty
from contracts.selectors import CssSelector

Impact = Literal["minor", "moderate", "serious", "critical"]


def testid(name: str) -> str:
    return f'[data-testid="{name}"]'


class Selectors(Entity):
    """CSS selectors of the product's stable data-testids; `{family}`/`{key}`/`{op}` are filled."""

    global_shell: CssSelector = testid("global-shell")
    global_nav: CssSelector = testid("global-nav")
    global_nav_item: CssSelector = testid("global-nav-item-{family}")
    # Every item of the global nav, and nothing else, found inside `global_nav`: the items, count
    # and order the global-nav gate judges (other links there are not items). None: derived
    # from `global_nav_item`, `{family}` turned into a prefix match
    # (`[data-testid^="global-nav-item-"]`).
    global_nav_items: CssSelector | None = None
    # How the product marks the current global-nav item: an item matching this selector is
    # current. None: an item with aria-current (other than "false").
    global_nav_current: CssSelector | None = None
    local_nav: CssSelector = testid("local-nav")
    local_nav_item: CssSelector = testid("local-nav-item-{key}")  # `{family}` is filled too
    # Every item of a family's local nav, found inside its container (`{family}` is filled). None:
    # derived from `local_nav_item`, `{key}` turned into a prefix match, plus the items' own
    # selectors.
    local_nav_items: CssSelector | None = None
    # How the product marks the current local-nav item (None: aria-current, as for the global).
    local_nav_current: CssSelector | None = None
    resource_header: CssSelector = testid("resource-header")
    back_link: CssSelector = testid("resource-back-link")
    resource_name: CssSelector = testid("resource-name")
    resource_aliases: CssSelector = testid("resource-aliases")
    resource_posture: CssSelector = testid("resource-posture")
    resource_capabilities: CssSelector = testid("resource-capabilities")
    row: CssSelector = testid("resource-row")
    row_link: CssSelector = testid("resource-row-link")
    tab: CssSelector = testid("tab-{key}")
    op_card: CssSelector = testid("lifecycle-op-card")
    op_card_for: CssSelector = testid("lifecycle-op-card") + '[data-op="{op}"]'
    op_title: CssSelector = testid("op-title")
    op_trigger: CssSelector = testid("op-trigger")
    typed_confirm_dialog: CssSelector = testid("typed-confirm-dialog")
    typed_confirm_input: CssSelector = testid("typed-confirm-input")
    typed_confirm_submit: CssSelector = testid("typed-confirm-submit")
    typed_confirm_cancel: CssSelector = testid("typed-confirm-cancel")
    activity_timeline: CssSelector = testid("activity-timeline")
    activity_entry: CssSelector = testid("activity-entry")
    evidence_subject: CssSelector = testid("evidence-subject")
    page_title: CssSelector = testid("page-title")
    app_open: CssSelector = testid("app-open")
    v1_layout: CssSelector = testid("v1-layout")


class V3Flag(Entity):
    mechanism: Literal["cookie", "header", "query"]
    name: NonEmpty
    v3: NonEmpty
    v1: NonEmpty


class PlaceholderPattern(Entity):
    id: Ident
    regex: NonEmpty
    description: str = ""


class LeakException(Entity):
    """Where a rendering-leak pattern is the page's real content (a JSON example in the API
    docs): only on these routes (none: every route), only in elements whose description contains
    `element` (none: any element)."""

    pattern: Ident
    routes: tuple[Ident, ...] = ()
    element: str | None = None
    reason: NonEmpty


class RenderingLeaks(Entity):
    """Visible text a front end shows only when it renders data it did not handle: `undefined`,
    `NaN`, `[object Object]`, raw timestamps, unrendered template placeholders."""

    patterns: tuple[PlaceholderPattern, ...] = ()
    allow: tuple[LeakException, ...] = ()


class DensityBudget(Entity):
    """The most a page of these route kinds (in these families; none: every family) may show
    before it reads as a data dump: the widest visible table, key/value rows, raw `<pre>`/JSON
    blocks and visible words per screen height. An unset limit is not judged."""

    kinds: tuple[Ident, ...] = Field(min_length=1)  # route kinds, linted against RouteKind
    families: tuple[Ident, ...] = ()
    table_columns: int | None = Field(default=None, ge=1)
    kv_rows: int | None = Field(default=None, ge=0)
    raw_blocks: int | None = Field(default=None, ge=0)
    words_per_screen: int | None = Field(default=None, ge=1)
    reason: str = ""


# Density measurement -> how findings and reports name it, in the order they list them.
DENSITY_MEASURES: dict[str, str] = {
    "table_columns": "table columns",
    "kv_rows": "key/value rows",
    "raw_blocks": "raw <pre>/JSON blocks",
    "words_per_screen": "words per screen",
}


def describe_density(measured: Mapping[str, int]) -> str:
    """`20 table columns, 18 key/value rows, ...`: every measurement, for findings and reports."""
    return ", ".join(f"{measured.get(name, 0)} {label}" for name, label in DENSITY_MEASURES.items())


class DataDensity(Entity):
    """Budgets of the data-dump density gate; the first budget that matches a route applies.
    `baseline` (beside the contract, JSON so the loader never reads it as contract YAML) holds
    the measurements of pages accepted over budget until they are redesigned."""

    budgets: tuple[DensityBudget, ...] = ()
    baseline: NonEmpty = "density-baseline.json"

    def budget_for(self, kind: str, family: str) -> DensityBudget | None:
        """The first budget naming the route kind (and the family, when it names families)."""
        return next((b for b in self.budgets
                     if kind in b.kinds and (not b.families or family in b.families)), None)


class Placeholders(Entity):
    patterns: tuple[PlaceholderPattern, ...] = ()
    selectors: tuple[CssSelector, ...] = ()
    leaks: RenderingLeaks = RenderingLeaks()
    # A V1 entity dump carried into V3 is "not really migrated" as much as a placeholder is.
    density: DataDensity = DataDensity()


class CrawlSettings(Entity):
    """The links V3 pages expose: how far the inventory crawl follows them, and what the
    V1-dependency guard lets them point at."""

    max_pages: int = Field(default=500, ge=1)
    max_seconds: float = Field(default=60, gt=0)
    ignore: tuple[NonEmpty, ...] = ()
    # Hosts (glob patterns, e.g. `*.apps.example.com`) a V3 page may link outside its origin.
    external_hosts: tuple[NonEmpty, ...] = ()
    # Attributes whose value is a client-side navigation target (a router's `data-href`).
    client_side_attributes: tuple[NonEmpty, ...] = ()


class AccessibilitySettings(Entity):
    tags: tuple[NonEmpty, ...] = ("wcag2a", "wcag2aa")
    fail_impacts: tuple[Impact, ...] = ("serious", "critical")
    baseline: NonEmpty = "a11y-baseline.yaml"


RefusalStatus = Annotated[int, Field(ge=400, le=599)]


class RoleLimits(Entity):
    """What "refused" looks like when a role opens a page of a family it may not see
    (`roles.yaml` lists the families each role may see): an answer with one of `statuses`, the
    product's denial page (its `selector` present, or visible text matching `text`, a regular
    expression searched), or, with `redirect_away`, landing on a page outside that family. The
    page itself, served to the wrong role, is never a refusal."""

    statuses: tuple[RefusalStatus, ...] = (401, 403, 404)
    selector: CssSelector | None = None
    text: NonEmpty | None = None
    redirect_away: bool = False

    def describe(self) -> str:
        """`HTTP 401/403/404, or the denial page (...)`: what the gate expected, in words."""
        ways = [f"HTTP {'/'.join(str(s) for s in self.statuses)}"] if self.statuses else []
        page = [w for w in (self.selector, f"text /{self.text}/" if self.text else None) if w]
        if page:
            ways.append(f"the denial page ({' or '.join(page)})")
        if self.redirect_away:
            ways.append("a redirect out of the family")
        return ", or ".join(ways) or "nothing (role_limits names no refusal)"


# A URL in a console message: the browser's own text names none, the suite appends the one
# that failed ("Failed to load resource: net::ERR_NAME_NOT_RESOLVED (https://...)").
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s()'\"<>]+")


class ConsoleAllow(Entity):
    """A console error the product accepts on load or on a click (a third-party font or
    telemetry host that cannot be reached): by the `host` of a URL the message names (an exact
    host or a glob, `*.example.com`), or by a `pattern` searched in its text; exactly one. Why it
    is accepted is required: accepted errors are reported with it, never dropped."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["host"]}, {"required": ["pattern"]}]})

    host: NonEmpty | None = None
    pattern: NonEmpty | None = None
    reason: NonEmpty

    @model_validator(mode="after")
    def _host_or_pattern(self) -> ConsoleAllow:
        if (self.host is None) == (self.pattern is None):
            raise ValueError("exactly one of host, pattern is required")
        return self

    def accepts(self, message: str) -> bool:
        """Whether this entry accepts a console message: a URL in it is on `host`, or its text
        matches `pattern`."""
        if self.pattern is not None:
            return re.search(self.pattern, message) is not None
        host = (self.host or "").lower()
        return any(fnmatch.fnmatchcase((urlsplit(u).hostname or ""), host)
                   for u in _URL.findall(message))

    @property
    def shown(self) -> str:
        """`host fonts.example.com` or `pattern '...'`: how reports name the entry."""
        return f"host {self.host}" if self.host is not None else f"pattern {self.pattern!r}"


class ConsoleSettings(Entity):
    """Console errors the product accepts (settings.yaml `console`)."""

    allow: tuple[ConsoleAllow, ...] = ()

    def accepting(self, message: str) -> ConsoleAllow | None:
        """The first entry that accepts `message` (None: the message is a defect)."""
        return next((a for a in self.allow if a.accepts(message)), None)


class NotFound(Entity):
    """What the product answers for a path it does not serve (an unknown path, a retired V1
    route): 404/410 by default. `redirects_to`: a route id, for apps that answer 200 for any
    path and send the browser there client-side (a catch-all SPA); landing there, with no page of
    the retired route shown, is then "not found" too. `probe` is the unknown path the not-found
    gate opens (it must match no route, legacy entry or redirect)."""

    redirects_to: Ident | None = None
    probe: NonEmpty = "/cutover-probe/no-such-page"
