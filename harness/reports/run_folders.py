"""One folder per run, so runs in one checkout never touch each other's files:
`<reports>/runs/<run id>/` holds a run's results, JUnit XML, Allure results, artifacts, the
reference target's log and its readiness report, with `run.json` saying what the run was and
whether it is running, complete or interrupted. `<reports>/latest` is a symlink to the newest
complete run, replaced atomically; old runs are pruned to the newest N.

Which runs readiness reads by default: the latest complete run and, when it ran no v1compat
tests (they are opt-in, `pytest -m v1compat`), the latest complete run that did, against the
same target and contract."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = "cutover-run/1"
RUNS = "runs"
LATEST = "latest"
RUN_FILE = "run.json"
LOCK_FILE = ".runs.lock"
DEFAULT_KEEP = 20
LOCK_WAIT_S = 30.0  # moving latest and pruning hold the lock for milliseconds


class RunFolderError(ValueError):
    pass


def new_run_id(now: float | None = None, pid: int | None = None) -> str:
    """Sortable by start time (UTC, to the second) and unique across concurrent processes."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))
    return f"{stamp}-{os.getpid() if pid is None else pid}"


@dataclass(frozen=True)
class RunRecord:
    """A run folder and what its run.json says."""

    folder: Path
    data: dict[str, Any]

    @property
    def run_id(self) -> str:
        return self.folder.name

    @property
    def state(self) -> str:
        """running, complete or interrupted; a "running" run whose process is gone (killed
        outright) reads as interrupted."""
        state = str(self.data.get("state") or "interrupted")
        if state == "running" and not _alive(self.data.get("pid")):
            return "interrupted"
        return state

    @property
    def finished(self) -> str:
        return str(self.data.get("finished") or "")

    @property
    def v1compat_tests(self) -> int:
        return int(self.data.get("v1compat_tests") or 0)

    def comparable_to(self, other: RunRecord) -> bool:
        """Same target (the base URL a user gave, or the embedded reference target with the
        same faults) and the same contract digest: their results can be read together."""
        keys = ("target", "base_url_given", "faults", "contracts_digest")
        return all(self.data.get(k) == other.data.get(k) for k in keys)

    def result_files(self) -> list[Path]:
        return sorted((self.folder / "results").glob("results-*.json"))

    def describe(self) -> str:
        when = f"finished {self.finished}" if self.finished else self.state
        return f"{self.run_id} ({when})"


def runs_dir(root: Path) -> Path:
    return root / RUNS


def write_record(folder: Path, data: dict[str, Any]) -> Path:
    """run.json, written atomically (readers never see half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / RUN_FILE
    tmp = folder / f".{RUN_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"schema": SCHEMA, **data}, indent=1))
    os.replace(tmp, path)
    return path


def read_record(folder: Path) -> RunRecord | None:
    try:
        data = json.loads((folder / RUN_FILE).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    return RunRecord(folder, data)


def list_runs(root: Path) -> list[RunRecord]:
    """Every run folder with a readable run.json, oldest first (run ids sort by start)."""
    folder = runs_dir(root)
    if not folder.is_dir():
        return []
    found = (read_record(p) for p in sorted(folder.iterdir())
             if p.is_dir() and not p.name.startswith("."))
    return [r for r in found if r is not None]


def latest(root: Path) -> RunRecord | None:
    link = root / LATEST
    if not link.is_symlink():
        return None
    return read_record(link.resolve())


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """An exclusive lock over `root` for moving latest and pruning, bounded: a run never waits
    on another for more than LOCK_WAIT_S."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / LOCK_FILE).open("a") as handle:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RunFolderError(f"{root / LOCK_FILE}: still locked by another run "
                                         f"after {LOCK_WAIT_S:.0f} s") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def create(root: Path, run_id: str, data: dict[str, Any]) -> Path:
    """The run's folder with its run.json (state running), made under the lock so a prune
    never sees it half made."""
    folder = runs_dir(root) / run_id
    with locked(root):
        write_record(folder, {"run_id": run_id, "state": "running", "pid": os.getpid(), **data})
    return folder


def finish(folder: Path, updates: dict[str, Any], complete: bool) -> None:
    """Record how the run ended; a complete run becomes `latest` (the symlink is replaced
    atomically via os.replace of a new one), an interrupted one never moves it."""
    root = folder.parent.parent
    record = read_record(folder)
    data = {**(record.data if record else {}), **updates,
            "state": "complete" if complete else "interrupted"}
    data.pop("schema", None)
    with locked(root):
        write_record(folder, data)
        if complete:
            point_latest(root, folder.name)


def point_latest(root: Path, run_id: str) -> None:
    link = root / LATEST
    if link.exists() and not link.is_symlink():
        raise RunFolderError(f"{link} is not a symlink; move it aside so it can point at the "
                             "latest run")
    tmp = root / f".{LATEST}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(RUNS) / run_id, target_is_directory=True)
    os.replace(tmp, link)


def prune(root: Path, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
    """Delete all but the newest `keep` run folders; never a running run, the latest run, the
    run that latest's readiness would pair with for v1compat evidence, or `protect`."""
    with locked(root):
        runs = list_runs(root)
        current = latest(root)
        kept = {*protect, *(r.run_id for r in runs[-keep:] if keep > 0)}
        kept |= {r.run_id for r in runs if r.state == "running"}
        if current is not None:
            kept.add(current.run_id)
            partner = v1compat_partner(current, runs)
            if partner is not None:
                kept.add(partner.run_id)
        doomed = [r for r in runs if r.run_id not in kept]
        # Renamed under the lock (atomic), deleted after it: a slow delete holds nobody up.
        moved = []
        for run in doomed:
            target = run.folder.with_name(f".pruned-{run.run_id}-{os.getpid()}")
            with contextlib.suppress(OSError):
                run.folder.rename(target)
                moved.append(target)
    for path in moved:
        shutil.rmtree(path, ignore_errors=True)
    return [r.run_id for r in doomed]


def v1compat_partner(primary: RunRecord, runs: list[RunRecord]) -> RunRecord | None:
    """The latest complete run with v1compat tests comparable to `primary`, when `primary`
    has none of its own."""
    if primary.v1compat_tests:
        return None
    candidates = [r for r in runs if r.state == "complete" and r.v1compat_tests
                  and r.run_id != primary.run_id and r.comparable_to(primary)]
    return max(candidates, key=lambda r: r.finished, default=None)


def select(root: Path, chosen: list[str]) -> list[RunRecord]:
    """The runs readiness reads: exactly the chosen ones (`latest` names the latest complete
    run), or by default the latest complete run plus its v1compat partner."""
    runs = list_runs(root)
    by_id = {r.run_id: r for r in runs}
    if chosen:
        picked: list[RunRecord] = []
        for name in chosen:
            run = latest(root) if name == LATEST else by_id.get(name)
            if run is None:
                known = ", ".join(r.run_id for r in runs[-5:]) or "none"
                raise RunFolderError(f"--run {name}: no such run in {runs_dir(root)} "
                                     f"(newest: {known})")
            if run.state == "running":
                raise RunFolderError(f"--run {name}: that run is still running")
            if run.run_id not in {p.run_id for p in picked}:
                picked.append(run)
        return picked
    primary = latest(root)
    if primary is None:
        raise RunFolderError(f"no complete run in {runs_dir(root)} ({root / LATEST} is not "
                             "there): run the suite first")
    partner = v1compat_partner(primary, runs)
    return [primary, partner] if partner is not None else [primary]


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
