"""Executable V1<->V3 parity: the facts a V1 page shows for a resource (fields by label, timeline
or list entries by type and identifier) must all be on its V3 page, with the same values. A V1
retirement is otherwise blind to what V3 silently dropped (the tracker: "V1 allocation timelines
still expose events absent from V3")."""

from __future__ import annotations

from dataclasses import dataclass

from contracts import ParityRow
from contracts.parity_facts import ParityCompare
from harness.checks.context import CheckContext
from harness.checks.evidence import CheckEvidence, ParityComparison
from harness.checks.findings import Finding, Severity
from harness.checks.observations import ParityEntry, ParityView
from harness.checks.registry import check


@dataclass(frozen=True)
class Gap:
    """One fact V1 shows that V3 does not (missing) or shows otherwise (differs)."""

    fact: str  # "field 'Region'", "timeline entry 'Quota checked' (2026-05-17 08:15 UTC)"
    kind: str  # "missing" | "differs" | "unreadable" (the V1 side shows nothing to compare)
    expected: str
    found: str
    url: str | None


@dataclass(frozen=True)
class Comparison:
    """The result of comparing one row's facts: the evidence readiness shows."""

    compared: tuple[str, ...]  # every fact compared on both pages
    gaps: tuple[Gap, ...]
    error: str | None = None  # a page could not be read: nothing was compared

    def of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(g.fact for g in self.gaps if g.kind == kind)

    def evidence(self) -> ParityComparison:
        """The form the results row carries and readiness judges the parity gate on."""
        return {"compared": list(self.compared), "missing": list(self.of_kind("missing")),
                "differing": list(self.of_kind("differs")),
                "unreadable": list(self.of_kind("unreadable")), "error": self.error}


def _entry_fact(name: str, entry: ParityEntry) -> str:
    return f"{name} entry '{entry.type}' ({entry.id})"


def compare(spec: ParityCompare, view: ParityView) -> Comparison:
    """Compare what both pages show, fact by fact (pure)."""
    for side, facts, route in (("V1", view.v1, spec.v1), ("V3", view.v3, spec.v3)):
        if facts.error:
            return Comparison((), (), f"the {side} page {route} ({facts.url}): {facts.error}")
    compared: list[str] = []
    gaps: list[Gap] = []
    for f in spec.fields:
        fact = f"field '{f.label}'"
        old, new = view.v1.fields.get(f.label), view.v3.fields.get(f.label)
        if old is None:
            gaps.append(Gap(fact, "unreadable", f"the V1 page to show {fact} ({f.v1})",
                            "nothing there: the contract's V1 selector finds no element",
                            view.v1.url))
            continue
        compared.append(fact)
        if new is None:
            gaps.append(Gap(fact, "missing", f"{fact} (V1 shows {old!r}) on the V3 page ({f.v3})",
                            "it is not shown", view.v3.url))
        elif new != old:
            gaps.append(Gap(fact, "differs", f"{fact} = {old!r} as V1 shows it",
                            f"V3 shows {new!r}", view.v3.url))
    for e in spec.entries:
        old_entries, new_entries = view.v1.entries.get(e.name, ()), view.v3.entries.get(e.name, ())
        if not old_entries:
            gaps.append(Gap(f"{e.name} entries", "unreadable",
                            f"the V1 page to show {e.name} entries ({e.v1.item})",
                            "no entry: nothing to compare", view.v1.url))
            continue
        on_v3 = {(x.type, x.id): x for x in new_entries}
        for entry in old_entries:
            fact = _entry_fact(e.name, entry)
            compared.append(fact)
            found = on_v3.get((entry.type, entry.id))
            if found is None:
                gaps.append(Gap(fact, "missing",
                                f"{fact}, which V1 shows, among the V3 {e.name} entries "
                                f"({e.v3.item})", f"{len(new_entries)} entries without it",
                                view.v3.url))
            elif e.v1.value is not None and e.v3.value is not None and \
                    found.value != entry.value:
                gaps.append(Gap(fact, "differs", f"{fact} = {entry.value!r} as V1 shows it",
                                f"V3 shows {found.value!r}", view.v3.url))
    return Comparison(tuple(compared), tuple(gaps))


def compared_facts(ctx: CheckContext[ParityRow, ParityView]) -> CheckEvidence:
    """What was compared, missing and differing: readiness judges the parity gate on it."""
    spec = ctx.entry.compare
    return {"parity": compare(spec, ctx.seen).evidence()} if spec is not None else {}


@check("v1-parity", gate="parity", title="V1 facts shown on V3", evidence=compared_facts,
       criterion="v1-compat-opt-in")
def v1_parity(ctx: CheckContext[ParityRow, ParityView]) -> list[Finding]:
    """Retiring V1 must not drop what V1 shows: every field and timeline entry it shows for a
    resource is on the V3 page too, with the same value."""
    spec = ctx.entry.compare
    if spec is None:
        return [ctx.finding("a parity row with facts to compare (compare:)", "none declared")]
    result = compare(spec, ctx.seen)
    if result.error:
        return [ctx.finding(f"both pages of {spec.v1} -> {spec.v3} to load", result.error)]
    # A deferred or replaced row's named task owns its gaps: they are reported, not failed.
    severity: Severity = "warning" if ctx.entry.status in ("deferred", "replaced") else "error"
    return [ctx.finding(g.expected, g.found, url=g.url, severity=severity) for g in result.gaps]
