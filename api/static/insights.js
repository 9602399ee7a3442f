/* Store insights: the figures of GET /v1/insights as tiles, tables and uPlot charts, and the content gaps. */
(() => {
  "use strict";

  const KEY_STORAGE = "triage:agent-key"; // the inbox's: one sign-in serves both pages
  const REASONS = {
    low_confidence: "Low confidence", high_value: "High value", human_request: "Asked for a person", complaint: "Complaint",
    dispute: "Dispute", out_of_scope: "Out of scope", repeated_failure: "Repeated failure", delayed_order: "Delayed order",
  };
  const HALF_DAY = 43_200; // seconds: room either side so the first and last days' bars show whole
  const $ = (id) => document.getElementById(id);
  const state = { key: null, charts: [] };

  function h(tag, attrs = {}, children = []) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) if (value != null) el.setAttribute(name, String(value));
    el.append(...[].concat(children).filter((child) => child != null));
    return el;
  }

  const keyStore = {
    get() { try { return localStorage.getItem(KEY_STORAGE); } catch { return null; } },
    set(key) { try { localStorage.setItem(KEY_STORAGE, key); } catch { /* storage off: this page only */ } },
    clear() { try { localStorage.removeItem(KEY_STORAGE); } catch { /* as above */ } },
  };

  async function call(path, key = state.key, options = {}) {
    let response;
    const headers = { Authorization: `Bearer ${key}`, ...(options.body ? { "Content-Type": "application/json" } : {}) };
    try {
      response = await fetch(path, { method: options.method || "GET", headers, body: options.body ? JSON.stringify(options.body) : undefined });
    } catch {
      throw Object.assign(new Error("Cannot reach the server."), { status: 0 });
    }
    if (!response.ok) {
      const data = await response.json().catch(() => null);
      const message = (data && data.error && data.error.message) || `Request failed (${response.status}).`;
      throw Object.assign(new Error(message), { status: response.status });
    }
    return response;
  }

  // ---------- formatting ----------
  const percent = (rate) => (rate == null ? "–" : `${(rate * 100).toFixed(1)} %`);
  function minutes(seconds) {
    if (seconds == null) return "–";
    return seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(1)} h`;
  }
  const isoDay = (date) => date.toISOString().slice(0, 10);

  // ---------- sign-in ----------
  function showLogin(message = "") {
    $("app").hidden = true;
    $("sign-out").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message;
    $("login-error").hidden = !message;
    $("key").focus();
  }

  async function signIn(key) {
    await call("/v1/agents/me", key);
    state.key = key;
    keyStore.set(key);
    $("login").hidden = true;
    $("app").hidden = false;
    $("sign-out").hidden = false;
    load();
  }

  function signOut() {
    state.key = null;
    keyStore.clear();
    showLogin();
  }

  // ---------- the figures ----------
  function range() {
    return new URLSearchParams({ from: $("from").value, to: $("to").value }).toString();
  }

  async function load() {
    $("banner").hidden = true;
    $("state").textContent = "Loading…";
    try {
      const data = await (await call(`/v1/insights?${range()}`)).json();
      $("state").textContent = `${data.from} to ${data.to}, ${data.timezone} days`;
      showTiles(data.total);
      showCharts(data.by_day);
      showReasons(data.total);
      showCsat(data.total.csat);
      showLanguages(data.by_language);
    } catch (err) {
      failed(err);
    }
    loadGaps();
    document.dispatchEvent(new CustomEvent("insights:loaded")); // insights-learned.js lists the learned answers
  }

  function failed(err) {
    $("state").textContent = "";
    if (err.status === 401) return signOut();
    $("banner").textContent = err.message;
    $("banner").hidden = false;
  }

  function showTiles(t) {
    const tiles = [
      [t.conversations, "Conversations"],
      [percent(t.resolution_rate), `Resolved by the assistant (${t.resolved})`],
      [percent(t.handoff_rate), `Handed off (${t.handoffs})`],
      [percent(t.clarification_rate), `Asked back (${t.clarifications} of ${t.assistant_turns} turns)`],
      [t.csat.mean == null ? "–" : t.csat.mean.toFixed(2), `CSAT (${t.csat.count} ratings)`],
      [`${t.thumbs.up} / ${t.thumbs.down}`, "Thumbs up / down"],
      [minutes(t.median_wait_seconds), `Median wait (${t.waits} cases)`],
      [minutes(t.median_handling_seconds), `Median handling (${t.handled} cases)`],
    ];
    $("tiles").replaceChildren(...tiles.map(([value, label]) =>
      h("div", { class: "card tile" }, [h("div", { class: "tile-value" }, String(value)), h("div", { class: "tile-label" }, label)])));
  }

  function showCharts(days) {
    state.charts.forEach((chart) => chart.destroy());
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const pct = (name) => days.map((d) => (d[name] == null ? null : Math.round(d[name] * 1000) / 10));
    const mins = (name) => days.map((d) => (d[name] == null ? null : Math.round(d[name] / 6) / 10));
    const bars = uPlot.paths.bars({ size: [0.6, 40] });
    state.charts = [
      chart("chart-volume", [xs, days.map((d) => d.conversations), days.map((d) => d.resolved), days.map((d) => d.handoffs)], [
        { label: "Conversations", stroke: "#2f5bd3", fill: "rgba(47,91,211,.25)", paths: bars },
        { label: "Resolved by the assistant", stroke: "#17663a", width: 2 },
        { label: "Handed off", stroke: "#b42318", width: 2 },
      ]),
      chart("chart-rates", [xs, pct("resolution_rate"), pct("handoff_rate"), pct("clarification_rate")], [
        { label: "Resolution %", stroke: "#17663a", width: 2, points: { show: true } },
        { label: "Handoff %", stroke: "#b42318", width: 2, points: { show: true } },
        { label: "Clarification %", stroke: "#8a4b00", width: 2, points: { show: true } },
      ]),
      chart("chart-times", [xs, mins("median_wait_seconds"), mins("median_handling_seconds")], [
        { label: "Median wait", stroke: "#2f5bd3", width: 2, points: { show: true } },
        { label: "Median handling", stroke: "#6b3fa0", width: 2, points: { show: true } },
      ]),
    ];
  }

  function chart(id, data, series) {
    const el = $(id);
    const width = Math.max(280, el.clientWidth || 340);
    return new uPlot({ width, height: 200, series: [{}, ...series], scales: { x: { time: true, range: (_, min, max) => [min - HALF_DAY, max + HALF_DAY] } }, spanGaps: false }, data, el);
  }

  function barRows(rows, total) {
    const most = Math.max(1, ...rows.map(([, count]) => count));
    return rows.map(([label, count, note]) => {
      const bar = h("div", { class: "bar" });
      bar.style.width = `${(100 * count) / most}%`;
      return h("tr", {}, [h("td", {}, label), h("td", {}, bar), h("td", { class: "num" }, note ?? String(count))]);
    });
  }

  function showReasons(t) {
    const rows = Object.entries(t.handoffs_by_reason).filter(([, r]) => r.count > 0).sort((a, b) => b[1].count - a[1].count)
      .map(([reason, r]) => [REASONS[reason] || reason, r.count, `${r.count} · ${percent(r.rate)}`]);
    $("reasons").replaceChildren(...(rows.length ? barRows(rows) : [h("tr", {}, h("td", { class: "muted" }, "No handoffs in this range."))]));
  }

  function showCsat(csat) {
    $("csat").replaceChildren(...barRows(["5", "4", "3", "2", "1"].map((s) => [`${s} ★`, csat.distribution[s]])));
  }

  function showLanguages(langs) {
    const head = h("tr", {}, ["Language", "Conversations", "Resolved", "Handoffs", "Clarifications", "CSAT", "Thumbs up / down", "Median wait", "Median handling"]
      .map((label, i) => h("th", { class: i ? "num" : null }, label)));
    const rows = langs.map((g) => h("tr", {}, [
      h("td", {}, g.lang), ...[g.conversations, percent(g.resolution_rate), percent(g.handoff_rate), percent(g.clarification_rate),
        g.csat.mean == null ? "–" : `${g.csat.mean.toFixed(2)} (${g.csat.count})`, `${g.thumbs.up} / ${g.thumbs.down}`,
        minutes(g.median_wait_seconds), minutes(g.median_handling_seconds)].map((v) => h("td", { class: "num" }, String(v))),
    ]));
    $("languages").replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
  }

  // ---------- content gaps ----------
  async function loadGaps() {
    $("gaps-state").textContent = "Grouping the unanswered questions…";
    $("gaps").replaceChildren();
    try {
      const data = await (await call(`/v1/insights/gaps?${range()}`)).json();
      $("gaps-state").textContent = data.gaps.length ? `${data.gaps.length} groups` : "No unanswered questions in this range.";
      showGaps(data.gaps);
    } catch (err) {
      $("gaps-state").textContent = "";
      failed(err);
    }
  }

  function showGaps(gaps) {
    const head = h("tr", {}, ["Asked", "Languages", "Examples", "Nearest KB document", ""].map((label, i) => h("th", { class: i ? null : "num" }, label)));
    const rows = gaps.map((g) => {
      const doc = g.nearest_document;
      return h("tr", { "data-testid": "insights-gap" }, [
        h("td", { class: "num" }, String(g.size)),
        h("td", {}, g.languages.join(", ")),
        h("td", {}, h("ul", { class: "examples" }, g.examples.map((e) =>
          h("li", { lang: e.lang }, [h("span", { class: "badge lang" }, e.lang), " ", e.text, " ",
            e.kind === "thumbs_down" ? h("span", { class: "badge" }, "thumbs-down") : null])))),
        h("td", {}, doc ? [doc.title, h("div", { class: "muted" }, `${doc.source} · similarity ${doc.similarity.toFixed(2)}`)] : "–"),
        h("td", {}, window.TriageLearned ? window.TriageLearned.writeButton(g) : null),
      ]);
    });
    $("gaps").replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
  }

  // The key travels in a header, never in a link: the CSV is fetched and handed over as a file.
  async function downloadCsv() {
    try {
      const response = await call(`/v1/insights/gaps.csv?${range()}`);
      const url = URL.createObjectURL(await response.blob());
      const link = h("a", { href: url, download: `content-gaps-${$("from").value}-${$("to").value}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      failed(err);
    }
  }

  function setDays(days) {
    const today = new Date();
    $("to").value = isoDay(today);
    $("from").value = isoDay(new Date(today.getTime() - (days - 1) * 86_400_000));
  }

  window.TriageInsights = { call: (path, options) => call(path, state.key, options), h };

  function start() {
    const params = new URLSearchParams(location.search);
    setDays(30);
    if (params.get("from")) $("from").value = params.get("from");
    if (params.get("to")) $("to").value = params.get("to");
    $("login-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const key = $("key").value.trim();
      if (!key) return showLogin("Enter your agent API key.");
      try {
        await signIn(key);
        $("key").value = "";
      } catch (err) {
        showLogin(err.status === 401 ? "That key was not accepted. Check it and try again." : err.message);
      }
    });
    $("range").addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    for (const preset of document.querySelectorAll("[data-days]")) {
      preset.addEventListener("click", () => {
        setDays(Number(preset.dataset.days));
        load();
      });
    }
    $("csv").addEventListener("click", downloadCsv);
    $("sign-out").addEventListener("click", signOut);
    const saved = keyStore.get();
    if (saved) signIn(saved).catch(() => showLogin("Your API key is no longer accepted. Sign in again."));
    else showLogin();
  }

  start();
})();
