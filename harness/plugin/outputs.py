"""The pytest side of run folders (harness.reports.run_folders): a run that will execute tests
gets `<results dir>/runs/<run id>/`, with JUnit XML, Allure results and Playwright's output
placed there unless the user named them; at the end the folder records how the run ended, a
complete run becomes `latest`, and old runs are pruned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.plugin.run_settings import RunSettings
from harness.reports import run_folders
from harness.reports.run_folders import RunFolderError, RunRecord
from harness.reports.run_meta import contract_digest, now_utc, without_userinfo

PLAYWRIGHT_OUTPUT_DEFAULT = "test-results"  # pytest-playwright's --output default
# pytest options that print something and run no test
NO_TESTS = ("help", "version", "collectonly", "showfixtures", "show_fixtures_per_test",
            "markers")


def _runs_tests(config: pytest.Config) -> bool:
    return not any(config.getoption(name, default=False) for name in NO_TESTS)


def open_run_folder(config: pytest.Config, settings: RunSettings) -> Path | None:
    """The controller of a run that will run tests makes its folder; xdist workers are given
    its id (pytest_configure_node) and the placed options with the controller's."""
    if hasattr(config, "workerinput") or not _runs_tests(config):
        return None
    base_url = config.getoption("base_url", default=None)
    data = {
        "started": now_utc(), "paths": [str(a) for a in config.args],
        "keyword": config.getoption("keyword", default="") or "",
        "markexpr": config.getoption("markexpr", default="") or "",
        "target": settings.target, "faults": list(settings.faults),
        "base_url_given": without_userinfo(base_url) if base_url else None,
        "contracts": str(settings.contracts),
        "contracts_digest": contract_digest(settings.contracts),
        "shard": list(settings.shard) if settings.shard else None,
    }
    try:
        folder = run_folders.create(settings.results_dir, settings.run_id, data)
    except (OSError, RunFolderError) as exc:
        raise pytest.UsageError(f"--results-dir {settings.results_dir}: cannot make this run's "
                                f"folder ({exc})") from None
    option = config.option
    if getattr(option, "xmlpath", None) is None:
        option.xmlpath = str(folder / "junit.xml")
    if settings.allure and hasattr(option, "allure_report_dir") and not option.allure_report_dir:
        # --clean-alluredir then cleans only this run's (new, empty) folder
        option.allure_report_dir = str(folder / "allure-results")
    if getattr(option, "output", None) == PLAYWRIGHT_OUTPUT_DEFAULT:
        # pytest-playwright deletes its output folder when a session starts: a shared one
        # would lose a concurrent run's traces
        option.output = str(folder / PLAYWRIGHT_OUTPUT_DEFAULT)
    return folder


def output_lines(config: pytest.Config, folder: Path | None) -> list[str]:
    """Where this run writes: for the report header and the summary."""
    if folder is None:
        return []
    option = config.option
    allure = getattr(option, "allure_report_dir", None) or "off (--allure or --alluredir)"
    return [f"cutover run folder: {folder}",
            f"cutover outputs: JUnit {option.xmlpath}, Allure {allure}, "
            f"Playwright output {getattr(option, 'output', PLAYWRIGHT_OUTPUT_DEFAULT)}, "
            f"artifacts {folder / 'artifacts'}"]


def _v1compat_tests(files: list[Path]) -> int:
    total = 0
    for path in files:
        try:
            meta = json.loads(path.read_text()).get("meta", {})
        except (OSError, ValueError, AttributeError):
            continue
        total += int(meta.get("v1compat_tests") or 0) if isinstance(meta, dict) else 0
    return total


def _first_meta(files: list[Path]) -> dict[str, object]:
    for path in files:
        try:
            meta = json.loads(path.read_text()).get("meta", {})
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(meta, dict):
            return meta
    return {}


def _ending(folder: Path) -> dict[str, object]:
    files = sorted((folder / "results").glob("results-*.json"))
    meta = _first_meta(files)
    return {"finished": now_utc(), "results_files": len(files),
            "v1compat_tests": _v1compat_tests(files),
            **{k: meta[k] for k in ("base_url", "commit", "browser") if meta.get(k)}}


def readiness_runs(folder: Path, settings: RunSettings) -> list[RunRecord]:
    """The runs `--readiness` reads: this one, plus the latest complete v1compat run against
    the same target and contract when this one ran no v1compat tests."""
    record = run_folders.read_record(folder)
    this = RunRecord(folder, {**(record.data if record else {}), **_ending(folder)})
    partner = run_folders.v1compat_partner(this, run_folders.list_runs(settings.results_dir))
    return [this, partner] if partner is not None else [this]


def finish_run_folder(config: pytest.Config, settings: RunSettings, folder: Path, complete: bool,
                      exit_code: int) -> list[str]:
    """Record how the run ended; a complete run becomes latest and prunes old runs."""
    root = settings.results_dir
    lines = [f"run folder: {folder} ({'complete' if complete else 'interrupted'})",
             *output_lines(config, folder)[1:]]
    try:
        run_folders.finish(folder, {**_ending(folder), "exit_code": exit_code}, complete)
        if complete:
            lines.append(f"{root / run_folders.LATEST} -> {folder.relative_to(root)}")
            pruned = run_folders.prune(root, settings.keep_runs, frozenset({settings.run_id}))
            if pruned:
                lines.append(f"pruned {len(pruned)} old run folder(s) (--keep-runs "
                             f"{settings.keep_runs}): {', '.join(pruned)}")
    except (OSError, RunFolderError) as exc:
        lines.append(f"run folder not settled: {exc}")
    return lines

