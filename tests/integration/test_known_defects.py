"""Known defects (the contract's `known_defects`): a listed failure of the product runs and
fails as recorded without failing the run, keeps its `failed` outcome and reason in the results
(readiness still counts it), and a listed test that passes fails the run, so a fixed defect cannot
stay listed."""

from __future__ import annotations

import shutil

import pytest

from contracts import BUNDLED_CONTRACT
from tests.integration.suite_runner import run_suite

pytestmark = pytest.mark.long_run(25)

DEFECTS = """\
known_defects:
  - check: page-title
    subject: storage.grants
    reason: the grants tab is headed as the attachments tab (tracked as STOR-V3-12)
  - check: page-title
    subject: storage.buckets
    reason: listed, but the page is headed right
"""


def test_known_defects_fail_as_recorded_and_a_fixed_one_fails_the_run(tmp_path):
    contract = tmp_path / "contract"
    shutil.copytree(BUNDLED_CONTRACT, contract)
    (contract / "known-defects.yaml").write_text(DEFECTS)
    run = run_suite(tmp_path / "run", [f"--contracts={contract}", "suites/navigation",
                                       "-k", "test_page_title and storage"],
                    faults=("page-heading-wrong",))
    assert run.results, run.output[-3000:]
    grants, buckets = (run.results["test_page_title[storage.grants]"],
                       run.results["test_page_title[storage.buckets]"])
    # failed as recorded: still a failure in the results, with the product's finding and reason
    assert grants["outcome"] == "failed", grants
    assert "found 'Attachments'" in "\n".join(grants["messages"]), grants
    assert "STOR-V3-12" in grants["properties"]["known_defect"], grants
    assert "known-defects.yaml:2" in grants["properties"]["known_defect"], grants
    # the page that is right fails the run: its entry is stale
    assert buckets["outcome"] == "failed", buckets
    assert run.returncode == 1, run.output[-3000:]
    assert "XPASS(strict)" in run.output, run.output[-3000:]
    assert "known defects: 2 of 2 held to failing as recorded" in run.output, run.output[-2000:]
    others = {k for k, r in run.results.items() if r["outcome"] != "passed"}
    assert others == {"test_page_title[storage.grants]", "test_page_title[storage.buckets]"}, others
