// ats-check page: upload a résumé, render the report JSON.
// Report data is untrusted (it quotes the résumé): it is only ever set with textContent,
// never as HTML.
"use strict";

(function () {
  // Findings of these codes are layout risks ("Can an ATS read it"), together with any code
  // the parse-health score part lost points to.
  const PARSE_HEALTH_CODES = new Set([
    "multi-column", "table-layout", "contact-in-header-footer", "text-box", "image-only",
    "images", "tiny-font", "hidden-text", "unmappable-glyphs", "file-too-large",
    "scanned-pages", "header-footer", "link-only-contact", "too-many-pages",
  ]);
  const SEVERITY_ORDER = { error: 0, warning: 1, suggestion: 2 };
  // Long lists show their head; the rest sits in a closed <details>.
  const SUGGESTIONS_SHOWN = 8;
  const MISSING_CHIPS_SHOWN = 24;

  const $ = (id) => document.getElementById(id);
  const form = $("check-form");
  const fileInput = $("file-input");
  const dropZone = $("drop-zone");
  const fileName = $("file-name");
  const roleSelect = $("role-select");
  const jdInput = $("jd-input");
  const jdFileInput = $("jd-file-input");
  const submitBtn = $("submit-btn");
  const statusEl = $("status");
  const errorBox = $("error");
  const errorMessage = $("error-message");
  const results = $("results");

  let chosenFile = null;
  let lastReport = null;
  let lastFile = null;

  // ---- small DOM helpers (text only) ------------------------------------------------------

  function h(tag, opts, children) {
    const el = document.createElement(tag);
    if (opts) {
      if (opts.cls) el.className = opts.cls;
      if (opts.text !== undefined && opts.text !== null) el.textContent = String(opts.text);
      if (opts.attrs) {
        for (const [k, v] of Object.entries(opts.attrs)) el.setAttribute(k, String(v));
      }
    }
    for (const child of children || []) {
      if (child) el.appendChild(child);
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function pct(x) {
    return Math.round((Number(x) || 0) * 100) + "%";
  }

  function scoreClass(score) {
    if (score >= 80) return "good";
    if (score >= 60) return "fair";
    return "poor";
  }

  function bar(value, label, neutral) {
    const fill = h("span", { cls: "bar-fill " + (neutral ? "neutral" : scoreClass(value)) });
    fill.style.width = Math.max(0, Math.min(100, value)) + "%";
    return h("span", { cls: "bar", attrs: { role: "img", "aria-label": label } }, [fill]);
  }

  // ---- form: file picker, drag and drop, roles --------------------------------------------

  function setFile(file) {
    chosenFile = file || null;
    if (chosenFile) {
      fileName.textContent = "Selected: " + chosenFile.name + " (" + formatBytes(chosenFile.size) + ")";
      dropZone.classList.add("has-file");
    } else {
      fileName.textContent = "No file chosen";
      dropZone.classList.remove("has-file");
    }
  }

  function formatBytes(n) {
    if (n < 1024) return n + " bytes";
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + " KB";
    return (n / (1024 * 1024)).toFixed(1) + " MB";
  }

  fileInput.addEventListener("change", () => setFile(fileInput.files && fileInput.files[0]));

  ["dragenter", "dragover"].forEach((type) =>
    dropZone.addEventListener(type, (e) => {
      e.preventDefault();
      dropZone.classList.add("dragging");
    })
  );
  ["dragleave", "dragend"].forEach((type) =>
    dropZone.addEventListener(type, () => dropZone.classList.remove("dragging"))
  );
  dropZone.addEventListener("drop", (e) => {
    e.preventDefault();
    dropZone.classList.remove("dragging");
    const files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length > 0) {
      try {
        fileInput.files = files;
      } catch (_) {
        // Older browsers cannot assign a FileList; the chosen file is kept separately.
      }
      setFile(files[0]);
    }
  });
  // Keep a file dropped by mistake beside the zone from opening in the tab.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  async function loadRoles() {
    try {
      const response = await fetch("/api/v1/roles", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error("status " + response.status);
      const roles = await response.json();
      for (const role of roles) {
        roleSelect.appendChild(h("option", { text: role.name, attrs: { value: role.id } }));
      }
      roleSelect.dataset.loaded = "true";
    } catch (err) {
      statusEl.textContent = "The role list could not be loaded; you can still check a résumé without a role.";
    }
  }

  // ---- submit -----------------------------------------------------------------------------

  function showError(message) {
    errorMessage.textContent = message;
    errorBox.hidden = false;
    results.hidden = true;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    const file = chosenFile || (fileInput.files && fileInput.files[0]);
    if (!file) {
      showError("Choose a résumé file first (PDF, DOCX or text).");
      fileInput.focus();
      return;
    }
    const data = new FormData();
    data.append("file", file, file.name);
    data.append("role", roleSelect.value);
    const jdFile = jdFileInput && jdFileInput.files && jdFileInput.files[0];
    if (jdInput.value.trim() !== "") data.append("jd", jdInput.value);
    else if (jdFile) data.append("jd_file", jdFile, jdFile.name);

    submitBtn.disabled = true;
    submitBtn.textContent = "Checking…";
    statusEl.textContent = "Reading your résumé…";
    try {
      const response = await postWithRetry(data);
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (!response.ok) {
        const why = body && body.error ? body.error : "the server answered " + response.status;
        showError(capitalise(why) + (body && body.code ? " (" + body.code + ", HTTP " + response.status + ")" : ""));
        statusEl.textContent = "";
        return;
      }
      if (!body) throw new Error("the server sent no report");
      lastReport = body;
      lastFile = file;
      render(body);
      statusEl.textContent = "Report ready: score " + body.score.overall + " out of 100.";
      $("results-title").focus();
    } catch (err) {
      showError("The server could not be reached: " + (err && err.message ? err.message : err) + ". Try again.");
      statusEl.textContent = "";
    } finally {
      submitBtn.disabled = false;
      submitBtn.textContent = "Check my résumé";
    }
  });

  // A busy server (503) is asked again a few times, waiting what its Retry-After says (at
  // least 1 s, doubling each time, at most 8 s) plus up to half a second at random, so that a
  // crowd that was turned away together does not come back together. A broken connection is
  // retried the same way: a busy server refuses an upload before reading it and closes the
  // connection, which some browsers report as a network error instead of the 503.
  const BUSY_RETRIES = 4;
  const MAX_BUSY_WAIT_MS = 8000;

  async function postWithRetry(data) {
    let wait = 1000;
    for (let attempt = 0; ; attempt++) {
      let response = null;
      try {
        response = await fetch("/api/v1/analyze", { method: "POST", body: data });
      } catch (err) {
        if (attempt >= BUSY_RETRIES) throw err;
      }
      if (response && (response.status !== 503 || attempt >= BUSY_RETRIES)) return response;
      const asked = response ? Number(response.headers.get("Retry-After")) : NaN;
      if (Number.isFinite(asked) && asked > 0) wait = Math.max(wait, asked * 1000);
      wait = Math.min(wait, MAX_BUSY_WAIT_MS);
      const seconds = Math.ceil(wait / 1000);
      statusEl.textContent =
        (response ? "The server is busy with other résumés" : "The connection to the server broke") +
        "; trying again in " + seconds + " s (try " + (attempt + 2) + " of " + (BUSY_RETRIES + 1) + ")…";
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * 500));
      statusEl.textContent = "Reading your résumé…";
      wait *= 2;
    }
  }

  function capitalise(s) {
    s = String(s);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  $("download-json").addEventListener("click", () => {
    if (!lastReport) return;
    const blob = new Blob([JSON.stringify(lastReport, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { attrs: { href: url, download: "ats-check-report.json" } });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  // The ATS-safe DOCX is made by the server from the same file, on request; nothing is kept.
  $("download-docx").addEventListener("click", async () => {
    if (!lastFile) return;
    const button = $("download-docx");
    const data = new FormData();
    data.append("file", lastFile, lastFile.name);
    button.disabled = true;
    statusEl.textContent = "Writing the ATS-safe version…";
    try {
      const response = await fetch("/api/v1/export", { method: "POST", body: data });
      if (!response.ok) {
        let body = null;
        try {
          body = await response.json();
        } catch (_) {
          body = null;
        }
        throw new Error(body && body.error ? body.error : "the server answered " + response.status);
      }
      const url = URL.createObjectURL(await response.blob());
      const base = lastFile.name.replace(/\.[^.]*$/, "") || "resume";
      const a = h("a", { attrs: { href: url, download: base + "-ats-safe.docx" } });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      statusEl.textContent = "ATS-safe version downloaded.";
    } catch (err) {
      showError("The ATS-safe version could not be made: " + (err && err.message ? err.message : err) + ".");
      statusEl.textContent = "";
    } finally {
      button.disabled = false;
    }
  });

  // ---- render -----------------------------------------------------------------------------

  function render(report) {
    renderScore(report);
    renderParseHealth(report);
    renderSuggestions(report);
    renderKeywords(report);
    renderRoleFit(report);
    renderJobMatch(report);
    renderPreview(report);
    renderSections(report);
    renderBlocked(report);
    results.hidden = false;
  }

  // A file with no text layer, or too little text to judge, gets one blocking finding (shown
  // under "Can an ATS read it") and no other advice.
  function renderBlocked(report) {
    const blocked = !!report.blocked_by;
    for (const id of ["suggestions-card", "keywords", "ats-preview", "sections"]) $(id).hidden = blocked;
    if (blocked) $("role-fit-card").hidden = true;
    document.querySelector(".sections-title").hidden = blocked;
  }

  // "1 pt", "0.8 pts".
  function points(x) {
    const r = round1(x);
    return r + (r === 1 ? " pt" : " pts");
  }

  // Link kinds as the brands spell themselves.
  const LINK_LABELS = { linkedin: "LinkedIn", github: "GitHub", scholar: "Google Scholar", kaggle: "Kaggle", portfolio: "Portfolio", other: "Link" };

  function renderScore(report) {
    const overall = report.score.overall;
    $("score-overall").textContent = String(overall);
    const ring = $("score-ring");
    ring.className = "score-ring " + scoreClass(overall);
    $("score-label").textContent =
      (report.role ? "Score for " + report.role.name : "Overall score (no role chosen)") +
      ": " + overall + " out of 100";
    const src = report.source || {};
    const parts = [String(src.format || "").toUpperCase()];
    if (src.pages) parts.push(src.pages + (src.pages === 1 ? " page" : " pages"));
    if (src.words !== undefined) parts.push(src.words + (src.words === 1 ? " word" : " words"));
    if (src.producer) parts.push("made with " + src.producer);
    $("source-info").textContent = parts.filter(Boolean).join(" · ");
    const impact = report.impact;
    $("impact-info").textContent = impact && impact.bullets
      ? impact.bullets + " bullets: " + impact.quantified + " with a measurable result, " +
        impact.action_led + " open with an action verb"
      : "";

    const list = $("score-parts");
    clear(list);
    for (const part of report.score.parts || []) {
      list.appendChild(
        h("li", { cls: "score-part", attrs: { "data-part": part.id } }, [
          h("span", { cls: "part-name", text: part.name }),
          bar(part.score, part.name + ": " + part.score + " out of 100"),
          h("span", { cls: "part-score", text: part.score }),
          h("span", { cls: "part-weight muted", text: "weight " + Math.round(part.weight * 100) + "%" }),
        ])
      );
    }
  }

  function parseHealthCodes(report) {
    const codes = new Set(PARSE_HEALTH_CODES);
    for (const part of report.score.parts || []) {
      if (part.id === "parse-health") for (const lost of part.lost || []) codes.add(lost.code);
    }
    return codes;
  }

  function findingItem(f) {
    const sev = f.severity || "suggestion";
    const item = h("li", { cls: "finding sev-" + sev, attrs: { "data-code": f.code } }, [
      h("span", { cls: "badge badge-" + sev, text: sev }),
      h("div", { cls: "finding-body" }, [
        h("p", { cls: "finding-message", text: f.message }),
        f.suggestion ? h("p", { cls: "finding-suggestion", text: f.suggestion }) : null,
        f.evidence ? h("p", { cls: "finding-evidence" }, [h("q", { text: f.evidence })]) : null,
        h("p", { cls: "finding-code muted small", text: f.code + (f.points ? " · −" + points(f.points) : "") }),
      ]),
    ]);
    return item;
  }

  function round1(x) {
    return Math.round(x * 10) / 10;
  }

  function bySeverity(a, b) {
    return (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3);
  }

  function renderParseHealth(report) {
    const codes = parseHealthCodes(report);
    const risks = (report.findings || []).filter((f) => codes.has(f.code)).sort(bySeverity);
    const part = (report.score.parts || []).find((p) => p.id === "parse-health");
    $("parse-health-score").textContent = part ? part.score + " / 100" : "";
    const list = $("layout-risks");
    clear(list);
    if (risks.length === 0) {
      list.appendChild(h("li", { cls: "finding ok", text: "No layout risks found: an ATS should read this file in order." }));
    } else {
      for (const f of risks) list.appendChild(findingItem(f));
    }
    $("ats-text-pre").textContent = report.text || "(no text could be read)";
  }

  // Puts `items` in `head` up to `shown`, the rest in the `<details>` `more` (list `rest`).
  function splitList(items, shown, head, more, rest, noun) {
    clear(head);
    clear(rest);
    items.slice(0, shown).forEach((item) => head.appendChild(item));
    const extra = items.slice(shown);
    extra.forEach((item) => rest.appendChild(item));
    more.hidden = extra.length === 0;
    more.open = false;
    more.querySelector("summary").textContent = "Show " + extra.length + " more " + noun;
  }

  function renderSuggestions(report) {
    const list = $("suggestions");
    const items = (report.suggestions || []).map((s) =>
      h("li", { cls: "suggestion" }, [
        h("span", { text: s.text }),
        s.points ? h("span", { cls: "pill pill-gain", text: "+" + points(s.points) }) : null,
      ])
    );
    if (items.length === 0) {
      items.push(h("li", { text: "Nothing to fix: no suggestions for this résumé." }));
    }
    splitList(items, SUGGESTIONS_SHOWN, list, $("suggestions-more"), $("suggestions-rest"), "suggestions");
    $("suggestions-rest").setAttribute("start", String(SUGGESTIONS_SHOWN + 1));
  }

  function renderKeywords(report) {
    const kw = report.keywords || { matched: [], missing: [], near: [], coverage: 0 };
    const hasRole = !!report.role;
    $("keyword-coverage").textContent = hasRole ? pct(kw.coverage) + " covered" : "";
    $("keywords-intro").textContent = hasRole
      ? "Terms recruiters search for in " + report.role.name + " résumés, most important first."
      : "Choose a target role to see which of its keywords the résumé has and misses.";
    const matched = $("chips-matched");
    clear(matched);
    const missingChips = [];
    for (const m of kw.matched || []) {
      const title = m.category + ", weight " + m.weight + ", found " + m.count + "×" +
        (m.sections && m.sections.length ? " in " + m.sections.join(", ") : "");
      matched.appendChild(h("li", { cls: "chip chip-matched", text: m.term, attrs: { title } }));
    }
    for (const m of kw.missing || []) {
      const title = m.category + ", weight " + m.weight + (m.learn ? ". How to build it: " + m.learn : "");
      const chip = h("li", { cls: "chip chip-missing" + (m.weight >= 4 ? " chip-core" : ""), attrs: { title } }, [
        h("span", { cls: "chip-term", text: m.term }),
      ]);
      if (m.weight >= 4) chip.appendChild(h("span", { cls: "visually-hidden", text: " (core skill)" }));
      missingChips.push(chip);
    }
    if (hasRole && (kw.matched || []).length === 0) matched.appendChild(h("li", { cls: "muted", text: "None found." }));
    if (hasRole && missingChips.length === 0) missingChips.push(h("li", { cls: "muted", text: "None: every term is there." }));
    splitList(missingChips, MISSING_CHIPS_SHOWN, $("chips-missing"), $("chips-missing-more"), $("chips-missing-rest"), "missing keywords");

    const near = $("near-misses");
    clear(near);
    for (const n of kw.near || []) {
      near.appendChild(
        h("li", { cls: "near-miss" }, [
          h("span", { text: "Your résumé says " }),
          h("q", { text: n.found }),
          h("span", { text: "; recruiters search " }),
          h("strong", { text: n.term }),
        ])
      );
    }
    $("near-misses-group").hidden = (kw.near || []).length === 0;
  }

  function renderRoleFit(report) {
    const list = $("role-fit");
    clear(list);
    const fits = (report.role_fit || []).slice(0, 6);
    $("role-fit-card").hidden = fits.length === 0;
    for (const fit of fits) {
      const value = Math.round((fit.coverage || 0) * 100);
      list.appendChild(
        h("li", { cls: "bar-row" + (report.role && report.role.id === fit.id ? " current" : "") }, [
          h("span", { cls: "bar-label", text: fit.name }),
          bar(value, fit.name + ": " + value + "% of its keywords", true),
          h("span", { cls: "bar-value", text: value + "%" }),
        ])
      );
    }
  }

  function renderJobMatch(report) {
    const card = $("job-match");
    const jm = report.job_match;
    if (!jm) {
      card.hidden = true;
      return;
    }
    card.hidden = false;
    for (const old of card.querySelectorAll(".job-ask")) old.remove();
    if (jm.scored === false) {
      $("job-match-rate").textContent = "not scored";
      $("job-match-title").textContent =
        "The posting names no skill, tool or technology ats-check knows, so it was not matched and the score leaves it out.";
      clear($("jd-matched"));
      clear($("jd-missing"));
      return;
    }
    $("job-match-rate").textContent = pct(jm.match_rate) + " match";
    $("job-match-title").textContent = jm.title
      ? "Posting title: " + jm.title + (jm.title_matched ? " — your résumé names this title." : " — your résumé does not name this title; add it if it is true of you.")
      : "A match rate around 80% is a strong application.";
    const matched = $("jd-matched");
    const missing = $("jd-missing");
    clear(matched);
    clear(missing);
    for (const t of jm.matched || []) matched.appendChild(h("li", { cls: "chip chip-matched chip-jd", text: t.term }));
    for (const t of jm.missing || []) {
      const label = t.importance === "preferred" ? t.term + " (preferred)" : t.term;
      missing.appendChild(h("li", { cls: "chip chip-jd-missing", text: label }));
    }
    for (const line of jobAsks(jm)) missing.parentNode.appendChild(h("p", { cls: "muted job-ask", text: line }));
  }

  // One line per degree or years ask of the posting, as the text report words it.
  function jobAsks(jm) {
    const lines = [];
    for (const d of jm.degree || []) {
      const found = d.found ? d.found + " (" + d.found_text + ")" : "no degree found";
      lines.push("Degree: " + d.asked + " or higher " + d.importance + "; your résumé: " + found + (d.met ? ", meets it." : ", below it."));
    }
    for (const y of jm.experience || []) {
      const found = y.found === null || y.found === undefined ? "no dated experience to count" : "about " + y.found + " years" + (y.met ? ", meets it." : ", short of it.");
      lines.push("Experience: " + y.asked + "+ years " + y.importance + "; your résumé: " + found);
    }
    return lines;
  }

  function kv(dl, key, value) {
    dl.appendChild(h("dt", { text: key }));
    dl.appendChild(h("dd", { cls: value ? "" : "not-found", text: value || "not found" }));
  }

  function dates(entry) {
    const end = entry.current ? "present" : entry.end;
    if (entry.start && end) return entry.start + " – " + end;
    if (end) return "until " + end;
    if (entry.start) return "from " + entry.start + " (end date not found)";
    return entry.dates_text || "";
  }

  function renderPreview(report) {
    const c = report.contact || {};
    const dl = $("contact-preview");
    clear(dl);
    kv(dl, "Name", c.name);
    kv(dl, "Email", c.email);
    kv(dl, "Phone", c.phone);
    kv(dl, "Location", c.location);
    for (const link of c.links || []) {
      kv(dl, LINK_LABELS[link.kind] || link.kind, link.url + (link.in_text ? "" : " (only as a link, not in the text)"));
    }

    const exp = $("experience-preview");
    clear(exp);
    for (const e of report.experience || []) {
      const dlE = h("dl", { cls: "kv" });
      kv(dlE, "Title", e.title);
      kv(dlE, "Company", e.company);
      kv(dlE, "Dates", dates(e));
      if (e.location) kv(dlE, "Location", e.location);
      const entry = h("div", { cls: "entry experience-entry" }, [dlE]);
      if (e.bullets && e.bullets.length) {
        entry.appendChild(h("ul", { cls: "entry-bullets" }, e.bullets.map((b) => h("li", { text: b }))));
      }
      exp.appendChild(entry);
    }
    if (!(report.experience || []).length) exp.appendChild(h("p", { cls: "not-found", text: "No experience entries found." }));

    const edu = $("education-preview");
    clear(edu);
    for (const e of report.education || []) {
      const dlE = h("dl", { cls: "kv" });
      kv(dlE, "Degree", e.degree);
      kv(dlE, "School", e.institution);
      kv(dlE, "Dates", dates(e));
      edu.appendChild(h("div", { cls: "entry education-entry" }, [dlE]));
    }
    if (!(report.education || []).length) edu.appendChild(h("p", { cls: "not-found", text: "No education entries found." }));
  }

  function renderSections(report) {
    const container = $("sections");
    clear(container);
    for (const s of report.sections || []) {
      const title = s.heading || (s.kind === "contact" ? "Contact details" : "Untitled section");
      const card = h("article", { cls: "card section-card", attrs: { "data-kind": s.kind } }, [
        h("header", { cls: "section-head" }, [
          h("h3", { cls: "section-heading", text: title }),
          h("span", { cls: "pill", text: s.kind }),
          h("span", { cls: "muted small", text: s.words + (s.words === 1 ? " word" : " words") }),
        ]),
      ]);
      const findings = (s.findings || []).slice().sort(bySeverity);
      if (findings.length) {
        card.appendChild(h("ul", { cls: "finding-list" }, findings.map(findingItem)));
      }
      const tips = (s.suggestions || []).filter((t) => !findings.some((f) => f.suggestion === t));
      if (tips.length) {
        card.appendChild(h("ul", { cls: "section-suggestions" }, tips.map((t) => h("li", { text: t }))));
      }
      if (!findings.length && !tips.length) {
        card.appendChild(h("p", { cls: "ok-note", text: "Nothing to fix here." }));
      }
      container.appendChild(card);
    }
  }

  loadRoles();
})();
