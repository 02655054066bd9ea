// Reads everything the static gates need from the current page in one round trip.
// `spec` holds the contract's selectors; nothing here knows a product route or test id.
(spec) => {
  const q = (sel, root = document) => (sel ? root.querySelector(sel) : null);
  const qa = (sel, root = document) => (sel ? Array.from(root.querySelectorAll(sel)) : []);
  const abs = (el) => {
    const raw = el.getAttribute('href');
    if (raw === null || /^\s*javascript:/i.test(raw)) return null;
    try { return new URL(raw, document.baseURI).href; } catch (e) { return null; }
  };
  const text = (el) => (el ? (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ') : '');
  const link = (el) => el && {
    href: el.getAttribute('href'), url: abs(el), text: text(el).slice(0, 200),
    current: el.getAttribute('aria-current'), onclick: el.getAttribute('onclick'),
  };
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 3; node = node.parentElement) {
      const id = node.getAttribute('data-testid');
      parts.unshift(node.tagName.toLowerCase() + (id ? `[data-testid="${id}"]` : ''));
      if (id) break;
    }
    return parts.join(' > ');
  };
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);

  const globalNav = q(spec.globalNav);
  const localNav = q(spec.localNav);
  const localItems = {};
  for (const [key, sel] of Object.entries(spec.localNavItems)) {
    const el = q(sel);
    if (el) localItems[key] = link(el.matches('a') ? el : (el.querySelector('a') || el));
  }
  const aliasesEl = q(spec.aliases);
  const aliases = {};
  if (aliasesEl) for (const a of aliasesEl.attributes) if (a.name.startsWith('data-')) aliases[a.name] = a.value;
  const capsEl = q(spec.capabilities);
  const timeline = q(spec.timeline);
  const cards = qa(spec.card).map((card) => {
    const fields = {};
    for (const [name, sel] of Object.entries(spec.cardFields)) {
      const el = q(sel, card);
      const a = el && (el.matches('a[href]') ? el : el.querySelector('a[href]'));
      fields[name] = { present: !!el, text: text(el).slice(0, 300), href: a ? abs(a) : null };
    }
    return { op: card.getAttribute(spec.opAttr), intent: card.getAttribute(spec.intentAttr), fields };
  });
  const sameOrigin = new Set();
  for (const a of qa('a[href]')) {
    const url = abs(a);
    if (url && new URL(url).origin === location.origin) sameOrigin.add(url.split('#')[0]);
  }
  const texts = [];
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && texts.length < 5000; n = walker.nextNode()) {
    const parent = n.parentElement;
    const value = (n.nodeValue || '').trim();
    if (!value || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    if (!visible(parent)) continue;
    texts.push({ element: describe(parent), text: value.slice(0, 500) });
  }
  const back = q(spec.backLink);
  return {
    title: text(q(spec.pageTitle)) || document.title,
    shell: !!q(spec.shell),
    v1Layout: !!q(spec.v1Layout),
    globalNav: Object.entries(spec.globalNavItems).filter(([, sel]) => q(sel)).map(([id]) => id),
    globalNavLinks: globalNav ? qa('a[href]', globalNav).length : 0,
    localNavFound: !!localNav,
    localNav: localItems,
    localNavCurrent: localNav ? qa('[aria-current]', localNav)
      .filter((el) => !['false', ''].includes(el.getAttribute('aria-current'))).map((el) => abs(el) || '') : [],
    backLink: back ? link(back.matches('a') ? back : (back.querySelector('a') || back)) : null,
    resourceName: q(spec.resourceName) ? text(q(spec.resourceName)) : null,
    aliases,
    posture: q(spec.posture) ? text(q(spec.posture)) : null,
    capabilities: capsEl ? (capsEl.getAttribute(spec.capabilitiesAttr) || '').split(/\s+/).filter(Boolean) : null,
    timelineEntries: timeline ? qa(spec.timelineEntry, timeline).length : null,
    cards,
    rowLinks: qa(spec.rowLink).slice(0, 5).map(abs).filter(Boolean),
    links: Array.from(sameOrigin),
    texts,
    placeholderElements: spec.placeholderSelectors.flatMap((sel) => qa(sel).map(describe)),
    evidenceSubjects: qa(spec.evidenceSubject).map(text),
  };
}
