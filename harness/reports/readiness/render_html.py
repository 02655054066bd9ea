"""Readiness as one self-contained HTML file: readable offline, with a sortable, filterable
table whose blocked gates link to their failure messages and artifacts."""

from __future__ import annotations

import html
import json

from harness.checks.gates import ROUTE_GATES
from harness.reports.readiness.model import Readiness

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px}
th{background:#eee;cursor:pointer;text-align:left}td.pass{background:#e6f4ea}
td.fail{background:#fce8e6;font-weight:bold}td.not-run{background:#fef7e0}td.n-a{color:#555}
.verdict{font-size:1.4rem}.READY{color:#0b6b2e}.NOT-READY{color:#a50e0e}
"""

JS = """
const table = document.getElementById('routes');
const filter = document.getElementById('filter');
filter.addEventListener('input', () => {
  const q = filter.value.toLowerCase();
  for (const row of table.tBodies[0].rows)
    row.hidden = q && !row.textContent.toLowerCase().includes(q);
});
for (const [i, th] of Array.from(table.tHead.rows[0].cells).entries()) {
  th.addEventListener('click', () => {
    const rows = Array.from(table.tBodies[0].rows);
    const dir = th.dataset.dir === 'asc' ? -1 : 1;
    th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    rows.sort((a, b) => dir * a.cells[i].textContent.localeCompare(b.cells[i].textContent));
    rows.forEach((r) => table.tBodies[0].appendChild(r));
  });
}
"""


def _cls(status: str) -> str:
    return status.replace(" ", "-").replace("/", "-")


def to_html(r: Readiness) -> str:
    e = html.escape
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           "<title>V1 retirement readiness</title>", f"<style>{CSS}</style></head><body>",
           "<main><h1>V1 retirement readiness</h1>",
           f"<p class='verdict {_cls(r.verdict)}' data-testid='verdict'>{e(r.verdict)}</p>",
           "<h2>Done Criteria for V1 Retirement</h2><ul data-testid='criteria'>"]
    for c in r.criteria:
        out.append(f"<li><strong>{e(c.status)}</strong> — {e(c.text)} <small>"
                   f"({e(c.evidence)})</small></li>")
    out.append("</ul><h2>Legacy V1 routes</h2>")
    out.append("<label for='filter'>Filter</label> <input id='filter' type='search' "
               "placeholder='route, family, verdict…'>")
    heads = ["V1 route", "family", "mapping", "verdict", *(g.title for g in ROUTE_GATES)]
    out.append("<table id='routes'><thead><tr>" + "".join(f"<th scope='col'>{e(h)}</th>"
                                                         for h in heads) + "</tr></thead><tbody>")
    details = []
    for route in r.routes:
        cells = [f"<td><code>{e(route.path)}</code><br><small>{e(route.legacy_id)}</small></td>",
                 f"<td>{e(route.family or '')}</td>", f"<td>{e(route.mapping)}</td>",
                 f"<td class='{_cls(route.verdict)}'>{e(route.verdict)}</td>"]
        for gate in route.gates:
            anchor = f"{route.legacy_id}--{gate.gate}"
            text = e(gate.status)
            if gate.status == "fail":
                text = f"<a href='#{e(anchor)}'>{text}</a>"
                details.append((anchor, route, gate))
            title = f" title='{e(gate.note)}'" if gate.note else ""
            cells.append(f"<td class='{_cls(gate.status)}'{title}>{text}</td>")
        out.append(f"<tr data-verdict='{e(route.verdict)}'>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    if details:
        out.append("<h2>Failures</h2>")
    for anchor, route, gate in details:
        out.append(f"<section id='{e(anchor)}'><h3>{e(route.path)} — {e(gate.gate)}</h3>")
        if gate.note:
            out.append(f"<p>{e(gate.note)}</p>")
        for ev in gate.evidence:
            if ev.outcome not in ("failed", "error"):
                continue
            out.append(f"<p><code>{e(ev.test)}</code></p><ul>")
            out += [f"<li>{e(m)}</li>" for m in ev.messages]
            out += [f"<li><a href='{e(a)}'>{e(a)}</a></li>" for a in ev.artifacts]
            out.append("</ul>")
        out.append("</section>")
    out.append(f"<script type='application/json' id='data'>"
               f"{e(json.dumps(r.counts))}</script><script>{JS}</script></main></body></html>")
    return "\n".join(out)
