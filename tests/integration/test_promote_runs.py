"""`cutover promote` on real runs of the suite. The plan's first slice to promote (the one it
marks validating) is run exactly as `cutover promote` says to check it -- its legacy routes'
tests, its V3 targets' gates, the V1-dependency guard on every page -- against the login-mode
kind stand-in (the reference target behind its form login, `cutover auth --target kind`, then
`--target kind`, as the kind job does): healthy, it is promoted; deployed with a named fault in
one of its routes, it is held, naming the route and the gate. Evidence from the embedded
reference target is refused whatever it holds; and a slice marked retired whose V1 route is
still served fails the run, naming the route, and reads as a regression in readiness."""

from __future__ import annotations

import json
import os
import secrets
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contracts import BUNDLED_CONTRACT, Contract, Slice, load_contract
from harness.reports.promote.decision import selection
from harness.targets.reference_process import ReferenceProcess
from tests.integration.suite_runner import ROOT, ROUTE_TIMEOUT_MS, run_suite
from tests.slice_plans import billing_retired_contract

pytestmark = pytest.mark.long_run(75)

ROLES = ("user", "project_admin", "platform_admin")
FAULT = "local-nav-no-active"  # docs pages never mark their local-nav item current


def first_slice(contract: Contract) -> Slice:
    return next(s for s in contract.plan if s.status == "validating")


def promote(results: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "harness.cli", "promote", *args,
                           "--results-dir", str(results)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def run_on_kind_standin(tmp: Path, faults: tuple[str, ...], pytest_args: list[str]) -> str:
    """One suite run through the kind job's path against the reference target in login mode."""
    passwords = {role: secrets.token_hex(8) for role in ROLES}
    target = ReferenceProcess(log_path=tmp / "kind.log", login_passwords=passwords,
                              faults=faults)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUTOVER_", "PYTEST_"))}
    env.update({"CUTOVER_KIND_BASE_URL": target.start(), "CUTOVER_AUTH_DIR": str(tmp / "auth"),
                "CUTOVER_RESULTS_DIR": str(tmp / "reports")})
    try:
        for role in ROLES:
            env[f"CUTOVER_{role.upper()}_USERNAME"] = role
            env[f"CUTOVER_{role.upper()}_PASSWORD"] = passwords[role]
        auth = subprocess.run([sys.executable, "-m", "harness.cli", "auth", "--target", "kind"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                              check=False)
        assert auth.returncode == 0, auth.stdout + auth.stderr
        done = subprocess.run([sys.executable, "-m", "pytest", *pytest_args, "-q", "-p",
                               "no:cacheprovider", f"--route-timeout={ROUTE_TIMEOUT_MS}"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
                              check=False)
    finally:
        target.stop()
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def kind_runs(tmp_path_factory) -> Iterator[dict[str, tuple[Path, str]]]:
    """The first slice checked as promote says, healthy and with FAULT: results dir, output."""
    command = shlex.split(selection(load_contract(BUNDLED_CONTRACT),
                                    first_slice(load_contract(BUNDLED_CONTRACT)))[-1])
    assert command[:3] == ["pytest", "--target", "kind"], command  # no v1compat run needed
    runs = {}
    for name, faults in (("healthy", ()), ("faulted", (FAULT,))):
        tmp = tmp_path_factory.mktemp(name)
        runs[name] = (tmp / "reports", run_on_kind_standin(tmp, faults, command[1:]))
    yield runs


def test_the_first_slice_is_promoted_from_a_complete_run_on_kind(kind_runs, contract):
    results, output = kind_runs["healthy"]
    assert " passed" in output and " failed" not in output, output[-3000:]
    slice_ = first_slice(contract)
    done = promote(results, slice_.id)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"cutover promote {slice_.id}: PROMOTE"
    record = json.loads(next(results.glob(f"runs/*/promote-{slice_.id}.json")).read_text())
    assert record["evidence"][0]["target"] == "kind" and record["evidence"][0]["state"] \
        == "complete"
    assert {r["verdict"] for r in record["routes"]} == {"ready"}
    assert len(record["routes"]) == len(contract.slice_routes(slice_))
    # the run's own readiness puts the slice at "ready" on the plan's timeline
    report = json.loads(next(results.glob("runs/*/readiness.json")).read_text())
    assert {s["id"]: s["stage"] for s in report["slices"]}[slice_.id] == "ready"


def test_a_named_fault_in_one_of_its_routes_holds_it_naming_route_and_gate(kind_runs,
                                                                           contract):
    results, output = kind_runs["faulted"]
    assert " failed" in output, output[-3000:]
    slice_ = first_slice(contract)
    done = promote(results, slice_.id)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"cutover promote {slice_.id}: HOLD"
    reasons = [line[4:] for line in done.stdout.splitlines() if line.startswith("  - ")]
    assert reasons and all(" fails the local-nav gate on docs." in r for r in reasons), reasons
    assert any(r.startswith("/api-docs (v1.api_docs) fails the local-nav gate on "
                            "docs.api.swagger: ") for r in reasons), reasons


@pytest.fixture
def billing_retired(tmp_path: Path) -> Path:
    folder = billing_retired_contract(tmp_path / "contract")
    load_contract(folder)  # lints clean
    return folder


def test_a_retired_slice_still_served_fails_the_run_and_reference_evidence_is_refused(
        tmp_path, billing_retired, contract):
    run = run_suite(tmp_path, ["suites/cutover/test_legacy_routes.py", "-k", "legacy_retired",
                               f"--contracts={billing_retired}", "--readiness"])
    assert run.returncode == 1, run.output[-3000:]
    assert run.failed == {"test_legacy_retired[v1.billing]",
                          "test_legacy_retired[v1.billing.invoices]"}, run.output[-3000:]
    assert "v1.billing" in run.output and "/billing" in run.output
    assert run.run_dir is not None
    md = (run.run_dir / "readiness.md").read_text()
    assert "- **REGRESSION**: slice retired-v1 is retired, but: /billing (v1.billing) is " \
           "served again" in md
    report = json.loads((run.run_dir / "readiness.json").read_text())
    assert report["slices"][0]["stage"] == "regressed"
    # a run on the embedded reference target is never evidence for promotion
    slice_ = first_slice(contract)
    done = promote(tmp_path, slice_.id, "--contracts", str(billing_retired))
    assert done.returncode == 1, done.stdout + done.stderr
    assert (f"  - run {run.run_dir.name} ran against the embedded reference target, which "
            "never counts as evidence for promotion: it is the suite's own stand-in product, "
            f"not the kind deployment slice {slice_.id} must be validated on.") in done.stdout
    assert "not fully checked" not in done.stdout  # refused before any route is judged
