"""The end of a run: the results file, readiness, the run folder's completion, and the
`cutover` section of the terminal summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pytest.terminal import TerminalReporter

from harness.capture.navigation_counter import NavigationCounter
from harness.plugin import ci_output, gate_cost, shards
from harness.plugin.outputs import finish_run_folder, readiness_runs
from harness.plugin.run import CutoverRun
from harness.plugin.stash import RUN
from harness.reports.run_meta import without_userinfo


def pytest_terminal_summary(terminalreporter: TerminalReporter, config: pytest.Config) -> None:
    run = config.stash.get(RUN, None)
    if run is None:
        return
    counter = run.counter
    lines = [*run.summary]
    process = run.started.process if run.started else None
    if process is not None:
        lines.insert(0, f"reference target: {process.base_url}, ready in "
                        f"{process.started_in_s:.2f} s"
                        + (f", faults: {', '.join(process.faults)}" if process.faults else ""))
    proxy = run.started.proxy if run.started else None
    if proxy is not None:  # a latency run that held nothing proved nothing: say how many
        low, high = proxy.latency
        lines.insert(0, f"latency: {low}-{high} ms added to each of {proxy.delayed} requests by "
                        f"a loopback proxy in front of {proxy.upstream}")
    if counter.counts.total():
        lines = counter.summary_lines() + lines
    elif config.pluginmanager.hasplugin("dsession"):  # xdist: the workers did the navigating
        merged = NavigationCounter.merged(run.results.files())
        lines = merged.summary_lines() + lines if merged.counts.total() else lines
    lines += shards.summary_lines(run.shard_plan, run.settings.shard, run.began)
    lines += gate_cost.summary_lines(config)
    if not lines:
        return
    terminalreporter.section("cutover")
    for line in lines:
        terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    run = config.stash.get(RUN, None)
    if run is None or config.getoption("collectonly"):
        return
    settings, collector = run.settings, run.results
    worker = getattr(config, "workerinput", {}).get("workerid")
    if collector.results:
        collector.collect_playwright_artifacts(Path(config.getoption("output", "test-results")))
        counter, guard = run.counter, run.guard
        outage = run.outage.annotate(list(collector.results.values()))
        collector.write(worker or "main", settings.shard, {
            **({"outage": outage} if outage else {}),
            "contracts": str(settings.contracts), "target": settings.target,
            "faults": list(settings.faults), "role": run.role.id,
            "navigations": dict(counter.counts),
            "requests": dict(counter.requests),
            "routes_snapshotted": len(counter.routes_snapshotted),
            "snapshotted_route_ids": sorted(counter.routes_snapshotted),  # merged summaries
            "blocked_mutations": guard.blocked,
            "markexpr": config.getoption("markexpr", default="") or "",
            "interrupted": exitstatus == pytest.ExitCode.INTERRUPTED or bool(run.signalled),
            "run_id": settings.run_id,
            **shards.facts(run.shard_plan, settings.shard, collector.results.values()),
            **_run_facts(config, run),
        }, run.secrets())
    folder = run.folder
    if worker is not None or folder is None:
        return
    # Complete: every selected test ran (pass or fail), or an outage stopped the run, which
    # readiness then reports as INCOMPLETE. Anything else (Ctrl-C, SIGTERM, a usage error, an
    # empty selection or a target that never came up) is partial: it stays in its own folder,
    # marked interrupted, and never becomes latest.
    signalled = bool(run.signalled)
    complete = run.began is not None and not signalled and (
        exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
        or run.outage.since is not None)
    lines = _write_readiness(run, folder) if complete and settings.readiness else []
    lines += finish_run_folder(config, settings, folder, complete, int(exitstatus))
    if not complete:
        how = "interrupted" if exitstatus == pytest.ExitCode.INTERRUPTED or signalled else \
            f"stopped early (exit {int(exitstatus)})"
        lines.insert(0, f"{how}: partial results kept in {folder}, marked interrupted; "
                        f"{settings.results_dir / 'latest'} still points at the previous "
                        "complete run")
    run.summary += lines


def _run_facts(config: pytest.Config, run: CutoverRun) -> dict[str, object]:
    """What the dashboard's run metadata shows: when, which commit, base URL (no userinfo),
    browser, and a digest of the contract the results were judged against."""
    from harness.reports.run_meta import contract_digest, git_commit, now_utc

    started, chosen = run.started, run.browser
    roles = {r.subject for r in run.results.results.values()
             if r.subject_kind == "role" and r.outcome != "skipped" and r.subject}
    return {
        "roles_run": sorted({run.role.id, *roles}),
        "finished": now_utc(), "commit": git_commit(config.rootpath),
        "contracts_digest": contract_digest(run.settings.contracts),
        "base_url": without_userinfo(started.target.base_url) if started else None,
        "browser": chosen if isinstance(chosen, str) else chosen.describe(),
    }


def _write_readiness(run: CutoverRun, folder: Path) -> list[str]:
    """This run's readiness, into its folder: its own results, plus those of the latest
    complete v1compat run against the same target and contract when it ran none itself."""
    from harness.reports.readiness.command import build, write_reports
    from harness.reports.readiness.history import HistoryError
    from harness.reports.readiness.render_text import summary_table
    from harness.reports.results import MergeError

    settings = run.settings
    if not run.results.files():
        return []
    runs = readiness_runs(folder, settings)
    files = [f for run in runs for f in run.result_files()]
    # A whole run (not one shard of it) is a point in the readiness history.
    history = settings.results_dir / "history" if settings.shard is None else None
    try:
        readiness = build(run.contract, files, history, runs)
    except (HistoryError, MergeError) as exc:
        return [f"readiness not written: {exc}"]
    written = write_reports(readiness, settings.run_dir, ["json", "md", "html"])
    ci_output.append_step_summary(readiness)  # only under GITHUB_ACTIONS=true
    read = [f"readiness read runs: {readiness.meta['runs_read']}"] if len(runs) > 1 else []
    return [*summary_table(readiness), *read, *(f"wrote {p}" for p in written)]
