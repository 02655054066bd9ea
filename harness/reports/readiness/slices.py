"""Readiness per slice of the cutover plan (contracts.slices): each slice's legacy routes with
their verdicts, where the run puts it on the plan's timeline -- planned -> validating -> ready
-> retired, or *regressed*: a retired slice one of whose V1 routes is served again -- what
blocks it (one sentence per reason), and its stage in every earlier recorded run.

It reads what readiness says (RouteReadiness and its GateResults), never how it was computed;
`cutover promote` states its route reasons with the same sentences."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from contracts import Contract, Slice

if TYPE_CHECKING:
    from harness.reports.readiness.history import RunPoint
    from harness.reports.readiness.verdicts import Readiness, RouteReadiness

STAGES = ("planned", "validating", "ready", "retired")  # the timeline, left to right
REGRESSED = "regressed"
MESSAGE_CHARS = 240
# What a gate that did not run needs beyond the default run.
NOT_RUN_HINTS = {"parity": " (parity rows that compare facts need the opt-in v1compat run, "
                           "pytest -m v1compat)"}


@dataclass(frozen=True)
class SlicePoint:
    run: str
    time: str
    stage: str


@dataclass(frozen=True)
class SliceReadiness:
    id: str
    title: str
    order: int
    status: str  # what the plan declares: planned, validating, retired
    environment: str  # where it must be validated
    stage: str  # where this run puts it: a STAGES entry, or "regressed"
    routes: dict[str, str]  # legacy id -> verdict in this run, in the legacy map's order
    blocking: tuple[str, ...] = ()  # why it is not (or no longer) ready, one sentence each
    source: str = ""  # contract file:line of the slice
    previous: str | None = None  # its stage in the previous recorded run
    history: tuple[SlicePoint, ...] = ()  # oldest first, this run last

    @property
    def ready_count(self) -> int:
        return sum(v == "ready" for v in self.routes.values())

    @property
    def regressed(self) -> bool:
        return self.stage == REGRESSED


def stage_of(status: str, verdicts: list[str]) -> str:
    """A retired slice stays retired while none of its routes is blocked (regressed when one
    is); any other slice is ready when every route is, else where the plan has it."""
    if status == "retired":
        return REGRESSED if "blocked" in verdicts else "retired"
    if verdicts and all(v == "ready" for v in verdicts):
        return "ready"
    return status


def _first_message(route: RouteReadiness, gate: str) -> str:
    found = route.gate(gate)
    for ev in found.evidence:
        if ev.outcome in ("failed", "error") and ev.messages:
            text = " ".join(ev.messages[0].split())
            return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1] + "…"
    return found.note


def route_reasons(route: RouteReadiness, retired: bool = False) -> list[str]:
    """Why a legacy route cannot retire (or, in a retired slice, no longer holds as retired),
    one sentence per reason; none for a ready route."""
    name = f"{route.path} ({route.legacy_id})"
    if route.verdict == "ready":
        return []
    reasons = []
    for gate in route.gates:
        if gate.status != "fail":
            continue
        if gate.gate == "v1-links":
            pages = gate.note.removeprefix("inbound V1 links: ")
            reasons.append(f"{name} is still linked from V3 pages: {pages} (v1-links gate): a "
                           "V3 page depends on this V1 route.")
        elif retired and gate.gate == "mapped":
            reasons.append(f"{name} is served again, though its slice is retired (mapped "
                           f"gate): {_first_message(route, gate.gate)}")
        else:
            where = f" on {route.target}" if route.target and gate.gate != "mapped" else ""
            detail = _first_message(route, gate.gate)
            reasons.append(f"{name} fails the {gate.gate} gate{where}"
                           + (f": {detail}" if detail else "."))
    if route.verdict == "kept on V1":
        reasons.append(f"{name} is kept on V1 ({route.task}): it retires only when that task "
                       "lands.")
    missing = [g.gate for g in route.gates if g.status == "not run"]
    if missing:
        hint = next((h for gate, h in NOT_RUN_HINTS.items() if gate in missing), "")
        reasons.append(f"{name} was not fully checked: {', '.join(missing)} did not run"
                       f"{hint}.")
    return reasons


def _judge(slice_: Slice, contract: Contract, by_id: dict[str, RouteReadiness]) -> SliceReadiness:
    legacy = [by_id[r.id] for r in contract.slice_routes(slice_) if r.id in by_id]
    verdicts: dict[str, str] = {r.legacy_id: r.verdict for r in legacy}
    retired = slice_.status == "retired"
    blocking = tuple(reason for r in legacy for reason in route_reasons(r, retired))
    return SliceReadiness(
        id=slice_.id, title=slice_.title, order=slice_.order, status=slice_.status,
        environment=slice_.environment, stage=stage_of(slice_.status, list(verdicts.values())),
        routes=verdicts, blocking=blocking, source=str(slice_.source))


def with_slices(readiness: Readiness, contract: Contract) -> Readiness:
    """The readiness with each slice of the contract's plan judged, in plan order."""
    by_id = {r.legacy_id: r for r in readiness.routes}
    return replace(readiness, slices=tuple(_judge(s, contract, by_id) for s in contract.plan))


