// Whether a page has rendered what the contract says its gates read. Evaluated inside the
// collector's read (as `readinessOf`) and, when that read says "not yet", polled by
// `page.wait_for_function` until the page is ready or has settled. `rd` comes from
// harness/capture/collector.py (readiness_spec): nothing here names a product's element.
(rd) => {
  const q = (sel) => (sel ? document.querySelector(sel) : null);
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  // The network tracker the page pool's init script installs; a page opened elsewhere gets a
  // DOM-only one on first use, so "quiet" is still measured from then on.
  let net = window.__cutoverReadiness;
  if (!net) {
    net = window.__cutoverReadiness = { inflight: 0, last: performance.now() };
    new MutationObserver(() => { net.last = performance.now(); net.live = true; })
      .observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  }
  const unrendered = {};
  for (const [name, sel] of rd.required || []) if (!q(sel)) unrendered[name] = sel;
  if (rd.anyOf && !q(rd.anyOf)) unrendered['page_title'] = rd.anyOf;
  // A loading marker present (`loading`, the degraded section's) or visible (`busy`) means
  // the content behind it is not there yet.
  if (rd.loading && q(rd.loading)) unrendered['busy'] = rd.loading;
  if (rd.busy && Array.from(document.querySelectorAll(rd.busy)).some(shown)) unrendered['busy'] = rd.busy;
  const quietFor = performance.now() - net.last;
  const idle = net.inflight === 0;
  return {
    ready: idle && Object.keys(unrendered).length === 0,
    // A page that changes itself once parsed (net.live) has not finished while it still moves:
    // a wait that began because the first read was not ready also waits for it to be still.
    still: !net.live || quietFor >= (rd.quietMs || 0),
    // Nothing in flight, DOM and network quiet for quiet_ms, no loading marker: what is
    // missing now is missing, not late.
    // A page that has loaded and never changed itself since it was parsed (a server-rendered
    // page) has settled at once: it renders nothing more by itself.
    settled: idle && !('busy' in unrendered) && (quietFor >= (rd.quietMs || 0) ||
             (!net.live && document.readyState === 'complete')),
    unrendered,
    inflight: net.inflight,
  };
}
