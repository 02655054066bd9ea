// Client-side behaviour of the V3 console: in-family transitions without a full page load,
// lifecycle operations (with typed confirmation for destructive ones) and API-backed forms.
// Nothing here sends a non-GET request unless the user clicks a trigger or submits a form.
(function () {
  "use strict";

  const byTestId = (id, root) => (root || document).querySelector(`[data-testid="${id}"]`);
  const parse = (html) => new DOMParser().parseFromString(html, "text/html");
  const shownPath = () => location.pathname + location.search;
  let shown = shownPath();

  // Swap <main> for the target page's <main> when it belongs to the same family; anything else
  // (another family, an error page) falls back to a normal navigation.
  async function swapTo(url, mode) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    } catch (_err) {
      location.assign(url);
      return;
    }
    const doc = response.ok ? parse(await response.text()) : null;
    const nextMain = doc && doc.querySelector("main");
    if (!nextMain || doc.body.dataset.family !== document.body.dataset.family) {
      mode === "pop" ? location.replace(url) : location.assign(url);
      return;
    }
    const main = document.querySelector("main");
    main.replaceChildren(...Array.from(nextMain.childNodes, (n) => document.importNode(n, true)));
    syncLocalNav(doc);
    document.title = doc.title;
    if (mode === "push") {
      history.pushState({ cutover: true }, "", response.url || url);
    }
    shown = shownPath();
    const heading = main.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    document.dispatchEvent(new CustomEvent("cutover:navigated", { detail: { url: url } }));
  }

  function syncLocalNav(doc) {
    const current = document.querySelectorAll('[data-testid="local-nav"] a');
    const next = doc.querySelectorAll('[data-testid="local-nav"] a');
    current.forEach((link, i) => {
      const value = next[i] && next[i].getAttribute("aria-current");
      if (value) link.setAttribute("aria-current", value);
      else link.removeAttribute("aria-current");
    });
  }

  // Re-read posture and activity after an operation so the page shows its effect.
  async function refreshResource() {
    const response = await fetch(location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const doc = parse(await response.text());
    for (const id of ["resource-posture", "activity-timeline"]) {
      const current = byTestId(id);
      const next = byTestId(id, doc);
      if (current && next) current.replaceWith(document.importNode(next, true));
    }
  }

  async function runOperation(api, card, confirmText) {
    const outcome = card && byTestId("op-outcome", card);
    if (outcome) outcome.textContent = "Working…";
    const payload = confirmText === undefined ? {} : { confirm: confirmText };
    let response;
    let body = {};
    try {
      response = await fetch(api, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
      });
      body = await response.json();
    } catch (_err) {
      body = { error: "the request did not complete" };
    }
    const ok = response && response.ok;
    if (outcome) outcome.textContent = ok ? `Done: ${body.message}` : `Failed: ${body.error}`;
    if (ok) await refreshResource();
  }

  function openTypedConfirm() {
    const dialog = byTestId("typed-confirm-dialog");
    if (!dialog) return;
    const input = byTestId("typed-confirm-input", dialog);
    input.value = "";
    byTestId("typed-confirm-submit", dialog).disabled = true;
    dialog.showModal();
    input.focus();
  }

  function confirmMatches(dialog, text) {
    return dialog.dataset.match === "nonempty" ? text.trim() !== "" : text === dialog.dataset.expected;
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    const link = event.target.closest("a[href]");
    if (link && link.origin === location.origin && !link.target) {
      const tabs = link.closest(".tabs");
      const localNav = link.closest('[data-testid="local-nav"]');
      if ((tabs || localNav) && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
        event.preventDefault();
        swapTo(link.href, tabs && tabs.dataset.history === "none" ? "stay" : "push");
      }
      return;
    }
    const trigger = event.target.closest('[data-testid="op-trigger"]');
    if (trigger) {
      const card = trigger.closest('[data-testid="lifecycle-op-card"]');
      const mode = trigger.dataset.confirm;
      if (mode === "typed") {
        openTypedConfirm();
      } else if (mode === "window") {
        const name = byTestId("resource-name").textContent;
        if (window.confirm(`${card.dataset.op} ${name}? This cannot be undone.`)) {
          runOperation(card.dataset.api, card, name);
        }
      } else {
        runOperation(card.dataset.api, card);
      }
      return;
    }
    if (event.target.closest('[data-testid="typed-confirm-cancel"]')) {
      byTestId("typed-confirm-dialog").close();
      return;
    }
    const refresh = event.target.closest('[data-action="refresh"]');
    if (refresh) {
      const status = byTestId("form-status", refresh.closest("form"));
      fetch("/api/skus").then((r) => {
        status.textContent = r.ok ? "Availability refreshed." : "Availability could not be read.";
      });
    }
  });

  document.addEventListener("input", (event) => {
    if (event.target.matches('[data-testid="typed-confirm-input"]')) {
      const dialog = event.target.closest("dialog");
      byTestId("typed-confirm-submit", dialog).disabled = !confirmMatches(dialog, event.target.value);
    }
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const dialog = form.closest('[data-testid="typed-confirm-dialog"]');
    if (dialog) {
      event.preventDefault();
      const text = byTestId("typed-confirm-input", dialog).value;
      if (!confirmMatches(dialog, text)) return;
      dialog.close();
      const card = document.querySelector(
        `[data-testid="lifecycle-op-card"][data-op="${dialog.dataset.op}"]`);
      runOperation(dialog.dataset.api, card, text);
      return;
    }
    if (form.matches(".api-form")) {
      event.preventDefault();
      const status = byTestId("form-status", form);
      const data = Object.fromEntries(new FormData(form).entries());
      fetch(form.dataset.api, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(data),
      })
        .then((r) => r.json())
        .then((body) => { status.textContent = body.message || body.error; })
        .catch(() => { status.textContent = "The request did not complete."; });
    }
  });

  window.addEventListener("popstate", () => {
    // Only a change of page matters; in-page anchors (the skip link) keep the content.
    if (shownPath() !== shown) swapTo(location.href, "pop");
  });
})();
