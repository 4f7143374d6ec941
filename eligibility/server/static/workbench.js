// The reviewer's workbench: a batch dropped here is screened by /v1/screen; the table is
// filtered and sorted in the page; a row opens that file's findings; downloads screen the
// same files again in the format asked for. Nothing is kept on the server.
"use strict";
(function () {
  const E = window.Eligibility;
  const bench = document.getElementById("bench");
  if (!bench) return;
  const lang = bench.dataset.lang;
  const words = bench.dataset;
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const table = document.getElementById("rows");
  const tbody = table.querySelector("tbody");
  const filters = document.getElementById("filters");
  const summary = document.getElementById("summary");
  const problem = document.getElementById("problem");
  const dialog = document.getElementById("report");
  let files = [];
  let screened = null;

  function verdictWord(v) { return words["w" + v[0].toUpperCase() + v.slice(1)] || v; }

  function formData() {
    const data = new FormData();
    files.forEach((f) => data.append("files", f, f.name));
    return data;
  }

  async function screen(chosen) {
    files = Array.from(chosen);
    if (!files.length) return;
    problem.hidden = true;
    const response = await fetch("/v1/screen?details=true&lang=" + lang, { method: "POST", body: formData() });
    if (!response.ok) {
      problem.textContent = await E.problemText(response);
      problem.hidden = false;
      return;
    }
    screened = await response.json();
    const s = screened.summary;
    const counts = Object.entries(s.by_verdict).map(([v, n]) => verdictWord(v) + " " + n).join(", ");
    summary.textContent = words.wFiles + " " + s.files + " · " + words.wPlans + " " + s.plans + " · " + counts;
    summary.dataset.verdict = s.verdict;
    filters.hidden = false;
    table.hidden = false;
    render();
  }

  function problemsOf(row) {
    const parts = [];
    if (row.failed.length) parts.push("fail: " + row.failed.join(", "));
    if (row.missing.length) parts.push("missing/invalid: " + row.missing.join(", "));
    if (row.review.length) parts.push("review: " + row.review.join(", "));
    return parts.join("; ") || row.error || "";
  }

  function render() {
    if (!screened) return;
    const verdict = document.getElementById("f-verdict").value;
    const track = document.getElementById("f-track").value;
    const needle = document.getElementById("f-search").value.trim().toLowerCase();
    let rows = screened.rows.filter((r) => {
      if (verdict && r.verdict !== verdict) return false;
      if (track && r.track !== track) return false;
      if (!needle) return true;
      return [r.file, r.applicant, r.plan, r.track, problemsOf(r)].join(" ").toLowerCase().includes(needle);
    });
    if (document.getElementById("f-sort").checked) {
      const key = (r) => (r.closest ? r.closest.relative : Infinity);
      rows = rows.slice().sort((a, b) => key(a) - key(b));
    }
    tbody.replaceChildren(...rows.map((r) => {
      const margin = r.closest ? r.closest.margin + " (" + (100 * r.closest.relative).toFixed(1) + " %, " + r.closest.rule + ")" : "";
      const tr = E.el("tr", { class: r.verdict, "data-verdict": r.verdict, tabindex: "0" }, [
        E.el("td", { text: r.file }),
        E.el("td", { text: r.applicant || "" }),
        E.el("td", { text: r.plan || "" }),
        E.el("td", { text: r.track || "" }),
        E.el("td", { class: "v", text: verdictWord(r.verdict) }),
        E.el("td", { text: margin }),
        E.el("td", { text: problemsOf(r) }),
      ]);
      tr.addEventListener("click", () => open(r));
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") open(r); });
      return tr;
    }));
  }

  function open(row) {
    const result = row.result === null || row.result === undefined ? null : screened.results[row.result];
    const body = document.getElementById("report-body");
    document.getElementById("report-title").textContent = row.file;
    body.replaceChildren();
    if (!result) {
      body.append(E.el("p", { class: "problem", text: row.error || "" }));
      dialog.showModal();
      return;
    }
    body.append(E.el("p", {}, [
      E.el("span", { class: "verdict " + result.verdict, text: verdictWord(result.verdict) }),
      E.el("span", { text: " " + (result.applicant.name || "") + " · " + result.ruleset.id + " " + result.ruleset.version + " · sha256 " + (result.sha256 || "") }),
    ]));
    const sections = [[words.wApplicant, result.applicant.findings]];
    result.plans.forEach((p) => sections.push([p.id + " — " + (p.track || "?") + ": " + verdictWord(p.verdict), p.findings]));
    sections.forEach(([title, findings]) => {
      if (!findings.length) return;
      body.append(E.el("h3", { text: title }));
      const head = E.el("tr", {}, words.wColumns.split("|").map((h) => E.el("th", { text: h })));
      const rows = findings.map((f) => E.el("tr", {}, [
        E.el("td", {}, [E.el("code", { text: f.rule })]),
        E.el("td", { class: f.status, text: (E.MARK[f.status] || "") + " " + f.status }),
        E.el("td", { text: f.given || "" }),
        E.el("td", { text: f.threshold || "" }),
        E.el("td", { text: f.margin || "" }),
        E.el("td", { text: f.message }),
        E.el("td", { text: f.source || "" }),
      ]));
      body.append(E.el("table", {}, [head, ...rows]));
    });
    dialog.showModal();
  }

  async function download(format) {
    const response = await fetch("/v1/screen?format=" + format + "&lang=" + lang, { method: "POST", body: formData() });
    if (!response.ok) {
      problem.textContent = await E.problemText(response);
      problem.hidden = false;
      return;
    }
    E.save("screening." + format, response.headers.get("content-type"), await response.blob());
  }

  input.addEventListener("change", () => screen(input.files));
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => { e.preventDefault(); screen(e.dataTransfer.files); });
  ["f-verdict", "f-track", "f-search", "f-sort"].forEach((id) => document.getElementById(id).addEventListener("input", render));
  document.getElementById("f-sort").addEventListener("change", render);
  filters.querySelectorAll("[data-download]").forEach((b) => b.addEventListener("click", () => download(b.dataset.download)));
})();
