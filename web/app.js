// ats-check page: checks the file in the browser, uploads it, and shows the report the server
// renders (the same HTML a form post without this script gets as a page, so the two never
// drift). The report HTML is the server's own, escaped there; nothing of the résumé is ever
// written here as HTML.
"use strict";

(function () {
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
  const reportEl = $("report");
  const errorTitle = errorBox.querySelector(".error-title");
  const docxButton = $("download-docx");
  const docxUnavailable = $("docx-unavailable");
  // What the error box says above its message when the upload itself failed.
  const CHECK_ERROR_TITLE = "We could not check this file";

  // The script takes over the file input (the drop zone shows the choice) and the checks.
  document.documentElement.classList.add("js");
  form.noValidate = true;

  // The server's upload limit, written into the page by the server.
  const MAX_BYTES = Number(form.dataset.maxBytes) || 10000000;
  // How much of a file is read to tell what it is.
  const SNIFF_BYTES = 1024;
  const READABLE = ["pdf", "docx", "txt", "md"];

  let chosenFile = null;
  let lastForm = null;

  // ---- sizes, in the page's units (decimal MB, as the limit is written) ----------------------

  function formatBytes(n) {
    if (n < 1000) return n + (n === 1 ? " byte" : " bytes");
    if (n < 100000) return Math.round(n / 1000) + " KB";
    const mb = Math.round(n / 100000) / 10;
    return (Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)) + " MB";
  }

  // ---- the file, checked before it is sent ------------------------------------------------

  function startsWith(bytes, signature) {
    return signature.every((b, i) => bytes[i] === b);
  }

  function contains(bytes, text) {
    const codes = Array.from(text, (c) => c.charCodeAt(0));
    outer: for (let i = 0; i + codes.length <= bytes.length; i++) {
      for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
      return true;
    }
    return false;
  }

  // What is wrong with `file` in plain words, or null when it can be sent. The server checks
  // again; this only spares a person the upload of a file it would refuse.
  async function problemWith(file) {
    const ext = (file.name.match(/\.([^.]+)$/) || ["", ""])[1].toLowerCase();
    if (file.size === 0) return "The file is empty: export your résumé again and choose the saved PDF or DOCX.";
    if (file.size > MAX_BYTES) {
      return "The file is " + formatBytes(file.size) + ", over the " + formatBytes(MAX_BYTES) +
        " limit: remove large images or export a plain PDF or DOCX.";
    }
    let head;
    try {
      head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    } catch (_) {
      return "The file could not be read: choose it again.";
    }
    const picture =
      startsWith(head, [0x89, 0x50, 0x4e, 0x47]) ? "PNG" :
      startsWith(head, [0xff, 0xd8, 0xff]) ? "JPEG" :
      startsWith(head, [0x47, 0x49, 0x46, 0x38]) ? "GIF" : null;
    if (picture) {
      return "This file is a " + picture + " picture" + (ext && ext !== picture.toLowerCase() ? " named ." + ext : "") +
        ": an ATS cannot read text in pictures. Choose the PDF or DOCX your résumé was made from.";
    }
    if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
      return "This is an old Word .doc file: open it in Word or LibreOffice, save it as .docx or PDF, and choose that.";
    }
    if (!READABLE.includes(ext)) {
      return (ext ? "A ." + ext + " file cannot be checked" : "This file has no type in its name") +
        ": choose a PDF, a Word .docx or a plain text file.";
    }
    if (ext === "pdf" && !contains(head, "%PDF-")) {
      return "This file is named .pdf but is not a PDF: export your résumé as PDF again and choose that file.";
    }
    if (ext === "docx" && !startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
      return "This file is named .docx but is not a Word document: save it from Word or LibreOffice as .docx again.";
    }
    return null;
  }

  async function setFile(file) {
    chosenFile = file || null;
    hideError();
    if (!chosenFile) {
      fileName.textContent = "";
      dropZone.classList.remove("has-file", "has-error");
      return;
    }
    fileName.textContent = "Selected: " + chosenFile.name + " (" + formatBytes(chosenFile.size) + ")";
    dropZone.classList.remove("has-error");
    dropZone.classList.add("has-file");
    // Fail fast: say what is wrong as soon as the file is chosen.
    const problem = await problemWith(chosenFile);
    if (problem && chosenFile === file) {
      dropZone.classList.replace("has-file", "has-error");
      showError(problem);
    }
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

  // ---- errors: in view, focused, in plain words -------------------------------------------

  // `options.title` replaces the box's title; `options.keepReport` leaves the report in place
  // (a download that failed says so without taking the report away).
  function showError(message, options) {
    const opts = options || {};
    errorTitle.textContent = opts.title || CHECK_ERROR_TITLE;
    errorMessage.textContent = message;
    errorBox.hidden = false;
    if (!opts.keepReport) results.hidden = true;
    statusEl.textContent = "";
    errorBox.scrollIntoView({ block: "center" });
    errorBox.focus({ preventScroll: true });
  }

  function hideError() {
    errorBox.hidden = true;
  }

  function capitalise(s) {
    s = String(s).trim();
    s = s.charAt(0).toUpperCase() + s.slice(1);
    return /[.!?]$/.test(s) ? s : s + ".";
  }

  // What a failed response says went wrong, as a sentence, or `fallback` when its body is not
  // the API's JSON error.
  async function serverError(response, fallback) {
    try {
      const body = await response.json();
      if (body && body.error) return capitalise(body.error);
    } catch (_) {
      // Not JSON: a proxy's page or a cut connection.
    }
    return fallback;
  }

  // ---- submit -----------------------------------------------------------------------------

  function formData(file) {
    const data = new FormData();
    data.append("file", file, file.name);
    data.append("role", roleSelect.value);
    const jdFile = jdFileInput && jdFileInput.files && jdFileInput.files[0];
    if (jdInput.value.trim() !== "") data.append("jd", jdInput.value);
    else if (jdFile) data.append("jd_file", jdFile, jdFile.name);
    return data;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    hideError();
    const file = chosenFile || (fileInput.files && fileInput.files[0]);
    if (!file) {
      showError("Choose a résumé file first: a PDF, a Word .docx or a plain text file.");
      return;
    }
    const problem = await problemWith(file);
    if (problem) {
      showError(problem);
      return;
    }
    const data = formData(file);
    submitBtn.disabled = true;
    submitBtn.textContent = "Checking…";
    statusEl.textContent = "Reading your résumé…";
    try {
      const response = await postWithRetry("/api/v1/analyze?view=section", data, "text/html", "Reading your résumé…");
      if (!response.ok) {
        showError(await serverError(response, "The server could not check the file just now. Try again in a moment."));
        return;
      }
      const html = await response.text();
      lastForm = data;
      showReport(html);
      const score = reportEl.querySelector("[data-testid=score-overall]");
      statusEl.textContent = "Report ready" + (score ? ": score " + score.textContent + " out of 100." : ".");
    } catch (err) {
      showError("The server could not be reached. Check the connection and try again.");
    } finally {
      submitBtn.disabled = false;
      submitBtn.textContent = "Check my résumé";
    }
  });

  // The server's report section, parsed as a document of its own and moved in.
  function showReport(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    reportEl.replaceChildren(...Array.from(doc.body.childNodes, (n) => document.adoptNode(n)));
    // A file with no word (a scan) has nothing to export: the server would refuse it, so the
    // button is not offered; the report above says why.
    const section = reportEl.querySelector(".atsr");
    const noText = !!section && section.dataset.words === "0";
    docxButton.hidden = noText;
    docxUnavailable.hidden = !noText;
    results.hidden = false;
    const title = reportEl.querySelector(".atsr-title");
    if (title) {
      title.scrollIntoView({ block: "start" });
      title.focus({ preventScroll: true });
    }
  }

  // A busy server (503) is asked again a few times, waiting what its Retry-After says (at
  // least 1 s, doubling each time, at most 8 s) plus up to half a second at random, so that a
  // crowd that was turned away together does not come back together. A broken connection is
  // retried the same way: a busy server refuses an upload before reading it and closes the
  // connection, which some browsers report as a network error instead of the 503.
  const BUSY_RETRIES = 4;
  const MAX_BUSY_WAIT_MS = 8000;

  // Every upload the page makes goes through here: `url` is posted `data`, asking for `accept`;
  // `working` is the status line shown again after a wait.
  async function postWithRetry(url, data, accept, working) {
    let wait = 1000;
    for (let attempt = 0; ; attempt++) {
      let response = null;
      try {
        response = await fetch(url, { method: "POST", body: data, headers: { Accept: accept } });
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
      statusEl.textContent = working;
      wait *= 2;
    }
  }

  // "Download JSON": the same upload asked of the API as JSON, only when wanted (the page shows
  // the server's HTML, so it holds no JSON of its own).
  $("download-json").addEventListener("click", async () => {
    if (!lastForm) return;
    statusEl.textContent = "Preparing the JSON report…";
    try {
      const response = await postWithRetry("/api/v1/analyze", lastForm, "application/json", "Preparing the JSON report…");
      if (!response.ok) throw new Error("status " + response.status);
      const blob = new Blob([await response.text()], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = "ats-check-report.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      statusEl.textContent = "JSON report saved.";
    } catch (_) {
      statusEl.textContent = "The JSON report could not be made just now; try again in a moment.";
    }
  });

  // The ATS-safe DOCX is made by the server from the same file, on request; nothing is kept.
  // It is asked like the analysis (a busy server is asked again), and a refusal is shown where
  // the analysis errors are, with the report left in place.
  const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const EXPORT_ERROR_TITLE = "We could not make the ATS-safe version";

  docxButton.addEventListener("click", async () => {
    const file = lastForm && lastForm.get("file");
    if (!file) return;
    const data = new FormData();
    data.append("file", file, file.name);
    hideError();
    docxButton.disabled = true;
    const working = "Writing the ATS-safe version…";
    statusEl.textContent = working;
    try {
      const response = await postWithRetry("/api/v1/export", data, DOCX_TYPE, working);
      if (!response.ok) {
        const message = await serverError(response, "The server could not make it just now. Try again in a moment.");
        showError(message, { title: EXPORT_ERROR_TITLE, keepReport: true });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = (file.name.replace(/\.[^.]*$/, "") || "resume") + "-ats-safe.docx";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      statusEl.textContent = "ATS-safe version downloaded.";
    } catch (_) {
      showError("The server could not be reached. Check the connection and try again.", {
        title: EXPORT_ERROR_TITLE,
        keepReport: true,
      });
    } finally {
      docxButton.disabled = false;
    }
  });

  roleSelect.dataset.loaded = "true";
})();
