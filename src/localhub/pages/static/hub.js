// The Local Hub's one script: the inference widget on model pages. It calls the Hub's own Inference API
// (POST /models/{id}, or /pipeline/feature-extraction for sentence similarity) from the page, with the page's
// session cookie, and draws the answer. No inline script anywhere: the pages' CSP allows only this file.
"use strict";

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children || []) node.append(child);
  return node;
}

async function callApi(model, body, task) {
  const url = "/models/" + model + (task ? "/pipeline/" + task : "");
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.status + " " + response.statusText);
  return data;
}

function bars(items) {
  // [{label, score}] as labelled bars, highest first
  const list = el("ol", { class: "bars" });
  for (const item of items.slice().sort((a, b) => b.score - a.score)) {
    const pct = (100 * item.score).toFixed(1);
    const bar = el("span", { class: "bar" });
    bar.style.width = pct + "%";
    list.append(el("li", { class: "label-score" }, [el("span", { class: "label" }, [item.label]), bar,
      el("span", { class: "score" }, [item.score.toFixed(3)])]));
  }
  return list;
}

function meanPool(tokens) {
  // feature-extraction gives [tokens][dim] per sentence: the sentence vector is the mean over tokens
  const dim = tokens[0].length;
  const out = new Array(dim).fill(0);
  for (const t of tokens) for (let i = 0; i < dim; i++) out[i] += t[i] / tokens.length;
  return out;
}

function cosine(a, b) {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
}

function sentenceVector(output) {
  // [1][tokens][dim] (one sentence) or [tokens][dim] or an already pooled [dim]
  let v = output;
  while (Array.isArray(v[0]) && Array.isArray(v[0][0])) v = v[0];
  return Array.isArray(v[0]) ? meanPool(v) : v;
}

const RENDER = {
  "text-classification": (out) => bars(Array.isArray(out[0]) ? out[0] : out),
  "fill-mask": (out) => bars(out.map((o) => ({ label: o.token_str, score: o.score }))),
  "token-classification": (out, text) => {
    const p = el("p", { class: "entities" });
    let at = 0;
    for (const ent of out) {
      p.append(text.slice(at, ent.start));
      p.append(el("mark", { class: "entity", title: (ent.score || 0).toFixed(3) },
        [text.slice(ent.start, ent.end), el("span", { class: "tag" }, [ent.entity_group || ent.entity])]));
      at = ent.end;
    }
    p.append(text.slice(at));
    return out.length ? p : el("p", {}, ["No entities found."]);
  },
  "feature-extraction": (out) => {
    const v = sentenceVector(out);
    return el("p", { class: "vector" }, [`A vector of ${v.length} numbers: [${v.slice(0, 6).map((x) => x.toFixed(3)).join(", ")}, …]`]);
  },
};

async function run(form) {
  const kind = form.dataset.widget;
  const model = form.dataset.model;
  const output = form.querySelector(".output");
  const button = form.querySelector("button[type=submit]");
  output.replaceChildren(el("p", { class: "loading" }, ["Computing… (the first call loads the model)"]));
  button.disabled = true;
  const started = performance.now();
  try {
    let result;
    if (kind === "sentence-similarity") {
      const source = form.elements.source.value;
      const sentences = form.elements.sentences.value.split("\n").map((s) => s.trim()).filter(Boolean);
      const vectors = [];
      for (const s of [source, ...sentences]) {
        vectors.push(sentenceVector(await callApi(model, { inputs: s }, "feature-extraction")));
      }
      result = bars(sentences.map((s, i) => ({ label: s, score: cosine(vectors[0], vectors[i + 1]) })));
    } else {
      const text = form.elements.inputs.value;
      result = RENDER[kind](await callApi(model, { inputs: text }), text);
    }
    const ms = Math.round(performance.now() - started);
    output.replaceChildren(result, el("p", { class: "timing" }, [`Computed in ${ms} ms`]));
  } catch (err) {
    output.replaceChildren(el("p", { class: "error", role: "alert" }, [String(err.message || err)]));
  } finally {
    button.disabled = false;
  }
}

function setUpWidget(form) {
  const examples = JSON.parse(form.dataset.examples || "[]");
  const picker = form.querySelector("select.examples");
  if (picker) {
    picker.addEventListener("change", () => {
      const ex = examples[Number(picker.value)];
      if (form.elements.inputs) form.elements.inputs.value = ex.text || "";
      if (form.elements.source) {
        form.elements.source.value = ex.source_sentence || "";
        form.elements.sentences.value = (ex.sentences || []).join("\n");
      }
    });
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); run(form); });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.widget").forEach(setUpWidget);
  document.querySelectorAll(".filter-search select[name=sort]").forEach((s) =>
    s.addEventListener("change", () => s.form.submit()));
});
