/* Agent inbox: sign in with an agent API key, work the handoff queue, answer and resolve cases. */
(() => {
  "use strict";

  const KEY_STORAGE = "triage:agent-key";
  const QUEUE_POLL_MS = 5000;
  const QUEUE_REFRESH_MS = 30000; // priorities and waiting times grow while a case waits
  const MAX_REPLY = 4000;
  // What the customer was told by the service itself, labelled for the agent (the text is in the customer's language).
  const NOTICE_LABELS = { agent_joined: "Told the customer: an agent joined", waiting: "Told the customer: back in the queue", resolved: "Told the customer: resolved" };

  const $ = (id) => document.getElementById(id);
  const els = {
    me: $("me"), agentName: $("agent-name"), signOut: $("sign-out"), banner: $("banner"),
    login: $("login"), loginForm: $("login-form"), keyInput: $("agent-key"), loginError: $("login-error"),
    loginButton: $("login-button"),
    app: $("app"), filter: $("status-filter"), count: $("queue-count"), liveState: $("live-state"),
    queue: $("queue"), queueEmpty: $("queue-empty"),
    caseEmpty: $("case-empty"), caseView: $("case-view"), caseTitle: $("case-title"), caseBadges: $("case-badges"),
    claim: $("claim"), outcome: $("outcome"), resolve: $("resolve"),
    caseScroll: $("case-scroll"), brief: $("brief"), summary: $("summary"), contact: $("contact"), facts: $("facts"), transcript: $("transcript"),
    replyHint: $("reply-hint"), languageNote: $("language-note"), translationNote: $("translation-note"), kbPassage: $("kb-passage"),
    replyForm: $("reply-form"), replyText: $("reply-text"), suggestion: $("suggestion"),
    useSuggestion: $("use-suggestion"), replyState: $("reply-state"), send: $("send"), back: $("back"),
  };

  const state = {
    key: null,
    agent: null,
    filter: "open",
    items: [], // queue items, each stamped with receivedAt
    fresh: new Set(), // ids that arrived live and are highlighted once
    selectedId: null,
    detail: null,
    detailSig: "",
    suggestion: "",
    replyEdited: false,
    queueSource: null,
    queueTimer: 0,
    refreshTimer: 0,
    caseLive: null, // the open case's event stream (agent-live.js)
    streamFailures: 0,
    queuePolling: false,
  };

  // ---------- helpers ----------

  function h(tag, attrs = {}, children = []) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value != null && value !== false) el.setAttribute(name, value === true ? "" : String(value));
    }
    el.append(...[].concat(children).filter((child) => child != null));
    return el;
  }

  // Storage can be disabled; the key then lasts for this page only.
  const keyStore = {
    get() {
      try {
        return localStorage.getItem(KEY_STORAGE);
      } catch {
        return null;
      }
    },
    set(key) {
      try {
        localStorage.setItem(KEY_STORAGE, key);
      } catch {
        /* see above */
      }
    },
    clear() {
      try {
        localStorage.removeItem(KEY_STORAGE);
      } catch {
        /* see above */
      }
    },
  };

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  function safeUrl(url, withKey = false) {
    try {
      const parsed = new URL(url, location.origin);
      if (!/^https?:$/.test(parsed.protocol)) return null;
      if (withKey) parsed.searchParams.set("access_token", state.key);
      return parsed.href;
    } catch {
      return null;
    }
  }

  function link(href, text) {
    return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
  }

  function humanize(code) {
    const text = String(code).replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function duration(seconds) {
    const minutes = Math.floor(seconds / 60);
    if (minutes < 1) return "just now";
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${hours} h ${minutes % 60} min`;
    return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  }

  function waitingSeconds(item) {
    const elapsed = item.status === "resolved" ? 0 : (Date.now() - item.receivedAt) / 1000;
    return (item.waiting_seconds || 0) + elapsed;
  }

  function money(value) {
    return new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  }

  function formatPriority(value) {
    return Number(value || 0).toFixed(0);
  }

  function priorityClass(value) {
    if (value >= 40) return "priority high";
    return value >= 20 ? "priority mid" : "priority";
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    const text = date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
    return h("time", { datetime: date.toISOString() }, text);
  }

  function badge(text, className = "") {
    return h("span", { class: `badge ${className}`.trim() }, text);
  }

  function reasonBadges(reasons) {
    return (reasons || []).map((reason) => badge(humanize(reason), `reason ${reason}`));
  }

  function statusBadge(status, agentName) {
    const text = status === "claimed" && agentName ? `Claimed by ${agentName}` : humanize(status);
    return badge(text, `status-${status}`);
  }

  // ---------- HTTP ----------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, { method = "GET", body, key = state.key } = {}) {
    const headers = { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, "Cannot reach the server. Check the connection; the inbox keeps retrying.");
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const message = (data && data.error && data.error.message) || `Request failed (${response.status}).`;
      // A key that worked before and no longer does (rotated or removed): back to the sign-in form.
      if (response.status === 401 && state.key && key === state.key) signOut("Your API key is no longer accepted. Sign in again.");
      throw new ApiError(response.status, message);
    }
    return data;
  }

  function showBanner(message) {
    els.banner.textContent = message;
    els.banner.hidden = false;
  }

  function clearBanner() {
    els.banner.hidden = true;
    els.banner.textContent = "";
  }

  function reportError(err) {
    if (err.status !== 401) showBanner(err.message);
  }

  // ---------- sign-in ----------

  async function signIn(key) {
    const me = await api("/v1/agents/me", { key });
    state.key = key;
    state.agent = me.name;
    keyStore.set(key);
    showApp();
  }

  async function onLoginSubmit(event) {
    event.preventDefault();
    const key = els.keyInput.value.trim();
    if (!key) return showLoginError("Enter your agent API key.");
    els.loginButton.disabled = true;
    try {
      await signIn(key);
    } catch (err) {
      showLoginError(err.status === 401 ? "That key was not accepted. Check it and try again." : err.message);
    } finally {
      els.loginButton.disabled = false;
    }
  }

  function showLoginError(message) {
    els.loginError.textContent = message;
    els.loginError.hidden = !message;
    els.keyInput.setAttribute("aria-invalid", String(Boolean(message)));
    if (message) els.keyInput.focus();
  }

  function showLogin(message = "") {
    els.app.hidden = true;
    els.me.hidden = true;
    els.login.hidden = false;
    showLoginError(message);
    els.keyInput.focus();
  }

  function showApp() {
    els.login.hidden = true;
    els.app.hidden = false;
    els.me.hidden = false;
    els.keyInput.value = "";
    showLoginError("");
    els.agentName.textContent = state.agent;
    loadQueue();
    startQueueStream();
    state.refreshTimer = setInterval(loadQueue, QUEUE_REFRESH_MS);
    const fromHash = decodeURIComponent(location.hash.slice(1));
    if (fromHash) selectCase(fromHash);
  }

  function signOut(message = "") {
    stopQueueLive();
    clearInterval(state.refreshTimer);
    closeCase();
    Object.assign(state, { key: null, agent: null, items: [], queuePolling: false, streamFailures: 0 });
    keyStore.clear();
    els.queue.replaceChildren();
    clearBanner();
    showLogin(message);
  }

  // ---------- queue ----------

  async function loadQueue() {
    const filter = state.filter;
    try {
      const data = await api(`/v1/handoffs?status=${encodeURIComponent(filter)}`);
      if (filter !== state.filter || !state.key) return;
      state.items = (data.items || []).map(stamp);
      sortItems();
      clearBanner();
      renderQueue();
    } catch (err) {
      reportError(err);
    }
  }

  function stamp(item) {
    return { ...item, receivedAt: Date.now() };
  }

  /** Cases in the agent's languages first (as the server orders them), then by priority. */
  function sortItems() {
    const other = (item) => (item.agent_reads === false ? 1 : 0);
    state.items.sort((a, b) => other(a) - other(b) || b.priority - a.priority || b.waiting_seconds - a.waiting_seconds);
  }

  /** Applies one live `handoff` event: add, update, or drop the case if it left the current filter. */
  function upsert(item) {
    const index = state.items.findIndex((existing) => existing.id === item.id);
    if (index >= 0) state.items.splice(index, 1);
    if (state.filter === "all" || item.status === state.filter) {
      state.items.push(stamp(item));
      if (index < 0) state.fresh.add(item.id);
      if (index < 0 && item.status === "open") window.TriageLive.newCase(item);
    }
    sortItems();
    renderQueue();
  }

  function renderQueue() {
    const focused = document.activeElement;
    const focusedId = focused && focused.classList.contains("row") ? focused.dataset.id : null;
    els.queue.replaceChildren(...state.items.map((item) => h("li", {}, renderRow(item))));
    state.fresh.clear();
    els.count.textContent = String(state.items.length);
    els.queueEmpty.hidden = state.items.length > 0;
    const open = state.items.filter((item) => item.status === "open").length;
    document.title = open ? `(${open}) Triage inbox` : "Triage inbox";
    document.dispatchEvent(new CustomEvent("triage:queue", { detail: state.items })); // agent-desk.js tags the rows
    if (focusedId) {
      const row = rowFor(focusedId);
      if (row) row.focus();
    }
  }

  // Where a waiting case stands against the store's SLA (TRIAGE_SLA_MINUTES); null once claimed.
  const SLA_TEXT = { ok: "On time", due_soon: "Due soon", overdue: "Overdue" };

  function renderRow(item) {
    const name = item.customer_name || item.customer_ref || "Anonymous customer";
    const wait = duration(waitingSeconds(item));
    const reasons = (item.reasons || []).map(humanize).join(", ");
    const foreign = item.agent_reads === false;
    const language = foreign ? `, ${item.lang || "another language"}: not one of your languages` : "";
    const request = item.request_line || String(item.summary || "").split("\n")[0];
    const sla = item.sla ? `, ${SLA_TEXT[item.sla] || item.sla}` : "";
    const label = `${name}, priority ${formatPriority(item.priority)}, ${reasons || "no reason"}, waiting ${wait}${sla}${language}: ${request}`;
    const row = h("button", {
      type: "button",
      class: ["row", state.fresh.has(item.id) ? "fresh" : "", foreign ? "foreign" : ""].filter(Boolean).join(" "),
      "data-agent-reads": foreign ? "false" : "true",
      "data-testid": "agent-case",
      "data-id": item.id,
      "aria-current": item.id === state.selectedId ? "true" : null,
      "aria-label": label,
    });
    const meta = [...reasonBadges(item.reasons)];
    if (item.sla) meta.unshift(badge(SLA_TEXT[item.sla] || item.sla, `sla sla-${item.sla}`));
    if (item.tier) meta.push(badge(`${item.tier} tier`, "tier"));
    if (item.lang) meta.push(badge(item.lang, "lang"));
    if (foreign) meta.push(badge("Not your language", "foreign"));
    if (item.order_value != null) meta.push(badge(`Order ${money(item.order_value)}`));
    if (state.filter === "all" || item.status !== "open") meta.push(statusBadge(item.status, item.agent_name));
    row.append(
      h("span", { class: "row-top" }, [
        h("span", { class: priorityClass(item.priority), title: "Priority" }, formatPriority(item.priority)),
        h("span", { class: "row-name" }, name),
        h("span", { class: "row-wait", title: "Waiting" }, wait),
      ]),
      h("span", { class: "row-meta" }, meta),
      h("span", { class: "row-summary", "data-testid": "agent-row-request", title: request }, request),
    );
    row.addEventListener("click", () => selectCase(item.id));
    return row;
  }

  function rowFor(id) {
    return [...els.queue.querySelectorAll(".row")].find((row) => row.dataset.id === id) || null;
  }

  function markSelected() {
    for (const row of els.queue.querySelectorAll(".row")) {
      if (row.dataset.id === state.selectedId) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    }
  }

  function onQueueKeydown(event) {
    const rows = [...els.queue.querySelectorAll(".row")];
    const index = rows.indexOf(document.activeElement);
    const targets = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    if (!(event.key in targets) || !rows.length) return;
    event.preventDefault();
    const next = rows[Math.max(0, Math.min(rows.length - 1, targets[event.key]))];
    next.focus();
  }

  // ---------- live queue ----------

  function startQueueStream() {
    stopQueueLive();
    if (!state.key) return;
    if (!("EventSource" in window) || state.queuePolling) return pollQueue();
    const source = new EventSource(`/v1/handoffs/events?access_token=${encodeURIComponent(state.key)}`);
    let opened = false;
    source.onopen = () => {
      opened = true;
      state.streamFailures = 0;
      setLiveState("Live", true);
      loadQueue(); // the stream only carries changes from now on: catch up with anything missed meanwhile
    };
    source.addEventListener("handoff", (event) => {
      const item = parseJson(event.data);
      if (!item || !item.id) return;
      upsert(item);
      if (item.id === state.selectedId) loadCase();
    });
    source.addEventListener("message", (event) => {
      const message = parseJson(event.data);
      if (!message || !message.handoff_id || message.handoff_id === state.selectedId) return; // the open case shows it itself
      if (message.agent_name && message.agent_name !== state.agent) return; // a colleague's case
      state.fresh.add(message.handoff_id);
      renderQueue();
      window.TriageLive.customerWrote(message);
    });
    source.onerror = () => {
      source.close();
      state.streamFailures += 1;
      if (!opened && state.streamFailures >= 2) {
        state.queuePolling = true;
        pollQueue();
      } else {
        setLiveState("Reconnecting…", false);
        state.queueTimer = setTimeout(startQueueStream, Math.min(30000, 1000 * 2 ** state.streamFailures));
      }
    };
    state.queueSource = source;
  }

  function pollQueue() {
    setLiveState(`Refreshing every ${QUEUE_POLL_MS / 1000} s`, true);
    loadQueue();
    state.queueTimer = setTimeout(pollQueue, QUEUE_POLL_MS);
  }

  function stopQueueLive() {
    if (state.queueSource) state.queueSource.close();
    state.queueSource = null;
    clearTimeout(state.queueTimer);
  }

  function setLiveState(text, on) {
    els.liveState.textContent = text;
    els.liveState.classList.toggle("on", on);
  }

  // ---------- case ----------

  function selectCase(id) {
    if (id !== state.selectedId) {
      Object.assign(state, { detail: null, detailSig: "", suggestion: "", replyEdited: false });
      els.replyText.value = "";
      setReplyState("");
      els.caseScroll.scrollTop = 0;
    }
    state.selectedId = id;
    history.replaceState(null, "", `#${encodeURIComponent(id)}`);
    markSelected();
    els.caseEmpty.hidden = true;
    els.caseView.hidden = false;
    // Narrow screens show the queue or the case, not both (agent.css).
    document.body.classList.add("case-open");
    if (!state.caseLive || state.caseLive.id !== id) {
      if (state.caseLive) state.caseLive.close();
      state.caseLive = Object.assign(window.TriageLive.watchCase(id, state.key, loadCase), { id });
    }
    loadCase();
  }

  function closeCase() {
    if (state.caseLive) state.caseLive.close();
    state.caseLive = null;
    document.body.classList.remove("case-open");
    Object.assign(state, { selectedId: null, detail: null, detailSig: "" });
    els.caseView.hidden = true;
    els.caseEmpty.hidden = false;
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    markSelected();
  }

  async function loadCase() {
    const id = state.selectedId;
    if (!id) return;
    try {
      const detail = await api(`/v1/handoffs/${encodeURIComponent(id)}`);
      if (id !== state.selectedId) return;
      const sig = JSON.stringify(detail);
      if (sig !== state.detailSig) {
        const first = !state.detail;
        Object.assign(state, { detail, detailSig: sig });
        renderCase(detail, first);
      }
      updateActions(detail);
    } catch (err) {
      if (err.status === 404 && id === state.selectedId) {
        closeCase();
        showBanner("That case does not exist any more.");
      } else {
        reportError(err);
      }
    }
  }

  function renderCase(detail, first) {
    const info = detail.case || {};
    const context = info.context || {};
    const item = state.items.find((candidate) => candidate.id === detail.id);
    els.caseTitle.textContent = context.customer_name || (item && item.customer_name) || "Anonymous customer";
    const badges = [statusBadge(detail.status, detail.agent_name), ...reasonBadges(detail.reasons)];
    badges.unshift(h("span", { class: priorityClass(detail.priority), title: "Priority" }, formatPriority(detail.priority)));
    if (info.lang) badges.push(badge(info.lang, "lang"));
    els.caseBadges.replaceChildren(...badges);
    renderBrief(info);
    els.summary.textContent = info.summary || "No summary for this case.";
    // Left by the customer out of business hours: they may have closed the chat since.
    els.contact.hidden = !detail.contact_email;
    els.contact.textContent = detail.contact_email ? `Reply by email if they have left: ${detail.contact_email}` : "";
    renderFacts(info);
    renderLanguageNote(detail.translation, detail.kb_passage);
    renderTranscript(detail.transcript || [], first);
    renderSuggestion(detail.suggested_reply);
    document.dispatchEvent(new CustomEvent("triage:case", { detail })); // agent-desk.js adds its tools
  }

  const THUMBS = { up: ["👍", "Helpful"], down: ["👎", "Not helpful"] };

  /** The case at a glance: who, what they want, why a person, the order, and what they were told (with their thumbs). */
  function renderBrief(info) {
    const lines = [];
    const line = (label, ...value) => h("div", { class: "brief-line" }, [h("span", { class: "brief-label" }, label), h("span", {}, value)]);
    if (info.who) lines.push(h("p", { class: "brief-who", "data-testid": "agent-brief-who" }, info.who.text));
    if (info.request_line) {
      const generated = info.request_source === "generated" ? badge("Generated", "generated") : null;
      lines.push(line("Wants", h("span", { "data-testid": "agent-brief-request" }, info.request_line), " ", generated));
    }
    if (info.why && info.why.length) lines.push(line("Why a person", info.why.map((why) => why.text).join("; ")));
    const context = info.context || {};
    const order = [context.order_id, context.order_value != null ? `${context.currency || ""} ${money(context.order_value)}`.trim() : null];
    if (order.some(Boolean)) lines.push(line("Order", order.filter(Boolean).join(" · ")));
    const told = (info.answered || []).map((answer) => {
      const [mark, word] = THUMBS[answer.rating] || ["·", "No rating"];
      const sources = (answer.sources || []).map((source) => source.source).join(", ");
      return h("li", { class: `told ${answer.rating || "unrated"}`, "data-rating": answer.rating || "none" }, [
        h("span", { class: "told-mark", title: word, "aria-label": word }, mark), ` ${answer.answer}`,
        sources ? h("span", { class: "muted" }, ` (${sources})`) : null,
      ]);
    });
    if (told.length) lines.push(line("Told", h("ul", { class: "told-list" }, told)));
    els.brief.replaceChildren(...lines);
    els.brief.hidden = !lines.length;
  }

  function renderFacts(info) {
    const context = { ...(info.context || {}) };
    if (typeof context.order_value === "number") context.order_value = money(context.order_value);
    const facts = [["Intent", info.intent], ["Sentiment", info.sentiment]];
    for (const [key, value] of [...Object.entries(context), ...Object.entries(info.entities || {})]) facts.push([humanize(key), value]);
    const rows = facts.filter(([, value]) => !isEmpty(value)).flatMap(([key, value]) => [h("dt", {}, key), h("dd", {}, describe(value))]);
    els.facts.replaceChildren(...rows);
  }

  /** Says plainly when no translation exists, and shows the knowledge base's answer in the agent's language. */
  function renderLanguageNote(translation, passage) {
    const missing = Boolean(translation && translation.needed && !translation.available);
    els.translationNote.textContent = missing ? translation.notice || `No translation available: ${translation.from}` : "";
    els.kbPassage.hidden = !passage;
    if (passage) {
      const where = [passage.title, passage.headings].filter(Boolean).join(" › ");
      const href = passage.url ? safeUrl(passage.url) : null;
      els.kbPassage.replaceChildren(
        h("span", { class: "translation-label" }, `From the knowledge base (${passage.lang})`),
        h("p", { class: "kb-source" }, href ? link(href, where || passage.source) : h("span", { title: passage.source }, where || passage.source)),
        h("p", { class: "message-text", lang: passage.lang, dir: "auto" }, passage.text),
      );
    } else {
      els.kbPassage.replaceChildren();
    }
    els.languageNote.hidden = !missing && !passage;
    // Promise a translation of the agent's reply only when a translator covers the pair.
    let hint = "Write in your language; the customer receives a translation.";
    if (translation && !translation.needed) hint = `Write in the customer's language (${translation.from}).`;
    else if (missing) hint = "No translation available: the customer receives your reply exactly as you write it.";
    els.replyHint.textContent = `${hint} Ctrl+Enter sends.`;
  }

  function isEmpty(value) {
    if (value == null || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    return typeof value === "object" && Object.keys(value).length === 0;
  }

  function describe(value) {
    if (Array.isArray(value)) return value.map(describe).join(", ");
    if (value && typeof value === "object") {
      if ("currency" in value && "value" in value) return `${value.currency || ""} ${money(value.value)}`.trim();
      return Object.entries(value)
        .filter(([, inner]) => !isEmpty(inner))
        .map(([key, inner]) => `${key}: ${describe(inner)}`)
        .join("; ");
    }
    return typeof value === "number" && !Number.isInteger(value) ? money(value) : String(value);
  }

  function renderTranscript(messages, first) {
    const scroller = els.caseScroll;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60;
    els.transcript.replaceChildren(...messages.map(renderMessage));
    // A newly opened case shows its summary first; later updates follow the conversation if the agent is at the end.
    if (!first && atBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  function renderMessage(message) {
    if (message.notice) return renderNotice(message);
    const role = message.role;
    const who = role === "customer" ? "Customer" : role === "agent" ? message.agent_name || "Agent" : "Assistant";
    const item = h("li", { class: `message ${role}`, "data-testid": "agent-message", "data-role": role, "data-id": message.id });
    item.append(
      h("div", { class: "message-head" }, [
        h("strong", {}, who),
        formatTime(message.created_at),
        message.lang ? badge(message.lang, "lang") : null,
      ]),
    );
    if (role === "agent" && message.original_text && message.original_text !== message.text) {
      item.append(messageText(message.original_text), translation(`Customer sees (${message.lang || "their language"})`, message.text, message.lang));
    } else if (message.text) {
      item.append(messageText(message.text, message.lang));
    }
    if (role === "customer" && message.translated_text && message.translated_text !== message.text) {
      item.append(translation("Translation", message.translated_text));
    }
    if (message.attachment) item.append(attachment(message.attachment));
    if (message.sources && message.sources.length) {
      item.append(h("p", { class: "message-sources" }, ["Sources: ", ...sourceLinks(message.sources)]));
    }
    if (message.handoff && message.handoff.reasons) {
      item.append(h("p", { class: "message-sources" }, `Handed off: ${message.handoff.reasons.map(humanize).join(", ")}`));
    }
    return item;
  }

  /** The service's own line to the customer (an agent joined, the case waits, it is resolved): not an answer of the assistant's. */
  function renderNotice(message) {
    const attrs = { class: "message system", "data-testid": "agent-message", "data-role": "system", "data-notice": message.notice, "data-id": message.id };
    return h("li", attrs, [
      h("div", { class: "message-head" }, [h("strong", {}, NOTICE_LABELS[message.notice] || "Notice"), formatTime(message.created_at)]),
      messageText(message.text, message.lang),
    ]);
  }

  function messageText(text, lang) {
    return h("p", { class: "message-text", lang: lang || null, dir: "auto" }, text);
  }

  function translation(label, text, lang) {
    return h("div", { class: "translation", lang: lang || null, dir: "auto" }, [h("span", { class: "translation-label" }, label), text]);
  }

  function attachment(file) {
    if (window.TriageDesk) return window.TriageDesk.attachment(file, state.selectedId); // previews, agent-key fetch
    const href = safeUrl(file.url, true);
    const name = file.name || "attachment";
    const size = file.size ? ` (${Math.max(1, Math.round(file.size / 1024))} KB)` : "";
    return h("p", { class: "message-sources" }, ["Attachment: ", href ? link(href, name) : name, size]);
  }

  function sourceLinks(sources) {
    const parts = [];
    for (const source of sources) {
      const title = source.title || source.source || "source";
      const href = source.url ? safeUrl(source.url) : null;
      if (parts.length) parts.push(", ");
      parts.push(href ? link(href, title) : h("span", { title: source.source || null }, title));
    }
    return parts;
  }

  function renderSuggestion(suggested) {
    const text = (suggested && suggested.text) || "";
    if (text !== state.suggestion) {
      // Prefill only while the agent has not started writing a reply of their own.
      if (!state.replyEdited) els.replyText.value = text;
      state.suggestion = text;
    }
    els.useSuggestion.hidden = !text;
    const sources = (suggested && suggested.sources) || [];
    els.suggestion.hidden = !text;
    const lang = suggested && suggested.lang ? ` (${suggested.lang})` : "";
    els.suggestion.replaceChildren(`Suggested reply${lang}${sources.length ? " from: " : "."}`, ...sourceLinks(sources));
  }

  function updateActions(detail) {
    const mine = detail.agent_name === state.agent;
    const claimedByOther = detail.status === "claimed" && !mine;
    // One button: claim an open case, release your own, or take over someone else's (the server answers 409 otherwise).
    els.claim.disabled = detail.status === "resolved";
    els.claim.textContent = detail.status !== "claimed" ? "Claim" : mine ? "Release" : `Take over from ${detail.agent_name}`;
    els.claim.setAttribute("aria-label", els.claim.textContent);
    els.resolve.disabled = detail.status === "resolved" || claimedByOther;
    els.outcome.disabled = detail.status === "resolved" || claimedByOther;
    els.send.disabled = detail.status === "resolved" || claimedByOther;
  }

  function setReplyState(text, isError = false) {
    els.replyState.textContent = text;
    els.replyState.classList.toggle("error", isError);
  }

  function casePath(action) {
    return `/v1/handoffs/${encodeURIComponent(state.selectedId)}/${action}`;
  }

  /** Runs one case action with its button disabled, then refreshes the case and the queue. */
  async function act(button, call, done) {
    button.disabled = true;
    try {
      const result = await call();
      setReplyState(typeof done === "function" ? done(result) : done);
      await Promise.all([loadCase(), loadQueue()]);
      return true;
    } catch (err) {
      setReplyState(err.message, true);
      return false;
    } finally {
      if (state.detail) updateActions(state.detail);
    }
  }

  function claim() {
    const detail = state.detail || {};
    if (detail.status === "claimed" && detail.agent_name === state.agent) {
      return act(els.claim, () => api(casePath("release"), { method: "POST" }), "Released: the case is back in the queue.");
    }
    const takeOver = detail.status === "claimed";
    const body = takeOver ? { take_over: true } : undefined;
    act(els.claim, () => api(casePath("claim"), { method: "POST", body }), takeOver ? "You have taken over this case." : "You have claimed this case.");
  }

  async function resolve() {
    const outcome = els.outcome.value;
    const id = state.selectedId;
    if (await act(els.resolve, () => api(casePath("resolve"), { method: "POST", body: { outcome } }), `Resolved (${outcome}).`)) {
      document.dispatchEvent(new CustomEvent("triage:resolved", { detail: { id } })); // agent-learn.js asks what answered it
    }
  }

  async function sendReply(event) {
    event.preventDefault();
    const text = els.replyText.value.trim();
    if (!text) {
      setReplyState("Write a reply first.", true);
      return els.replyText.focus();
    }
    if (text.length > MAX_REPLY) return setReplyState(`Replies can be at most ${MAX_REPLY} characters (now ${text.length}).`, true);
    const sent = await act(els.send, () => api(casePath("reply"), { method: "POST", body: { text } }), (result) =>
      result.text && result.text !== result.original_text ? `Sent. The customer sees: “${result.text}”` : "Sent.",
    );
    if (sent && els.replyText.value.trim() === text) {
      els.replyText.value = "";
      state.replyEdited = false;
    }
  }

  function useSuggestion() {
    els.replyText.value = state.suggestion;
    state.replyEdited = false;
    els.replyText.focus();
  }

  // ---------- start ----------

  function wire() {
    els.loginForm.addEventListener("submit", onLoginSubmit);
    els.signOut.addEventListener("click", () => signOut());
    els.filter.addEventListener("change", () => {
      state.filter = els.filter.value;
      state.items = [];
      renderQueue();
      loadQueue();
    });
    els.queue.addEventListener("keydown", onQueueKeydown);
    els.claim.addEventListener("click", claim);
    els.resolve.addEventListener("click", resolve);
    els.replyForm.addEventListener("submit", sendReply);
    els.useSuggestion.addEventListener("click", useSuggestion);
    els.back.addEventListener("click", closeCase);
    els.replyText.addEventListener("input", () => {
      state.replyEdited = els.replyText.value !== state.suggestion;
    });
    els.replyText.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        els.replyForm.requestSubmit();
      }
    });
  }

  // What agent-desk.js (notes, tags, reassignment, search, canned replies, previews) builds on.
  window.TriageInbox = {
    api, h, humanize, formatTime, badge, parseJson, replyText: els.replyText, caseScroll: els.caseScroll, transcript: els.transcript,
    key: () => state.key, agent: () => state.agent, detail: () => state.detail, selected: () => state.selectedId, select: selectCase,
    refresh: () => Promise.all([loadCase(), loadQueue()]),
  };

  async function start() {
    wire();
    const saved = keyStore.get();
    if (!saved) return showLogin();
    try {
      await signIn(saved);
    } catch (err) {
      if (err.status === 401) {
        keyStore.clear();
        return showLogin("Your saved key is no longer accepted. Sign in again.");
      }
      els.keyInput.value = saved; // the server is unreachable, not the key wrong: one click retries
      showLogin(err.message);
    }
  }

  start();
})();
