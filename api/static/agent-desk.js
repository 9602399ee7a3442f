/* The agent's desk in the inbox: internal notes, tags, reassignment and release, search over cases,
   the customer's earlier conversations, canned replies and KB passages for the reply box, and
   attachment previews. Builds on window.TriageInbox (agent.js) and its triage:case / triage:queue events. */
(() => {
  "use strict";

  const inbox = window.TriageInbox;
  if (!inbox) return;
  const { api, h, humanize, formatTime, badge } = inbox;
  const SEARCH_DELAY_MS = 250;

  const state = {
    caseId: null,
    agents: null, // GET /v1/agents, once
    historyFor: null, // the case whose history is shown
    tagFilter: "",
    previews: new Map(), // attachment url -> Promise of a data: URL (fetched once with the agent's key)
    searchTimer: 0,
    toolsTimer: 0,
  };

  const enc = encodeURIComponent;
  const casePath = (action) => `/v1/handoffs/${enc(state.caseId)}/${action}`;

  function sizeText(bytes) {
    if (!bytes && bytes !== 0) return "";
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1048576) return `${Math.round(bytes / 1024)} KB`;
    return `${(bytes / 1048576).toFixed(1)} MB`;
  }

  function button(text, attrs, onClick) {
    const el = h("button", { type: "button", class: "button", ...attrs }, text);
    el.addEventListener("click", onClick);
    return el;
  }

  // ---------- the desk card in a case ----------

  const els = {};

  function buildDesk() {
    els.status = h("p", { class: "desk-status", role: "status", "data-testid": "desk-status" });
    els.tags = h("span", { class: "desk-tags", "data-testid": "desk-tags" });
    els.tagInput = h("input", { type: "text", maxlength: "100", placeholder: "Add a tag", "aria-label": "Add a tag", "data-testid": "desk-tag-input" });
    const tagForm = h("form", { class: "desk-inline" }, [els.tagInput, h("button", { type: "submit", class: "button ghost" }, "Tag")]);
    tagForm.addEventListener("submit", (event) => {
      event.preventDefault();
      addTag();
    });

    els.assignee = h("select", { "aria-label": "Reassign to", "data-testid": "desk-assignee" });
    els.reassign = button("Reassign", { "data-testid": "desk-reassign" }, reassign);
    els.release = button("Release to queue", { "data-testid": "desk-release" }, release);

    els.history = h("ul", { class: "desk-history", "data-testid": "desk-history" });

    els.note = h("textarea", { rows: "2", maxlength: "4000", placeholder: "Only agents see notes.", "aria-label": "Internal note", "data-testid": "desk-note-text" });
    const noteForm = h("form", { class: "desk-note" }, [els.note, h("button", { type: "submit", class: "button", "data-testid": "desk-note-add" }, "Add note")]);
    noteForm.addEventListener("submit", (event) => {
      event.preventDefault();
      addNote();
    });

    els.card = h("section", { class: "card desk", "aria-label": "Desk", "data-testid": "desk" }, [
      h("div", { class: "desk-row" }, [h("h3", {}, "Tags"), els.tags, tagForm]),
      h("div", { class: "desk-row" }, [h("h3", {}, "Assign"), els.assignee, els.reassign, els.release]),
      h("div", { class: "desk-row desk-block" }, [h("h3", {}, "Earlier conversations"), els.history]),
      h("div", { class: "desk-row desk-block" }, [h("h3", {}, "Internal note"), noteForm]),
      els.status,
    ]);
    const summary = document.querySelector(".summary");
    summary.after(els.card);
  }

  function say(text, isError = false) {
    els.status.textContent = text;
    els.status.classList.toggle("error", isError);
  }

  async function run(call, done) {
    try {
      await call();
      say(done);
      await inbox.refresh();
    } catch (err) {
      say(err.message, true);
    }
  }

  async function onCase(event) {
    const detail = event.detail;
    if (detail.id !== state.caseId) {
      state.caseId = detail.id;
      say("");
      els.note.value = "";
    }
    renderTags(detail.tags || []);
    renderNotes(detail.notes || []);
    await renderAssign(detail);
    if (state.historyFor !== detail.id) loadHistory(detail.id);
  }

  function renderTags(tags) {
    els.tags.replaceChildren(
      ...tags.map((tag) => {
        const remove = button("×", { class: "tag-remove", "aria-label": `Remove tag ${tag}` }, () =>
          run(() => api(`${casePath("tags")}/${enc(tag)}`, { method: "DELETE" }), `Tag ${tag} removed.`),
        );
        return h("span", { class: "tag", "data-testid": "desk-tag" }, [tag, remove]);
      }),
    );
  }

  function addTag() {
    const tag = els.tagInput.value.trim();
    if (!tag) return;
    run(async () => {
      await api(casePath("tags"), { method: "POST", body: { tag } });
      els.tagInput.value = "";
    }, "Tagged.");
  }

  async function renderAssign(detail) {
    if (!state.agents) {
      try {
        state.agents = (await api("/v1/agents")).items || [];
      } catch {
        state.agents = [];
      }
    }
    const me = inbox.agent();
    const others = state.agents.filter((agent) => agent.name !== me);
    const chosen = els.assignee.value;
    els.assignee.replaceChildren(...others.map((agent) => h("option", { value: agent.name }, agent.name)));
    if (others.some((agent) => agent.name === chosen)) els.assignee.value = chosen;
    const mine = detail.status === "claimed" && detail.agent_name === me;
    // Only the holder, or anyone while nobody holds it, can hand the case on.
    els.reassign.disabled = !others.length || !(mine || detail.status === "open");
    els.assignee.disabled = els.reassign.disabled;
    els.release.hidden = !mine;
  }

  function reassign() {
    const to = els.assignee.value;
    if (to) run(() => api(casePath("reassign"), { method: "POST", body: { agent: to } }), `Reassigned to ${to}.`);
  }

  function release() {
    run(() => api(casePath("release"), { method: "POST" }), "Released: the case is back in the queue.");
  }

  function addNote() {
    const text = els.note.value.trim();
    if (!text) return say("Write a note first.", true);
    run(async () => {
      await api(casePath("notes"), { method: "POST", body: { text } });
      els.note.value = "";
    }, "Note added. Only agents see it.");
  }

  /** Notes join the transcript in time order, marked as internal. */
  function renderNotes(notes) {
    for (const old of inbox.transcript.querySelectorAll(".note")) old.remove();
    const messages = [...inbox.transcript.children];
    for (const note of notes) {
      const item = h("li", { class: "message note", "data-testid": "agent-note" }, [
        h("div", { class: "message-head" }, [h("strong", {}, `Note by ${note.agent_name}`), formatTime(note.created_at), badge("Internal", "internal")]),
        h("p", { class: "message-text", dir: "auto" }, note.text),
      ]);
      const at = new Date(note.created_at).getTime();
      const after = messages.find((message) => {
        const time = message.querySelector("time");
        return time && new Date(time.getAttribute("datetime")).getTime() > at;
      });
      inbox.transcript.insertBefore(item, after || null);
    }
  }

  async function loadHistory(caseId) {
    state.historyFor = caseId;
    els.history.replaceChildren(h("li", { class: "muted" }, "Loading…"));
    try {
      const data = await api(`/v1/handoffs/${enc(caseId)}/history`);
      if (caseId !== state.caseId) return;
      if (!data.customer_ref) return els.history.replaceChildren(h("li", { class: "muted" }, "The store did not name this customer."));
      if (!data.items.length) return els.history.replaceChildren(h("li", { class: "muted" }, "No earlier conversations."));
      els.history.replaceChildren(...data.items.map(historyItem));
    } catch (err) {
      els.history.replaceChildren(h("li", { class: "error" }, err.message));
    }
  }

  function historyItem(item) {
    const outcome = item.outcome || (item.case_status ? humanize(item.case_status) : "Answered by the assistant");
    const text = item.summary || "(no messages)";
    const label = item.handoff_id ? h("a", { href: `#${enc(item.handoff_id)}` }, text) : h("span", {}, text);
    if (item.handoff_id) {
      label.addEventListener("click", (event) => {
        event.preventDefault();
        inbox.select(item.handoff_id);
      });
    }
    return h("li", { "data-testid": "desk-history-item" }, [formatTime(item.created_at), " ", label, " ", badge(outcome)]);
  }

  // ---------- reply box: canned replies and KB passages ----------

  function buildReplyTools() {
    els.toolsInput = h("input", {
      type: "search", maxlength: "200", placeholder: "Search saved replies and the knowledge base",
      "aria-label": "Search saved replies and the knowledge base", "data-testid": "desk-insert-search",
    });
    els.toolsNotice = h("p", { class: "desk-notice", role: "note" });
    els.toolsList = h("ul", { class: "desk-insert-list", "data-testid": "desk-insert-results" });
    els.saveTitle = h("input", {
      type: "text", maxlength: "200", placeholder: "Title to save the reply box as a saved reply",
      "aria-label": "Title of the saved reply", "data-testid": "desk-save-title",
    });
    const saveForm = h("form", { class: "desk-inline" }, [els.saveTitle, h("button", { type: "submit", class: "button ghost", "data-testid": "desk-save-reply" }, "Save reply")]);
    saveForm.addEventListener("submit", (event) => {
      event.preventDefault();
      saveReply();
    });
    els.tools = h("div", { class: "desk-insert" }, [els.toolsInput, els.toolsNotice, els.toolsList, saveForm]);
    inbox.replyText.before(els.tools);
    els.toolsInput.addEventListener("input", () => {
      clearTimeout(state.toolsTimer);
      state.toolsTimer = setTimeout(searchTools, SEARCH_DELAY_MS);
    });
  }

  async function searchTools() {
    const q = els.toolsInput.value.trim();
    if (!q) return clearTools();
    const detail = inbox.detail() || {};
    const lang = (detail.case && detail.case.lang) || (detail.translation && detail.translation.from) || "";
    const langParam = lang ? `&lang=${enc(lang)}` : "";
    try {
      const [canned, kb] = await Promise.all([
        api(`/v1/canned-replies?q=${enc(q)}${langParam}`),
        api(`/v1/kb/search?q=${enc(q)}${langParam}&k=4`),
      ]);
      if (q !== els.toolsInput.value.trim()) return;
      els.toolsNotice.textContent = kb.notice || "";
      const rows = [
        ...canned.items.map((item) => toolRow("Saved reply", item.title, item.lang, item.text, () => deleteReply(item))),
        ...kb.items.map((item) => toolRow("Knowledge base", [item.title, item.headings].filter(Boolean).join(" › "), item.lang, item.text)),
      ];
      els.toolsList.replaceChildren(...(rows.length ? rows : [h("li", { class: "muted" }, "Nothing found.")]));
    } catch (err) {
      els.toolsNotice.textContent = err.message;
    }
  }

  /** Keeps what is in the reply box as one of the store's saved replies, in the case's language;
      saved under the title of one already kept (same language), it replaces that one's text. */
  async function saveReply() {
    const title = els.saveTitle.value.trim();
    const text = inbox.replyText.value.trim();
    if (!title || !text) {
      els.toolsNotice.textContent = "Write the reply, and a title for it, to save it.";
      return;
    }
    const detail = inbox.detail() || {};
    const lang = (detail.case && detail.case.lang) || null;
    try {
      const kept = await api(`/v1/canned-replies?q=${enc(title)}${lang ? `&lang=${enc(lang)}` : ""}`);
      const same = kept.items.find((item) => item.title.toLowerCase() === title.toLowerCase() && (item.lang || null) === lang);
      const body = { title, text, lang, tags: same ? same.tags : [] };
      await (same ? api(`/v1/canned-replies/${enc(same.id)}`, { method: "PUT", body }) : api("/v1/canned-replies", { method: "POST", body }));
      els.saveTitle.value = "";
      els.toolsNotice.textContent = same ? `Updated “${title}”.` : `Saved “${title}”.`;
    } catch (err) {
      els.toolsNotice.textContent = err.message;
    }
  }

  /** Removes a saved reply for every agent, once the agent confirms. */
  async function deleteReply(item) {
    if (!window.confirm(`Delete the saved reply “${item.title}” for every agent?`)) return;
    try {
      await api(`/v1/canned-replies/${enc(item.id)}`, { method: "DELETE" });
      await searchTools();
      els.toolsNotice.textContent = `Deleted “${item.title}”.`;
    } catch (err) {
      els.toolsNotice.textContent = err.message;
    }
  }

  function toolRow(kind, title, lang, text, remove) {
    const insert = button("Insert", { class: "button ghost", "aria-label": `Insert ${title}`, "data-testid": "desk-insert" }, () => insertText(text));
    const del = remove ? button("Delete", { class: "button ghost", "aria-label": `Delete ${title}`, "data-testid": "desk-canned-delete" }, remove) : null;
    return h("li", { class: "desk-insert-item", "data-testid": "desk-insert-item" }, [
      h("div", { class: "desk-insert-head" }, [h("span", { class: "muted" }, kind), h("strong", {}, title), lang ? badge(lang, "lang") : null, insert, del]),
      h("p", { class: "desk-insert-text", dir: "auto", lang: lang || null }, text),
    ]);
  }

  /** Puts the text at the cursor for the agent to edit (in place of a suggested reply they have not
      touched); sending stays the agent's click. */
  function insertText(text) {
    const box = inbox.replyText;
    const suggested = ((inbox.detail() || {}).suggested_reply || {}).text || "";
    if (!box.value.trim() || box.value === suggested) box.value = text;
    else box.setRangeText(text, box.selectionStart, box.selectionEnd, "end");
    box.dispatchEvent(new Event("input", { bubbles: true })); // agent.js: the agent's own text now, kept across refreshes
    box.focus();
    clearTools();
    els.toolsInput.value = "";
  }

  function clearTools() {
    els.toolsNotice.textContent = "";
    els.toolsList.replaceChildren();
  }

  // ---------- queue: tags on rows, a tag filter, and search over cases ----------

  function buildQueueTools() {
    els.search = h("input", { type: "search", maxlength: "200", placeholder: "Search cases", "aria-label": "Search cases", "data-testid": "desk-search" });
    els.searchStatus = h("select", { "aria-label": "Search in", "data-testid": "desk-search-status" },
      [["all", "Any status"], ["open", "Open"], ["claimed", "Claimed"], ["resolved", "Resolved"]].map(([value, text]) => h("option", { value }, text)));
    els.tagFilter = h("input", { type: "search", maxlength: "100", placeholder: "Filter by tag", "aria-label": "Filter the queue by tag", "data-testid": "desk-tag-filter" });
    els.results = h("ul", { class: "queue-list desk-results", "aria-label": "Search results", "data-testid": "desk-search-results", hidden: true });
    const tools = h("div", { class: "desk-queue-tools" }, [h("div", { class: "desk-inline" }, [els.search, els.searchStatus]), els.tagFilter]);
    document.querySelector(".queue-head").after(tools, els.results);
    const later = () => {
      clearTimeout(state.searchTimer);
      state.searchTimer = setTimeout(searchCases, SEARCH_DELAY_MS);
    };
    els.search.addEventListener("input", later);
    els.searchStatus.addEventListener("change", later);
    els.tagFilter.addEventListener("input", () => {
      state.tagFilter = normalizeTag(els.tagFilter.value);
      decorateQueue(lastItems);
    });
  }

  // The server's normalization, for filtering rows already in the page.
  function normalizeTag(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, "-").replace(/^[-_]+|[-_]+$/g, "");
  }

  let lastItems = [];
  function decorateQueue(items) {
    lastItems = items;
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const row of document.querySelectorAll("#queue .row")) {
      const item = byId.get(row.dataset.id);
      if (!item) continue;
      const tags = item.tags || [];
      let holder = row.querySelector(".row-tags");
      if (!holder) {
        holder = h("span", { class: "row-tags" });
        row.append(holder);
      }
      holder.replaceChildren(...tags.map((tag) => h("span", { class: "tag small", "data-testid": "agent-case-tag" }, tag)));
      row.parentElement.hidden = Boolean(state.tagFilter) && !tags.some((tag) => tag.includes(state.tagFilter));
    }
  }

  async function searchCases() {
    const q = els.search.value.trim();
    if (!q) {
      els.results.hidden = true;
      return els.results.replaceChildren();
    }
    try {
      const data = await api(`/v1/handoffs/search?q=${enc(q)}&status=${enc(els.searchStatus.value)}`);
      if (q !== els.search.value.trim()) return;
      els.results.hidden = false;
      const rows = data.items.map((item) => {
        const row = h("button", { type: "button", class: "row", "data-testid": "desk-search-result", "data-id": item.id }, [
          h("span", { class: "row-top" }, [h("span", { class: "row-name" }, item.customer_name || "Anonymous customer"), badge(humanize(item.status), `status-${item.status}`)]),
          h("span", { class: "row-summary" }, String(item.summary || "").split("\n")[0]),
        ]);
        row.addEventListener("click", () => inbox.select(item.id));
        return h("li", {}, row);
      });
      els.results.replaceChildren(...(rows.length ? rows : [h("li", { class: "empty" }, "No case matches.")]));
    } catch (err) {
      els.results.hidden = false;
      els.results.replaceChildren(h("li", { class: "error" }, err.message));
    }
  }

  // ---------- attachments ----------

  /** Fetched with the agent's key (never in a URL) as a data: URL, which the page's CSP allows for images. */
  function fetchData(url) {
    if (!state.previews.has(url)) {
      const promise = (async () => {
        const response = await fetch(url, { headers: { Authorization: `Bearer ${inbox.key()}` } });
        if (!response.ok) throw new Error(`The file could not be loaded (${response.status}).`);
        const blob = await response.blob();
        return new Promise((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(blob);
        });
      })();
      promise.catch(() => state.previews.delete(url)); // a failure is tried again next time
      state.previews.set(url, promise);
    }
    return state.previews.get(url);
  }

  function agentUrl(file, caseId) {
    const id = String(file.url || "").split("/").pop();
    return `/v1/handoffs/${enc(caseId)}/attachments/${enc(id)}`;
  }

  function attachment(file, caseId) {
    const url = agentUrl(file, caseId);
    const name = file.name || "attachment";
    const type = file.content_type || "file";
    const facts = `${type}, ${sizeText(file.size)}`;
    if (/^image\/(png|jpeg|gif|webp)$/.test(type)) {
      const img = h("img", { class: "thumb", alt: name, "data-testid": "agent-attachment-image" });
      const open = h("button", { type: "button", class: "thumb-button", "aria-label": `Open ${name}` }, img);
      fetchData(url).then((data) => (img.src = data), () => img.replaceWith(h("span", { class: "error" }, "Preview unavailable")));
      open.addEventListener("click", () => fetchData(url).then((data) => showImage(data, name)));
      return h("figure", { class: "attachment" }, [open, h("figcaption", { class: "message-sources" }, `${name} (${facts})`)]);
    }
    const link = h("a", { href: "#", "data-testid": "agent-attachment-link" }, name);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      download(url, name);
    });
    return h("p", { class: "message-sources" }, ["Attachment: ", link, ` (${facts})`]);
  }

  async function download(url, name) {
    try {
      const data = await fetchData(url);
      const a = h("a", { href: data, download: name });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      say(err.message, true);
    }
  }

  let viewer = null;
  function showImage(data, name) {
    if (!viewer) {
      viewer = h("dialog", { class: "viewer", "data-testid": "desk-image-viewer" });
      viewer.addEventListener("click", () => viewer.close());
      document.body.append(viewer);
    }
    viewer.replaceChildren(h("img", { src: data, alt: name }), h("p", {}, `${name} — click or press Esc to close`));
    viewer.showModal();
  }

  window.TriageDesk = { attachment };

  buildDesk();
  buildReplyTools();
  buildQueueTools();
  document.addEventListener("triage:case", onCase);
  document.addEventListener("triage:queue", (event) => decorateQueue(event.detail));
})();
