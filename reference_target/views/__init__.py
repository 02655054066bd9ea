"""Page builders, one module per product family; ROUTES lists every canonical V3 page."""

from reference_target.routing import PageRoute
from reference_target.views import (
    access,
    account,
    apps,
    compute,
    docs,
    maas,
    nodes,
    notifications,
    platform,
    schedulers,
    shell,
    storage,
    workloads,
)

ROUTES: list[PageRoute] = [
    route
    for module in (shell, workloads, compute, apps, storage, access, account, platform, nodes,
                   maas, notifications, docs, schedulers)
    for route in module.page.routes
]
