"""A V3 contract copy whose plan retires the billing pages (a retired slice's routes are
`retired` in the legacy map, as lint requires) while the reference target still serves them:
what the slice tests and the promotion runs use to show a retired route coming back."""

from __future__ import annotations

import shutil
from pathlib import Path

from contracts import BUNDLED_CONTRACT

BILLING_TASKS = (
    "BILL-V3-01: billing overhaul is a separate effort (non-goal of this migration)",
    "BILL-V3-02: invoice history moves with the billing overhaul",
)


def billing_retired_contract(folder: Path) -> Path:
    shutil.copytree(BUNDLED_CONTRACT, folder)
    legacy = (folder / "legacy.yaml").read_text()
    for task in BILLING_TASKS:
        legacy = legacy.replace(f'passthrough:\n      task: "{task}"',
                                "retired: {reason: billing moved to the V3 account pages}")
    (folder / "legacy.yaml").write_text(legacy)
    plan = (folder / "slices.yaml").read_text()
    plan = plan.replace("retires: {ids: [v1.admin.reports, v1.mocks]}",
                        "retires: {ids: [v1.admin.reports, v1.mocks, v1.billing, "
                        "v1.billing.invoices]}")
    (folder / "slices.yaml").write_text(plan.replace("paths: [/billing*, /admin/audit-export]",
                                                     "paths: [/admin/audit-export]"))
    return folder
