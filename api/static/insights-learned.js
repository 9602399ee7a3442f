/* The learned answers on the insights page: see, edit, approve, pause, retire and merge them; and
   "Write the answer" for a content gap, which teaches the whole group at once. */
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ui = () => window.TriageInsights;
  const STATUS = { active: "In service", draft: "Draft", paused: "Paused", retired: "Retired" };

  async function send(path, method, body) {
    return (await ui().call(path, { method, body })).json();
  }

  async function load() {
    const { h } = ui();
    $("learned-state").textContent = "Loading…";
    try {
      const data = await (await ui().call(`/v1/learned?status=${$("learned-status").value}`)).json();
      $("learned-state").textContent = data.items.length ? `${data.items.length} learned answers` : "Nothing learned yet: agents teach it when they resolve a case.";
      const head = h("tr", {}, ["Status", "Answer", "Questions", "Used", "👍 / 👎", ""].map((t) => h("th", {}, t)));
      $("learned").replaceChildren(h("thead", {}, head), h("tbody", {}, data.items.map((item) => row(item, data.items))));
    } catch (err) {
      $("learned-state").textContent = err.message;
    }
  }

  function row(item, all) {
    const { h } = ui();
    const answer = item.kind === "section" ? [h("strong", {}, "KB section "), `${item.source} › ${item.headings}`] : item.text;
    const actions = h("div", { class: "learned-actions" });
    const act = (label, testid, run) => {
      const b = h("button", { type: "button", class: "button", "data-testid": testid }, label);
      b.addEventListener("click", async () => {
        b.disabled = true;
        try {
          await run();
          await load();
        } catch (err) {
          $("learned-state").textContent = err.message;
          b.disabled = false;
        }
      });
      actions.append(b);
    };
    const path = `/v1/learned/${encodeURIComponent(item.id)}`;
    if (item.kind === "text") act("Edit", "learned-edit", async () => {
      const text = prompt("The answer customers get:", item.text);
      if (text && text.trim() && text !== item.text) await send(path, "PATCH", { text });
    });
    if (item.status !== "active") act(item.status === "draft" ? "Approve" : "Put in service", "learned-activate", () => send(path, "PATCH", { status: "active" }));
    if (item.status === "active") act("Pause", "learned-pause", () => send(path, "PATCH", { status: "paused" }));
    if (item.status !== "retired") act("Retire", "learned-retire", () => send(path, "PATCH", { status: "retired" }));
    const others = all.filter((o) => o.id !== item.id && o.status !== "retired");
    if (others.length && item.status !== "retired") act("Merge into…", "learned-merge", async () => {
      const names = others.map((o, i) => `${i + 1}: ${o.kind === "section" ? o.headings : (o.text || "").slice(0, 50)}`).join("\n");
      const pick = Number(prompt(`Merge this answer's questions into which one?\n${names}`));
      if (pick >= 1 && pick <= others.length) await send(`${path}/merge`, "POST", { into: others[pick - 1].id });
    });
    return h("tr", { "data-testid": "learned-row", "data-status": item.status }, [
      h("td", {}, [STATUS[item.status], item.paused_why ? h("div", { class: "muted" }, item.paused_why) : null]),
      h("td", {}, answer),
      h("td", {}, h("ul", { class: "examples" }, item.questions.map((q) => h("li", { lang: q.lang }, [h("span", { class: "badge lang" }, q.lang), " ", q.text])))),
      h("td", { class: "num" }, String(item.uses)),
      h("td", { class: "num" }, `${item.thumbs_up} / ${item.thumbs_down}`),
      h("td", {}, actions),
    ]);
  }

  /** "Write the answer" for a content gap: one learned answer for every question of the group. */
  function writeButton(gap) {
    const { h } = ui();
    const b = h("button", { type: "button", class: "button", "data-testid": "gap-write" }, "Write the answer");
    b.addEventListener("click", async () => {
      const lang = gap.examples[0] ? gap.examples[0].lang : "en";
      const text = prompt(`The answer (in ${lang}) for: ${gap.examples.map((e) => e.text).join(" / ")}`);
      if (!text || !text.trim()) return;
      try {
        await send("/v1/learned", "POST", { questions: gap.examples.map((e) => e.text), lang, text });
        b.textContent = "Learned";
        b.disabled = true;
        load();
      } catch (err) {
        $("learned-state").textContent = err.message;
      }
    });
    return b;
  }

  window.TriageLearned = { writeButton, load };
  document.addEventListener("insights:loaded", load);
  document.addEventListener("DOMContentLoaded", () => $("learned-status").addEventListener("change", load));
})();
