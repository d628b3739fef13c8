// Several résumés at once (issue 16): a card that sends every chosen or dropped file to
// /api/v1/cohort, and the browser shows the cohort report the server answers with (charts, a
// table of students, each student's full report one click away). Nothing is stored: the files
// go in one request and the report is built in memory. Several files dropped on the page's
// single-résumé drop zone come here too.
(function () {
  "use strict";

  var ACCEPT = ".pdf,.docx,.txt,.md,.doc,.rtf,.odt,application/pdf," +
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function build() {
    var anchor = document.getElementById("check-form");
    var host = anchor ? anchor.parentNode : document.querySelector("main") || document.body;

    var form = el("form", {
      id: "cohort-form", "class": "card cohort-card", action: "/api/v1/cohort",
      method: "post", enctype: "multipart/form-data"
    });
    form.appendChild(el("h2", { "class": "card-title" }, "Check a cohort"));
    form.appendChild(el("p", { "class": "hint" },
      "Career services: choose or drop several résumés to see them together — score distribution, " +
      "the keywords most often missing, the most common ATS risks — with each student's full report."));

    // The page's own drop-zone look (style.css), so that this card needs no styles of its own.
    var zone = el("div", { id: "cohort-drop", "class": "drop-zone", "data-testid": "cohort-drop" });
    var input = el("input", {
      type: "file", id: "cohort-files", name: "file", multiple: "", accept: ACCEPT,
      "class": "visually-hidden", "aria-describedby": "cohort-count"
    });
    var label = el("label", { "for": "cohort-files", "class": "drop-label" });
    label.appendChild(el("span", { "class": "drop-main" }, "Drop résumés here, or choose files"));
    label.appendChild(el("span", { "class": "hint" }, "Several PDF, DOCX or text files, up to 10 MB in all"));
    var count = el("p", { id: "cohort-count", "class": "file-name", "aria-live": "polite" }, "No files chosen");
    zone.appendChild(label);
    zone.appendChild(input);
    zone.appendChild(count);
    form.appendChild(zone);

    var role = el("input", { type: "hidden", name: "role", value: "" });
    form.appendChild(role);
    var submit = el("button", { type: "submit", id: "cohort-submit", "class": "btn btn-primary" }, "Show the cohort");
    var actions = el("div", { "class": "actions" });
    actions.appendChild(submit);
    actions.appendChild(el("p", { "class": "privacy" }, "The files are read in memory and forgotten: nothing is stored."));
    form.appendChild(actions);

    host.insertBefore(form, anchor ? anchor.nextSibling : null);

    function shown() {
      var n = input.files ? input.files.length : 0;
      count.textContent = n === 0 ? "No files chosen" : n === 1 ? "1 file chosen" : n + " files chosen";
      submit.disabled = n === 0;
      zone.classList.toggle("has-file", n > 0);
    }
    submit.disabled = true;
    input.addEventListener("change", shown);

    function send(files) {
      // A DataTransfer is the one way to give a file input files that were dropped.
      try {
        var transfer = new DataTransfer();
        Array.prototype.forEach.call(files, function (f) { transfer.items.add(f); });
        input.files = transfer.files;
      } catch (e) {
        return;
      }
      shown();
      if (input.files.length > 0) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    }

    form.addEventListener("submit", function () {
      // The role picked in the single-résumé form applies to the cohort too.
      var pick = document.getElementById("role-select");
      role.value = pick ? pick.value : "";
      count.textContent = "Reading " + input.files.length + " files…";
    });

    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) { send(e.dataTransfer.files); }
    });

    // Several files dropped on the single-résumé zone are a cohort.
    var single = document.getElementById("drop-zone");
    if (single) {
      single.addEventListener("drop", function (e) {
        if (e.dataTransfer && e.dataTransfer.files.length > 1) {
          e.preventDefault();
          e.stopImmediatePropagation();
          send(e.dataTransfer.files);
        }
      }, true);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
