// The self-check page: what the applicant fills in is checked as they type (a debounced POST
// of the application's JSON to /v1/check); nothing is kept anywhere but in this page.
"use strict";
(function () {
  const E = window.Eligibility;
  const form = document.getElementById("application");
  const results = document.getElementById("results");
  if (!form || !results) return;
  const lang = form.dataset.lang;
  const words = results.dataset;
  const verdictBadge = document.getElementById("verdict");
  const list = document.getElementById("findings");
  const problem = document.getElementById("problem");
  const checkedFile = document.getElementById("checked-file");
  let timer = null;
  let sequence = 0;

  document.getElementById("track").addEventListener("change", () => {
    document.getElementById("track-form").submit();
  });

  function put(doc, path, value) {
    const keys = path.split(".");
    let node = doc;
    keys.slice(0, -1).forEach((k) => { node = node[k] = node[k] || {}; });
    node[keys[keys.length - 1]] = value;
  }

  function collect() {
    const applicant = {};
    const plan = { id: "", track: form.dataset.track };
    form.querySelectorAll("[data-doc]").forEach((input) => {
      const raw = input.value.trim();
      if (raw === "") return;
      let value = raw;
      if (input.dataset.kind === "bool") value = raw === "true";
      const [root, ...rest] = input.dataset.doc.split(".");
      put(root === "applicant" ? applicant : plan, rest.join("."), value);
    });
    return { applicant: applicant, plans: [plan] };
  }

  function show(result) {
    problem.hidden = true;
    verdictBadge.className = "verdict " + result.verdict;
    verdictBadge.textContent = words["w" + result.verdict[0].toUpperCase() + result.verdict.slice(1)] || result.verdict;
    verdictBadge.dataset.verdict = result.verdict;
    checkedFile.textContent = result.file + " · " + result.ruleset.id + " " + result.ruleset.version;
    list.replaceChildren();
    form.querySelectorAll("output.inline").forEach((o) => { o.replaceChildren(); });
    const groups = [[words.wApplicant, result.applicant.findings, "applicant."]];
    result.plans.forEach((p) => groups.push([words.wPlan + " " + p.id, p.findings, ""]));
    groups.forEach(([title, findings, prefix]) => {
      findings.forEach((f) => {
        list.append(E.findingItem(f, { margin: words.wMargin, needed: words.wNeeded }));
        if (!f.field) return;
        const out = form.querySelector('output.inline[data-for="' + CSS.escape(prefix + f.field) + '"]');
        if (out) {
          const text = (E.MARK[f.status] || "") + " " + f.message + (f.margin ? " (" + words.wMargin + " " + f.margin + ")" : "");
          out.append(E.el("span", { class: f.status, text: text }), E.el("br"));
        }
      });
    });
  }

  function showProblem(text) {
    verdictBadge.className = "verdict error";
    verdictBadge.textContent = words.wError;
    verdictBadge.dataset.verdict = "error";
    list.replaceChildren();
    problem.textContent = text;
    problem.hidden = false;
  }

  async function post(body, headers) {
    const mine = ++sequence;
    verdictBadge.textContent = words.wWaiting;
    const response = await fetch("/v1/check?lang=" + lang, { method: "POST", headers: headers, body: body });
    if (mine !== sequence) return; // a later edit has been sent since
    if (response.ok) show(await response.json());
    else showProblem(await E.problemText(response));
  }

  function checkForm() {
    post(JSON.stringify(collect()), { "content-type": "application/json" }).catch((e) => showProblem(String(e)));
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(checkForm, 250);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (e) => { e.preventDefault(); checkForm(); });

  document.getElementById("upload").addEventListener("change", (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const data = new FormData();
    data.append("file", file, file.name);
    post(data, {}).catch((err) => showProblem(String(err)));
  });

  function tomlString(s) { return JSON.stringify(s); }
  function tomlValue(v) {
    if (typeof v === "boolean") return v ? "true" : "false";
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v; // a TOML date, as the template writes it
    return tomlString(v);
  }
  function toToml(doc) {
    const lines = ["[applicant]"];
    Object.entries(doc.applicant).forEach(([k, v]) => lines.push(k + " = " + tomlValue(v)));
    const plan = doc.plans[0];
    lines.push("", "[[plans]]");
    const blocks = [];
    Object.entries(plan).forEach(([k, v]) => {
      if (typeof v === "object") blocks.push([k, v]);
      else lines.push(k + " = " + tomlValue(v));
    });
    blocks.forEach(([name, table]) => {
      lines.push("", "[plans." + name + "]");
      Object.entries(table).forEach(([k, v]) => lines.push(k + " = " + tomlValue(v)));
    });
    return lines.join("\n") + "\n";
  }
  function fileName(suffix) {
    const plan = collect().plans[0];
    return (plan.id || "application").replace(/[^A-Za-z0-9._-]/g, "_") + suffix;
  }
  document.getElementById("save-toml").addEventListener("click", () => {
    E.save(fileName(".toml"), "application/toml", toToml(collect()));
  });
  document.getElementById("save-json").addEventListener("click", () => {
    E.save(fileName(".json"), "application/json", JSON.stringify(collect(), null, 2) + "\n");
  });
  document.getElementById("save-xlsx").addEventListener("click", async () => {
    // the form workbook is written by the server, which knows the form's layout
    const name = fileName(".xlsx");
    try {
      const response = await fetch("/v1/workbook", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(collect()),
      });
      if (response.ok) E.save(name, response.headers.get("content-type"), await response.blob());
      else showProblem(await E.problemText(response));
    } catch (e) {
      showProblem(String(e));
    }
  });
  document.getElementById("print-form").addEventListener("submit", () => {
    document.getElementById("print-application").value = JSON.stringify(collect());
  });
  checkForm();
})();
