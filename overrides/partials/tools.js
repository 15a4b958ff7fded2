/* Tools of two pages (overrides/main.html adds this script there only, so
   module pages do not carry it): "My progress" makes and reads a progress
   code; "Report a mistake" fills in the page to report. Uses the record of
   partials/course.js (window.courseProgress). */
(function () {
  "use strict";
  var P = window.courseProgress, questions = window.courseQuestions || {};
  if (!P) return;

  /* -- Progress to another computer ("My progress") --------------------- */
  // The code is "KPC1-" + the record (JSON, in base64url) + "-" + a check
  // of 8 hex digits (FNV-1a): a character lost or changed in a copy makes
  // the check fail, and the code is refused with nothing changed.
  var CODE_RE = /^KPC1-([A-Za-z0-9_-]+)-([0-9a-f]{8})$/;
  function check(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function makeCode() {
    var body = btoa(unescape(encodeURIComponent(JSON.stringify(P.load())))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return "KPC1-" + body + "-" + check(body);
  }
  function readCode(code) {
    var m = CODE_RE.exec(code.replace(/\s+/g, ""));
    if (!m || check(m[1]) !== m[2]) return null;
    try {
      var data = JSON.parse(decodeURIComponent(escape(atob(m[1].replace(/-/g, "+").replace(/_/g, "/")))));
      return data && typeof data === "object" && !Array.isArray(data) ? data : null;
    } catch (e) { return null; }
  }
  function transfer() {
    var box = document.querySelector(".course-transfer");
    if (!box) return;
    box.hidden = false;
    var out = document.getElementById("course-export-code"), input = document.getElementById("course-import-code");
    var said = document.querySelector(".course-import-result");
    document.querySelector(".course-export").addEventListener("click", function () {
      out.value = makeCode();
      out.select();
    });
    document.querySelector(".course-import").addEventListener("click", function () {
      var theirs = readCode(input.value), mine = P.load(), added = 0;
      said.classList.toggle("course-import-result--error", !theirs);
      if (!theirs) {
        said.textContent = window.courseT("code_damaged");
        return;
      }
      Object.keys(theirs).forEach(function (key) {  // only pages and questions this course has
        var ids = questions[key], page = theirs[key];
        if (!ids || !page || typeof page !== "object") return;
        ids.forEach(function (id) {
          var v = page[id];
          if (typeof v !== "number" || v <= 0 || v > 7) return;
          var before = (mine[key] || {})[id] || 0;
          if ((before | v) !== before) { mine[key] = mine[key] || {}; mine[key][id] = before | v; added++; }
        });
      });
      P.save(mine);
      P.show();
      P.cases();
      said.textContent = added ? window.courseT("code_added", { n: added }) : window.courseT("code_nothing");
    });
  }

  /* -- Report a mistake (partials/report.html) ------------------------- */
  // The page named in ?page= (an address relative to the site root) goes
  // into the text to copy, in full; "Copy the text" puts it on the clipboard.
  function fillReport() {
    var text = document.getElementById("course-report-text");
    if (!text) return;
    var named = new URLSearchParams(location.search).get("page");
    if (named !== null && /^[A-Za-z0-9._~\/-]*$/.test(named) && named.indexOf("..") < 0) {
      var label = window.courseT("report_page");
      text.value = text.value.split("\n").map(function (line) {
        return line.indexOf(label + " ") === 0 ? label + " " + new URL(named, P.root).href : line;
      }).join("\n");
    }
    var mail = document.querySelector(".course-report-mail");
    var mailTo = function () {  // the text as it is now, typed-in words included
      mail.href = mail.href.replace(/(\?.*)?$/, "?subject=" + encodeURIComponent(window.courseT("report_subject")) +
                                    "&body=" + encodeURIComponent(text.value));
    };
    if (mail) { mailTo(); mail.addEventListener("click", mailTo); }
    var copy = document.querySelector(".course-report-copy"), said = document.querySelector(".course-report-copied");
    if (!copy) return;
    copy.hidden = false;
    copy.addEventListener("click", function () {
      text.select();
      var done = function () { said.textContent = window.courseT("copied"); };
      var failed = function () { said.textContent = window.courseT("copy_failed"); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text.value).then(done, failed);
      else { try { (document.execCommand("copy") ? done : failed)(); } catch (e) { failed(); } }
    });
  }

  function ready() { fillReport(); transfer(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
