"""The merged, linted contract and the look-ups harness code needs."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from contracts.auth import Auth
from contracts.degraded import DegradedBackend
from contracts.known_defects import KnownDefect
from contracts.models import (
    AccessibilitySettings,
    ConsoleSettings,
    CrawlSettings,
    DoneCriterion,
    Entity,
    Family,
    Journey,
    LegacyRoute,
    Lifecycle,
    LifecycleResource,
    NavItem,
    Operation,
    ParityRow,
    Placeholders,
    Role,
    RoleLimits,
    Route,
    SectionRedirect,
    Selectors,
    V3Flag,
)
from contracts.paths import PathIndex
from contracts.readiness import Readiness, SetupStep
from contracts.selectors import every_item
from contracts.settings import NotFound
from contracts.slices import Slice, members
from contracts.sources import SourceRef
from contracts.wording import HEADING, TITLE, Expected, Wording, expected, from_template

# Top-level YAML sections, in the order `cutover schema` and the summary present them.
SECTIONS = (
    "selectors",
    "v3_flag",
    "placeholders",
    "crawl",
    "accessibility",
    "console",
    "wording",
    "degraded",
    "role_limits",
    "not_found",
    "readiness",
    "setup",
    "route_manifest",
    "families",
    "routes",
    "redirects",
    "legacy",
    "slices",
    "lifecycle",
    "journeys",
    "roles",
    "parity",
    "criteria",
    "auth",
    "known_defects",
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def _by_id(items: tuple[T, ...]) -> dict[str, T]:
    return {item.id: item for item in items}


class Contract(BaseModel):
    """A whole contract directory.  Build it with `contracts.load_contract`, never by hand:
    only the loader runs the cross-reference lint the helpers below rely on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    directory: Path
    selectors: Selectors = Selectors()
    v3_flag: V3Flag | None = None  # None: the product has no V1/V3 switch
    placeholders: Placeholders = Placeholders()
    crawl: CrawlSettings = CrawlSettings()
    accessibility: AccessibilitySettings = AccessibilitySettings()
    console: ConsoleSettings = ConsoleSettings()
    wording: Wording = Wording()
    degraded: DegradedBackend = DegradedBackend()
    role_limits: RoleLimits = RoleLimits()
    not_found: NotFound = NotFound()
    readiness: Readiness = Readiness()
    setup: tuple[SetupStep, ...] = ()  # in the order they are applied
    route_manifest: str | None = None
    families: tuple[Family, ...]
    routes: tuple[Route, ...]
    redirects: tuple[SectionRedirect, ...] = ()  # V3 paths that send the browser to a route
    legacy: tuple[LegacyRoute, ...] = ()
    slices: tuple[Slice, ...] = ()  # the cutover plan (contracts.slices), in any order
    lifecycle: Lifecycle = Lifecycle()
    journeys: tuple[Journey, ...] = ()
    roles: tuple[Role, ...]
    parity: tuple[ParityRow, ...] = ()
    criteria: tuple[DoneCriterion, ...] = ()
    auth: Auth = Auth()
    known_defects: tuple[KnownDefect, ...] = ()  # accepted failures (contracts.known_defects)

    # -- sources -------------------------------------------------------------------------------
    @cached_property
    def field_sources(self) -> dict[str, SourceRef]:
        """Dotted field (`routes[storage.bucket.detail].back`) -> source; filled by the loader."""
        return {}

    def source(self, dotted_field: str) -> str:
        """`file:line` of a dotted field; falls back to the nearest enclosing entity."""
        field = dotted_field
        while field:
            if field in self.field_sources:
                return str(self.field_sources[field])
            # Drop the last segment: "[id]" (ids may contain dots) or ".name".
            if field.endswith("]"):
                cut = field.rfind("[")
            else:
                cut = field.rfind(".", field.rfind("]") + 1)
            field = field[:cut] if cut > 0 else ""
        raise KeyError(f"no source recorded for {dotted_field!r}")

    def source_of(self, item: Entity | str) -> str:
        return self.source(item) if isinstance(item, str) else str(item.source)

    # -- look-ups ------------------------------------------------------------------------------
    @cached_property
    def _routes(self) -> dict[str, Route]:
        return _by_id(self.routes)

    @cached_property
    def _families(self) -> dict[str, Family]:
        return _by_id(self.families)

    @cached_property
    def _roles(self) -> dict[str, Role]:
        return _by_id(self.roles)

    @cached_property
    def _legacy(self) -> dict[str, LegacyRoute]:
        return _by_id(self.legacy)

    def route(self, route_id: str) -> Route:
        return self._routes[route_id]

    def family(self, family_id: str) -> Family:
        return self._families[family_id]

    def role(self, role_id: str) -> Role:
        return self._roles[role_id]

    def legacy_route(self, legacy_id: str) -> LegacyRoute:
        return self._legacy[legacy_id]

    def slice(self, slice_id: str) -> Slice:
        return next(s for s in self.slices if s.id == slice_id)

    @property
    def plan(self) -> tuple[Slice, ...]:
        """The slices in their order."""
        return tuple(sorted(self.slices, key=lambda s: s.order))

    def slice_routes(self, slice_: Slice | str) -> tuple[LegacyRoute, ...]:
        """The legacy routes a slice retires, in the legacy map's order."""
        found = self.slice(slice_) if isinstance(slice_, str) else slice_
        return members(found, self.legacy, self._routes)

    def routes_of(self, family_id: str) -> tuple[Route, ...]:
        return tuple(r for r in self.routes if r.family == family_id)

    @property
    def default_role(self) -> Role:
        return next(r for r in self.roles if r.default)

    @property
    def anonymous_role(self) -> Role | None:
        """The visitor of an app without a login: the contract's only role, when the auth
        section has no login form and declares nothing. With several roles there is none: one
        role silently acting as another is what a run must never do."""
        if len(self.roles) != 1 or self.auth.login is not None or self.auth.roles:
            return None
        return self.roles[0]

    @cached_property
    def _route_index(self) -> PathIndex[Route]:
        return PathIndex((r, r.path) for r in self.routes)

    @cached_property
    def _legacy_index(self) -> PathIndex[LegacyRoute]:
        return PathIndex((r, r.path) for r in self.legacy)

    def match_path(self, url_or_path: str) -> tuple[Route, dict[str, str]] | None:
        """Canonical route serving a URL or path (query/fragment ignored); static segments
        win."""
        return self._route_index.match(url_or_path)

    def match_legacy(self, url_or_path: str) -> tuple[LegacyRoute, dict[str, str]] | None:
        """Legacy route for a URL or path; a `/*` wildcard puts the rest under the key "*"."""
        return self._legacy_index.match(url_or_path)

    @cached_property
    def _redirect_index(self) -> PathIndex[SectionRedirect]:
        return PathIndex((r, r.path) for r in self.redirects)

    def match_redirect(self, url_or_path: str) -> tuple[SectionRedirect, dict[str, str]] | None:
        """The section redirect answering a URL or path (query ignored), if any."""
        return self._redirect_index.match(url_or_path)

    def is_known(self, url_or_path: str) -> bool:
        """A path the contract accounts for: a route, a legacy entry or a section redirect."""
        return (self.match_path(url_or_path) is not None
                or self.match_legacy(url_or_path) is not None
                or self.match_redirect(url_or_path) is not None)

    def route_id_of(self, url_or_path: str | None) -> str | None:
        """Id of the canonical route serving a URL, None for no URL or no route."""
        found = self.match_path(url_or_path) if url_or_path else None
        return found[0].id if found else None

    def landing_route_id(self, url_or_path: str | None) -> str | None:
        """The route a link leads to: the canonical route serving it, or the route a section
        redirect sends it to (a tab linking `/overview/activity` leads to the timeline)."""
        if (route := self.route_id_of(url_or_path)) is not None or not url_or_path:
            return route
        found = self.match_redirect(url_or_path)
        return found[0].to if found else None

    def lifecycle_resource_for(self, route_id: str) -> LifecycleResource | None:
        return next((r for r in self.lifecycle.resources if r.route == route_id), None)

    @property
    def lifecycle_card(self) -> str:
        return self.lifecycle.card or self.selectors.op_card

    def has_local_nav(self, route: Route) -> bool:
        """Whether `route`'s page shows its family's local nav: the family has one and the
        route does not say `local_nav: false`."""
        return route.local_nav and self.family(route.family).local_nav is not None

    def local_nav_container(self, family: Family | str) -> str:
        fam = self.family(family) if isinstance(family, str) else family
        if fam.local_nav is not None and fam.local_nav.container:
            return fam.local_nav.container.replace("{family}", fam.id)
        return self.selectors.local_nav.replace("{family}", fam.id)

    def local_nav_item_selector(self, family: Family | str, item: NavItem | str) -> str:
        fam = self.family(family) if isinstance(family, str) else family
        if isinstance(item, str):
            items = fam.local_nav.items if fam.local_nav else ()
            item = next(i for i in items if i.key == item)
        # `{family}` lets one template serve products whose nav markup names the family
        # (e.g. `.app-{family} .model-{key} a`); the contract ids then carry no CSS burden.
        template = item.selector or self.selectors.local_nav_item
        return template.replace("{key}", item.key).replace("{family}", fam.id)

    def global_nav_item_selector(self, family: Family | str) -> str:
        fam_id = family if isinstance(family, str) else family.id
        return self.selectors.global_nav_item.replace("{family}", fam_id)

    def global_nav_items_selector(self) -> str | None:
        """Every global-nav item (found inside `global_nav`): `global_nav_items`, else derived
        from `global_nav_item`; None when neither says (lint reports it)."""
        return self.selectors.global_nav_items or every_item(self.selectors.global_nav_item,
                                                             "{family}")

    def local_nav_items_selector(self, family: Family | str) -> str | None:
        """Every item of a family's local nav (found inside its container): `local_nav_items`,
        else derived from `local_nav_item`, with the selectors items declare of their own; None
        when neither says (lint reports it)."""
        fam = self.family(family) if isinstance(family, str) else family
        every: str | None
        if self.selectors.local_nav_items:
            every = self.selectors.local_nav_items.replace("{family}", fam.id)
        else:
            every = every_item(self.selectors.local_nav_item.replace("{family}", fam.id), "{key}")
        items = fam.local_nav.items if fam.local_nav else ()
        if every is not None and all(i.selector is None for i in items):
            return every
        own = [self.local_nav_item_selector(fam, i) for i in items if i.selector]
        found = [s for s in (every, *own) if s]
        return ", ".join(found) if found else None

    # -- the copy a page shows where the contract names it ------------------------------------
    def heading_expected(self, route: Route) -> Expected | None:
        """What the page heading reads: the route's `heading`, else its title; None where the
        contract names none (no title, or a resource's page whose heading is its name)."""
        if route.heading is not None:
            return expected(route.heading)
        if route.title and not route.params:
            return expected(route.title)
        return None

    def document_title_expected(self, route: Route) -> Expected | None:
        """The document <title>: `wording.document_title` around the expected heading."""
        if route.heading is not None:
            return from_template(self.wording.document_title, HEADING, route.heading)
        if route.title and not route.params:
            return from_template(self.wording.document_title, HEADING, route.title)
        return None

    def back_label_expected(self, route: Route) -> Expected | None:
        """What the back link reads: the route's `back_label`, else `wording.back_link` with the
        back target's title; None for a target without a title or one that takes ids (the
        link then names a resource)."""
        if route.back_label is not None:
            return expected(route.back_label)
        if route.back is None:
            return None
        target = self.route(route.back)
        if not target.title or target.params:
            return None
        return from_template(self.wording.back_link, TITLE, target.title)

    def tab_selector(self, key: str) -> str:
        return self.selectors.tab.replace("{key}", key)

    def op_card_selector(self, op: str | Operation) -> str:
        """An operation's card: its own selector when it declares one, else the template."""
        if not isinstance(op, str):
            return op.selector or self.selectors.op_card_for.replace("{op}", op.key)
        return self.selectors.op_card_for.replace("{op}", op)

    def visible_families(self, role: Role | str) -> tuple[Family, ...]:
        """Families of `role` in contract order (the global-nav order)."""
        found = self.role(role) if isinstance(role, str) else role
        return tuple(f for f in self.families if f.id in found.families)
