"""The Datasette example end to end: the unchanged default suite passes against stock Datasette
(logged in through the contract's `auth` section), and a fault injected through the example's
own configuration (its legacy redirects switched off) is caught, naming entry, route and
expectation."""

from __future__ import annotations

import pytest

from tests.examples.example_apps import SuiteRun, run_default_suite, started

pytestmark = pytest.mark.long_run(45)

LOGIN = ("DATASETTE_USERNAME", "DATASETTE_PASSWORD")
REDIRECTS = ("v1.ships", "v1.ship", "v1.port", "v1.stations", "v1.station")


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    tmp = tmp_path_factory.mktemp("datasette-healthy")
    with started("datasette", tmp / "app.log", credentials=LOGIN) as app:
        return run_default_suite("datasette", app, tmp)


@pytest.fixture(scope="module")
def without_redirects(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    tmp = tmp_path_factory.mktemp("datasette-faulted")
    with started("datasette", tmp / "app.log", faults="no-legacy-redirects",
                 credentials=LOGIN) as app:
        return run_default_suite("datasette", app, tmp, "-m", "cutover")


def test_default_suite_passes_against_datasette(healthy: SuiteRun) -> None:
    assert healthy.returncode == 0, healthy.output[-4000:]
    passed = {k for k, r in healthy.rows.items() if r["outcome"] == "passed"}
    # it really ran the gates on Datasette's pages (not a run of skips)
    assert "test_route_live[fleet.ship]" in passed
    assert "test_back_link[weather.station]" in passed
    assert "test_global_nav[visitor]" in passed
    assert {f"test_legacy_redirect[{r}]" for r in REDIRECTS} <= passed


def test_removed_legacy_redirects_are_caught(without_redirects: SuiteRun) -> None:
    assert without_redirects.failed() == {f"test_legacy_redirect[{r}]" for r in REDIRECTS}, (
        without_redirects.output[-4000:])
    row = without_redirects.rows["test_legacy_redirect[v1.ship]"]
    message = "\n".join(str(m) for m in row["messages"])  # type: ignore[attr-defined]
    assert "v1.ship (examples/datasette/contract/legacy.yaml:" in message, message
    assert "expected /ships/{ship_id} to land on fleet.ship" in message, message
    assert "HTTP 404" in message, message
