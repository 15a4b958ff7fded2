/* The SCORM 1.2 runtime of the course's package (make scorm). Only in the
   package build (overrides/hooks/scorm.py adds it to every page; it runs in
   <head>, before the quiz script reads its saved answers).

   A page talks to the LMS only when it is a SCO page (<meta name="course-sco">)
   launched as that SCO: its address carries ?sco=<its slug> (the manifest's
   item parameters), or, if an LMS drops the parameters, it was not reached
   from another page of the package. Any other page leaves the LMS alone (it
   only removes the course's records from this browser when it is left).

   What the LMS receives:
   - cmi.core.lesson_status: "incomplete" when opened; "completed" when every
     question of the page has been answered right at least once (the rule of
     My progress); for a case exercise, when its best ending has been reached
     (what the case player, partials/case.js, writes into the course's record:
     the item "case" set to 2); for the course assessment "passed" or "failed" once every
     question has had its first try: passed when the share right at the first
     try reaches the mastery score (cmi.student_data.mastery_score, from the
     manifest; else the page's data-mastery).
   - cmi.core.score.raw (percentage right at the first try, 0-100), .min 0,
     .max 100 (not for a case exercise, which has no questions).
   - cmi.core.session_time, cmi.core.exit "suspend" (so the LMS keeps the record).
   - cmi.suspend_data: the only record. "1|" then one entry per answered
     question, separated by ";": the question's name without "q-" (courselib/
     question_ids.py), "r" or "w" (first try right or wrong), "1" or "0" (ever
     right), and, if an answer is on screen, ":" + "c" or "x" (right or
     wrong) + the chosen option numbers joined by ",". About 17 characters a
     question: the assessment's 24 questions need about 420 of SCORM 1.2's 4,096.
     A case exercise: "1|case=" + how far the trainee got (1: a choice made;
     2: the best ending reached) + ";at=" + the step shown last (case.js).

   Shared station computers: the page starts from cmi.suspend_data, never from
   what this browser stored before (it removes the course's records from
   localStorage first), and removes them again when the SCO ends. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="course-sco"]');
  var slug = meta && meta.getAttribute("content"), kind = meta && meta.getAttribute("data-kind");
  var QUIZ_PREFIX = "quiz_progress_", RECORD = "course-progress-v1", LAST = "course-last-page-v1",
      PLACES = "course-places-v1", LIMIT = 4096;
  var CASE_AT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  // a step's id (courselib/cases.py)
  var pageKey = QUIZ_PREFIX + location.pathname;

  var base = null;  // the package's root: assets/scorm/package.css -> ../..
  try {
    base = new URL("../..", new URL(document.querySelector("link[href*='assets/scorm/package']").getAttribute("href"),
                                   location.href));
  } catch (e) { /* no style sheet: no base */ }

  function launchedHere() {
    var asked = new URLSearchParams(location.search).get("sco");
    if (asked !== null) return asked === slug;
    if (!base) return false;
    try {  // no parameters: a launch comes from outside the package, a link from inside
      var from = document.referrer ? new URL(document.referrer) : null;
      return !(from && from.origin === base.origin && from.pathname.indexOf(base.pathname) === 0);
    } catch (e) {
      return false;
    }
  }

  function scan(win) {
    try {
      for (var n = 0; win && n < 8; n++) {
        if (win.API) return win.API;
        if (!win.parent || win.parent === win) break;
        win = win.parent;
      }
    } catch (e) { /* a frame of another origin */ }
    return null;
  }

  function get(name) { return String(api.LMSGetValue(name) || ""); }
  function set(name, value) { api.LMSSetValue(name, String(value)); }

  // The course's records in this browser, for every page, and the theme's
  // own (its colour choice, kept under the package's path + ".__").
  function forget() {
    var theme = base ? base.pathname + ".__" : null;
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k === RECORD || k === LAST || k === PLACES || k.indexOf(QUIZ_PREFIX) === 0 ||
            theme && k.indexOf(theme) === 0) {
          localStorage.removeItem(k);
        }
      }
    } catch (e) { /* storage off */ }
  }

  // Outside an LMS the package is the offline site. Inside one, a page that
  // is not the launched SCO (a link followed from it, the glossary) never
  // calls the LMS, and only tidies this browser when it is left.
  var api = scan(window) || (window.opener ? scan(window.opener) : null);
  if (!api) return;
  // Inside an LMS, the LMS resumes a trainee: course.js's "continue where
  // you left off" and reading places (saved on scroll and on pagehide,
  // possibly after this script's pagehide) are not kept in this browser.
  try {
    var setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k) {
      if (k === LAST || k === PLACES) return undefined;
      return setItem.apply(this, arguments);
    };
  } catch (e) { /* no storage */ }
  if (!meta || !launchedHere()) {
    window.addEventListener("pagehide", forget);
    return;
  }
  if (String(api.LMSInitialize("")) !== "true") return;

  // -- the record: suspend data <-> state ------------------------------------
  var ENTRY = /^([0-9a-f]{8}(?:-\d+)?)([rw])([01])(?::([cx])([0-9,]*))?$/;
  var state = {};  // id -> {first: bool, ever: bool, last: {correct, values} | null}
  var played = { reached: 0, at: null };  // a case exercise: how far, and the step shown last
  get("cmi.suspend_data").replace(/^1\|/, "").split(";").forEach(function (part) {
    var m = ENTRY.exec(part);
    if (/^case=[012]$/.test(part)) played.reached = Number(part.slice(5));
    if (/^at=/.test(part) && CASE_AT.test(part.slice(3))) played.at = part.slice(3);
    if (!m) return;
    state["q-" + m[1]] = { first: m[2] === "r", ever: m[3] === "1",
                          last: m[4] ? { correct: m[4] === "c", values: m[5] ? m[5].split(",") : [] } : null };
  });

  function encode() {
    if (kind === "case") return "1|case=" + played.reached + (played.at ? ";at=" + played.at : "");
    return "1|" + Object.keys(state).sort().map(function (id) {
      var s = state[id];
      return id.slice(2) + (s.first ? "r" : "w") + (s.ever ? "1" : "0") +
        (s.last ? ":" + (s.last.correct ? "c" : "x") + s.last.values.join(",") : "");
    }).join(";");
  }

  // The quiz script restores the answers on screen from localStorage: give it
  // this trainee's, from the LMS, and nothing else.
  forget();
  var shown = {};
  Object.keys(state).forEach(function (id) {
    var last = state[id].last;
    if (last) shown[id] = { answered: true, correct: last.correct, selectedValues: last.values };
  });
  try { if (Object.keys(shown).length) localStorage.setItem(pageKey, JSON.stringify(shown)); } catch (e) { /* off */ }

  // A case exercise: the case player (partials/case.js) keeps how far the
  // trainee got in the course's record, under the page's address relative to
  // the package's root (course.js, keyOf). Give it this trainee's, so it
  // opens at the step shown last.
  var caseKey = base && location.pathname.indexOf(base.pathname) === 0 ?
    decodeURI(location.pathname.slice(base.pathname.length)).replace(/index\.html$/, "") : null;
  function readCase() {
    var page = {};
    try { page = (JSON.parse(localStorage.getItem(RECORD) || "{}") || {})[caseKey] || {}; } catch (e) { page = {}; }
    if (page["case"] > played.reached) played.reached = page["case"];
    if (typeof page.at === "string" && CASE_AT.test(page.at)) played.at = page.at;
  }
  if (kind === "case" && caseKey && played.reached) {
    var record = {};
    record[caseKey] = played.at ? { "case": played.reached, at: played.at } : { "case": played.reached };
    try { localStorage.setItem(RECORD, JSON.stringify(record)); } catch (e) { /* off */ }
  }

  var started = Date.now(), ids = [], mastery = parseFloat(meta.getAttribute("data-mastery"));
  var lmsMastery = parseFloat(get("cmi.student_data.mastery_score"));
  if (!isNaN(lmsMastery)) mastery = lmsMastery;
  var status = get("cmi.core.lesson_status");
  if (status === "" || status === "not attempted") set("cmi.core.lesson_status", "incomplete");

  function report() {
    if (kind === "case") {
      if (played.reached === 2 && get("cmi.core.lesson_status") !== "completed") set("cmi.core.lesson_status", "completed");
      var data = encode();
      if (data.length <= LIMIT) set("cmi.suspend_data", data);
      api.LMSCommit("");
      return;
    }
    var total = ids.length, firstRight = 0, everRight = 0, tried = 0;
    ids.forEach(function (id) {
      var s = state[id];
      if (!s) return;
      tried++;
      if (s.first) firstRight++;
      if (s.ever) everRight++;
    });
    var raw = total ? Math.round(100 * firstRight / total) : 100;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    if (tried || !total) set("cmi.core.score.raw", raw);
    var next;
    if (kind === "assessment") {
      next = total && tried === total ? (raw >= mastery ? "passed" : "failed") : "incomplete";
    } else {
      next = everRight === total ? "completed" : "incomplete";
    }
    var was = get("cmi.core.lesson_status");
    // never back from a finished status (a retry after "passed" stays passed)
    if (!(was === "completed" || was === "passed" || was === "failed") || kind === "assessment" && next !== "incomplete") {
      set("cmi.core.lesson_status", next);
    }
    var data = encode();
    if (data.length <= LIMIT) set("cmi.suspend_data", data);
    api.LMSCommit("");
  }

  function update() {
    var last = {};
    try { last = JSON.parse(localStorage.getItem(pageKey) || "{}") || {}; } catch (e) { last = {}; }
    ids.forEach(function (id) {
      var q = last[id], s = state[id];
      if (q && q.answered) {
        if (!s) s = state[id] = { first: !!q.correct, ever: false, last: null };
        if (q.correct) s.ever = true;
        s.last = { correct: !!q.correct, values: (q.selectedValues || []).map(String) };
      } else if (s) {
        s.last = null;  // "Try again" cleared the answer on screen
      }
    });
    report();
  }

  var finished = false;
  function finish() {
    if (finished) return;
    if (kind === "case") { readCase(); report(); }
    finished = true;
    var secs = Math.max(0, Math.round((Date.now() - started) / 1000));
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    set("cmi.core.session_time", pad(Math.floor(secs / 3600)) + ":" + pad(Math.floor(secs / 60) % 60) + ":" + pad(secs % 60));
    set("cmi.core.exit", "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
    forget();
  }

  document.addEventListener("DOMContentLoaded", function () {
    ids = Array.prototype.map.call(document.querySelectorAll(".quiz[id]"), function (q) { return q.id; });
    report();
  });
  window.addEventListener("quizProgressUpdate", update);
  // the case player records a choice on the change of address; read it after
  window.addEventListener("hashchange", function () {
    if (kind === "case") setTimeout(function () { if (!finished) { readCase(); report(); } }, 0);
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
