"""`make bench N="100 500 2000"`: per N, a synthetic product of N routes is generated (contract +
target), the bare Playwright loop and the suite's static gates run back to back against it, and
one table row says what each cost; then the full selection (navigation and cutover: static
gates, clicks, legacy routes, the crawl) against the bare loop at --full routes; then the default
suite runs against the reference target healthy and with its missing-back-link fault (a broken
build must fail fast).

Run: python -m bench.run [--routes 100 500 2000] [--full 1000] [--no-faulted] [--out DIR]"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.contract_writer import write_contract
from bench.process_tree import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
STATIC_GATES = ["suites/navigation/test_static_gates.py", "suites/quality/test_gates.py",
                "-m", "not accessibility"]
FULL_SELECTION = ["suites", "-m", "navigation or cutover"]
# Targets of issue #15, checked on the table.
MAX_RATIO = 1.15
MAX_MS_GROWTH = 1.10
MAX_RSS_GROWTH = 1.20
MAX_FAULTED_RATIO = 1.5
MAX_FULL_RATIO = 2.0
REPEAT_ROUTES = 600
MAX_REPEATS = 5
FAULT = "missing-back-link"


class BenchError(Exception):
    pass


@dataclass(frozen=True)
class Row:
    asked: int
    routes: int
    bare: Measured
    suite: Measured
    navigations_per_route: str
    interactive_per_route: str = "0"
    floor: Measured | None = None  # the bare loop making the same clicks (full selection)
    runs: int = 1  # of each side; the best counts

    @property
    def ratio(self) -> float:
        return self.suite.wall_s / self.bare.wall_s

    def ms_per_route(self, m: Measured) -> float:
        return 1000 * m.wall_s / self.routes


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _gb(n: int) -> str:
    return f"{n / 2**30:.2f} GB"


def _start_target(routes: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "bench.synthetic_target", "--routes",
                             str(routes)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()  # the server prints its URL once it listens
    if not url.startswith("http"):
        proc.kill()
        raise BenchError(f"the synthetic target did not start (said {url!r})")
    return proc, url


def _pytest(args: list[str], results: Path) -> list[str]:
    return [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", *args, "-q",
            "-p", "no:cacheprovider", f"--results-dir={results}"]


def _summary(output: str, label: str) -> str:
    m = re.search(rf"{re.escape(label)}: ([0-9.]+)", output)
    return m.group(1) if m else "?"


def _env() -> dict[str, str]:
    """The environment of every measured run. The synthetic product needs no login: its
    contract has one role and no auth section, so that role is the anonymous visitor. Bytecode
    caching stays on (Python's default): without it pytest re-compiles its assertion rewrites
    on every start, seconds of fixed cost."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def repeats(routes: int, repeat_routes: int = REPEAT_ROUTES) -> int:
    """Runs of each side for a row: a small product's run is short, so the machine's jitter and
    the fixed start-up are a large share of it; such rows run until each side has had about
    `repeat_routes` routes (at most MAX_REPEATS times, interleaved), and the best run counts."""
    return max(1, min(MAX_REPEATS, math.ceil(repeat_routes / routes)))


def best(runs: list[Measured]) -> Measured:
    return min(runs, key=lambda m: m.wall_s)


def bench_one(asked: int, work: Path, selection: list[str] = STATIC_GATES,
              repeat_routes: int = REPEAT_ROUTES) -> Row:
    """The bare loop, then the suite's `selection`, against one synthetic product of `asked`
    routes."""
    contract = work / f"contract-{asked}"
    routes = write_contract(contract, asked)
    target, url = _start_target(routes)
    what = "static gates" if selection == STATIC_GATES else "full selection"
    try:
        env = _env()
        if not (work / "warm").exists():  # first run writes the bytecode caches: not measured
            measure(_pytest([*selection, f"--contracts={contract}", "--target=url",
                             f"--base-url={url}", "--collect-only"], work / "warm"), env=env)
        bares, suites = [], []
        runs = repeats(routes, repeat_routes) if selection == STATIC_GATES else 1
        for attempt in range(runs):
            bare = measure([sys.executable, "-m", "bench.bare_loop", f"--contracts={contract}",
                            f"--base-url={url}"], env=env)
            if bare.returncode != 0:
                raise BenchError(f"bare loop failed at N={asked}: {bare.stdout.strip()[-300:]}")
            suite = measure(_pytest([*selection, f"--contracts={contract}", "--target=url",
                                     f"--base-url={url}"],
                                    work / f"results-{what[0]}{asked}-{attempt}"), env=env)
            if suite.returncode != 0:
                tail = "\n".join(suite.stdout.strip().splitlines()[-15:])
                raise BenchError(f"the suite's {what} failed at N={asked}:\n{tail}")
            bares.append(bare)
            suites.append(suite)
        bare, suite = best(bares), best(suites)
        floor = None
        if selection != STATIC_GATES:
            floor = measure([sys.executable, "-m", "bench.bare_loop", f"--contracts={contract}",
                             f"--base-url={url}", "--clicks"], env=env)
            if floor.returncode != 0:
                raise BenchError(f"bare loop with clicks failed at N={asked}: "
                                 f"{floor.stdout.strip()[-300:]}")
    finally:
        target.terminate()
        target.wait(timeout=10)
    return Row(asked, routes, bare, suite,
               _summary(suite.stdout, "navigations per route (static gates)"),
               _summary(suite.stdout, "interactive navigations per route (clicks, journeys)"),
               floor, runs)


def full_selection(asked: int, work: Path) -> list[str]:
    """The navigation and cutover suites whole against the bare loop: the static read plus the
    navigations a click or a legacy URL cannot avoid, and the crawl."""
    row = bench_one(asked, work, FULL_SELECTION)
    assert row.floor is not None
    return [f"full selection ({' '.join(FULL_SELECTION)}) at {row.routes:,} routes: "
            f"bare loop {row.bare.wall_s:.1f} s, suite {row.suite.wall_s:.1f} s: "
            f"{row.ratio:.2f}x (target <= {MAX_FULL_RATIO}) -> {_met(row.ratio <= MAX_FULL_RATIO)}",
            f"  its floor, the bare loop making the same clicks and legacy visits: "
            f"{row.floor.wall_s:.1f} s; suite / floor {row.suite.wall_s / row.floor.wall_s:.2f}x",
            f"  navigations per route: static {row.navigations_per_route}, interactive "
            f"{row.interactive_per_route}; CPU suite / bare / floor {row.suite.cpu_s:.1f} s / "
            f"{row.bare.cpu_s:.1f} s / {row.floor.cpu_s:.1f} s; peak RSS "
            f"{_gb(row.suite.peak_rss)}"]


def table(rows: list[Row]) -> list[str]:
    out = ["| N routes | bare loop | suite static gates | ratio | ms/route bare / suite "
           "| navigations/route | peak RSS, whole tree (suite / bare) | CPU (suite / bare) "
           "| runs (best kept) |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r.routes:,} | {r.bare.wall_s:.1f} s | {r.suite.wall_s:.1f} s | {r.ratio:.2f} "
            f"| {r.ms_per_route(r.bare):.0f} / {r.ms_per_route(r.suite):.0f} "
            f"| {r.navigations_per_route} "
            f"| {_gb(r.suite.peak_rss)} / {_gb(r.bare.peak_rss)} "
            f"| {r.suite.cpu_s:.1f} s / {r.bare.cpu_s:.1f} s | {r.runs} |")
    return out


def verdicts(rows: list[Row]) -> list[str]:
    out = []
    worst = max(rows, key=lambda r: r.ratio)
    out.append(f"static gates / bare loop: worst {worst.ratio:.2f} at {worst.routes:,} routes "
               f"(target <= {MAX_RATIO}) -> {_met(worst.ratio <= MAX_RATIO)}")
    # On a shared machine wall time follows the neighbours' load; CPU time much less so.
    cpu = max(rows, key=lambda r: r.suite.cpu_s / r.bare.cpu_s)
    out.append(f"  in CPU time: worst {cpu.suite.cpu_s / cpu.bare.cpu_s:.2f} at "
               f"{cpu.routes:,} routes; load average now {os.getloadavg()[0]:.1f}")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        growth = large.ms_per_route(large.suite) / small.ms_per_route(small.suite)
        rss = large.suite.peak_rss / small.suite.peak_rss
        out.append(f"suite ms/route {large.routes:,} vs {small.routes:,}: {growth:.2f}x "
                   f"(target <= {MAX_MS_GROWTH}) -> "
                   f"{'met' if growth <= MAX_MS_GROWTH else 'MISSED'}")
        out.append(f"suite peak RSS {large.routes:,} vs {small.routes:,}: {rss:.2f}x "
                   f"(target <= {MAX_RSS_GROWTH}) -> {_met(rss <= MAX_RSS_GROWTH)}")
    return out


def faulted(work: Path) -> list[str]:
    """The default selection against the reference target, healthy and with the
    missing-back-link fault: with fail-fast the faulted run costs about the same."""
    env = _env()
    healthy = measure(_pytest(["--target=reference"], work / "healthy"), env=env)
    broken = measure(_pytest(["--target=reference", f"--fault={FAULT}"], work / "faulted"),
                     env=env)
    if healthy.returncode != 0:
        tail = "\n".join(healthy.stdout.strip().splitlines()[-10:])
        raise BenchError(f"the healthy default run failed:\n{tail}")
    if broken.returncode == 0:
        raise BenchError(f"the run with --fault={FAULT} passed: the fault was not detected")
    ratio = broken.wall_s / healthy.wall_s
    return [f"default run, reference target: healthy {healthy.wall_s:.1f} s, "
            f"--fault={FAULT} {broken.wall_s:.1f} s: {ratio:.2f}x "
            f"(target <= {MAX_FAULTED_RATIO}) -> {_met(ratio <= MAX_FAULTED_RATIO)}",
            *shard_balance(work / "healthy" / "latest" / "results")]


def shard_balance(results: Path, count: int = 4) -> list[str]:
    """How evenly the healthy run's tests split into `count` shards, judged by the durations
    it measured: balanced by those durations, by test counts, and by the hash of the entry id
    (the partition before durations were used)."""
    from harness.plugin.shards import load_durations, plan

    durations = load_durations(results)
    groups: dict[str, list[str]] = {}
    for nodeid in durations:
        groups.setdefault(nodeid.partition("[")[2].rstrip("]") or nodeid, []).append(nodeid)

    def spread(assignment: dict[str, int]) -> str:
        loads = [0.0] * count
        for group, shard in assignment.items():
            loads[shard] += sum(durations[t] for t in groups[group])
        return (f"{' / '.join(f'{x:.1f}' for x in loads)} s "
                f"(slowest {max(loads) / (sum(loads) / count):.2f}x the mean)")

    hashed = {g: int(hashlib.sha256(g.encode()).hexdigest(), 16) % count for g in groups}
    return [f"{count} shards of that run, time per shard from its own durations:",
            f"  by previous durations: {spread(plan(groups, count, durations).assignment)}",
            f"  by test counts:        {spread(plan(groups, count).assignment)}",
            f"  by hash of entry id:   {spread(hashed)}"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {_gb(mem)} RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, nargs="*", default=[100, 500, 2000],
                        help="route counts to measure (none: only the faulted-run stage)")
    parser.add_argument("--full", type=int, default=0, metavar="N",
                        help="also measure the full selection at N routes (0: skip)")
    parser.add_argument("--repeat-routes", type=int, default=REPEAT_ROUTES, metavar="R",
                        help="run a small row until each side has seen about R routes, keep the "
                             f"best (at most {MAX_REPEATS} runs; default {REPEAT_ROUTES})")
    parser.add_argument("--no-faulted", action="store_true",
                        help="skip the healthy/faulted default runs on the reference target")
    parser.add_argument("--out", type=Path, help="keep contracts and results here")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.routes) or args.full < 0:
        print("bench: --routes takes positive route counts", file=sys.stderr)
        return 2
    # Stopped (Ctrl-C, a CI timeout): unwind, so the synthetic target is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cutover-bench-") as tmp:
        work = args.out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            rows: list[Row] = []
            for n in sorted(args.routes):
                rows.append(bench_one(n, work, repeat_routes=args.repeat_routes))
                print(f"N={n}: {table(rows)[-1]}", flush=True)  # a long run shows progress
            lines = [*table(rows), "", *verdicts(rows)] if rows else []
            if args.full:
                lines += full_selection(args.full, work)
            if not args.no_faulted:
                lines += faulted(work)
        except BenchError as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
