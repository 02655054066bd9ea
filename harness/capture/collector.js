// Reads everything the static gates need from the current page in one round trip.
// `spec` holds the contract's selectors; nothing here knows a product route or test id.
(spec) => {
  // harness/capture/readiness.js, put here by collector.py: one read answers both questions.
  const readinessOf = __READINESS__;
  const q = (sel, root = document) => (sel ? root.querySelector(sel) : null);
  const qa = (sel, root = document) => (sel ? Array.from(root.querySelectorAll(sel)) : []);
  const abs = (el) => {
    const raw = el.getAttribute('href');
    if (raw === null || /^\s*javascript:/i.test(raw)) return null;
    try { return new URL(raw, document.baseURI).href; } catch (e) { return null; }
  };
  const text = (el) => (el ? (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ') : '');
  // What a reader gets from an element: its text as written (innerText would apply CSS
  // text-transform), leaving out aria-hidden parts (a decorative arrow) and what is not
  // displayed, a space where a line breaks or a block starts; the aria-label when there is no text.
  const INLINE = new Set(['inline', 'contents']);
  const label = (el) => {
    if (!el) return '';
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) { parts.push(child.nodeValue); continue; }
        if (child.nodeType !== Node.ELEMENT_NODE || child.getAttribute('aria-hidden') === 'true'
            || ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(child.tagName)) continue;
        if (child.tagName === 'BR') { parts.push(' '); continue; }
        const display = getComputedStyle(child).display;
        if (display === 'none') continue;
        const block = !INLINE.has(display);
        if (block) parts.push(' ');
        walk(child);
        if (block) parts.push(' ');
      }
    };
    walk(el);
    // soft hyphens and zero-width characters are line-breaking hints, not copy
    const found = parts.join('').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').trim().replace(/\s+/g, ' ');
    return (found || (el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ')).slice(0, 300);
  };
  const link = (el) => el && {
    href: el.getAttribute('href'), url: abs(el), text: text(el).slice(0, 200),
    current: el.getAttribute('aria-current'), onclick: el.getAttribute('onclick'), label: label(el),
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
  // Shown to a user: rendered, and not visibility:hidden (a collapsed menu's copy of the nav).
  const displayed = (el) => (el.checkVisibility
    ? el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true }) : visible(el));
  const ariaCurrent = (el) => {
    const v = el.getAttribute('aria-current');
    return v !== null && !['false', ''].includes(v);
  };
  // Every visible item of a nav: what `every` finds inside the nav (an item nested in another
  // item counts once), each named by the contract item whose own selector it matches (none:
  // an item the contract does not list), its label, link and whether it is marked current.
  const navItems = (nav, every, keyed, currentSel) => {
    if (!nav || !every) return [];
    const found = qa(every, nav);
    return found.filter((el) => displayed(el) && !found.some((o) => o !== el && o.contains(el)))
      .map((el) => {
        const a = el.matches('a[href]') ? el : (el.querySelector('a[href]') || el);
        const key = Object.entries(keyed || {}).find(([, sel]) => sel && (el.matches(sel) || a.matches(sel)));
        return {
          key: key ? key[0] : null, label: label(a) || label(el), href: a.getAttribute('href'),
          url: a.hasAttribute('href') ? abs(a) : null,
          current: currentSel ? (el.matches(currentSel) || a.matches(currentSel)) : (ariaCurrent(el) || ariaCurrent(a)),
        };
      });
  };

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
  const cardFields = (card) => {
    const fields = {};
    for (const [name, sel] of Object.entries(spec.cardFields)) {
      const el = q(sel, card);
      const a = el && (el.matches('a[href]') ? el : el.querySelector('a[href]'));
      fields[name] = { present: !!el, text: text(el).slice(0, 300), href: a ? abs(a) : null };
    }
    return fields;
  };
  const cards = qa(spec.card).map((card) => ({
    op: card.getAttribute(spec.opAttr),
    intent: spec.intentAttr ? card.getAttribute(spec.intentAttr) : null, fields: cardFields(card),
  }));
  // Operations a product marks by their own selector: the card is that element.
  for (const [op, sel] of Object.entries(spec.opCards || {})) {
    const card = q(sel);
    if (card && !cards.some((c) => c.op === op)) cards.push({ op, intent: null, fields: cardFields(card) });
  }
  const sameOrigin = new Set();
  for (const a of qa('a[href]')) {
    const url = abs(a);
    if (url && new URL(url).origin === location.origin) sameOrigin.add(url.split('#')[0]);
  }
  // Every navigation target the page exposes (links, form actions, the contract's client-side
  // navigation attributes), for the V1-dependency guard: read here, so it costs no navigation.
  const targets = [];
  const addTarget = (el, kind, raw) => {
    if (raw === null || targets.length >= 2000) return;
    let url = null;
    if (!/^\s*javascript:/i.test(raw)) {
      try { url = new URL(raw, document.baseURI).href; } catch (e) { url = null; }
    }
    targets.push({ kind, element: describe(el), raw, url, text: text(el).slice(0, 80) });
  };
  for (const a of qa('a[href], area[href]')) addTarget(a, 'link', a.getAttribute('href'));
  for (const f of qa('form[action]')) addTarget(f, 'form', f.getAttribute('action'));
  for (const b of qa('[formaction]')) addTarget(b, 'form', b.getAttribute('formaction'));
  for (const attr of spec.navAttributes || []) {
    for (const el of qa(`[${attr}]`)) addTarget(el, attr, el.getAttribute(attr));
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
  // Data-dump density (the density gate): visible table width, key/value rows, raw blocks,
  // and words per screen height, so a page that prints an entity dump shows in numbers.
  const shown = (sel) => qa(sel).filter(visible);
  const cells = (tr) => Array.from(tr.cells).reduce((n, c) => n + (c.colSpan || 1), 0);
  const words = ((document.body && document.body.innerText) || '').split(/\s+/).filter(Boolean).length;
  const screens = Math.max(1, document.documentElement.scrollHeight / Math.max(1, window.innerHeight));
  const density = {
    tableColumns: Math.max(0, ...shown('table').map((t) => Math.max(0, ...Array.from(t.rows).slice(0, 20).map(cells)))),
    kvRows: shown('dt').length + shown('tr').filter((tr) => tr.cells.length === 2
      && tr.cells[0].tagName === 'TH' && tr.cells[1].tagName === 'TD').length,
    rawBlocks: shown('pre').length + shown('code').filter((c) => !c.closest('pre')
      && /^\s*[{[]/.test(c.textContent || '') && (c.textContent || '').length > 40).length,
    wordsPerScreen: Math.round(words / screens),
  };
  // The back link a user sees (the first shown one), and how many are shown: exactly one.
  const backs = qa(spec.backLink);
  const back = backs.find(displayed) || backs[0] || null;
  // Every row link of a list, bounded (the row-links gate requests each); `rows` keeps the first.
  const rowTargets = qa(spec.rowLink).slice(0, spec.rowLimit || 50).map(link);
  // Contract elements in the DOM but not shown (display:none, `hidden`, zero size, off-screen):
  // name -> why, so the gate that reads an element fails it as hidden rather than passing it.
  const hiddenWhy = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const st = getComputedStyle(n);
      const on = n === el ? '' : ` (on ${describe(n) || n.tagName.toLowerCase()})`;
      if (st.display === 'none') return (n.hidden ? 'hidden attribute' : 'display:none') + on;
      if (st.opacity === '0') return 'opacity:0' + on;
      if (n !== el && /hidden|clip/.test(st.overflow)) {
        const b = n.getBoundingClientRect();
        if (b.width < 1 || b.height < 1) return 'zero size' + on;
      }
    }
    const st = getComputedStyle(el);
    if (st.visibility !== 'visible') return `visibility:${st.visibility}`;
    if (st.display === 'contents') return null;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return 'zero size';
    const root = document.documentElement;
    const left = r.left + window.scrollX, top = r.top + window.scrollY;
    if (left + r.width <= 0 || top + r.height <= 0 || left >= root.scrollWidth || top >= root.scrollHeight) return 'off-screen';
    return null;
  };
  const watched = [['global_shell', q(spec.shell)], ['back_link', back],
    ['resource_name', q(spec.resourceName)], ['resource_posture', q(spec.posture)],
    ['activity_timeline', timeline]];
  for (const [id, sel] of Object.entries(spec.globalNavItems)) watched.push([`global_nav_item:${id}`, q(sel)]);
  for (const [key, sel] of Object.entries(spec.localNavItems)) watched.push([`local_nav_item:${key}`, q(sel)]);
  for (const card of qa(spec.card)) watched.push([`op_card:${card.getAttribute(spec.opAttr)}`, card]);
  for (const [op, sel] of Object.entries(spec.opCards || {})) watched.push([`op_card:${op}`, q(sel)]);
  const hidden = {};
  const judged = new Set();  // the first element of a name is the one its gate reads
  for (const [name, el] of watched) {
    if (!el || judged.has(name)) continue;
    judged.add(name);
    const why = hiddenWhy(el);
    if (why) hidden[name] = why;
  }
  const heading = q(spec.pageTitle);
  const readiness = readinessOf(spec.readiness || {});
  return {
    // Whether the read may stand: what the gates read is rendered and nothing is still loading.
    ready: readiness.ready,
    readiness,
    // The setup steps (a first-run dialog) whose `when` is visible now.
    setupShown: (spec.setup || []).filter(([, sel]) => qa(sel).some(visible)).map(([id]) => id),
    title: text(q(spec.pageTitle)) || document.title,
    heading: heading ? label(heading) : null,
    documentTitle: document.title,
    shell: !!q(spec.shell),
    v1Layout: !!q(spec.v1Layout),
    // Family ids whose item is present, in the page's order (the gate judges the order too).
    globalNav: Object.entries(spec.globalNavItems).map(([id, sel]) => [id, q(sel)])
      .filter(([, el]) => el)
      .sort(([, a], [, b]) => (a === b ? 0 : (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)))
      .map(([id]) => id),
    // Family items only when the contract says which they are; else every link in the nav.
    globalNavLinks: spec.globalNavItemsAll ? qa(spec.globalNavItemsAll).length
      : (globalNav ? qa('a[href]', globalNav).length : 0),
    globalNavFound: !!globalNav,
    globalNavList: navItems(globalNav, spec.globalNavEvery, spec.globalNavItems, spec.globalNavCurrent),
    localNavFound: !!localNav,
    localNavList: navItems(localNav, spec.localNavEvery, spec.localNavItems, spec.localNavCurrent),
    localNav: localItems,
    localNavCurrent: localNav ? qa('[aria-current]', localNav)
      .filter((el) => !['false', ''].includes(el.getAttribute('aria-current'))).map((el) => abs(el) || '') : [],
    backLinks: backs.filter(displayed).length,
    backLink: back ? link(back.matches('a') ? back : (back.querySelector('a') || back)) : null,
    resourceName: q(spec.resourceName) ? text(q(spec.resourceName)) : null,
    aliases,
    posture: q(spec.posture) ? text(q(spec.posture)) : null,
    capabilities: capsEl ? (capsEl.getAttribute(spec.capabilitiesAttr) || '').split(/\s+/).filter(Boolean) : null,
    timelineEntries: timeline ? qa(spec.timelineEntry, timeline).length : null,
    cards,
    rowLinks: qa(spec.rowLink).slice(0, 5).map(abs).filter(Boolean),
    rows: qa(spec.rowLink).slice(0, 5).map(link),
    targets,
    links: Array.from(sameOrigin),
    texts,
    placeholderElements: spec.placeholderSelectors.flatMap((sel) => qa(sel).map(describe)),
    evidenceSubjects: qa(spec.evidenceSubject).map(text),
    icons: qa('link[rel~="icon" i][href]').map(abs).filter(Boolean),
    density,
    denied: !!q(spec.denied),
    rowTargets,
    hidden,
  };
}
