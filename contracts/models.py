"""Entity models of a cutover contract (one model per YAML entity).

Models only check the shape of one entity; everything that needs two entities (a back link to an
unknown route, duplicate paths, ...) is a lint rule in `contracts.lint`, so a single bad route does
not hide the other problems of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationError,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from contracts.base import IDENT_PATTERN as IDENT_PATTERN
from contracts.base import Entity as Entity
from contracts.base import Ident, NonEmpty
from contracts.parity_facts import ParityCompare
from contracts.paths import format_path, path_params, template_problem, template_query
from contracts.selectors import CssSelector

# Re-exported so `contracts.models` names every entity model.
from contracts.settings import AccessibilitySettings as AccessibilitySettings
from contracts.settings import ConsoleAllow as ConsoleAllow
from contracts.settings import ConsoleSettings as ConsoleSettings
from contracts.settings import CrawlSettings as CrawlSettings
from contracts.settings import NotFound as NotFound
from contracts.settings import PlaceholderPattern as PlaceholderPattern
from contracts.settings import Placeholders as Placeholders
from contracts.settings import RoleLimits as RoleLimits
from contracts.settings import Selectors as Selectors
from contracts.settings import V3Flag as V3Flag
from contracts.settings import testid
from contracts.wording import TextMatch

RouteKind = Literal["list", "detail", "launch", "guide", "utility", "docs"]
ParityStatus = Literal["covered", "deferred", "replaced", "open"]
# How the readiness report judges a Done Criterion, from the run's results and the contract.
CriterionJudge = Literal[
    "routes-live",  # route-live passed on every canonical route
    "route-map",  # route-inventory passed and every legacy route proved its mapping
    "default-e2e",  # the default suites ran and passed
    "v1-compat-opt-in",  # V1 compatibility tests ran only when -m v1compat asked for them
    "mocks-retired",  # retired-mock checks and placeholder gates passed
    "operator-needs-tracked",  # no open parity row; every passthrough names its V3 task
]
CRITERION_JUDGES: tuple[str, ...] = get_args(CriterionJudge)
INTENTS = ("setup", "update", "maintenance", "recovery", "destructive", "evidence")


def _check_route_path(value: str) -> str:
    if problem := template_problem(value, allow_wildcard=False, allow_trailing_slash=True,
                                   allow_query=True):
        raise ValueError(problem)
    return value


def _check_redirect_path(value: str) -> str:
    if problem := template_problem(value, allow_wildcard=False, allow_trailing_slash=True):
        raise ValueError(problem)
    return value


def _check_legacy_path(value: str) -> str:
    if problem := template_problem(value, allow_wildcard=True, allow_trailing_slash=True):
        raise ValueError(problem)
    return value


RoutePath = Annotated[str, AfterValidator(_check_route_path)]
RedirectPath = Annotated[str, AfterValidator(_check_redirect_path)]
LegacyPath = Annotated[str, AfterValidator(_check_legacy_path)]


class NavItem(Entity):
    key: Ident
    label: NonEmpty
    route: Ident
    selector: CssSelector | None = None


class LocalNav(Entity):
    container: CssSelector | None = None
    items: tuple[NavItem, ...] = Field(min_length=1)


class Family(Entity):
    id: Ident
    title: NonEmpty
    global_nav: bool = True
    roles: tuple[Ident, ...]
    local_nav: LocalNav | None = None
    # Present once a page of the family has rendered (with the route's own `ready`, if any).
    ready: CssSelector | None = None


class IdDiscovery(Entity):
    """How to get a real id: follow the first row link of `from_list` (with `query` added).
    `when_empty: skip` says the route can only be checked when that list has rows: an empty
    list then skips the route's tests with a reason naming the list (reported as not run)
    instead of failing them."""

    from_list: Ident
    query: dict[str, str] = {}
    row_route: Ident | None = None
    when_empty: Literal["fail", "skip"] = "fail"


Samples = dict[NonEmpty, dict[str, str]]


class Route(Entity):
    id: Ident
    path: RoutePath
    family: Ident
    kind: RouteKind
    title: str = ""
    back: Ident | None = None
    ids: IdDiscovery | None = None
    mutable: bool = False
    samples: Samples = {}
    # What the page heading (selectors.page_title) reads where it is not `title`: exact text or
    # {pattern: <regex>}. A route that takes ids is a resource's page, headed by the resource's
    # name (resource identity judges it), so there only a heading given here is judged.
    heading: TextMatch | None = None
    # What the back link reads where it is not wording.back_link filled with the back target's
    # title (a target that takes ids is a resource, named by the link: judged only when given).
    back_label: TextMatch | None = None
    # False: this page shows no local nav although its family has one (a full-screen terminal,
    # a wizard); the local-nav gates do not run here (n/a, never a pass) and readiness does not
    # wait for the nav. A page that is itself a local-nav item always shows it.
    local_nav: bool = True
    # Present once the page has rendered (with its family's `ready`, if any): see readiness.
    ready: CssSelector | None = None

    @property
    def params(self) -> tuple[str, ...]:
        return path_params(self.path)

    @property
    def query(self) -> dict[str, str]:
        """The query its path names (`/runs?view=backfills`): the view of the page it is."""
        return template_query(self.path)

    @property
    def is_drilldown(self) -> bool:
        return self.back is not None

    def format(self, params: Mapping[str, str]) -> str:
        return format_path(self.path, params)


class ResolvedFrom(Entity):
    """The app resolves the legacy id to a different V3 id (e.g. alloc-1001 -> a workload)."""

    resolved_from: Ident


def _param_map(value: Any, handler: Any) -> Any:
    # A union error would report once per member ("str: ..., ResolvedFrom: ..."); one is enough.
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError(
            "param_map", "must be a legacy parameter name or {resolved_from: <legacy parameter>}"
        ) from None


ParamMap = Annotated[str | ResolvedFrom, WrapValidator(_param_map)]


RedirectStatus = Literal[301, 302, 303, 307, 308, "temporary", "permanent"]
# What "temporary" and "permanent" accept: the HTTP statuses of each kind of redirect.
REDIRECT_KINDS: dict[str, tuple[int, ...]] = {"temporary": (302, 303, 307),
                                              "permanent": (301, 308)}


class Redirect(Entity):
    to: Ident
    params: dict[str, ParamMap] = {}
    max_hops: int = Field(default=1, ge=1)
    client_side: bool = False
    # The first hop's HTTP status, exact or by kind; None: any redirect (or a client-side hop).
    status: RedirectStatus | None = None
    # Query parameters the landing URL must carry besides those the target route's path names
    # (`/workloads?kind=vm` when the V1 page showed only VMs).
    query: dict[NonEmpty, str] = {}
    # Where the landing names a query: True lets the landing URL carry parameters neither names.
    extra_query: bool = False

    @property
    def accepted_statuses(self) -> tuple[int, ...] | None:
        if self.status is None:
            return None
        if isinstance(self.status, int):
            return (self.status,)
        return REDIRECT_KINDS[self.status]


class Passthrough(Entity):
    task: NonEmpty
    replaced_by: Ident | None = None


class Retired(Entity):
    reason: str = ""
    samples: tuple[NonEmpty, ...] = ()


LEGACY_MAPPINGS = ("redirect", "passthrough", "retired")
# How a redirect proves it landed on the resource a `resolved_from` id resolves to: the legacy
# id among the landing page's aliases (selectors.resource_aliases), or the landing page's own
# identity (its URL's id, or its resource_name, is the id the contract expects).
ResolvedBy = Literal["aliases", "identity"]


class LegacyRoute(Entity):
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [m]} for m in LEGACY_MAPPINGS]}
    )

    id: Ident
    path: LegacyPath
    title: str = ""
    redirect: Redirect | None = None
    passthrough: Passthrough | None = None
    retired: Retired | None = None
    samples: Samples = {}
    resolved_by: ResolvedBy | None = None  # None: aliases

    @model_validator(mode="after")
    def _exactly_one_mapping(self) -> LegacyRoute:
        found = [m for m in LEGACY_MAPPINGS if getattr(self, m) is not None]
        if len(found) != 1:
            got = ", ".join(found) if found else "none"
            raise ValueError(
                f"exactly one of redirect, passthrough, retired is required (got {got})"
            )
        return self

    @property
    def mapping(self) -> Literal["redirect", "passthrough", "retired"]:
        if self.redirect is not None:
            return "redirect"
        return "passthrough" if self.passthrough is not None else "retired"

    @property
    def params(self) -> tuple[str, ...]:
        return path_params(self.path)

    @property
    def is_wildcard(self) -> bool:
        return self.path.endswith("/*")

    @property
    def proves_resolution_by(self) -> ResolvedBy:
        return self.resolved_by or "aliases"

    @property
    def resolved_params(self) -> dict[str, str]:
        """Redirect target parameter -> the legacy parameter the product resolves it from."""
        params = self.redirect.params if self.redirect else {}
        return {to: src.resolved_from for to, src in params.items()
                if isinstance(src, ResolvedFrom)}


class SectionRedirect(Entity):
    """A V3 path of the product's own that is no page but sends the browser to one (a section's
    landing: `/overview` -> `/overview/activity/timeline`), server- or client-side. Neither a
    route nor legacy: the inventory and the V1-dependency guard know it, and the
    section-redirect gate proves it lands on `to`. Parameters of `to` are copied by name."""

    path: RedirectPath
    to: Ident
    reason: str = ""
    # Where the landing route names a query: True lets the landing URL carry other parameters.
    extra_query: bool = False

    @property
    def id(self) -> str:
        """Its path: a redirect is known by the URL it answers (test ids, findings)."""
        return self.path

    @property
    def params(self) -> tuple[str, ...]:
        return path_params(self.path)


class Operation(Entity):
    key: Ident
    intent: NonEmpty
    # The operation's card by any selector (`form#delete-form`, `a.deletelink`), for products
    # without card/op attributes; its intent is then the one stated here.
    selector: CssSelector | None = None
    # The lifecycle.fields this card states (None: all of them).
    fields: tuple[NonEmpty, ...] | None = None
    typed_confirmation: bool = False
    requires_capability: str | None = None
    inverse: Ident | None = None


class LifecycleResource(Entity):
    id: Ident
    title: NonEmpty
    route: Ident
    ids: IdDiscovery | None = None
    operations: tuple[Operation, ...] = Field(min_length=1)


def _default_fields() -> dict[str, str]:
    keys = ("preconditions", "result", "progress", "failure", "evidence")
    return {k: testid(f"op-{k}") for k in keys}


class Lifecycle(Entity):
    card: CssSelector | None = None
    intent_attribute: NonEmpty = "data-intent"
    op_attribute: NonEmpty = "data-op"
    intents: tuple[NonEmpty, ...] = INTENTS
    fields: dict[str, CssSelector] = Field(default_factory=_default_fields)
    evidence_field: NonEmpty | None = "evidence"  # None: the product's cards have no pivot
    resources: tuple[LifecycleResource, ...] = ()


class TabStep(Entity):
    key: Ident
    route: Ident


STEP_ACTIONS = (
    "open",
    "click_nav",
    "open_first_row",
    "open_tab",
    "follow_back",
    "click_global_nav",
    "expect",
)


class Step(Entity):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    open: Ident | None = None
    click_nav: Ident | None = None
    open_first_row: Ident | None = None
    open_tab: TabStep | None = None
    follow_back: Ident | None = None
    click_global_nav: Ident | None = None
    expect: Ident | None = None

    @model_validator(mode="after")
    def _exactly_one_action(self) -> Step:
        found = [a for a in STEP_ACTIONS if getattr(self, a) is not None]
        if len(found) != 1:
            got = ", ".join(found) if found else "none"
            raise ValueError(f"a step needs exactly one of {', '.join(STEP_ACTIONS)} (got {got})")
        return self

    @property
    def action(self) -> str:
        return next(a for a in STEP_ACTIONS if getattr(self, a) is not None)

    @property
    def target(self) -> str | TabStep:
        found: str | TabStep = getattr(self, self.action)
        return found


class Journey(Entity):
    id: Ident
    family: Ident
    role: Ident | None = None
    title: str = ""
    steps: tuple[Step, ...] = Field(min_length=2)


class Role(Entity):
    id: Ident
    title: NonEmpty
    landing: Ident
    families: tuple[Ident, ...]
    default: bool = False


class ParityRow(Entity):
    id: Ident
    workflow: NonEmpty
    status: ParityStatus
    route: Ident | None = None
    family: Ident | None = None
    legacy: tuple[Ident, ...] = ()
    task: str | None = None
    note: str = ""
    # Executable parity (contracts.parity_facts): the v1compat run compares these facts on both
    # pages; without it the row's status is the team's word, reported as "declared".
    compare: ParityCompare | None = None

    @model_validator(mode="after")
    def _route_or_family(self) -> ParityRow:
        if self.route is None and self.family is None:
            raise ValueError("a parity row needs a route or a family")
        return self


class DoneCriterion(Entity):
    """A criterion the product states for retiring V1, and how the readiness report judges it."""

    id: Ident
    text: NonEmpty
    judged_by: CriterionJudge
