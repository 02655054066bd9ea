"""Readiness as JSON, Markdown and the short terminal table."""

from __future__ import annotations

import json
from collections import Counter

from harness.checks.gates import ROUTE_GATES
from harness.reports.readiness.history import SinceLast
from harness.reports.readiness.slices import plan_lines, summary_lines
from harness.reports.readiness.verdicts import Readiness

MARK = {"pass": "pass", "fail": "FAIL", "not run": "not run", "n/a": "-"}


def to_json(r: Readiness) -> str:
    return json.dumps(r.to_dict(), indent=2, sort_keys=False)


def to_markdown(r: Readiness) -> str:
    lines = [f"# V1 retirement readiness: {r.verdict}", ""]
    if r.meta.get("runs_read"):
        lines += [f"Runs read: {r.meta['runs_read']}", ""]
    if r.meta.get("outage"):
        lines += [f"The run stopped: {r.meta['outage']['message']}. No route is judged on it.", ""]
    lines += [f"Routes: {', '.join(f'{v} {n}' for v, n in sorted(r.counts.items()))}", ""]
    if r.since_last is not None:
        lines += ["## Since last run", "", *since_last_lines(r.since_last, "- "), ""]
    lines += plan_lines(r)
    lines += ["## Done Criteria for V1 Retirement", ""]
    for c in r.criteria:
        box = "x" if c.status in ("pass", "n/a") else " "
        lines.append(f"- [{box}] {c.text} — **{c.status}** ({c.evidence})")
    lines += ["", "## By family", "", "| family | ready | blocked | not run | kept on V1 |",
              "|---|---|---|---|---|"]
    for family, counts in r.families.items():
        lines.append(f"| {family} | {counts.get('ready', 0)} | {counts.get('blocked', 0)} | "
                     f"{counts.get('not run', 0)} | {counts.get('kept on V1', 0)} |")
    header = " | ".join(g.title for g in ROUTE_GATES)
    lines += ["", "## Legacy V1 routes", "",
              f"| V1 route | mapping | verdict | {header} |",
              "|" + "---|" * (3 + len(ROUTE_GATES))]
    for route in r.routes:
        cells = " | ".join(MARK[g.status] for g in route.gates)
        lines.append(f"| `{route.path}` ({route.legacy_id}) | {route.mapping} | "
                     f"**{route.verdict}** | {cells} |")
    lines += console_lines(r)
    parity = [(route, route.gate("parity")) for route in r.routes if route.gate("parity").facts]
    if parity:
        lines += ["", "## Parity evidence (V1 facts compared on V3)", ""]
        lines += [f"- `{route.path}` — **{gate.status}**: {gate.note}" for route, gate in parity]
    blocked = [(route, g) for route in r.routes for g in route.gates if g.status == "fail"]
    if blocked:
        lines += ["", "## Why blocked", ""]
        for route, gate in blocked:
            lines.append(f"- `{route.path}` — {gate.gate}{': ' + gate.note if gate.note else ''}")
            for ev in gate.evidence:
                if ev.outcome in ("failed", "error"):
                    for message in ev.messages or ("(no message)",):
                        lines.append(f"  - `{ev.test}`: {message}")
    return "\n".join(lines) + "\n"


def console_lines(r: Readiness) -> list[str]:
    """The console errors the contract accepts, with how often and why; an entry that accepted
    nothing in the run is named stale, so the allow-list shrinks as the product is fixed."""
    if not r.console_accepted:
        return []
    lines = ["", "## Console errors accepted (console.allow)", ""]
    for a in r.console_accepted:
        if a["count"]:
            lines.append(f"- {a['allow']}: {a['count']} on {a['pages']} page(s)/action(s) — "
                         f"{a['reason']} (e.g. `{a['example']}`)")
        else:
            lines.append(f"- {a['allow']}: **unused** in this run (stale allow-list entry?) — "
                         f"{a['reason']}")
    return lines


def since_last_lines(diff: SinceLast, bullet: str = "") -> list[str]:
    """What changed since the previous recorded run, regressions first."""
    lines = [f"{bullet}compared with the run of {diff.previous_time}"
             + (f" at {diff.previous_commit}" if diff.previous_commit else "")
             + (" (the contract has changed since)" if diff.contract_changed else "")]
    for title, changes in (("REGRESSION", diff.regressions), ("newly ready", diff.newly_ready),
                           ("changed", diff.other)):
        lines += [f"{bullet}{title}: {c.path} ({c.legacy_id}): {c.before} -> {c.after}"
                  for c in changes]
    if not (diff.regressions or diff.newly_ready or diff.other):
        lines.append(f"{bullet}no route changed its verdict")
    return lines


def summary_table(r: Readiness) -> list[str]:
    """The short table `pytest --readiness` prints: routes ready / blocked / not run, by family."""
    rows: list[tuple[str, ...]] = [("family", "ready", "blocked", "not run", "kept on V1")]
    total: Counter[str] = Counter()
    for family, counts in r.families.items():
        total.update(counts)
        rows.append((family, *(str(counts.get(k, 0)) for k in
                               ("ready", "blocked", "not run", "kept on V1"))))
    rows.append(("all", *(str(total.get(k, 0)) for k in
                          ("ready", "blocked", "not run", "kept on V1"))))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    if r.since_last is not None:
        out += ["since the last run: " + line for line in since_last_lines(r.since_last)]
    out += summary_lines(r)
    out.append(f"V1 retirement readiness: {r.verdict}"
               + (f" ({r.meta['outage']['message']})" if r.meta.get("outage") else ""))
    return out
