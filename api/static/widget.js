/*
 * Triage chat widget. Embed with one tag:
 *   <script src="https://host/widget.js" data-brand="Northpeak" data-color="#0b6e4f" data-locale="es" async></script>
 * Optional: data-context (JSON of signed store context) and data-signature.
 * data-locale (else the browser's language) is a hint, used for messages too short to tell;
 * data-pin-locale="de" makes every reply German whatever the customer writes.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!SCRIPT || document.getElementById("triage-widget")) return;

  const ORIGIN = new URL(SCRIPT.src || location.href, location.href).origin;
  const CONV_KEY = "triage:conversation";
  const OPEN_KEY = "triage:open";
  const DRAFT_KEY = "triage:draft";
  const CSAT_KEY = "triage:csat"; // the id of the last "resolved" notice the customer was asked to rate
  const AUTH_ERRORS = [401, 403, 404];
  const POLL_MS = 3000;
  const CONFIG_RETRY_MS = 10000;
  const DEFAULT_COLOR = "#0b6e4f";

  // Labels, chips, text direction and limits all come from /v1/widget/config, in the customer's
  // language. These few messages are kept for when that request fails: they are the ones shown
  // when the server cannot be reached or refuses requests for a while, which is when it happens.
  const FALLBACK_STRINGS = {
    unreachable: "We can't reach the chat right now. Please try again in a moment.",
    offline: "Connection lost. Retrying…",
    wait: "Please wait {seconds} s before sending another message.",
  };

  const EMOJI = [
    ["😀", "grinning face"], ["😂", "tears of joy"], ["😊", "smiling face"], ["😍", "heart eyes"],
    ["🤔", "thinking face"], ["😅", "sweat smile"], ["😢", "crying face"], ["😡", "angry face"],
    ["👍", "thumbs up"], ["👎", "thumbs down"], ["👏", "clapping hands"], ["🙏", "folded hands"],
    ["🙌", "raising hands"], ["👋", "waving hand"], ["❤️", "red heart"], ["🎉", "party popper"],
    ["✅", "check mark"], ["❌", "cross mark"], ["🔥", "fire"], ["⭐", "star"],
    ["📦", "package"], ["🚚", "delivery truck"], ["💳", "credit card"], ["🎁", "gift"],
  ];

  // Material Design icon paths (24×24).
  const ICONS = {
    chat: "M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
    minimize: "M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z",
    send: "M2.01 21 23 12 2.01 3 2 10l15 2-15 2z",
    attach: "M16.5 6v11.5c0 2.21-1.79 4-4 4s-4-1.79-4-4V5a2.5 2.5 0 0 1 5 0v10.5c0 .55-.45 1-1 1s-1-.45-1-1V6H10v9.5a2.5 2.5 0 0 0 5 0V5c0-2.21-1.79-4-4-4S7 2.79 7 5v12.5c0 3.04 2.46 5.5 5.5 5.5s5.5-2.46 5.5-5.5V6h-1.5z",
    emoji: "M11.99 2C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2zM12 20c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8zm3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm-7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm3.5 6.5c2.33 0 4.31-1.46 5.11-3.5H6.89c.8 2.04 2.78 3.5 5.11 3.5z",
    thumb: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    file: "M14 2H6c-1.1 0-2 .9-2 2v16c0 1.1.89 2 1.99 2H18c1.1 0 2-.9 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z",
    star: "M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z",
  };

  const STYLE = `
    *, *::before, *::after { box-sizing: border-box; }
    [hidden] { display: none !important; }
    .wrap {
      --brand: ${DEFAULT_COLOR}; --on-brand: #fff; --ink: #1f2328; --muted: #5c6670; --line: #e1e5e9; --soft: #f5f7f9;
      --agent: #9a5b00; --agent-bg: #fff7e8; --agent-line: #f1dcb2;
      display: flex; flex-direction: column; align-items: flex-end; gap: 14px; color: var(--ink); text-align: start;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif,
        "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
    }
    button { font: inherit; color: inherit; cursor: pointer; }
    :focus { outline: none; }
    :focus-visible { outline: 2px solid #fff; outline-offset: 0; box-shadow: 0 0 0 4px var(--ink); }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .launcher { position: relative; width: 58px; height: 58px; border: 0; border-radius: 50%; display: grid; place-items: center;
      background: var(--brand); color: var(--on-brand); box-shadow: 0 6px 20px rgba(0, 0, 0, .25); transition: transform .15s; }
    .launcher:hover { transform: scale(1.06); } .launcher svg { width: 28px; height: 28px; }
    .badge { position: absolute; top: -3px; inset-inline-end: -3px; min-width: 21px; height: 21px; padding: 0 5px; display: grid;
      place-items: center; border: 2px solid #fff; border-radius: 11px; background: #d93025; color: #fff; font-size: 11px; font-weight: 700; }
    .panel { width: 372px; height: min(640px, calc(100vh - 110px)); display: flex; flex-direction: column; overflow: hidden;
      background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgba(0, 0, 0, .22); animation: pop .18s ease-out; }
    @keyframes pop { from { opacity: 0; transform: translateY(12px) scale(.98); } }
    .head { display: flex; align-items: center; gap: 10px; padding: 14px 12px 14px 16px; background: var(--brand); color: var(--on-brand); }
    .head-text { flex: 1; min-width: 0; }
    .title { margin: 0; font-size: 16px; font-weight: 650; display: flex; align-items: center; gap: 8px; }
    .status { margin: 2px 0 0; font-size: 12.5px; opacity: .92; } .status:empty { display: none; }
    .head .tag, .head .avatar { background: rgba(255, 255, 255, .22); color: inherit; }
    .head .avatar { width: 34px; height: 34px; font-size: 15px; } .head .icon-btn { color: inherit; }
    .head .icon-btn:hover { background: rgba(255, 255, 255, .16); }
    .scroller { flex: 1; overflow-y: auto; padding: 16px 14px; background: var(--soft); overscroll-behavior: contain; }
    .log { display: flex; flex-direction: column; gap: 12px; margin-top: 12px; } .log:empty { margin: 0; }
    .msg { max-width: 86%; display: flex; flex-direction: column; align-items: flex-start; align-self: flex-start; }
    .msg--customer { align-self: flex-end; align-items: flex-end; }
    .author { display: flex; align-items: center; gap: 6px; margin: 0 0 4px; font-size: 12px; color: var(--muted); }
    .author .name { font-weight: 600; color: var(--ink); }
    .avatar { width: 22px; height: 22px; flex: none; border-radius: 50%; display: inline-grid; place-items: center;
      background: var(--brand); color: var(--on-brand); font-size: 11px; font-weight: 700; }
    .tag { padding: 1px 7px; border-radius: 999px; background: #e6eaee; font-size: 10.5px; letter-spacing: .03em; text-transform: uppercase; }
    .bubble { padding: 9px 12px; border: 1px solid var(--line); border-radius: 14px; border-end-start-radius: 4px; background: #fff; overflow-wrap: anywhere; }
    .msg--customer .bubble { border-color: transparent; border-radius: 14px; border-end-end-radius: 4px; background: var(--brand); color: var(--on-brand); }
    .msg--agent .bubble { background: var(--agent-bg); border-color: var(--agent-line); }
    .msg--agent .avatar { background: var(--agent); color: #fff; } .msg--agent .tag { background: var(--agent-line); color: var(--agent); }
    .pending { opacity: .65; }
    .text { margin: 0; white-space: pre-wrap; }
    .bubble a { color: inherit; text-decoration: underline; }
    .thumb { display: block; max-width: 220px; max-height: 200px; border-radius: 8px; }
    .text + a { display: inline-block; margin-top: 8px; }
    .file { display: inline-flex; align-items: center; gap: 6px; } .file svg { width: 18px; height: 18px; flex: none; }
    .meta { margin-top: 4px; font-size: 11.5px; color: var(--muted); }
    .sources { margin-top: 6px; font-size: 12.5px; } .sources ul { margin: 2px 0 0; padding-inline-start: 18px; }
    .sources a { color: var(--brand); }
    .rating { display: flex; align-items: center; gap: 2px; margin-top: 4px; font-size: 12px; color: var(--muted); }
    .rating span { margin-inline-end: 4px; }
    .rate { width: 28px; height: 28px; display: grid; place-items: center; border: 1px solid transparent; border-radius: 6px; background: none; color: var(--muted); }
    .rate svg { width: 16px; height: 16px; } .rate:hover { background: #e9edf0; }
    .rate[aria-pressed="true"] { color: var(--brand); background: #fff; border-color: var(--brand); }
    .rate.down svg { transform: rotate(180deg); }
    .link-button { margin-top: 4px; padding: 0; border: 0; background: none; color: var(--agent); text-decoration: underline; font-size: 12px; }
    .original { margin: 4px 0 0; padding: 6px 10px; border-inline-start: 3px solid var(--agent-line); color: var(--muted); white-space: pre-wrap; }
    .chips { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 6px; margin-top: 12px; }
    .chip { padding: 6px 12px; border: 1px solid var(--brand); border-radius: 999px; background: #fff; color: var(--brand); font-size: 13px; }
    .chip:hover { background: var(--brand); color: var(--on-brand); }
    .contact { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; } .contact-email { flex: 1 1 160px; padding: 6px 10px; border: 1px solid #c9ced6; border-radius: 999px; font: inherit; }
    .contact-note { flex-basis: 100%; margin: 2px 0 0; font-size: 12.5px; color: #57606a; }
    .typing:not(:empty) { display: inline-flex; gap: 4px; margin-top: 12px; padding: 12px 14px; border: 1px solid var(--line);
      border-radius: 14px; border-end-start-radius: 4px; background: #fff; }
    .dot { width: 7px; height: 7px; border-radius: 50%; background: #8b959e; animation: blink 1.2s infinite ease-in-out; }
    .dot:nth-child(2) { animation-delay: .15s; } .dot:nth-child(3) { animation-delay: .3s; }
    @keyframes blink { 0%, 80%, 100% { opacity: .3; transform: none; } 40% { opacity: 1; transform: translateY(-3px); } }
    .error { margin: 0; padding: 8px 14px; border-top: 1px solid #f5c6c0; background: #fdecea; color: #8a1c12; font-size: 13px; }
    .composer { position: relative; display: flex; align-items: flex-end; gap: 2px; padding: 8px; border-top: 1px solid var(--line); background: #fff; }
    .input { flex: 1; min-height: 38px; max-height: 120px; padding: 8px 10px; resize: none; border: 1px solid var(--line);
      border-radius: 10px; font: inherit; color: inherit; background: #fff; }
    .input:focus { border-color: var(--brand); }
    .icon-btn { flex: none; width: 38px; height: 38px; display: grid; place-items: center; border: 0; border-radius: 10px; background: none; color: var(--muted); }
    .icon-btn:hover { background: var(--soft); } .icon-btn svg { width: 21px; height: 21px; }
    .send, .send:hover { margin-inline-start: 4px; background: var(--brand); color: var(--on-brand); }
    .send[aria-disabled="true"] { opacity: .5; cursor: not-allowed; }
    [dir="rtl"] .send svg { transform: scaleX(-1); }
    .emoji-panel { position: absolute; bottom: calc(100% + 6px); inset-inline-start: 8px; display: grid; gap: 2px; padding: 6px;
      grid-template-columns: repeat(6, 38px); background: #fff; border: 1px solid var(--line); border-radius: 12px;
      box-shadow: 0 8px 24px rgba(0, 0, 0, .16); }
    .emoji { width: 38px; height: 38px; border: 0; border-radius: 8px; background: none; font-size: 21px; line-height: 1; }
    .emoji:hover { background: var(--soft); }
    .msg--system { max-width: 100%; align-self: center; align-items: center; }
    .notice { margin: 0; padding: 4px 12px; border-radius: 999px; background: #e9edf1; color: var(--muted);
      font-size: 12.5px; text-align: center; white-space: pre-wrap; }
    .msg--system .meta { margin-top: 2px; font-size: 11px; }
    .agent-typing { display: flex; align-items: center; gap: 8px; margin-top: 12px; font-size: 12.5px; color: var(--agent); }
    .agent-typing .dots { display: inline-flex; gap: 4px; padding: 10px 12px; border: 1px solid var(--agent-line);
      border-radius: 14px; border-end-start-radius: 4px; background: var(--agent-bg); }
    .agent-typing .dot { background: var(--agent); }
    .csat { align-self: stretch; display: flex; flex-direction: column; gap: 8px; padding: 12px; border: 1px solid var(--line);
      border-radius: 12px; background: #fff; }
    .csat-title { margin: 0; font-weight: 600; }
    .csat-scores { display: flex; gap: 4px; }
    .csat-score { width: 40px; height: 40px; display: grid; place-items: center; border: 1px solid var(--line); border-radius: 10px;
      background: #fff; color: #b6bec6; }
    .csat-score svg { width: 24px; height: 24px; }
    .csat-score.lit { color: #f2a900; }
    .csat-score[aria-pressed="true"] { border-color: var(--brand); }
    .csat-comment { min-height: 56px; padding: 8px 10px; resize: vertical; border: 1px solid var(--line); border-radius: 10px; font: inherit; }
    .csat .chip { align-self: flex-end; }
    .csat-thanks { margin: 0; color: var(--brand); font-weight: 600; }
    @media (max-width: 480px) {
      .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; } .panel:not([hidden]) + .launcher { display: none; }
    }
    @media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
  `;

  const opts = readOptions(SCRIPT.dataset);
  const state = {
    // limits: null until the config arrives; the server checks every message and file anyway.
    config: { lang: primary(opts.locale), dir: "ltr", brand: "", color: "", strings: {}, chips: [], limits: null },
    requestedLang: null, // the language of the config being loaded or shown
    conv: loadConversation(), // { id, token } or null until the first message
    creating: null, // the POST /v1/conversations in flight
    convLang: null, status: "bot", agentName: null, lastId: 0,
    waiting: 0, blockedUntil: 0, cooldownTimer: 0, unread: 0, pollOnly: false, offline: false,
  };
  const live = { source: null, timer: 0, failures: 0, typingTimer: 0 };
  const els = {};
  const bindings = [];
  const rendered = new Map(); // message id -> { message, el }
  const pending = [];

  // ---------- small helpers ----------

  function readOptions(data) {
    const context = parseJson(data.context);
    if (data.context && !context) console.warn("triage widget: data-context is not a JSON object; ignored");
    const hint = data.locale || navigator.language || "en";
    const pinLocale = data.pinLocale || null;
    // The widget opens in the pinned language, else the hint's, then follows the conversation's.
    const locale = pinLocale || hint;
    return { brand: data.brand || "", color: data.color || "", locale, hint, pinLocale, context, signature: data.signature || null };
  }

  /** The parsed JSON object, or null for anything else (missing, malformed, not an object). */
  function parseJson(text) {
    try {
      const value = JSON.parse(text);
      return value && typeof value === "object" ? value : null;
    } catch { return null; }
  }

  function primary(locale) {
    return String(locale || "").toLowerCase().split(/[-_]/)[0];
  }

  function t(key, vars = {}) {
    const text = state.config.strings[key] || FALLBACK_STRINGS[key] || "";
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }

  /** A served string, or `fallback` (built from data such as a name) while the config is missing. */
  function tLocal(key, fallback, vars) {
    return state.config.strings[key] ? t(key, vars) : fallback;
  }

  // Storage can be disabled (privacy modes, sandboxed frames); the widget then forgets on reload.
  function storageGet(area, key) {
    try { return window[area].getItem(key); } catch { return null; }
  }

  function storageSet(area, key, value) {
    try {
      if (value == null) window[area].removeItem(key);
      else window[area].setItem(key, value);
    } catch { /* as above */ }
  }

  function loadConversation() {
    const saved = parseJson(storageGet("localStorage", CONV_KEY));
    return saved && saved.id && saved.token ? { id: String(saved.id), token: String(saved.token) } : null;
  }

  function h(tag, attrs = {}, children = []) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value != null && value !== false) el.setAttribute(name, value === true ? "" : String(value));
    }
    el.append(...[].concat(children).filter((child) => child != null));
    return el;
  }

  function icon(path) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    const shape = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    svg.append(shape);
    return svg;
  }

  function button(label, className, content, onClick, testid) {
    const attrs = { type: "button", class: className, "aria-label": label, "data-testid": testid };
    const el = h("button", attrs, content == null ? label : content);
    el.addEventListener("click", onClick);
    return el;
  }

  /** Keeps an element's text or attribute in step with the localized strings (see applyConfig). */
  function bind(el, key, attr = "text") {
    bindings.push([el, key, attr]);
    return el;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url, ORIGIN);
      return /^https?:$/.test(parsed.protocol) ? parsed.href : null;
    } catch { return null; }
  }

  function link(href, content) {
    return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, content);
  }

  function validColor(color) {
    return color && window.CSS && window.CSS.supports("color", color) ? color : null;
  }

  function textOn(color) {
    const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
    if (!hex) return "#fff";
    const full = hex[1].length === 3 ? hex[1].replace(/./g, "$&$&") : hex[1];
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
    return (r * 299 + g * 587 + b * 114) / 1000 > 160 ? "#1f2328" : "#fff";
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    const text = date.toLocaleTimeString(opts.locale, { hour: "2-digit", minute: "2-digit" });
    return h("time", { class: "meta", datetime: date.toISOString() }, text);
  }

  function formatSize(bytes) {
    if (!(bytes > 0)) return "";
    return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
  }

  // ---------- HTTP ----------

  function apiError(status, message, retryAfter = 0) {
    return Object.assign(new Error(message), { status, retryAfter });
  }

  async function api(path, { method = "GET", token, body, form } = {}) {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(ORIGIN + path, { method, headers, body: form || (body === undefined ? undefined : JSON.stringify(body)) });
    } catch {
      throw apiError(0, t("unreachable"));
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const message = (data && data.error && data.error.message) || `${response.status} ${response.statusText}`;
      throw apiError(response.status, message, Number(response.headers.get("Retry-After")) || 0);
    }
    return data;
  }

  /** The customer's time zone (IANA), so the time the team is back is told in it. */
  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
      return null;
    }
  }

  function conversationPath(conv, rest = "") {
    return `/v1/conversations/${encodeURIComponent(conv.id)}${rest}`;
  }

  function isAuthError(err) {
    return AUTH_ERRORS.includes(err.status);
  }

  // ---------- conversation lifecycle ----------

  function setConversation(conv) {
    state.conv = conv;
    storageSet("localStorage", CONV_KEY, conv ? JSON.stringify(conv) : null);
  }

  function ensureConversation() {
    if (state.conv) return Promise.resolve(state.conv);
    if (!state.creating) {
      const body = { locale: opts.hint, channel: "web" };
      if (opts.pinLocale) body.pin_locale = opts.pinLocale;
      if (opts.context) body.context = opts.context;
      if (opts.signature) body.signature = opts.signature;
      const zone = browserTimeZone();
      if (zone) body.timezone = zone;
      state.creating = api("/v1/conversations", { method: "POST", body })
        .then((created) => {
          setConversation({ id: String(created.id), token: String(created.token) });
          startLive();
          return state.conv;
        })
        .finally(() => (state.creating = null));
    }
    return state.creating;
  }

  /** Runs a call with the conversation; if its token is rejected, starts a fresh conversation once. */
  async function withConversation(call) {
    const conv = await ensureConversation();
    try {
      return await call(conv);
    } catch (err) {
      if (!isAuthError(err)) throw err;
      resetConversation();
      return call(await ensureConversation());
    }
  }

  function resetConversation() {
    stopLive();
    setConversation(null);
    Object.assign(state, { lastId: 0, status: "bot", agentName: null, convLang: null });
    rendered.clear();
    pending.length = 0;
    hideAgentTyping();
    els.log.replaceChildren();
    renderStatus();
    renderChips();
  }

  async function resume() {
    const conv = state.conv;
    if (!conv) return;
    try {
      const data = await api(conversationPath(conv), { token: conv.token });
      if (conv !== state.conv) return;
      (data.messages || []).forEach((message) => addMessage(message, false));
      applyStatus(data);
      setConversationLang(data.lang);
    } catch (err) {
      if (isAuthError(err)) return resetConversation();
      // Anything else is transient: the live stream starts after id 0 and brings the history.
    }
    startLive();
  }

  // ---------- sending ----------

  async function sendText(raw) {
    const text = raw.trim();
    if (!text) return;
    const max = state.config.limits && state.config.limits.max_message_chars;
    if (max && text.length > max) return fail(text, t("too_long", { n: text.length, max }));
    if (Date.now() < state.blockedUntil) return restoreDraft(text);
    clearError();
    const bubble = addPending({ role: "customer", text }, text);
    setWaiting(1);
    try {
      const result = await withConversation((conv) =>
        api(conversationPath(conv, "/messages"), { method: "POST", token: conv.token, body: { text } }),
      );
      addMessage({ id: result.message_id, role: "customer", text, created_at: new Date().toISOString() });
      if (result.reply) receiveReply(result.reply);
    } catch (err) {
      dropPending(bubble);
      fail(text, err);
    } finally {
      setWaiting(-1);
    }
  }

  function receiveReply(reply) {
    const { message_id: id, text, lang, sources } = reply;
    addMessage({ id, role: "assistant", text, lang, sources, rating: null, created_at: new Date().toISOString() });
    if (reply.handoff && state.status === "bot") applyStatus({ status: "waiting" });
    if (reply.clarify && Array.isArray(reply.clarify.options)) showOptions(reply.clarify.options);
    if (reply.handoff && reply.handoff.out_of_hours && !els.log.querySelector(".contact")) showContactForm();
  }

  /** Out of business hours: an optional email to be answered by, under the handoff notice. */
  function showContactForm() {
    const input = h("input", { type: "email", class: "contact-email", required: true, autocomplete: "email", "aria-label": t("email_label"), placeholder: t("email_label"), "data-testid": "triage-contact-email" });
    const note = h("p", { class: "contact-note", role: "status" });
    const form = h("form", { class: "contact", "data-testid": "triage-contact" }, [input, h("button", { type: "submit", class: "chip" }, t("email_send")), note]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const email = input.value.trim();
      try {
        await api(conversationPath(state.conv, "/contact"), { method: "POST", token: state.conv.token, body: { email } });
        form.replaceChildren(h("p", { class: "contact-note", role: "status" }, t("email_saved", { email })));
      } catch (err) {
        note.textContent = err.status === 422 ? t("email_invalid") : err.message;
      }
    });
    els.log.append(form);
    form.scrollIntoView({ block: "nearest" });
  }

  /** A clarifying question's choices, as quick replies under it; one tap sends it and removes them. */
  function showOptions(options) {
    const group = h("div", { class: "chips options", role: "group" });
    const texts = options.filter((option) => typeof option === "string" && option);
    group.replaceChildren(...texts.map((text) => button(text, "chip", null, () => { group.remove(); sendText(text); }, "triage-option")));
    els.log.append(group);
    group.scrollIntoView({ block: "nearest" });
  }

  /** Puts unsent text back into the input, so nothing the customer typed is lost, and says why. */
  function fail(text, err) {
    restoreDraft(text);
    if (typeof err === "string") showError(err);
    else if (err.status === 429) startCooldown(err.retryAfter || 5);
    else showError(err.message);
  }

  function restoreDraft(text) {
    const current = els.input.value.trim();
    els.input.value = current ? `${text}\n${current}` : text;
    saveDraft();
    resizeInput();
  }

  function saveDraft() {
    storageSet("sessionStorage", DRAFT_KEY, els.input.value || null);
  }

  function startCooldown(seconds) {
    state.blockedUntil = Date.now() + seconds * 1000;
    showError(t("wait", { seconds }));
    updateSendState();
    clearTimeout(state.cooldownTimer);
    state.cooldownTimer = setTimeout(() => {
      state.blockedUntil = 0;
      clearError();
      updateSendState();
    }, seconds * 1000);
  }

  function updateSendState() {
    els.send.setAttribute("aria-disabled", String(Date.now() < state.blockedUntil));
  }

  function submitInput() {
    const text = els.input.value;
    if (!text.trim() || Date.now() < state.blockedUntil) return;
    els.input.value = "";
    saveDraft();
    resizeInput();
    sendText(text);
  }

  async function rate(message, rating, show) {
    if (message.rating === rating) return;
    const previous = message.rating;
    message.rating = rating;
    show(rating);
    try {
      const path = conversationPath(state.conv, `/messages/${encodeURIComponent(message.id)}/feedback`);
      await api(path, { method: "POST", token: state.conv.token, body: { rating } });
    } catch (err) {
      message.rating = previous;
      show(previous);
      showError(err.status === 429 ? t("wait", { seconds: err.retryAfter || 5 }) : err.message);
    }
  }

  // ---------- attachments ----------

  /** Why the server would refuse `file`, said in the customer's language; null if it would not (or limits are unknown). */
  function checkFile(file) {
    const limits = state.config.limits;
    if (!limits) return null;
    if (!limits.attachment_types.includes(file.type)) return t("wrong_type");
    const mb = Math.round((limits.max_attachment_bytes / 1048576) * 10) / 10;
    return file.size > limits.max_attachment_bytes ? t("too_large", { mb }) : null;
  }

  async function upload(file) {
    const problem = checkFile(file);
    if (problem) return showError(problem);
    clearError();
    const bubble = addPending({ role: "customer", text: tLocal("uploading", file.name, { name: file.name }) }, null);
    try {
      const result = await withConversation((conv) => {
        const form = new FormData();
        form.append("file", file, file.name);
        return api(conversationPath(conv, "/attachments"), { method: "POST", token: conv.token, form });
      });
      dropPending(bubble);
      addMessage({ id: result.message_id, role: "customer", text: "", attachment: result.attachment, created_at: new Date().toISOString() });
    } catch (err) {
      dropPending(bubble);
      if (err.status === 429) startCooldown(err.retryAfter || 5);
      else showError(err.message);
    }
  }

  function attachmentUrl(path) {
    const url = safeUrl(path);
    if (!url || !state.conv) return url;
    const parsed = new URL(url);
    parsed.searchParams.set("access_token", state.conv.token);
    return parsed.href;
  }

  // ---------- live updates ----------

  function startLive() {
    stopLive();
    if (!state.conv) return;
    if ("EventSource" in window && !state.pollOnly) openStream();
    else poll();
  }

  function stopLive() {
    if (live.source) live.source.close();
    clearTimeout(live.timer);
    live.source = null;
  }

  function openStream() {
    const conv = state.conv;
    const query = `?after=${state.lastId}&access_token=${encodeURIComponent(conv.token)}`;
    const source = new EventSource(ORIGIN + conversationPath(conv, `/events${query}`));
    let opened = false;
    source.onopen = () => {
      opened = true;
      live.failures = 0;
      setOffline(false);
    };
    source.addEventListener("message", (event) => addMessage(parseJson(event.data)));
    source.addEventListener("status", (event) => applyStatus(parseJson(event.data)));
    source.addEventListener("typing", (event) => showAgentTyping(parseJson(event.data)));
    // The browser would reconnect with the original ?after=; reconnect ourselves from the last id seen.
    source.onerror = () => {
      source.close();
      live.failures += 1;
      if (!opened && live.failures >= 2) {
        state.pollOnly = true;
        poll();
      } else {
        if (live.failures >= 2) setOffline(true);
        live.timer = setTimeout(openStream, Math.min(30000, 1000 * 2 ** live.failures));
      }
    };
    live.source = source;
  }

  async function poll() {
    const conv = state.conv;
    if (!conv) return;
    try {
      const data = await api(conversationPath(conv, `/messages?after=${state.lastId}`), { token: conv.token });
      if (conv !== state.conv) return;
      setOffline(false);
      (data.messages || []).forEach((message) => addMessage(message));
    } catch (err) {
      if (conv !== state.conv) return;
      if (isAuthError(err)) return resetConversation();
      if (err.status === 0) setOffline(true);
    }
    live.timer = setTimeout(poll, POLL_MS);
  }

  /** Says so while live updates cannot reach the server (they keep retrying). */
  function setOffline(offline) {
    if (offline === state.offline) return;
    state.offline = offline;
    if (offline) showError(t("offline"));
    else clearError();
  }

  function applyStatus(update) {
    if (!update || !update.status) return;
    state.status = update.status;
    if (update.agent_name) state.agentName = update.agent_name;
    renderStatus();
  }

  function renderStatus() {
    const name = state.agentName;
    const joined = name ? tLocal("joined", `${name} · ${t("agent")}`, { name }) : tLocal("joined_team", t("agent"));
    const lines = { waiting: tLocal("waiting", ""), agent: joined, resolved: t("resolved") };
    els.status.textContent = lines[state.status] || "";
  }

  // ---------- an agent typing ----------

  /** "Maria is typing…" for the `seconds` the server says, unless another ping or their message comes first. */
  function showAgentTyping(data) {
    const seconds = data && data.seconds > 0 ? data.seconds : 6;
    const name = state.agentName || t("agent");
    const dots = h("span", { class: "dots", "aria-hidden": "true" }, [1, 2, 3].map(() => h("span", { class: "dot" })));
    els.agentTyping.replaceChildren(dots, h("span", {}, tLocal("agent_typing", name, { name })));
    const stick = nearBottom();
    els.agentTyping.hidden = false;
    if (stick) scrollToEnd();
    clearTimeout(live.typingTimer);
    live.typingTimer = setTimeout(hideAgentTyping, seconds * 1000);
  }

  function hideAgentTyping() {
    clearTimeout(live.typingTimer);
    els.agentTyping.hidden = true;
    els.agentTyping.replaceChildren();
  }

  // ---------- satisfaction (CSAT) after a resolved conversation ----------

  /** Asks once per resolution: one tap on 1 to 5 stars records the rating; an optional comment
   *  follows (the server keeps one rating per resolution, so it updates the same one). */
  function askCsat(notice) {
    const asked = Number(storageGet("localStorage", CSAT_KEY)) || 0;
    if (Number(notice.id) <= asked || !state.conv) return;
    storageSet("localStorage", CSAT_KEY, String(notice.id));
    let score = 0;
    const comment = h("textarea", { class: "csat-comment", rows: "2", dir: "auto", hidden: true, "data-testid": "triage-csat-comment" });
    comment.placeholder = t("csat_comment");
    comment.setAttribute("aria-label", t("csat_comment"));
    const send = h("button", { type: "submit", class: "chip", hidden: true, "data-testid": "triage-csat-send" }, t("csat_send"));
    const note = h("p", { class: "contact-note", role: "status", "data-testid": "triage-csat-note" });
    const scores = [1, 2, 3, 4, 5].map((n) => {
      const star = button(t("csat_score", { n }), "csat-score", icon(ICONS.star), () => pick(n), `triage-csat-${n}`);
      star.setAttribute("aria-pressed", "false");
      return star;
    });
    async function rate(body) {
      try {
        await api(conversationPath(state.conv, "/csat"), { method: "POST", token: state.conv.token, body });
        return true;
      } catch (err) {
        note.textContent = err.status === 429 ? t("wait", { seconds: err.retryAfter || 5 }) : err.message;
        return false;
      }
    }
    async function pick(n) {
      score = n;
      scores.forEach((star, i) => {
        star.classList.toggle("lit", i < n);
        star.setAttribute("aria-pressed", String(i + 1 === n));
      });
      if (!(await rate({ score }))) return;
      note.textContent = t("thanks");
      comment.hidden = send.hidden = false;
      send.scrollIntoView({ block: "nearest" });
    }
    const title = h("p", { class: "csat-title", id: `triage-csat-${notice.id}` }, t("rate_title"));
    const group = h("div", { class: "csat-scores", role: "group", "aria-labelledby": title.id }, scores);
    const form = h("form", { class: "csat", "data-testid": "triage-csat" }, [title, group, note, comment, send]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!score || !comment.value.trim()) return;
      send.disabled = true;
      if (await rate({ score, comment: comment.value.trim() })) {
        form.replaceChildren(h("p", { class: "csat-thanks", role: "status", "data-testid": "triage-csat-thanks" }, t("thanks")));
      } else {
        send.disabled = false;
      }
    });
    els.log.append(form);
    if (nearBottom(240)) form.scrollIntoView({ block: "nearest" });
  }

  // ---------- rendering messages ----------

  function addMessage(message, isLive = true) {
    if (!message || message.id == null || rendered.has(message.id)) return;
    const el = renderMessage(message);
    const echo = message.role === "customer" ? takePending(message.text) : null;
    const stick = !isLive || message.role === "customer" || nearBottom();
    if (echo) echo.replaceWith(el);
    else insertSorted(el, message.id);
    rendered.set(message.id, { message, el });
    state.lastId = Math.max(state.lastId, Number(message.id) || 0);
    renderChips();
    // In polling mode no status events arrive; an agent's message says who joined.
    if (message.role === "agent" && (state.status === "bot" || state.status === "waiting")) {
      applyStatus({ status: "agent", agent_name: message.agent_name });
    }
    if (message.role === "assistant") setConversationLang(message.lang);
    if (message.role === "agent" || message.notice) hideAgentTyping();
    if (message.notice === "resolved") askCsat(message);
    if (isLive && message.role !== "customer" && els.panel.hidden) setUnread(state.unread + 1);
    if (stick) scrollToEnd();
  }

  function addPending(message, text) {
    const el = renderMessage(message);
    el.classList.add("pending");
    els.log.append(el);
    pending.push({ el, text });
    renderChips();
    scrollToEnd();
    return el;
  }

  /** The still-unconfirmed bubble for this text, if the server's copy of the message just arrived. */
  function takePending(text) {
    const index = pending.findIndex((entry) => entry.text === text);
    return index < 0 ? null : pending.splice(index, 1)[0].el;
  }

  function dropPending(el) {
    const index = pending.findIndex((entry) => entry.el === el);
    if (index >= 0) pending.splice(index, 1);
    el.remove();
    renderChips();
  }

  /** Renders every message again, so their labels follow a change of language. */
  function rerenderMessages() {
    for (const entry of rendered.values()) {
      const el = renderMessage(entry.message);
      entry.el.replaceWith(el);
      entry.el = el;
    }
  }

  function insertSorted(el, id) {
    const next = [...els.log.children].find((child) => !child.dataset.id || Number(child.dataset.id) > Number(id));
    els.log.insertBefore(el, next || null);
  }

  function renderMessage(message) {
    if (message.notice) return renderNotice(message);
    const role = ["customer", "assistant", "agent"].includes(message.role) ? message.role : "assistant";
    const el = h("div", { class: `msg msg--${role}`, "data-testid": "triage-message", "data-role": role, "data-id": message.id });
    if (role !== "customer") el.append(renderAuthor(role, message.agent_name));
    const bubble = h("div", { class: "bubble" });
    const attachment = message.attachment;
    if (message.text && !(attachment && message.text === attachment.name)) bubble.append(renderText(message.text));
    if (attachment) bubble.append(renderAttachment(attachment));
    el.append(bubble);
    if (role === "agent" && message.original_text && message.original_text !== message.text) {
      el.append(...renderOriginal(message.original_text));
    }
    // Answers from the knowledge base carry sources; notices such as "Maria joined" have none and are not rated.
    if (role === "assistant" && message.sources && message.sources.length) {
      el.append(renderSources(message.sources));
      if (message.id != null) el.append(renderRating(message));
    }
    const time = formatTime(message.created_at);
    if (time) el.append(time);
    return el;
  }

  /** The service's own line (an agent joined, the case waits again, it is resolved): no author, no bubble. */
  function renderNotice(message) {
    const attrs = { class: "msg msg--system", "data-testid": "triage-message", "data-role": "system", "data-notice": message.notice, "data-id": message.id };
    return h("div", attrs, [h("p", { class: "notice", dir: "auto" }, message.text), formatTime(message.created_at)]);
  }

  function renderAuthor(role, agentName) {
    const name = role === "agent" ? agentName || t("agent") : brandName();
    const label = role === "agent" ? t("agent") : t("assistant");
    return h("div", { class: "author" }, [
      h("span", { class: "avatar", "aria-hidden": "true" }, name.charAt(0).toUpperCase()),
      h("span", { class: "name" }, name),
      label === name ? null : h("span", { class: "tag" }, label),
    ]);
  }

  function renderText(text) {
    const p = h("p", { class: "text", dir: "auto" });
    const urls = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/g;
    let last = 0;
    for (const match of text.matchAll(urls)) {
      const href = safeUrl(match[0]);
      p.append(text.slice(last, match.index), href ? link(href, match[0]) : match[0]);
      last = match.index + match[0].length;
    }
    p.append(text.slice(last));
    return p;
  }

  function renderAttachment(attachment) {
    const href = attachmentUrl(attachment.url);
    const name = attachment.name || "file";
    if (!href) return h("span", { class: "file" }, name);
    if (/^image\//.test(attachment.content_type || "")) {
      const img = h("img", { class: "thumb", src: href, alt: name, loading: "lazy" });
      img.addEventListener("load", () => nearBottom(240) && scrollToEnd());
      return link(href, img);
    }
    const size = formatSize(attachment.size);
    return link(href, h("span", { class: "file" }, [icon(ICONS.file), size ? `${name} (${size})` : name]));
  }

  function renderOriginal(original) {
    const text = h("p", { class: "original", dir: "auto", hidden: true }, original);
    const toggle = button(t("show_original"), "link-button", null, () => {
      text.hidden = !text.hidden;
      const label = text.hidden ? t("show_original") : tLocal("hide_original", t("show_original"));
      toggle.textContent = label;
      toggle.setAttribute("aria-label", label);
      toggle.setAttribute("aria-expanded", String(!text.hidden));
    });
    toggle.setAttribute("aria-expanded", "false");
    return [toggle, text];
  }

  function renderSources(sources) {
    const list = h("ul");
    const seen = new Set();
    for (const source of sources) {
      const title = source.title || source.source || "";
      const href = source.url ? safeUrl(source.url) : null;
      if (!title || seen.has(`${title}|${href}`)) continue;
      seen.add(`${title}|${href}`);
      list.append(h("li", {}, href ? link(href, title) : h("span", {}, title)));
    }
    return h("div", { class: "sources" }, [h("span", {}, `${t("sources")}:`), list]);
  }

  function renderRating(message) {
    const make = (value, label) =>
      button(label, `rate ${value}`, icon(ICONS.thumb), () => rate(message, value, show), `triage-${value}`);
    const up = make("up", t("upvote"));
    const down = make("down", t("downvote"));
    function show(rating) {
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
    }
    show(message.rating);
    return h("div", { class: "rating", role: "group", "aria-label": t("helpful") }, [h("span", {}, t("helpful")), up, down]);
  }

  function renderChips() {
    const chips = state.config.chips;
    const show = chips.length > 0 && rendered.size === 0 && pending.length === 0;
    els.chips.hidden = !show;
    if (show) els.chips.replaceChildren(...chips.map((text) => button(text, "chip", null, () => sendText(text), "triage-chip")));
  }

  function setWaiting(delta) {
    state.waiting = Math.max(0, state.waiting + delta);
    const show = state.waiting > 0;
    if (show === els.typing.hasChildNodes()) return;
    const dots = [1, 2, 3].map(() => h("span", { class: "dot", "aria-hidden": "true" }));
    els.typing.replaceChildren(...(show ? [...dots, h("span", { class: "sr" }, t("typing"))] : []));
    if (show) scrollToEnd();
  }

  function nearBottom(slack = 80) {
    const s = els.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < slack;
  }

  function scrollToEnd() {
    els.scroller.scrollTop = els.scroller.scrollHeight;
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = false;
  }

  function clearError() {
    if (Date.now() < state.blockedUntil) return;
    els.error.hidden = true;
    els.error.textContent = "";
  }

  // ---------- panel, launcher, composer ----------

  function setOpen(open, focus = true) {
    els.panel.hidden = !open;
    storageSet("sessionStorage", OPEN_KEY, open ? "1" : null);
    updateLauncher();
    if (open) {
      setUnread(0);
      scrollToEnd();
      if (focus) els.input.focus();
    } else {
      closeEmoji();
      if (focus) els.launcher.focus();
    }
  }

  function updateLauncher() {
    const open = !els.panel.hidden;
    els.launcher.setAttribute("aria-expanded", String(open));
    els.launcher.setAttribute("aria-label", open ? t("close") : t("open"));
    els.launcher.replaceChildren(icon(open ? ICONS.close : ICONS.chat), els.badge);
  }

  function setUnread(count) {
    state.unread = count;
    els.badge.textContent = count > 9 ? "9+" : String(count);
    els.badge.hidden = count === 0;
  }

  function resizeInput() {
    els.input.style.height = "auto";
    els.input.style.height = `${Math.min(els.input.scrollHeight + 2, 120)}px`;
  }

  function toggleEmoji() {
    if (!els.emojiPanel.hidden) return closeEmoji(true);
    els.emojiPanel.hidden = false;
    els.emojiButton.setAttribute("aria-expanded", "true");
    els.emojiPanel.firstElementChild.focus();
  }

  function closeEmoji(refocus = false) {
    if (els.emojiPanel.hidden) return;
    els.emojiPanel.hidden = true;
    els.emojiButton.setAttribute("aria-expanded", "false");
    if (refocus) els.emojiButton.focus();
  }

  function insertEmoji(char) {
    const input = els.input;
    input.setRangeText(char, input.selectionStart, input.selectionEnd, "end");
    saveDraft();
    closeEmoji();
    input.focus();
  }

  function onKeydown(event) {
    if (event.key !== "Escape" || els.panel.hidden) return;
    event.stopPropagation();
    if (!els.emojiPanel.hidden) closeEmoji(true);
    else setOpen(false);
  }

  function onInputKeydown(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitInput();
    }
  }

  function buildUI() {
    const host = h("div", { id: "triage-widget" });
    // Inline, so the store's stylesheet cannot restyle or move the host.
    host.style.cssText = "all: initial; display: block; position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;";
    els.host = host;
    els.root = host.attachShadow({ mode: "open" });

    els.badge = h("span", { class: "badge", "aria-hidden": "true", hidden: true });
    els.launcher = h("button", { type: "button", class: "launcher", "data-testid": "triage-launcher", "aria-controls": "triage-panel" });
    els.launcher.addEventListener("click", () => setOpen(els.panel.hidden));

    els.avatar = h("span", { class: "avatar", "aria-hidden": "true" });
    els.brand = h("span");
    els.status = h("p", { class: "status", role: "status", "data-testid": "triage-status" });
    const minimize = bind(button("", "icon-btn", icon(ICONS.minimize), () => setOpen(false)), "close", "aria-label");
    const title = h("h2", { class: "title" }, [els.brand, bind(h("span", { class: "tag" }), "assistant")]);
    const head = h("div", { class: "head" }, [els.avatar, h("div", { class: "head-text" }, [title, els.status]), minimize]);

    els.greetingAuthor = h("div");
    const greetingText = bind(h("p", { class: "text", dir: "auto" }), "greeting");
    els.greeting = h("div", { class: "msg msg--assistant" }, [els.greetingAuthor, h("div", { class: "bubble" }, greetingText)]);
    els.chips = h("div", { class: "chips", role: "group", hidden: true });
    els.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
    els.typing = h("div", { class: "typing", "aria-live": "polite", "data-testid": "triage-typing" });
    els.agentTyping = h("div", { class: "agent-typing", role: "status", "data-testid": "triage-agent-typing", hidden: true });
    els.scroller = h("div", { class: "scroller" }, [els.greeting, els.chips, els.log, els.typing, els.agentTyping]);
    els.error = h("p", { class: "error", role: "alert", "data-testid": "triage-error", hidden: true });

    const panelAttrs = { class: "panel", id: "triage-panel", role: "dialog", "data-testid": "triage-panel", hidden: true };
    els.panel = h("section", panelAttrs, [head, els.scroller, els.error, buildComposer()]);
    els.panel.addEventListener("click", (event) => {
      const path = event.composedPath();
      if (!path.includes(els.emojiPanel) && !path.includes(els.emojiButton)) closeEmoji();
    });

    els.wrap = h("div", { class: "wrap" }, [els.panel, els.launcher]);
    els.wrap.addEventListener("keydown", onKeydown);
    els.root.append(h("style", {}, STYLE), els.wrap);
    document.body.append(host);
  }

  function buildComposer() {
    els.file = h("input", { type: "file", hidden: true, tabindex: "-1", "aria-hidden": "true" });
    els.file.addEventListener("change", () => {
      const [file] = els.file.files;
      els.file.value = "";
      if (file) upload(file);
    });
    const attach = bind(button("", "icon-btn", icon(ICONS.attach), () => els.file.click(), "triage-attach"), "attach", "aria-label");

    els.emojiButton = bind(button("", "icon-btn", icon(ICONS.emoji), toggleEmoji, "triage-emoji"), "emoji", "aria-label");
    els.emojiButton.setAttribute("aria-expanded", "false");
    els.emojiButton.setAttribute("aria-haspopup", "true");
    els.emojiPanel = bind(h("div", { class: "emoji-panel", role: "group", hidden: true }), "emoji", "aria-label");
    for (const [char, name] of EMOJI) els.emojiPanel.append(button(name, "emoji", char, () => insertEmoji(char)));

    els.input = h("textarea", { class: "input", rows: "1", dir: "auto", "data-testid": "triage-input" });
    bind(bind(els.input, "placeholder", "placeholder"), "placeholder", "aria-label");
    els.input.value = storageGet("sessionStorage", DRAFT_KEY) || "";
    els.input.addEventListener("keydown", onInputKeydown);
    els.input.addEventListener("input", () => {
      saveDraft();
      resizeInput();
    });

    els.send = h("button", { type: "submit", class: "icon-btn send", "data-testid": "triage-send", "aria-disabled": "false" }, icon(ICONS.send));
    bind(els.send, "send", "aria-label");
    const form = h("form", { class: "composer" }, [els.emojiPanel, attach, els.file, els.input, els.emojiButton, els.send]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitInput();
    });
    return form;
  }

  // ---------- configuration, language, theme ----------

  async function loadConfig(lang) {
    state.requestedLang = lang;
    try {
      const config = await api(`/v1/widget/config?lang=${encodeURIComponent(lang)}`);
      if (state.requestedLang !== lang) return;
      const strings = {};
      for (const [key, value] of Object.entries(config.strings || {})) if (typeof value === "string" && value) strings[key] = value;
      state.config = {
        lang: config.lang || lang,
        dir: config.dir === "rtl" ? "rtl" : "ltr",
        brand: config.brand || "",
        color: config.color || "",
        strings,
        chips: Array.isArray(config.chips) ? config.chips.filter((chip) => typeof chip === "string" && chip) : [],
        limits: validLimits(config.limits),
      };
      rerenderMessages();
    } catch (err) {
      // Without the config the widget still sends and receives, with few labels: ask again while
      // the failure may pass (no answer, rate limit, server error), unless another language was asked for since.
      const transient = err.status === 0 || err.status === 429 || err.status >= 500;
      if (transient) setTimeout(() => state.requestedLang === lang && loadConfig(lang), CONFIG_RETRY_MS);
    }
    applyConfig();
  }

  /** The server's limits if they have the expected shape, else null (the widget then checks nothing). */
  function validLimits(limits) {
    const ok = limits && limits.max_message_chars > 0 && limits.max_attachment_bytes > 0 && Array.isArray(limits.attachment_types);
    return ok ? limits : null;
  }

  /** Follows the conversation's language: its strings, chips and direction (Arabic is right-to-left). */
  function setConversationLang(lang) {
    if (!lang) return;
    state.convLang = lang;
    const wanted = primary(lang);
    if (wanted !== primary(state.config.lang) && wanted !== state.requestedLang) loadConfig(wanted);
    else applyDirection();
  }

  function brandName() {
    return opts.brand || state.config.brand || "Support";
  }

  function applyConfig() {
    const color = validColor(opts.color) || validColor(state.config.color) || DEFAULT_COLOR;
    els.wrap.style.setProperty("--brand", color);
    els.wrap.style.setProperty("--on-brand", textOn(color));
    const brand = brandName();
    els.brand.textContent = brand;
    els.avatar.textContent = brand.charAt(0).toUpperCase();
    els.panel.setAttribute("aria-label", brand);
    els.log.setAttribute("aria-label", brand);
    els.greetingAuthor.replaceWith((els.greetingAuthor = renderAuthor("assistant")));
    for (const [el, key, attr] of bindings) {
      if (attr === "text") el.textContent = t(key);
      else el.setAttribute(attr, t(key));
    }
    els.chips.setAttribute("aria-label", t("greeting"));
    els.greeting.hidden = !t("greeting");
    const limits = state.config.limits;
    if (limits) els.file.accept = limits.attachment_types.join(",");
    updateLauncher();
    applyDirection();
    renderStatus();
    renderChips();
  }

  function applyDirection() {
    // The config follows the conversation's language (see setConversationLang), its direction too.
    const rtl = state.config.dir === "rtl";
    const dir = rtl ? "rtl" : "ltr";
    els.wrap.dir = dir;
    els.panel.dir = dir;
    els.host.style.right = rtl ? "auto" : "20px";
    els.host.style.left = rtl ? "20px" : "auto";
    els.panel.lang = state.config.lang || primary(opts.locale);
  }

  function init() {
    buildUI();
    applyConfig();
    resizeInput();
    setOpen(storageGet("sessionStorage", OPEN_KEY) === "1", false);
    loadConfig(primary(opts.locale));
    resume();
  }

  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
