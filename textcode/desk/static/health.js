// Rule health: the desk's rule_health reply, and its proposals written as a draft (a YAML
// patch) by the desk's propose_exclusions. Nothing is computed here.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("desk-data").textContent);
  const S = data.strings;
  const token = document.querySelector('meta[name="textcode-token"]').content;
  const $ = (id) => document.getElementById(id);
  const t = (key, values) => (S[key] || key).replace(/\{(\w+)\}/g, (_, k) => String(values?.[k] ?? ""));
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  async function call(tool, args) {
    const response = await fetch(`/api/${tool}`, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Textcode-Token": token },
      body: JSON.stringify(args || {}),
    });
    const reply = await response.json();
    if (!response.ok) throw new Error(reply.error ? reply.error.message : response.statusText);
    return reply;
  }
  document.querySelectorAll("[data-s]").forEach((n) => { n.textContent = t(n.dataset.s); });
  document.title = `${S.health_title} · textcode`;
  const say = (text, error) => { $("status").textContent = text; $("status").classList.toggle("error", !!error); };

  async function load() {
    const health = await call("rule_health", { limit: 200 });
    $("rules").tBodies[0].replaceChildren(...health.rules.map((r) => {
      const row = el("tr");
      [r.rule, r.code, r.accepted, r.rejected, r.precision === null ? "–" : r.precision.toFixed(2)]
        .forEach((v) => row.append(el("td", String(v))));
      return row;
    }));
    const box = $("exclusions");
    if (!health.exclusions.length) { box.replaceChildren(el("p", S.no_exclusions)); $("b-patch").disabled = true; return; }
    box.replaceChildren(...health.exclusions.map((p) => {
      const div = el("div", null, "exclusion");
      const label = el("label"); const check = el("input");
      check.type = "checkbox"; check.checked = true; check.dataset.rule = p.rule; check.dataset.word = p.word;
      label.append(check, ` ${p.rule}: `, el("strong", p.word));
      div.append(label, el("p", t("exclusion_counts", { word: p.word, rw: p.rejected_with, r: p.rejected, aw: p.accepted_with, a: p.accepted })));
      div.append(el("p", `${S.proposed_rule}: `), el("code", p.proposed));
      p.evidence.forEach((e) => div.append(el("blockquote", `${e.response_id}: ${e.context}`)));
      return div;
    }));
  }
  $("b-patch").addEventListener("click", async () => {
    const choices = [...document.querySelectorAll("#exclusions input:checked")]
      .map((c) => ({ rule: c.dataset.rule, word: c.dataset.word }));
    if (!choices.length) return;
    try { say(t("patch_written", { path: (await call("propose_exclusions", { choices })).path })); }
    catch (err) { say(t("error", { message: err.message }), true); }
  });
  load().catch((err) => say(t("error", { message: err.message }), true));
})();
