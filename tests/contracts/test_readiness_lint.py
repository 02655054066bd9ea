"""Lint of readiness and setup: every problem at once, each at its `file:line`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contracts import load_contract
from contracts.loader import lint_contract


def _lint(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


def test_v3_reads_its_readiness_and_setup(contract_copy: Path) -> None:
    contract = load_contract(contract_copy)
    assert contract.readiness.busy == '[aria-busy="true"]' and contract.readiness.quiet_ms == 250
    [step] = contract.setup
    assert (step.id, step.dismiss, step.press) == (
        "first-run-dialog", '[data-testid="first-run-dismiss"]', None)
    assert all(r.ready is None for r in contract.routes)  # server-rendered: nothing to add


def test_every_readiness_problem_at_once(edit: Callable[[str, str, str], None],
                                          locate: Callable[..., int], contract_copy: Path) -> None:
    edit("settings.yaml", "  quiet_ms: 250\n",
         "  quiet_ms: 250\n  ignore_requests:\n    - '/api/feed'\n    - '/api/(live'\n")
    edit("settings.yaml", """  busy: '[aria-busy="true"]'""", "  busy: '[aria-busy=true'")
    edit("settings.yaml", """    dismiss: '[data-testid="first-run-dismiss"]'""",
         """    dismiss: '[data-testid="first-run-dismiss"]'\n    press: Escape""")
    edit("settings.yaml", "  - id: first-run-dialog\n",
         "  - id: cookie-banner\n    when: '#cookies >'\n    press: Escape\n"
         "    reason: consent\n  - id: first-run-dialog\n")
    edit("routes.yaml", "    family: compute\n", "    family: compute\n    ready: 'ul..cards'\n")
    edit("families.yaml", "  - id: compute\n", "  - id: compute\n    ready: '#grid >'\n")
    reported = _lint(contract_copy)
    expected = [
        ("settings.yaml", "    - '/api/(live'", "readiness.ignore_requests[1]: invalid regular "
                                              "expression"),
        ("settings.yaml", "  busy: '[aria-busy=true'", "readiness.busy: invalid selector"),
        ("settings.yaml", "  - id: first-run-dialog", "setup[first-run-dialog]: exactly one of "
                                                      "dismiss, press is required"),
        ("settings.yaml", "    when: '#cookies >'", "setup[cookie-banner].when: invalid selector"),
        ("routes.yaml", "    ready: 'ul..cards'", "ready: invalid selector 'ul..cards'"),
        ("families.yaml", "    ready: '#grid >'", "families[compute].ready: invalid selector"),
    ]
    for file, at, message in expected:
        line = f"v3/{file}:{locate(file, at)}: "
        assert any(r.startswith(line) and message in r for r in reported), (line, message,
                                                                           reported)
    assert len(reported) == len(expected), reported


def test_a_negative_quiet_window(edit: Callable[[str, str, str], None],
                                 locate: Callable[..., int], contract_copy: Path) -> None:
    edit("settings.yaml", "  quiet_ms: 250\n", "  quiet_ms: -1\n")
    line = locate("settings.yaml", "  quiet_ms: -1")
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: readiness.quiet_ms: must be >= 0 (got -1)"]
