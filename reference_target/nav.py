"""Families, their local navigation, and roles (landing page and visible families)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    path: str


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    in_global_nav: bool
    items: tuple[NavItem, ...]

    @property
    def home(self) -> str:
        return self.items[0].path


def _family(fid: str, title: str, global_nav: bool, *items: tuple[str, str, str]) -> Family:
    return Family(fid, title, global_nav, tuple(NavItem(*item) for item in items))


# Order matters: the global nav lists families in this order.
FAMILIES: dict[str, Family] = {f.id: f for f in (
    _family("shell", "Home", False, ("home", "Home", "/home"), ("search", "Search", "/search"),
            ("help", "Help", "/help")),
    _family("workloads", "Workloads", True, ("all", "All workloads", "/workloads"),
            ("activity", "Activity", "/workloads/activity")),
    _family("compute", "Compute", True, ("catalog", "Catalog", "/compute"),
            ("launch", "Launch", "/compute/launch")),
    _family("apps", "Apps", True, ("catalog", "Catalog", "/apps"),
            ("runtimes", "Runtimes", "/apps/runtimes"),
            ("artifacts", "Artifacts", "/apps/artifacts")),
    _family("storage", "Storage", True, ("buckets", "Buckets", "/storage/buckets"),
            ("grants", "Grants", "/storage/grants"),
            ("attachments", "Attachments", "/storage/attachments"),
            ("new", "New bucket", "/storage/new")),
    _family("access", "Access", True, ("memberships", "Memberships", "/access/memberships"),
            ("service-accounts", "Service accounts", "/access/service-accounts"),
            ("credentials", "Credentials", "/access/credentials"),
            ("entitlements", "Entitlements", "/access/entitlements"),
            ("quotas", "Quotas", "/access/quotas"),
            ("connectivity", "Connectivity", "/access/connectivity"),
            ("identity", "Identity", "/access/identity"), ("audit", "Audit", "/access/audit")),
    _family("account", "Account", True, ("profile", "Profile", "/account/profile"),
            ("security", "Security", "/account/security"),
            ("billing", "Billing", "/account/billing"),
            ("sessions", "Sessions", "/account/sessions")),
    _family("platform", "Platform", True, ("ops", "Operations", "/platform/ops"),
            ("lifecycle", "Lifecycle", "/platform/lifecycle"),
            ("config", "Configuration", "/platform/config"),
            ("evidence", "Evidence", "/platform/evidence"),
            ("finance", "Finance", "/platform/finance"), ("iam", "IAM", "/platform/iam"),
            ("nodes", "Nodes", "/platform/nodes"),
            ("maas-sites", "MAAS sites", "/platform/maas/sites"),
            ("maas-profiles", "MAAS profiles", "/platform/maas/profiles"),
            ("maas-fabrics", "MAAS fabrics", "/platform/maas/fabrics"),
            ("onboarding", "Onboarding", "/platform/onboarding")),
    _family("notifications", "Notifications", True, ("inbox", "Inbox", "/notifications"),
            ("settings", "Settings", "/notifications/settings")),
    _family("docs", "Developer docs", True, ("portal", "Portal", "/docs"),
            ("downloads", "Downloads", "/docs/downloads"),
            ("api", "API reference", "/docs/api"), ("swagger", "Swagger UI", "/docs/api/swagger"),
            ("redoc", "Redoc", "/docs/api/redoc")),
    _family("schedulers", "Schedulers", True, ("overview", "Overview", "/schedulers"),
            ("slurm", "Slurm", "/schedulers/slurm"),
            ("kubernetes", "Kubernetes", "/schedulers/kubernetes")),
)}


@dataclass(frozen=True)
class Role:
    id: str
    landing: str
    families: frozenset[str]
    # The signed-in person shown in the header and recorded as the actor of operations.
    person: str


_USER_FAMILIES = frozenset({"shell", "workloads", "compute", "apps", "storage", "account",
                            "notifications", "docs", "schedulers"})
ROLES: dict[str, Role] = {
    "user": Role("user", "/workloads", _USER_FAMILIES, "Chen Wei"),
    "project_admin": Role("project_admin", "/access/memberships", _USER_FAMILIES | {"access"},
                          "Ben Okafor"),
    "platform_admin": Role("platform_admin", "/platform/ops", frozenset(FAMILIES), "Ana Ruiz"),
}
DEFAULT_ROLE = "platform_admin"


def role_named(value: str | None) -> Role:
    """The role of a request; an absent or unknown cookie means the default role."""
    return ROLES.get(value or DEFAULT_ROLE, ROLES[DEFAULT_ROLE])
