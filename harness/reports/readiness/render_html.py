"""Readiness as one self-contained HTML dashboard (harness/reports/readiness/templates): verdict,
counts and progress first, then what changed since the last run, run metadata, the Done
Criteria, the trend, the per-family roll-up with the routes that block, and the route x gate
table (status chips, family filter, search, sorting) whose failing gates link to their evidence.
No network: styles and script are inline; screenshots and traces are linked beside it, and only
when the file exists, so every link in the page resolves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from harness.checks.gates import ROUTE_GATES
from harness.reports.readiness.history import RunPoint
from harness.reports.readiness.slices import STAGES
from harness.reports.readiness.verdicts import Evidence, GateResult, Readiness, RouteReadiness

TEMPLATES = Path(__file__).parent / "templates"
VERDICTS = ("ready", "blocked", "not run", "kept on V1")
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2"]),
                   trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # None: the file is not there to link to (shown as text)


@dataclass(frozen=True)
class Failure:
    """One failing test of a gate, with its evidence made linkable."""

    test: str
    findings: tuple[dict[str, str | Link | None], ...]  # each with its contract source linked
    messages: tuple[str, ...]
    screenshots: tuple[Link, ...]
    others: tuple[Link, ...]  # traces, videos, anything else kept


def _link(path: str, out: Path | None) -> Link:
    """A link to a local file from the report's folder, when the file exists."""
    file_part, _, _line = path.rpartition(":") if _is_file_line(path) else (path, "", "")
    target = Path(file_part)
    if not target.is_absolute():
        target = Path.cwd() / target
    if out is None or not target.exists():
        return Link(path, None)
    href = os.path.relpath(target.resolve(), out.resolve()).replace(os.sep, "/")
    return Link(path, href)


def _is_file_line(text: str) -> bool:
    head, sep, tail = text.rpartition(":")
    return bool(sep and head and tail.isdigit())


def _failure(ev: Evidence, out: Path | None) -> Failure:
    findings = tuple({**f, "source_link": _link(str(f.get("source") or ""), out)}
                     for f in ev.findings)
    shots = tuple(_link(a, out) for a in ev.artifacts if a.lower().endswith(".png"))
    others = tuple(_link(a, out) for a in ev.artifacts if not a.lower().endswith(".png"))
    return Failure(ev.test, findings, ev.messages, shots, others)


def _chart(trend: tuple[RunPoint, ...]) -> dict[str, Any] | None:
    """Polylines of ready / blocked / kept on V1 per run, in a 600 x 160 SVG box."""
    if not trend:
        return None
    width, height, pad = 600, 160, 24
    top = max(max((sum(p.counts.values()) for p in trend), default=1), 1)
    step = (width - 2 * pad) / max(len(trend) - 1, 1)

    def xy(i: int, n: int) -> str:
        return f"{pad + i * step:.1f},{height - pad - n / top * (height - 2 * pad):.1f}"

    series = []
    for verdict, css in (("ready", "ready"), ("blocked", "blocked"), ("kept on V1", "kept")):
        points = [xy(i, p.counts.get(verdict, 0)) for i, p in enumerate(trend)]
        series.append({"verdict": verdict, "css": css, "points": " ".join(points),
                       "dots": points, "last": trend[-1].counts.get(verdict, 0)})
    return {"width": width, "height": height, "pad": pad, "top": top, "series": series,
            "runs": [{"x": pad + i * step, "label": p.time[5:16].replace("T", " "),
                      "commit": p.commit or "", "verdict": p.verdict}
                     for i, p in enumerate(trend)]}


def to_html(r: Readiness, out: Path | None = None) -> str:
    """The dashboard; `out` is the folder it is written to (links are relative to it)."""
    total = len(r.routes)
    counts = {v: r.counts.get(v, 0) for v in VERDICTS}
    # anchor -> route, gate, tests
    failures: dict[str, tuple[RouteReadiness, GateResult, list[Failure]]] = {}
    blocking: dict[str, list[RouteReadiness]] = {}
    for route in r.routes:
        for gate in route.gates:
            if gate.status == "fail":
                failures[f"{route.legacy_id}--{gate.gate}"] = (route, gate, [
                    _failure(ev, out) for ev in gate.evidence
                    if ev.outcome in ("failed", "error")])
        if route.verdict == "blocked":
            blocking.setdefault(route.family or "(no V3 target)", []).append(route)
    meta = r.meta
    return _ENV.get_template("readiness.html.j2").render(
        r=r, total=total, counts=counts, verdicts=VERDICTS, gates=ROUTE_GATES, stages=STAGES,
        titles={g.id: g.title for g in ROUTE_GATES},
        failures=failures, blocking=blocking, chart=_chart(r.trend),
        families={f: {"counts": c, "total": sum(c.values())} for f, c in r.families.items()},
        family_names=sorted({route.family or "(no V3 target)" for route in r.routes}),
        product=Path(str(meta.get("contracts") or "contract")).name,
        run_meta=[(k, v) for k, v in (
            ("runs read", meta.get("runs_read")),
            ("finished", meta.get("finished")), ("commit", meta.get("commit")),
            ("target", meta.get("target")), ("base URL", meta.get("base_url")),
            ("browser", meta.get("browser")),
            ("contract", meta.get("contracts")),
            ("contract digest", meta.get("contracts_digest")),
            ("roles run", ", ".join(_roles_run(r)) or None),
            ("faults", ", ".join(meta.get("faults") or []) or None),
            ("selection", meta.get("markexpr") or None)) if v])


def _roles_run(r: Readiness) -> list[str]:
    roles = {str(r.meta["role"])} if r.meta.get("role") else set()
    roles |= {str(role) for role in r.meta.get("roles_run", ())}
    return sorted(roles)


def css_class(status: str) -> str:
    return status.replace(" ", "-").replace("/", "")


_ENV.filters["css"] = css_class
