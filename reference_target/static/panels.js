// Panels whose content comes from the JSON API, loaded in the browser as a real V3 front end
// loads it: the panel is aria-busy while its request runs, then shows the data, an empty state
// or an error state that says what happened. A null field shows as a dash. Faults named in
// data-faults break exactly one of those promises (reference_target/faults.py).
(function () {
  "use strict";

  const DASH = "—";

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const faulty = (panel, name) => (panel.dataset.faults || "").split(" ").includes(name);
  const shown = (value) => (value === null || value === undefined || value === "" ? DASH : String(value));

  function settle(panel, ...nodes) {
    const heading = panel.querySelector("h2");
    panel.replaceChildren(...(heading ? [heading] : []), ...nodes);
    panel.setAttribute("aria-busy", "false");
  }

  function showError(panel, reason) {
    const what = panel.dataset.what;
    const text = `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded: ${reason}. ` +
      "Reload the page to try again.";
    if (faulty(panel, "error-blank")) {
      // The fault: the whole page, shell and navigation included, gives way to the message.
      document.body.replaceChildren(el("p", {}, text));
      return;
    }
    settle(panel, el("p", { class: "api-error", role: "alert", "data-testid": "api-error" }, text));
  }

  function showEmpty(panel) {
    settle(panel, el("p", { class: "api-empty", "data-testid": "api-empty" }, panel.dataset.empty));
  }

  function table(columns, items, link) {
    const head = el("tr");
    for (const [, label] of columns) head.append(el("th", { scope: "col" }, label));
    const body = el("tbody");
    for (const item of items) {
      const row = el("tr", link && item[link] ? { "data-testid": "resource-row" } : {});
      columns.forEach(([key], i) => {
        const cell = el("td");
        if (i === 0 && link && item[link]) {
          cell.append(el("a", { href: item[link], "data-testid": "resource-row-link" }, shown(item[key])));
        } else {
          cell.textContent = shown(item[key]);
        }
        row.append(cell);
      });
      body.append(row);
    }
    const thead = el("thead");
    thead.append(head);
    const t = el("table");
    t.append(thead, body);
    return t;
  }

  function unit(panel, value, suffix) {
    if (faulty(panel, "null-nan")) return `${parseFloat(value).toFixed(0)}${suffix}`;
    return value === null || value === undefined ? DASH : `${Math.round(value)}${suffix}`;
  }

  const RENDER = {
    telemetry(panel, body) {
      const gpus = Array.isArray(body.gpus) ? body.gpus : [];
      if (gpus.length === 0) return showEmpty(panel);
      const facts = el("dl", { class: "facts" });
      for (const [label, value] of [
        ["Window", shown(body.window)],
        ["Average GPU utilisation", unit(panel, body.average_gpu_util, "%")],
        ["Network in", unit(panel, body.network_in_gbps, " Gbit/s")],
      ]) {
        const pair = el("div");
        pair.append(el("dt", {}, label), el("dd", {}, value));
        facts.append(pair);
      }
      const rows = gpus.map((g) => ({
        gpu: g.gpu, utilisation: unit(panel, g.utilisation, "%"),
        memory: unit(panel, g.memory_gib, " GiB"), temperature: unit(panel, g.temperature_c, " °C"),
      }));
      settle(panel, facts, table([["gpu", "GPU"], ["utilisation", "Utilisation"],
        ["memory", "Memory used"], ["temperature", "Temperature"]], rows, null));
    },
    table(panel, body) {
      const items = Array.isArray(body.items) ? body.items : [];
      if (items.length === 0) return showEmpty(panel);
      settle(panel, table(JSON.parse(panel.dataset.columns || "[]"), items, panel.dataset.link));
    },
  };

  async function load(panel) {
    let body;
    try {
      const response = await fetch(panel.dataset.api, {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) return showError(panel, `the server answered ${response.status}`);
      body = await response.json();
    } catch (_err) {
      return showError(panel, "the request failed or timed out");
    }
    try {
      RENDER[panel.dataset.render](panel, body || {});
    } catch (_err) {
      showError(panel, "the answer could not be read");
    }
  }

  function loadAll() {
    document.querySelectorAll('[data-testid="api-panel"][aria-busy="true"]').forEach(load);
  }

  loadAll();
  // In-family transitions (app.js) swap <main>: load the panels the new content brings.
  document.addEventListener("cutover:navigated", loadAll);
})();