def _point_stage(point: RunPoint, found: SliceReadiness) -> str:
    """A recorded run's stage of the slice; a record from before slices were recorded says it
    through its route verdicts, judged by the slice's status now."""
    if found.id in point.slices:
        return point.slices[found.id]
    return stage_of(found.status, [point.routes.get(r, "not run") for r in found.routes])


def with_slice_history(readiness: Readiness) -> Readiness:
    """Each slice with its stage in every run of the trend (this run last) and in the previous
    one; without recorded runs there is nothing to add."""
    if not readiness.trend:
        return readiness
    slices = []
    for found in readiness.slices:
        history = tuple(SlicePoint(p.run, p.time, _point_stage(p, found))
                        for p in readiness.trend[:-1])
        history += (SlicePoint(readiness.trend[-1].run, readiness.trend[-1].time, found.stage),)
        previous = history[-2].stage if len(history) > 1 else None
        slices.append(replace(found, history=history, previous=previous))
    return replace(readiness, slices=tuple(slices))


def plan_lines(readiness: Readiness) -> list[str]:
    """The plan as Markdown: one row per slice, then each slice's routes and what blocks it;
    a retired slice that regressed comes first."""
    if not readiness.slices:
        return []
    lines = ["## Cutover plan", ""]
    lines += [f"- **REGRESSION**: slice {s.id} is retired, but: {reason}"
              for s in readiness.slices if s.regressed for reason in s.blocking]
    if any(s.regressed for s in readiness.slices):
        lines.append("")
    lines += ["| # | slice | plan status | this run | routes ready | validated on | since last "
              "run |", "|---|---|---|---|---|---|---|"]
    for s in readiness.slices:
        stage = f"**{s.stage.upper()}**" if s.regressed else s.stage
        lines.append(f"| {s.order} | {s.id}: {s.title} | {s.status} | {stage} | "
                     f"{s.ready_count} of {len(s.routes)} | {s.environment} | "
                     f"{_change(s)} |")
    for s in readiness.slices:
        lines += ["", f"### {s.order}. {s.id} — {s.title} ({s.stage})", "",
                  f"Declared at {s.source}; validated on {s.environment}.", ""]
        by_verdict: dict[str, list[str]] = {}
        for legacy_id, verdict in s.routes.items():
            by_verdict.setdefault(verdict, []).append(f"`{legacy_id}`")
        lines += [f"- {verdict} ({len(ids)}): {', '.join(ids)}"
                  for verdict, ids in by_verdict.items()]
        if s.blocking:
            label = "No longer holds" if s.status == "retired" else "Blocks it"
            lines += ["", f"{label}:", ""] + [f"- {reason}" for reason in s.blocking]
    return [*lines, ""]


def _change(s: SliceReadiness) -> str:
    if s.previous is None:
        return ""
    return "no change" if s.previous == s.stage else f"{s.previous} -> {s.stage}"


def summary_lines(readiness: Readiness) -> list[str]:
    """One terminal line per slice."""
    return [f"slice {s.order} {s.id} ({s.status}): {'REGRESSION' if s.regressed else s.stage}, "
            f"{s.ready_count} of {len(s.routes)} routes "
            + ("hold as retired" if s.status == "retired" else "ready")
            for s in readiness.slices]
