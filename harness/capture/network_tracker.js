// Installed in every browser context the page pool makes, before any page script runs:
// counts the page's same-origin fetch/XHR calls in flight (URLs matching one of `ignore`,
// long polls and streams, are not counted) and the time of the last network or DOM activity,
// which readiness.js reads. It changes nothing the page sees: calls pass through untouched.
(ignore) => {
  if (window.__cutoverReadiness) return;
  const patterns = ignore.map((p) => { try { return new RegExp(p); } catch (e) { return null; } })
    .filter(Boolean);
  const net = window.__cutoverReadiness = { inflight: 0, last: performance.now() };
  const touch = () => { net.last = performance.now(); };
  const counted = (raw) => {
    let url;
    try { url = new URL(String(raw), location.href); } catch (e) { return false; }
    return url.origin === location.origin && !patterns.some((p) => p.test(url.href));
  };
  // A page that calls its API is live too: what the answer brings is rendered after it.
  const begin = () => { net.inflight += 1; net.live = true; touch(); };
  const end = () => { net.inflight = Math.max(0, net.inflight - 1); touch(); };
  const fetch0 = window.fetch;
  if (fetch0) {
    window.fetch = function (input, init) {
      const url = (typeof Request !== 'undefined' && input instanceof Request) ? input.url : input;
      if (!counted(url)) return fetch0.apply(this, arguments);
      begin();
      let answer;
      try { answer = fetch0.apply(this, arguments); } catch (e) { end(); throw e; }
      answer.then(end, end);
      return answer;
    };
  }
  const proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (proto) {
    const open0 = proto.open, send0 = proto.send;
    proto.open = function (method, url) { this.__cutoverUrl = url; return open0.apply(this, arguments); };
    proto.send = function () {
      if (counted(this.__cutoverUrl)) {
        begin();
        this.addEventListener('loadend', end, { once: true });
      }
      return send0.apply(this, arguments);
    };
  }
  // Watched from DOMContentLoaded on: what the parser inserts is the page as served (and
  // recording it costs every page), what changes after is the page changing itself. Such a page
  // (a client-rendered app; a title set by an effect) is `live`: readiness.js then also wants it
  // still for quiet_ms. A server-rendered page that never does is read at once.
  const watch = () => {
    touch();
    new MutationObserver(() => { touch(); net.live = true; })
      .observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
}
