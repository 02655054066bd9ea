"""`cutover auth`: log in once per role and save a Playwright storage state per role (0600,
under `.auth/`), reusing saved ones while valid; print which roles are ready and, for each that
is not, exactly which variable is missing or which login step failed (with a screenshot).

Exit 0 when every asked role is ready, 1 when one is not, 2 for a bad contract, 3 when the target
cannot be reached, 4 for a usage error (no base URL, an unknown role)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from contracts import BUNDLED_CONTRACT, ContractError, load_contract
from harness.targets.base import TargetError, TargetUsageError
from harness.targets.registry import PRODUCT_KINDS, TARGET_KINDS, TargetRequest
from harness.targets.role_states import RoleStates, RoleStatus
from harness.targets.state_store import DEFAULT_AUTH_DIR, StateStore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cutover auth", description="Log in once per role and save its storage state.")
    parser.add_argument("--target", choices=PRODUCT_KINDS,
                        default=os.environ.get("CUTOVER_TARGET", "kind")
                        if os.environ.get("CUTOVER_TARGET") in PRODUCT_KINDS else "kind",
                        help="the product's target kind (default: kind, or CUTOVER_TARGET)")
    parser.add_argument("--base-url", default=os.environ.get("PYTEST_BASE_URL"),
                        help="the app's URL (kind: else CUTOVER_KIND_BASE_URL)")
    parser.add_argument("--contracts", type=Path,
                        default=Path(os.environ.get("CUTOVER_CONTRACTS") or BUNDLED_CONTRACT),
                        metavar="DIR", help="contract directory (default: the V3 contract)")
    parser.add_argument("--role", action="append", default=[], metavar="NAME",
                        help="only this role (repeat); default: every role of the contract")
    parser.add_argument("--auth-dir", type=Path,
                        default=Path(os.environ.get("CUTOVER_AUTH_DIR") or DEFAULT_AUTH_DIR),
                        metavar="DIR", help="where storage states are saved (default .auth/)")
    parser.add_argument("--results-dir", type=Path,
                        default=Path(os.environ.get("CUTOVER_RESULTS_DIR") or "reports"),
                        metavar="DIR", help="screenshots of failed logins go to DIR/artifacts")
    parser.add_argument("--fresh", action="store_true", help="log in even when a saved state "
                                                             "is still valid")
    parser.add_argument("--route-timeout", type=float, default=10000.0, metavar="MS",
                        help="bound on every navigation and wait (10000)")
    return parser


class _Usage(Exception):
    """No browser to log in with."""


def auth_command(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        contract = load_contract(args.contracts)
    except ContractError as exc:
        print(f"cutover auth: the contract in {args.contracts} is invalid:", file=sys.stderr)
        for issue in exc.errors:
            print(f"  {issue}", file=sys.stderr)
        return 2
    known = [r.id for r in contract.roles]
    unknown = [r for r in args.role if r not in known]
    if unknown:
        print(f"cutover auth: --role {unknown[0]}: not in the contract ({', '.join(known)})",
              file=sys.stderr)
        return 4
    try:
        started = TARGET_KINDS[args.target].build(
            TargetRequest(base_url=args.base_url, log_dir=args.results_dir))
        started.target.check_reachable()
    except TargetUsageError as exc:
        print(f"cutover auth: {exc}", file=sys.stderr)
        return 4
    except TargetError as exc:
        print(f"cutover auth: {exc}", file=sys.stderr)
        return 3
    target = started.target
    states = RoleStates(contract, target, StateStore(args.auth_dir, target.base_url),
                        args.route_timeout, args.results_dir / "artifacts")
    roles = args.role or known
    print(f"cutover auth: {target.name} at {target.base_url}, states in {states.store.folder}")
    try:
        statuses = _statuses(states, roles, args.fresh)
    except _Usage as exc:
        print(f"cutover auth: {exc}", file=sys.stderr)
        return 3
    for status in statuses:
        print(f"  {status.role}: {'ready' if status.ready else 'NOT READY'} — {status.how}")
    ready = sum(s.ready for s in statuses)
    print(f"{ready} of {len(statuses)} roles ready")
    return 0 if ready == len(statuses) else 1


def _statuses(states: RoleStates, roles: list[str], fresh: bool) -> list[RoleStatus]:
    from playwright.sync_api import sync_playwright

    from harness.targets.browser import QUIET_ARGS, NoBrowserError, resolve

    if not any(states.needs_browser(r) for r in roles):  # nobody logs in with a form
        return [states.status(r, None, fresh=fresh) for r in roles]
    try:
        choice = resolve()
    except NoBrowserError as exc:
        raise _Usage(str(exc)) from None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=choice.launch_path, args=list(QUIET_ARGS))
        try:
            return [states.status(role, browser, fresh=fresh) for role in roles]
        finally:
            browser.close()
