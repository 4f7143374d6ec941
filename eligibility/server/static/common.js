// Shared by the pages: building elements without innerHTML (every value is text), saving a
// download, and reading a problem+json answer.
"use strict";
window.Eligibility = (function () {
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) return;
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.append(c));
    return node;
  }
  function save(name, type, content) {
    const blob = content instanceof Blob ? content : new Blob([content], { type: type });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  async function problemText(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || String(response.status);
    } catch (e) {
      return String(response.status);
    }
  }
  const MARK = { pass: "✓", fail: "✗", missing: "?", invalid: "!", review: "~" };
  function findingItem(f, words) {
    const meta = [];
    if (f.given) meta.push(f.given);
    if (f.threshold) meta.push(f.threshold);
    if (f.margin) meta.push(words.margin + " " + f.margin);
    if (f.needed) meta.push(words.needed + " " + f.needed);
    return el("li", { class: "finding " + f.status, "data-rule": f.rule, "data-status": f.status }, [
      el("span", { class: f.status, text: (MARK[f.status] || "") + " " + f.status + " " }),
      el("code", { text: f.rule }),
      el("span", { text: " " + f.message }),
      el("span", { class: "meta", text: meta.join(" · ") }),
    ]);
  }
  return { el: el, save: save, problemText: problemText, findingItem: findingItem, MARK: MARK };
})();
