"""Lint of the known defects (contracts.known_defects): every problem at once, at its line."""

from __future__ import annotations

from pathlib import Path

from contracts import lint_contract

BROKEN = """\
known_defects:
  - check: page-title
    subject: storage.grants
    reason: headed as the attachments tab
  - check: local-nav
    subject: storage.grant
    reason: a typo in the subject
  - check: page-title
    subject: storage.grants
    reason: listed twice
  - check: route-inventory
  - {check: Not A Check, reason: bad name}
"""


def test_every_known_defect_problem_at_once_at_its_line(contract_copy: Path) -> None:
    (contract_copy / "known-defects.yaml").write_text(BROKEN)
    at = "v3/known-defects.yaml"
    errors = [str(e) for e in lint_contract(contract_copy).errors]
    assert errors == [
        f"{at}:6: known_defects[1].subject: unknown subject 'storage.grant': not an id or pair "
        "a test of the suite runs on (did you mean 'storage.grants'?)",
        f"{at}:8: known_defects[2]: check 'page-title' on 'storage.grants' is already listed "
        f"(at {at}:2)",
        f"{at}:11: known_defects[3].reason: field required",
        f"{at}:12: known_defects[4].check: must be an id (letters, digits, '.', '_', '-'), "
        "got 'Not A Check'",
    ]
