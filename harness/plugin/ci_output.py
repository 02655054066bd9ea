"""CI-native output, only when running under GitHub Actions (GITHUB_ACTIONS=true): each finding
becomes an `::error file=<contract file>,line=<line>::` annotation on the contract line it is
about, and the readiness summary (verdict, counts per family, the routes that block retirement)
is appended to the job summary ($GITHUB_STEP_SUMMARY). Off CI nothing here is registered, so
nothing changes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from _pytest.terminal import TerminalReporter

from harness.checks.findings import Finding
from harness.plugin.judgements import failed_on
from harness.reports.readiness.slices import summary_lines
from harness.reports.readiness.verdicts import Readiness

ANNOTATIONS_ATTR = "cutover_annotations"  # on the report, so xdist carries it to the controller


def on_github(env: Mapping[str, str] | None = None) -> bool:
    return (env if env is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for a finding, pointing at its contract `file:line`."""
    file, _, line = finding.source.rpartition(":")
    if not file or not line.isdigit():
        file, line = finding.source, ""
    where = f"file={_escape_property(file)}" + (f",line={line}" if line else "")
    title = _escape_property(f"{finding.check}: {finding.subject}")
    level = "warning" if finding.severity == "warning" else "error"
    return f"::{level} {where},title={title}::{_escape_data(finding.message)}"


def step_summary(readiness: Readiness) -> str:
    """The readiness verdict, counts per family and the routes that block retirement, as the
    Markdown GitHub shows on the run's page."""
    lines = [f"## V1 retirement readiness: {readiness.verdict}", "",
             "| family | ready | blocked | not run | kept on V1 |", "|---|---|---|---|---|"]
    for family, counts in readiness.families.items():
        lines.append(f"| {family} | {counts.get('ready', 0)} | {counts.get('blocked', 0)} | "
                     f"{counts.get('not run', 0)} | {counts.get('kept on V1', 0)} |")
    blocking = [r for r in readiness.routes if r.verdict == "blocked"]
    if blocking:
        lines += ["", "### Routes that block retirement", ""]
        lines += [f"- `{r.path}` ({r.legacy_id})" for r in blocking]
    if readiness.slices:
        lines += ["", "### Cutover plan", "", *(f"- {line}" for line in summary_lines(readiness))]
    return "\n".join(lines) + "\n"


def append_step_summary(readiness: Readiness, env: Mapping[str, str] | None = None) -> None:
    env = env if env is not None else os.environ
    target = env.get("GITHUB_STEP_SUMMARY")
    if on_github(env) and target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(step_summary(readiness))


class GithubAnnotations:
    """A pytest plugin object: collects findings' annotations and prints them at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]
                                  ) -> Any:
        report = yield
        exc = call.excinfo.value if call.excinfo is not None else None
        findings = failed_on(item, exc)
        if findings:
            setattr(report, ANNOTATIONS_ATTR, [annotation(f) for f in findings])
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for line in getattr(report, ANNOTATIONS_ATTR, None) or []:
            if line not in self.lines:
                self.lines.append(line)

    def pytest_terminal_summary(self, terminalreporter: TerminalReporter) -> None:
        write(terminalreporter, self.lines)


def write(terminalreporter: TerminalReporter, lines: Iterable[str]) -> None:
    for line in lines:
        terminalreporter.write_line(line)


def register(config: pytest.Config) -> None:
    if on_github():
        config.pluginmanager.register(GithubAnnotations(), "cutover-github-annotations")
