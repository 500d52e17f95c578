// The review desk's page: asks the desk (POST /api/<tool>) and shows what it answers.
// No review logic lives here: every decision is one desk call, checked and recorded there.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("desk-data").textContent);
  const S = data.strings, cfg = data.settings;
  const token = document.querySelector('meta[name="textcode-token"]').content;
  const $ = (id) => document.getElementById(id);
  const t = (key, values) => (S[key] || key).replace(/\{(\w+)\}/g, (_, k) => String(values?.[k] ?? ""));
  const state = { item: null, history: [], pos: -1, codes: {}, selection: null, target: null,
                  decidedOffset: 0 };

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
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function fillList(id, values, box) {
    const list = $(id); list.replaceChildren(...values.map((v) => el("li", v)));
    if (box) $(box).hidden = values.length === 0;
  }
  function say(text, error) { const s = $("status"); s.textContent = text; s.classList.toggle("error", !!error); }
  function failed(err) { say(t("error", { message: err.message }), true); }

  // ------------------------------------------------------------------ set-up
  document.querySelectorAll("[data-s]").forEach((n) => { n.textContent = t(n.dataset.s); });
  $("title").textContent = S.title;
  $("reviewer").textContent = `${S.reviewer}: ${cfg.reviewer}`;
  function options(select, values, label, none) {
    const items = none ? [["", S.all]] : [];
    values.forEach((v) => items.push([v, label(v)]));
    select.replaceChildren(...items.map(([v, l]) => { const o = el("option", l); o.value = v; return o; }));
  }
  options($("f-order"), cfg.orders, (o) => S[`order.${o}`] || o);
  $("f-order").value = cfg.order;
  options($("f-question"), cfg.questions, (q) => q, true);
  options($("f-code"), cfg.codes, (c) => (cfg.labels[c] ? `${cfg.labels[c]} (${c})` : c), true);
  function filters() {
    const f = { order: $("f-order").value };
    if ($("f-question").value) f.question = $("f-question").value;
    if ($("f-code").value) f.code = $("f-code").value;
    if ($("f-rule").value.trim()) f.rule = $("f-rule").value.trim();
    return f;
  }

  // ------------------------------------------------------------------ showing an item
  function renderText(item, added) {
    const text = item.text ?? item.evidence, box = $("answer");
    const marks = [];
    if (item.text !== null) {
      marks.push([item.start, item.end, "current", item.code]);
      item.spans.forEach((s) => marks.push([s.start, s.end, "same", s.code]));
      item.others.forEach((s) => marks.push([s.start, s.end, "other", `${s.label || s.code}`]));
      added.forEach((a) => marks.push([a.start, a.end, "added", a.code]));
    } else marks.push([0, text.length, "current", item.code]);
    const cuts = new Set([0, text.length]);
    marks.forEach(([a, b]) => { if (a >= 0 && b <= text.length && a < b) { cuts.add(a); cuts.add(b); } });
    const points = [...cuts].sort((x, y) => x - y), nodes = [];
    const rank = { current: 0, added: 1, same: 2, other: 3 };
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]], piece = text.slice(a, b);
      const over = marks.filter(([x, y]) => x <= a && b <= y && x < y).sort((m, n) => rank[m[2]] - rank[n[2]]);
      if (!over.length) { nodes.push(document.createTextNode(piece)); continue; }
      const mark = el("mark", piece, over[0][2]);
      mark.title = [...new Set(over.map((m) => m[3]))].join(", ");
      nodes.push(mark);
    }
    box.replaceChildren(...nodes);
  }
  // The coder's sentence is in the codebook's language (textcode/lang/<code>/explanation.py);
  // the page says it with its own words from the item's fields and keeps the coder's notes,
  // found after the verb of the sentence's "rule" part ("matched", "vond").
  function explain(item) {
    if (!S.explain) return item.explanation;
    const after = item.explanation.split(/ (?:matched|vond) /)[1] || "";
    const notes = after.split("; ")[0].replace(/\.$/, "");
    const plain = ["the rule", "wat de regel zoekt"].includes(notes);
    const found = notes && !plain ? notes : `“${item.evidence}”`;
    const cues = item.polarity_cues.length && S[`explain.${item.polarity}`]
      ? t(`explain.${item.polarity}`, { cues: item.polarity_cues.map((c) => `“${c}”`).join(", ") }) : "";
    return t("explain", { rule: item.rule, found, cues });
  }
  function spanLine(s) { return `${s.label ? s.label + " " : ""}${s.code}: “${s.evidence}” (${s.rule}, ${S[`decision.${s.decision}`] || s.decision})`; }

  async function show(item) {
    state.item = item; clearSelection();
    if (!item) {
      $("meta").textContent = ""; $("answer").replaceChildren(el("em", S.done));
      ["code-label", "code-id", "verdict", "definition", "explanation", "polarity"].forEach((id) => { $(id).textContent = ""; });
      ["examples", "counter-examples", "exclusions", "spans", "others", "added", "team"].forEach((id) => $(id).replaceChildren());
      return;
    }
    const window = item.text_window ? ` · ${item.text_window.from}–${item.text_window.to} / ${item.text_window.length}` : "";
    $("meta").textContent = `${S.respondent} ${item.response_id} · ${S.question} ${item.question}${window}`;
    renderText(item, []);
    $("code-label").textContent = item.label || item.code;
    $("code-id").textContent = `${item.code} · ${item.rule} · ${S.confidence} ${item.confidence.toFixed(2)}`;
    const verdict = $("verdict");
    verdict.textContent = `${S.decision}: ${S[`decision.${item.decision}`] || item.decision}`;
    verdict.className = `verdict ${item.decision}`;
    $("definition").textContent = item.definition;
    $("explanation").textContent = explain(item);
    const cues = item.polarity_cues.length ? ` (${item.polarity_cues.join(", ")})` : "";
    $("polarity").textContent = `${S[`polarity.${item.polarity}`] || item.polarity}${cues}. ${S.polarity_note}`;
    fillList("examples", item.examples, "examples-box");
    fillList("counter-examples", item.counter_examples, "counter-box");
    fillList("exclusions", item.exclusions, "exclusions-box");
    fillList("spans", item.spans.map(spanLine), "spans-box");
    fillList("others", item.others.length ? item.others.map(spanLine) : [S.no_others]);
    enrich(item);
  }
  async function enrich(item) {
    try {
      const [answer, team] = await Promise.all([
        call("read_answer", { response_id: item.response_id, question: item.question }),
        call("team", { response_id: item.response_id, question: item.question }),
      ]);
      if (state.item !== item) return;
      const shift = (answer.text_window?.from || 0) - (item.text_window?.from || 0);
      const added = answer.added.filter((a) => a.start !== undefined)
        .map((a) => ({ ...a, start: a.start + shift, end: a.end + shift }));
      // The answer is drawn again with the codes added by hand; words the reviewer selected
      // meanwhile stay selected (replacing the text nodes would drop the selection).
      const kept = readSelection();
      renderText(item, added);
      const from = item.text_window?.from || 0;
      if (kept) selectText($("answer"), kept.start - from, kept.end - from);
      fillList("added", answer.added.map((a) => (a.evidence ? `${a.code}: “${a.evidence}”` : a.code)), "added-box");
      fillList("team", (team.verdicts || []).map((v) => `${v.reviewer}: ${v.code} ${S[`decision.${v.decision}`] || v.decision}`), "team-box");
    } catch (err) { failed(err); }
  }
  function progress(p) {
    if (!p) return;
    $("progress").max = Math.max(1, p.total); $("progress").value = p.decided;
    $("progress-text").textContent = t("decided_of", p) + (p.skipped ? ` · ${t("skipped", { n: p.skipped })}` : "");
  }

  // ------------------------------------------------------------------ the queue
  async function next() {
    const reply = await call("next_item", { count: 1, ...filters() });
    progress(reply.progress);
    const item = reply.items[0] || null;
    state.history = state.history.slice(0, state.pos + 1);
    if (item && state.history[state.history.length - 1] !== item.suggestion_id) state.history.push(item.suggestion_id);
    state.pos = state.history.length - 1;
    if (!item) state.pos = state.history.length;
    await show(item);
  }
  async function open(suggestionId) { await show((await call("item", { suggestion_id: suggestionId })).item); }
  async function move(step) {
    const pos = state.pos + step;
    if (pos < 0) return;
    if (pos >= state.history.length) { state.pos = state.history.length - 1; return next(); }
    state.pos = pos; await open(state.history[pos]);
  }
  const atHead = () => state.pos >= state.history.length - 1;
  async function afterDecision(reply, message) {
    progress(reply.progress);
    say(reply.unchanged && reply.unchanged.length && !reply.recorded.length ? S.unchanged : message);
    if (atHead()) await next(); else await open(state.history[state.pos]);
    agreement();
  }
  async function decide(verdict) {
    const item = state.item; if (!item) return;
    const reply = await call("decide", { verdicts: [{ suggestion_id: item.suggestion_id, verdict }] });
    await afterDecision(reply, S[`saved_${verdict}`]);
  }
  async function skip() {
    const item = state.item; if (!item) return;
    const reply = await call("skip", { suggestion_ids: [item.suggestion_id] });
    progress(reply.progress); say(S.skipped_one);
    state.pos = state.history.length - 1; await next();
  }
  async function undo() {
    const reply = await call("undo", {});
    progress(reply.progress);
    if (!reply.count) { say(S.nothing_to_undo); return; }
    say(t("undone", { n: reply.count }));
    state.history = state.history.slice(0, state.pos); state.pos = state.history.length - 1;
    await next(); agreement();
  }

  // ------------------------------------------------------------------ selecting words
  function offsetIn(root, node, offset) {
    const range = document.createRange(); range.setStart(root, 0); range.setEnd(node, offset);
    return range.toString().length;
  }
  function readSelection() {
    const sel = window.getSelection(), box = $("answer"), item = state.item;
    if (!item || item.text === null || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
    const text = item.text, word = /[\p{L}\p{N}\]\[_-]/u;
    let a = offsetIn(box, range.startContainer, range.startOffset);
    let b = offsetIn(box, range.endContainer, range.endOffset);
    while (a > 0 && word.test(text[a - 1]) && word.test(text[a])) a--;
    while (b < text.length && word.test(text[b]) && b > 0 && word.test(text[b - 1])) b++;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a >= b) return null;
    const from = item.text_window ? item.text_window.from : 0;
    return { start: a + from, end: b + from, words: text.slice(a, b) };
  }
  function pointAt(root, offset) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      if (offset <= seen + node.length) return [node, offset - seen];
      seen += node.length;
    }
    return [root, root.childNodes.length];
  }
  function selectText(root, start, end) {
    const range = document.createRange();
    range.setStart(...pointAt(root, start)); range.setEnd(...pointAt(root, end));
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  }
  function clearSelection() { state.selection = null; $("selection-bar").hidden = true; }
  document.addEventListener("selectionchange", () => {
    const sel = readSelection();
    if (sel) { state.selection = sel; $("selection-bar").hidden = false; $("selection-words").textContent = `“${sel.words}”`; }
  });

  // ------------------------------------------------------------------ adding a code
  let choices = [], chosen = 0;
  async function openAdd() {
    const item = state.item; if (!item) return;
    state.target = { item, span: readSelection() || state.selection };
    if (!state.codes[item.question]) {
      state.codes[item.question] = (await call("codes_for_question", { question: item.question, limit: 200 })).codes;
    }
    const span = state.target.span;
    $("add-target").textContent = `${S.add_code} ${span ? t("on_words", { words: `“${span.words}”` }) : S.whole_answer}`;
    $("add-search").value = ""; listCodes(); $("add-dialog").showModal(); $("add-search").focus();
  }
  function listCodes() {
    const q = $("add-search").value.trim().toLowerCase();
    choices = state.codes[state.target.item.question].filter((c) =>
      !q || `${c.code} ${c.label} ${c.definition}`.toLowerCase().includes(q));
    chosen = Math.min(chosen, Math.max(0, choices.length - 1));
    if (!q) chosen = 0;
    $("add-list").replaceChildren(...choices.map((c, i) => {
      const li = el("li", c.label); li.append(el("small", `${c.code} · ${c.definition}`));
      li.setAttribute("role", "option"); li.setAttribute("aria-selected", String(i === chosen));
      li.addEventListener("click", () => { chosen = i; addChosen().catch(failed); });
      return li;
    }));
    $("add-list").children[chosen]?.scrollIntoView({ block: "nearest" });
  }
  async function addChosen() {
    const code = choices[chosen]; if (!code) return;
    const { item, span } = state.target;
    $("add-dialog").close();
    const args = { response_id: item.response_id, question: item.question, code: code.code };
    if (span) { args.start = span.start; args.end = span.end; }
    const reply = await call("add_code", args);
    window.getSelection()?.removeAllRanges(); clearSelection();
    progress(reply.progress);
    say(reply.recorded.length ? t("saved_add", { code: code.label || code.code }) : S.unchanged);
    await show(item);
  }
  $("add-search").addEventListener("input", listCodes);
  $("add-search").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { chosen = Math.min(choices.length - 1, chosen + 1); listCodes(); e.preventDefault(); }
    else if (e.key === "ArrowUp") { chosen = Math.max(0, chosen - 1); listCodes(); e.preventDefault(); }
    else if (e.key === "Enter") { e.preventDefault(); addChosen().catch(failed); }
  });
  $("add-cancel").addEventListener("click", () => $("add-dialog").close());

  // ------------------------------------------------------------------ notes
  function openNote() { if (!state.item) return; $("note-text").value = ""; $("note-dialog").showModal(); $("note-text").focus(); }
  async function saveNote() {
    const text = $("note-text").value.trim(); if (!text || !state.item) return;
    $("note-dialog").close();
    const reply = await call("note", { target: state.item.suggestion_id, text });
    say(reply.recorded.length ? S.saved_note : S.unchanged);
  }
  $("note-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); saveNote().catch(failed); }
  });
  $("note-save").addEventListener("click", () => saveNote().catch(failed));
  $("note-cancel").addEventListener("click", () => $("note-dialog").close());

  // ------------------------------------------------------------------ agreement, decided list
  async function agreement() {
    const other = $("agree-with").value, out = $("agreement");
    if (!other) { out.textContent = ""; return; }
    try {
      const a = await call("agreement", { other });
      const st = a.statistics || {};
      out.textContent = a.n_units ? t("agreement_value", {
        percent: st.percent_agreement === null || st.percent_agreement === undefined ? "–" : Math.round(st.percent_agreement * 100),
        kappa: st.cohen_kappa === null || st.cohen_kappa === undefined ? "–" : st.cohen_kappa.toFixed(2), n: a.n_units,
      }) : S.agreement_empty;
    } catch (err) { out.textContent = err.message; }
  }
  async function team() {
    const reply = await call("team", {}), select = $("agree-with"), before = select.value;
    const others = [["", S.agreement_none]];
    if (reply.gold) others.push(["gold", S.gold]);
    reply.reviewers.forEach((r) => others.push([r.reviewer, `${r.reviewer} (${r.decisions})`]));
    others.push(["machine", S.machine]);
    select.replaceChildren(...others.map(([v, l]) => { const o = el("option", l); o.value = v; return o; }));
    select.value = others.some(([v]) => v === before) && before ? before : (others[1] && others[1][0] !== "machine" ? others[1][0] : "");
  }
  $("agree-with").addEventListener("change", agreement);
  async function decidedList(more) {
    if (!more) { state.decidedOffset = 0; $("decided-table").tBodies[0].replaceChildren(); }
    const reply = await call("my_decisions", { offset: state.decidedOffset, limit: 50, ...(filters().question ? { question: filters().question } : {}) });
    reply.items.forEach((d) => {
      const row = el("tr"); row.className = "clickable"; row.tabIndex = 0;
      [d.response_id, d.code, S[`decision.${d.decision}`] || d.decision, d.comment].forEach((v) => row.append(el("td", v)));
      const go = () => { state.history.push(d.suggestion_id); state.pos = state.history.length - 1; open(d.suggestion_id).catch(failed); };
      row.addEventListener("click", go);
      row.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
      $("decided-table").tBodies[0].append(row);
    });
    state.decidedOffset = reply.next_offset ?? state.decidedOffset;
    $("b-more").hidden = reply.next_offset === null;
  }
  $("b-more").addEventListener("click", () => decidedList(true).catch(failed));

  // ------------------------------------------------------------------ buttons and keys
  // Keys and buttons queue up: each action starts when the one before has finished, so a
  // fast reviewer loses no key press and no decision lands on the wrong item.
  let queue = Promise.resolve();
  function guarded(action) {
    return () => { queue = queue.then(action).catch(failed); return queue; };
  }
  const actions = {
    a: guarded(() => decide("accept")), r: guarded(() => decide("reject")), s: guarded(skip),
    u: guarded(undo), n: guarded(openNote), c: guarded(openAdd),
    ArrowLeft: guarded(() => move(-1)), ArrowRight: guarded(() => move(1)),
  };
  const buttons = { "b-accept": "a", "b-reject": "r", "b-skip": "s", "b-undo": "u", "b-note": "n",
                    "b-add": "c", "b-add-selection": "c", "b-prev": "ArrowLeft", "b-next": "ArrowRight" };
  Object.entries(buttons).forEach(([id, key]) => $(id).addEventListener("click", () => actions[key]()));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]")) return;
    const tag = document.activeElement?.tagName;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag)) return;
    const action = actions[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (action) { e.preventDefault(); action(); }
  });
  const refilter = guarded(async () => {
    state.history = []; state.pos = -1;
    const undecided = $("f-undecided").checked;
    $("decided").hidden = undecided;
    if (!undecided) await decidedList(false);
    await next();
  });
  ["f-order", "f-question", "f-code", "f-undecided"].forEach((id) => $(id).addEventListener("change", refilter));
  $("f-rule").addEventListener("change", refilter);

  guarded(async () => { await team(); await next(); agreement(); })();
})();
