/* After a resolve, the inbox asks in one click what answered the case: a KB section, the agent's
   own reply (editable), or nothing reusable. What the agent confirms, the assistant answers from
   when a customer next asks the same in other words (POST /v1/handoffs/{id}/learn). */
(() => {
  "use strict";

  const inbox = window.TriageInbox;
  if (!inbox) return;
  const { api, h } = inbox;
  let card = null;

  function close() {
    if (card) card.remove();
    card = null;
  }

  function option(value, label, detail, checked) {
    const input = h("input", { type: "radio", name: "learn-choice", value, "data-testid": `learn-${value.split(":")[0]}` });
    input.checked = checked;
    return h("label", { class: "learn-option" }, [input, h("span", {}, [h("strong", {}, label), detail ? h("span", { class: "muted learn-detail" }, detail) : null])]);
  }

  async function ask(caseId) {
    close();
    let offer;
    try {
      offer = await api(`/v1/handoffs/${encodeURIComponent(caseId)}/learn`);
    } catch (err) {
      return; // the case stays resolved; teaching is optional
    }
    const sections = offer.sections || [];
    const reply = h("textarea", { rows: 3, "aria-label": "Your reply as a reusable answer", "data-testid": "learn-reply-text" });
    reply.value = offer.reply || "";
    const state = h("span", { class: "reply-state", role: "status", "data-testid": "learn-state" });
    const question = h("input", { type: "text", value: offer.question, "aria-label": "The question, as it will be kept", "data-testid": "learn-question" });
    const options = [
      ...sections.map((s, i) => option(`section:${i}`, `${s.title}${s.headings ? " › " + s.headings : ""}`, s.text.slice(0, 140), i === 0)),
      option("reply", "My reply", null, !sections.length && !!offer.reply),
      reply,
      option("none", "Not reusable (order-specific or personal)", null, !sections.length && !offer.reply),
    ];
    const save = h("button", { type: "submit", class: "button primary", "data-testid": "learn-save" }, "Save");
    const skip = h("button", { type: "button", class: "button ghost" }, "Skip");
    skip.addEventListener("click", close);
    const form = h("form", { class: "card learn", "aria-label": "What answered it?", "data-testid": "learn-card" }, [
      h("h3", {}, "What answered it?"),
      h("label", { class: "learn-asked" }, [h("span", { class: "muted" }, "Customers who ask this in other words, in any language, get the answer at once (edit it down to the question):"), question]),
      h("fieldset", { class: "learn-options" }, options),
      h("div", { class: "reply-actions" }, [skip, state, save]),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const choice = (form.querySelector("input[name=learn-choice]:checked") || {}).value || "none";
      let body = { taught: "none" };
      const asked = { question: question.value.trim() || offer.question };
      if (choice.startsWith("section:")) {
        const s = sections[Number(choice.split(":")[1])];
        body = { taught: "section", source: s.source, headings: s.headings, ...asked };
      } else if (choice === "reply") {
        body = { taught: "reply", text: reply.value.trim(), lang: offer.reply_lang || offer.lang, ...asked };
      }
      save.disabled = true;
      try {
        const result = await api(`/v1/handoffs/${encodeURIComponent(caseId)}/learn`, { method: "POST", body });
        state.textContent = result.learned
          ? (result.learned.status === "draft" ? "Saved as a draft: a second agent approves it." : "Learned: similar questions get this answer now.")
          : "Noted: nothing learned.";
        setTimeout(close, 2500);
      } catch (err) {
        state.textContent = err.message;
        save.disabled = false;
      }
    });
    card = form;
    inbox.caseScroll.prepend(form);
    inbox.caseScroll.scrollTop = 0;
  }

  document.addEventListener("triage:resolved", (event) => ask(event.detail.id));
  document.addEventListener("triage:case", (event) => {
    if (card && event.detail && event.detail.status !== "resolved") close();
  });
})();
