"""Fixtures of the report tests: results of hand-made runs, and a small product unlike V3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contracts import Contract, load_contract
from harness.checks.roles import role_limits
from harness.reports.results import SCHEMA

# A product with no lifecycle section, no V1/V3 flag, one family with local nav and
# one without; the criteria are V3's six, judged from what this contract declares.
SMALL_PRODUCT = {
    "families.yaml": """
families:
  - id: shop
    title: Shop
    roles: [buyer]
    local_nav:
      items:
        - {key: all, label: All, route: shop.list}
        - {key: cart, label: Cart, route: shop.cart}
  - id: help
    title: Help
    roles: [buyer]
""",
    "routes.yaml": """
routes:
  - {id: shop.list, path: /shop, family: shop, kind: list, title: Shop}
  - {id: shop.cart, path: /shop/cart, family: shop, kind: utility, title: Cart}
  - {id: help.home, path: /help, family: help, kind: guide, title: Help}
""",
    "legacy.yaml": """
legacy:
  - {id: old.store, path: /store, title: Store, redirect: {to: shop.list}}
  - {id: old.faq, path: /faq, title: FAQ, redirect: {to: help.home}}
""",
    "roles.yaml": """
roles:
  - {id: buyer, title: Buyer, landing: shop.list, default: true, families: [shop, help]}
""",
}


@pytest.fixture
def small_product(tmp_path: Path) -> Contract:
    folder = tmp_path / "small-product"
    folder.mkdir()
    for name, text in SMALL_PRODUCT.items():
        (folder / name).write_text(text.lstrip())
    criteria = Path(__file__).resolve().parents[2] / "contracts" / "v3" / "criteria.yaml"
    (folder / "criteria.yaml").write_text(criteria.read_text())
    return load_contract(folder)


def row(test: str, subject: str | None, outcome: str = "passed", *, kind: str = "route",
        check: str, gate: str, suite: str = "navigation", **extra: Any) -> dict[str, Any]:
    return {"nodeid": f"suites/x.py::{test}[{subject}]", "test": test, "subject": subject,
            "subject_kind": kind, "check": check, "gate": gate, "suite": suite, "family": None,
            "outcome": outcome, "messages": [], "findings": [], "artifacts": [],
            "evidence": {}, "properties": {}, **extra}


STATIC = {"test_route_live": ("route-live", "v3-live"),
          "test_shell_containment": ("shell-containment", "shell"),
          "test_local_nav": ("local-nav", "local-nav"),
          "test_back_link": ("back-link", "back-link"),
          "test_no_placeholder": ("placeholder", "placeholder"),
          "test_accessibility": ("accessibility", "accessibility"),
          "test_data_density": ("data-density", "density")}


def healthy_run(contract: Contract) -> list[dict[str, Any]]:
    """What a complete passing run of the suites records for `contract`: the parametrisation
    rules of harness.plugin.parametrize (local nav only where the page shows one, back links
    only on drill-downs, lifecycle only for declared resources)."""
    rows = []
    for route in contract.routes:
        for test, (check, gate) in STATIC.items():
            if test == "test_back_link" and not route.back:
                continue
            if test == "test_local_nav" and not contract.has_local_nav(route):
                continue
            rows.append(row(test, route.id, check=check, gate=gate))
        rows.append(row("test_no_inbound_v1_links", route.id, check="v1-links", gate="v1-links",
                        suite="cutover"))
    for legacy in contract.legacy:
        kind = ("legacy_redirect" if legacy.redirect else "legacy_passthrough"
                if legacy.passthrough else "legacy_retired")
        rows.append(row(f"test_{kind}", legacy.id, kind=kind, check=kind.replace("_", "-"),
                        gate="mapped", suite="cutover"))
    for res in contract.lifecycle.resources:
        rows.append(row("test_operation_cards", res.id, kind="lifecycle_resource",
                        check="lifecycle-cards", gate="lifecycle", suite="lifecycle"))
    rows.append(row("test_route_inventory", None, check="route-inventory", gate="mapped",
                    suite="cutover"))
    rows += [row("test_degraded_backend", f"{d.route}-{v}", kind="degraded_case",
                 check="degraded-backend", gate="degraded", suite="quality")
             for d in contract.degraded.routes
             for v in d.variants]
    rows += [row("test_role_limits", limit.id, kind="role_limit", check="role-limits",
                 gate="role-limits") for r in contract.roles for limit in role_limits(contract, r)]
    # the opt-in v1compat run's comparisons, merged in: executable parity needs them
    compared = {"compared": ["field 'Region'"], "missing": [], "differing": [], "unreadable": [],
                "error": None}
    rows += [row("test_v1_v3_parity", p.id, kind="parity_row", check="v1-parity", gate="parity",
                 suite="cutover", evidence={"parity": compared})
             for p in contract.parity if p.compare is not None]
    return rows


def fail(rows: list[dict[str, Any]], test: str, subject: str, contract: Contract,
         artifacts: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """`rows` with one test failed, its finding citing the contract entry as a real run does."""
    route = contract.route(subject)
    finding = {"subject": subject, "source": str(route.source), "expected": "the global shell",
               "found": "no global shell", "url": f"http://127.0.0.1:9/{route.path}",
               "severity": "error", "check": "shell-containment"}
    message = (f"[shell-containment] {subject} ({route.source}) at {finding['url']}: expected "
               "the global shell, found no global shell")
    return [dict(r, outcome="failed", messages=[message], findings=[finding],
                 artifacts=list(artifacts))
            if (r["test"], r["subject"]) == (test, subject) else r for r in rows]


def write_results(path: Path, rows: list[dict[str, Any]], **meta: Any) -> Path:
    if any(r["check"] == "v1-parity" for r in rows):  # as merged default + v1compat files say
        meta.setdefault("markexpr", "(default) + v1compat")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": SCHEMA, "worker": "main", "shard": None, "meta": meta,
                                "results": rows}))
    return path
