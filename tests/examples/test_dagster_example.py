"""The Dagster example end to end: a real client-rendered single-page app (React, every data
call a GraphQL POST, client-side redirects, tabs marked aria-selected) from PyPI, started by
examples/dagster/start.sh. The unchanged default suite holds on one family of it (the runs:
rows rendered from POST /graphql, a tab chosen by query string, a run found from the list's
rows) with no failure but the app's recorded defects, the same outcomes twice, the second time
with every request held 0-300 ms by the latency proxy; and `cutover init` drafts at least 80%
of the routes its contract found by hand, in a draft that lints."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from contracts import load_contract
from tests.examples.example_apps import (
    EXAMPLES,
    ROOT,
    RunningExample,
    SuiteRun,
    run_default_suite,
    started,
)

pytestmark = pytest.mark.long_run(240)

CONTRACT = EXAMPLES / "dagster" / "contract"
FAMILY = ("-m", "runs")


@pytest.fixture(scope="module")
def dagster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningExample]:
    with started("dagster", tmp_path_factory.mktemp("dagster") / "app.log") as app:
        yield app


def _outcomes(run: SuiteRun) -> dict[str, object]:
    """Each test's outcome, but for the known defects the contract says show only under a
    condition (`strict: false`: Dagster resets a page's title once its scripts are cached, so
    the first page a run opens is titled right or not by how fast it loaded)."""
    loose = {(d.check, d.subject) for d in load_contract(CONTRACT).known_defects
             if not d.strict}
    return {k: r["outcome"] for k, r in run.rows.items()
            if (r["check"], r["subject"]) not in loose}


def test_the_runs_family_holds_twice_alike_also_under_jitter(
        dagster: RunningExample, tmp_path: Path) -> None:
    first = run_default_suite("dagster", dagster, tmp_path / "first", *FAMILY)
    jittered = run_default_suite("dagster", dagster, tmp_path / "jitter", *FAMILY,
                                 "--latency=0-300")
    assert first.returncode == 0, first.output[-4000:]
    assert jittered.returncode == 0, jittered.output[-4000:]
    assert _outcomes(first) == _outcomes(jittered)
    passed = {k for k, r in first.rows.items() if r["outcome"] == "passed"}
    # it judged pages that render after `load` (not a run of skips)
    assert {"test_route_live[runs.run]", "test_local_nav[runs.backfills]",
            "test_back_link_click[runs.run]", "test_resource_identity[runs.run]"} <= passed
    # every failure is a recorded defect of Dagster's, with its reason
    for key in first.failed():
        assert "known defect" in str(first.rows[key]["properties"]), (key, first.rows[key])
    assert "latency: 0-300 ms added to each of" in jittered.output, jittered.output[-2000:]


@pytest.fixture(scope="module")
def drafted(dagster: RunningExample, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("dagster-draft") / "draft"
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "init", "--base-url", dagster.url, "--out",
         str(out), "--max-pages", "30", "--max-seconds", "240"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert (out / "routes.yaml").exists(), done.stdout + done.stderr
    return out, done.stdout + done.stderr


def _shape(path: str) -> str:
    """A path with its parameters' names left out: the draft names them its own way."""
    return re.sub(r"\{[^}]+\}", "{}", path).rstrip("/") or "/"


def test_init_drafts_most_hand_found_routes(drafted: tuple[Path, str]) -> None:
    out, output = drafted
    hand_found = [r.path for r in load_contract(CONTRACT).routes]
    routes = yaml.safe_load((out / "routes.yaml").read_text())
    paths = {_shape(r["path"]) for r in routes["routes"]}
    found = [p for p in hand_found if _shape(p) in paths]
    share = len(found) / len(hand_found)
    missing = sorted(set(hand_found) - set(found))
    print(f"cutover init drafted {len(found)} of {len(hand_found)} hand-found Dagster routes "
          f"({share:.0%}); missing: {missing}")
    assert share >= 0.8, (missing, output[-3000:])
    # `/` and `/overview` redirect on the client: section redirects, not routes
    redirects = {r["path"]: r["to"] for r in routes.get("redirects", [])}
    timeline = next(r["id"] for r in routes["routes"]
                    if r["path"] == "/overview/activity/timeline")
    assert redirects.get("/overview") == timeline and redirects.get("/") == timeline, redirects
    # its data came through GraphQL query POSTs; nothing was written
    assert "POST reads let through (GraphQL queries):" in output, output[-3000:]
    families = yaml.safe_load((out / "families.yaml").read_text())["families"]
    assert any(f.get("local_nav") for f in families), families


def test_the_draft_lints(drafted: tuple[Path, str]) -> None:
    out, _ = drafted
    done = subprocess.run([sys.executable, "-m", "harness.cli", "lint", str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
