"""Reading an executable parity row's facts: the V1 page in V1 mode and the V3 page of the same
resource, one navigation each, read with the contract's selectors into a ParityView."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts import Contract, ParityRow
from contracts.parity_facts import EntryReader, FactValue, ParityCompare
from contracts.paths import format_path
from harness.capture.cache import SnapshotCache
from harness.capture.id_resolver import DiscoveryError
from harness.checks.observations import PageFacts, ParityEntry, ParityView
from harness.flows.legacy_urls import legacy_params, resolved_aliases

# Reads every entry of a list in one round trip. Sub-selectors are plain CSS (querySelector);
# the item selector itself may use Playwright's extensions (:has-text, :text-is).
_ENTRIES_JS = """(items, readers) => {
  const read = (el, how) => {
    if (!how) return null;
    if (how.attribute) return el.getAttribute(how.attribute);
    const node = how.selector ? el.querySelector(how.selector) : el;
    return node ? node.innerText.trim() : null;
  };
  return items.map(el => ({type: read(el, readers.type), id: read(el, readers.id),
                           value: readers.value ? read(el, readers.value) : null}));
}"""


def parity_params(row: ParityRow, cache: SnapshotCache) -> tuple[dict[str, str], dict[str, str]]:
    """Parameters of the V1 and the V3 page: the row's samples for this target where V1 and V3
    ids differ, else the legacy route's own (discovered from V3 like its deep-link test's:
    copied ids, and resolved ids from the aliases a V3 page names), mapped to V3 as its redirect
    maps them. DiscoveryError says what is missing."""
    spec = _spec(row)
    contract = cache.contract
    legacy, route = contract.legacy_route(spec.v1), contract.route(spec.v3)
    sample = dict(spec.samples.get(cache.target_name, {}))
    v1 = {n: sample[n] for n in legacy.params if n in sample}
    if len(v1) < len(legacy.params):
        v1 = {**legacy_params(legacy, cache), **v1}
    copied = ({to: v1[src] for to, src in legacy.redirect.params.items()
               if isinstance(src, str) and src in v1} if legacy.redirect is not None else {})
    if any(not (sample.get(n) or copied.get(n) or v1.get(n)) for n in route.params):
        # A resolved id discovered on V3 comes with the V3 page it was read on.
        aliases, aliased_v3 = resolved_aliases(legacy, cache)
        if aliases and all(v1.get(k) == v for k, v in aliases.items()):
            copied = {**aliased_v3, **copied}
    v3 = {}
    for name in route.params:
        value = sample.get(name) or copied.get(name) or v1.get(name)
        if not value:
            raise DiscoveryError(f"parity row {row.id} ({row.source}): no value for {name} of "
                                 f"{route.id} on target '{cache.target_name}' (add it to "
                                 "compare.samples)")
        v3[name] = value
    return v1, v3


def read_parity(row: ParityRow, cache: SnapshotCache, role: str) -> ParityView:
    """Both pages of the row's resource: V1 with the V3 flag set to V1, V3 with it set to V3."""
    spec = _spec(row)
    contract = cache.contract
    flag = contract.v3_flag
    v1_params, v3_params = parity_params(row, cache)
    v1_url = cache.absolute(format_path(contract.legacy_route(spec.v1).path, v1_params))
    v3_url = cache.absolute(contract.route(spec.v3).format(v3_params))
    with cache.pool.visiting(role, flag.v1 if flag else None, "parity") as page:
        v1 = _read(page, v1_url, spec, "v1", contract, cache.timeout_ms)
    with cache.pool.visiting(role, flag.v3 if flag else None, "parity") as page:
        v3 = _read(page, v3_url, spec, "v3", contract, cache.timeout_ms)
    return ParityView(v1=v1, v3=v3)


def _spec(row: ParityRow) -> ParityCompare:
    if row.compare is None:
        raise ValueError(f"parity row {row.id} declares no facts to compare")
    return row.compare


def _read(page: Page, url: str, spec: ParityCompare, side: str, contract: Contract,
          timeout_ms: float) -> PageFacts:
    try:
        response = page.goto(url, wait_until="load", timeout=timeout_ms)
    except PlaywrightTimeout:
        return PageFacts(url, error=f"no response within {timeout_ms:.0f} ms")
    except PlaywrightError as exc:
        return PageFacts(url, error=f"navigation failed: {str(exc).splitlines()[0]}")
    if response is None or response.status >= 400:
        return PageFacts(url, error=f"HTTP {response.status if response else 'no response'}")
    ready = f"{contract.selectors.page_title}, {contract.selectors.v1_layout}"
    with contextlib.suppress(PlaywrightTimeout):  # a page without its title is still read
        page.locator(ready).first.wait_for(state="attached", timeout=timeout_ms)
    # Part of a page may load after `load` (a panel filled from the API): each fact gets a
    # bounded wait to appear, one deadline per page, so absent facts cost one timeout at most.
    deadline = time.monotonic() + timeout_ms / 1000
    fields: dict[str, str | None] = {}
    for f in spec.fields:
        locator = page.locator(f.v1 if side == "v1" else f.v3)
        _wait_attached(locator, deadline)
        texts = locator.all_inner_texts()
        fields[f.label] = texts[0].strip() if texts else None
    entries = {}
    for e in spec.entries:
        reader = e.v1 if side == "v1" else e.v3
        locator = page.locator(reader.item)
        _wait_attached(locator, deadline)
        entries[e.name] = _entries(locator, reader)
    return PageFacts(page.url, fields=fields, entries=entries)


def _wait_attached(locator: Locator, deadline: float) -> None:
    left_ms = (deadline - time.monotonic()) * 1000
    if left_ms > 0:
        with contextlib.suppress(PlaywrightTimeout):
            locator.first.wait_for(state="attached", timeout=left_ms)


def _entries(locator: Locator, reader: EntryReader) -> tuple[ParityEntry, ...]:
    raw: list[dict[str, Any]] = locator.evaluate_all(_ENTRIES_JS, {
        "type": _how(reader.type), "id": _how(reader.id),
        "value": _how(reader.value) if reader.value else None})
    return tuple(ParityEntry(str(r["type"] or ""), str(r["id"] or ""),
                             None if r["value"] is None else str(r["value"])) for r in raw)


def _how(value: FactValue) -> dict[str, str | None]:
    return {"selector": value.selector, "attribute": value.attribute}
