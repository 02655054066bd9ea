"""The cutover contract: YAML describing the V3 product, loaded into frozen pydantic models.

from contracts import load_contract
contract = load_contract(Path("contracts/v3"))   # raises ContractError listing every problem
"""

from pathlib import Path

from contracts.auth import (
    Auth,
    LoginForm,
    LoginSuccess,
    RoleCredentials,
    RoleSelector,
    Selection,
    TokenHeader,
)
from contracts.baseline import load_a11y_baseline, write_a11y_baseline
from contracts.contract import SECTIONS, Contract
from contracts.issues import ContractError, ContractIssue, LintReport
from contracts.loader import lint_contract, load_contract
from contracts.models import (
    INTENTS,
    STEP_ACTIONS,
    AccessibilitySettings,
    CrawlSettings,
    DoneCriterion,
    Entity,
    Family,
    IdDiscovery,
    Journey,
    LegacyRoute,
    Lifecycle,
    LifecycleResource,
    LocalNav,
    NavItem,
    NotFound,
    Operation,
    ParamMap,
    ParityRow,
    Passthrough,
    PlaceholderPattern,
    Placeholders,
    Redirect,
    ResolvedFrom,
    Retired,
    Role,
    RoleLimits,
    Route,
    SectionRedirect,
    Selectors,
    Step,
    TabStep,
    V3Flag,
)
from contracts.schema import contract_file_schema
from contracts.slices import Slice, SliceRoutes
from contracts.sources import SourceRef

# The V3 product's contract, shipped with the suite: the default of every command.
BUNDLED_CONTRACT = Path(__file__).resolve().parent / "v3"

__all__ = [
    "BUNDLED_CONTRACT",
    "INTENTS",
    "SECTIONS",
    "STEP_ACTIONS",
    "AccessibilitySettings",
    "Auth",
    "Contract",
    "ContractError",
    "ContractIssue",
    "CrawlSettings",
    "DoneCriterion",
    "Entity",
    "Family",
    "IdDiscovery",
    "Journey",
    "LegacyRoute",
    "Lifecycle",
    "LifecycleResource",
    "LintReport",
    "LocalNav",
    "LoginForm",
    "LoginSuccess",
    "NavItem",
    "NotFound",
    "Operation",
    "ParamMap",
    "ParityRow",
    "Passthrough",
    "PlaceholderPattern",
    "Placeholders",
    "Redirect",
    "ResolvedFrom",
    "Retired",
    "Role",
    "RoleCredentials",
    "RoleLimits",
    "RoleSelector",
    "Route",
    "SectionRedirect",
    "Selection",
    "Selectors",
    "Slice",
    "SliceRoutes",
    "SourceRef",
    "Step",
    "TabStep",
    "TokenHeader",
    "V3Flag",
    "contract_file_schema",
    "lint_contract",
    "load_a11y_baseline",
    "load_contract",
    "write_a11y_baseline",
]
