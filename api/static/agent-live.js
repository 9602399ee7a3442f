/*
 * The inbox live: the open case's own event stream (no polling), the agent's typing pings to the
 * customer, and an optional sound and desktop notification when the inbox is not in front.
 * Loaded before agent.js, which calls window.TriageLive.watchCase, .newCase and .customerWrote.
 */
(() => {
  "use strict";

  const TYPING_PING_MS = 2000; // the server keeps one ping per 2 s; the widget shows "typing" for 6 s
  const MAX_BACKOFF_MS = 30000;
  const SOUND_KEY = "triage:agent-sound";
  const DESKTOP_KEY = "triage:agent-desktop";

  const $ = (id) => document.getElementById(id);
  let watched = null; // the open case's stream: { close, typed }
  let audio = null;

  function stored(key) {
    try {
      return localStorage.getItem(key) === "on";
    } catch {
      return false; // storage disabled: the toggles last for this page only
    }
  }

  function store(key, on) {
    try {
      localStorage.setItem(key, on ? "on" : "off");
    } catch {
      /* see stored() */
    }
  }


  // ---------- the open case ----------

  /**
   * Streams one case: `onChange` runs on each new message or change of hands (and after a
   * reconnection, to catch up); the stream reconnects with a growing delay while it fails.
   */
  function watchCase(id, key, onChange, onState = () => {}) {
    if (watched) watched.close();
    const path = `/v1/handoffs/${encodeURIComponent(id)}`;
    let source = null;
    let timer = 0;
    let failures = 0;
    let closed = false;
    let lastPing = 0;

    function open() {
      source = new EventSource(`${path}/events?access_token=${encodeURIComponent(key)}`);
      source.onopen = () => {
        if (failures) onChange(); // what happened while the stream was down
        failures = 0;
        onState(true);
      };
      source.addEventListener("message", (event) => {
        const message = window.TriageInbox.parseJson(event.data); // agent.js, loaded after this file, has run by now
        if (message && message.role === "customer") alert("New message from the customer", message.text || "");
        onChange();
      });
      source.addEventListener("case", () => onChange());
      source.onerror = () => {
        source.close();
        if (closed) return;
        failures += 1;
        onState(false);
        timer = setTimeout(open, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures));
      };
    }

    open();
    watched = {
      close() {
        closed = true;
        clearTimeout(timer);
        if (source) source.close();
        if (watched === this) watched = null;
      },
      /** A typing ping, at most one per TYPING_PING_MS; a refusal (someone else's case) changes nothing. */
      typed() {
        if (Date.now() - lastPing < TYPING_PING_MS) return;
        lastPing = Date.now();
        fetch(`${path}/typing`, { method: "POST", headers: { Authorization: `Bearer ${key}` } }).catch(() => {});
      },
      sent() {
        lastPing = Date.now();
      },
    };
    return watched;
  }

  function newCase(item) {
    const who = item.customer_name || "A customer";
    alert("New case in the queue", `${who}: ${String(item.summary || "").split("\n")[0]}`);
  }

  /** A customer wrote in a case the agent holds (or one still waiting) that is not on screen. */
  function customerWrote(message) {
    alert("New message", `${message.customer_name || "A customer"}: ${message.text}`);
  }

  // ---------- sound and desktop notifications ----------

  /** Only while the agent is elsewhere: a focused inbox shows the change itself. */
  function alert(title, body) {
    if (document.visibilityState === "visible" && document.hasFocus()) return;
    if ($("alert-sound").checked) chime();
    if ($("alert-desktop").checked && "Notification" in window && Notification.permission === "granted") {
      new Notification(title, { body: body.slice(0, 140), tag: "triage-inbox" });
    }
  }

  /** Two short notes made with WebAudio: no sound file to serve, nothing from a CDN. */
  function chime() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    const start = audio.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const at = start + i * 0.16;
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.32);
    });
  }

  async function onDesktopToggle(event) {
    const box = event.target;
    const note = $("alerts-note");
    note.textContent = "";
    if (box.checked && !("Notification" in window)) {
      box.checked = false;
      note.textContent = "This browser has no desktop notifications.";
    } else if (box.checked && Notification.permission !== "granted") {
      // Asked only now, when the agent turns them on.
      const answer = await Notification.requestPermission();
      if (answer !== "granted") {
        box.checked = false;
        note.textContent = "Notifications are blocked for this site in the browser's settings.";
      }
    }
    store(DESKTOP_KEY, box.checked);
  }

  function wire() {
    const sound = $("alert-sound");
    const desktop = $("alert-desktop");
    sound.checked = stored(SOUND_KEY);
    desktop.checked = stored(DESKTOP_KEY) && "Notification" in window && Notification.permission === "granted";
    sound.addEventListener("change", () => {
      store(SOUND_KEY, sound.checked);
      if (sound.checked) chime(); // a click lets the page play sound from now on, and the agent hears what it will be
    });
    desktop.addEventListener("change", onDesktopToggle);
    $("reply-text").addEventListener("input", (event) => {
      if (watched && event.target.value.trim()) watched.typed();
    });
    // Sending ends the typing: no ping right after (the server drops a late one too).
    $("reply-form").addEventListener("submit", () => watched && watched.sent());
  }

  window.TriageLive = { watchCase, newCase, customerWrote };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
