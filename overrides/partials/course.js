/* The course's own script (overrides/main.html puts it before Material's).
   1. Search files are fetched only when the trainee first opens search.
   2. Progress: which questions were ever answered correctly, kept in this
      browser only, and shown as marks in the navigation and on the
      "My progress" page.
   3. "Clear my answers on this computer".
   window.courseQuestions (written by the build, overrides/hooks/progress.py)
   lists the questions of each page by the page's address relative to the
   site root. */
(function () {
  "use strict";
  var RECORD = "course-progress-v1";      // this course's record
  var QUIZ_PREFIX = "quiz_progress_";     // mkdocs-quiz: last answer, per page
  var questions = window.courseQuestions || {};

  /* -- 1. Search on first use ------------------------------------------ */
  // Material starts its search worker and fetches the whole index as soon
  // as a page opens. Hold both back until the search box is first opened.
  if (location.protocol !== "file:" && window.XMLHttpRequest && window.Worker) {
    var searchWanted = /[?&]h=/.test(location.search);  // came from a search result
    var held = [];
    var isSearchFile = function (url) {
      return /\/search\/search_index\.json(\?|$)/.test(String(url)) ||
        /\/workers\/search\.[0-9a-f]+\.min\.js(\?|$)/.test(String(url));
    };
    var release = function () {
      if (searchWanted) return;
      searchWanted = true;
      held.splice(0).forEach(function (go) { go(); });
    };
    var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      this.courseLazy = isSearchFile(url);
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      var xhr = this, args = arguments;
      if (xhr.courseLazy && !searchWanted) {
        held.push(function () { send.apply(xhr, args); });
        return;
      }
      return send.apply(xhr, args);
    };
    var RealWorker = window.Worker;
    var LazyWorker = function (url, options) {
      if (!isSearchFile(new URL(url, location.href).pathname)) return new RealWorker(url, options);
      var target = document.createElement("span"), worker = null, queue = [];
      var start = function () {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (ev) {
          target.dispatchEvent(new MessageEvent("message", { data: ev.data }));
        });
        queue.splice(0).forEach(function (m) { worker.postMessage(m); });
      };
      target.postMessage = function (m) { if (worker) worker.postMessage(m); else queue.push(m); };
      target.terminate = function () { if (worker) worker.terminate(); };
      if (searchWanted) start(); else held.push(start);
      return target;
    };
    window.Worker = LazyWorker;
    var watchSearch = function () {
      var toggle = document.querySelector("[data-md-toggle=search]");
      if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) release(); });
      document.addEventListener("focusin", function (ev) {
        if (ev.target && ev.target.matches && ev.target.matches(".md-search__input")) release();
      });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchSearch);
    else watchSearch();
  }

  /* -- 2. Progress ------------------------------------------------------ */
  var config = document.getElementById("__config");
  var root = new URL((config && JSON.parse(config.textContent).base) || ".", location.href);
  if (!/\/$/.test(root.pathname)) root = new URL(root.pathname + "/", root);

  // A page's address relative to the site root: "modules/interpol/".
  function keyOf(href) {
    var url = new URL(href, location.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    return decodeURI(url.pathname.slice(root.pathname.length)).replace(/index\.html$/, "");
  }

  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(RECORD) || "{}");
      return data && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch (e) {
      return {};
    }
  }

  function save(data) {
    try { localStorage.setItem(RECORD, JSON.stringify(data)); } catch (e) { /* storage off or full */ }
  }

  // 1: answered; 2: answered correctly at least once (never goes back).
  function syncThisPage() {
    var key = keyOf(location.href);
    if (!key || !questions[key]) return;
    var last;
    try { last = JSON.parse(localStorage.getItem(QUIZ_PREFIX + location.pathname) || "{}"); } catch (e) { return; }
    var data = load(), page = data[key] || {}, changed = false;
    questions[key].forEach(function (id) {
      var q = last && last[id];
      if (!q || !q.answered) return;
      var state = q.correct ? 2 : 1;
      if ((page[id] || 0) < state) { page[id] = state; changed = true; }
    });
    if (changed) { data[key] = page; save(data); }
    showProgress();
  }

  function stateOf(key, data) {
    var ids = questions[key], page = data[key] || {};
    var right = ids.filter(function (id) { return page[id] === 2; }).length;
    var tried = ids.filter(function (id) { return page[id]; }).length;
    return { total: ids.length, right: right,
             state: right === ids.length ? "done" : tried ? "in-progress" : "not-started" };
  }

  var WORDS = { "not-started": "Not started", "in-progress": "In progress", "done": "Done" };
  var SIGNS = { "not-started": "\u25CB", "in-progress": "\u25D0", "done": "\u25CF" };

  function showProgress() {
    var data = load();
    // A mark beside each module in the navigation.
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      var key = href.indexOf("#") === -1 && keyOf(href);
      if (!key || !questions[key]) return;
      var s = stateOf(key, data), mark = a.querySelector(".course-mark");
      if (!mark) {
        mark = document.createElement("span");
        a.appendChild(mark);
      }
      mark.className = "course-mark course-mark--" + s.state;
      mark.title = WORDS[s.state];
      mark.innerHTML = '<span aria-hidden="true">' + SIGNS[s.state] + '</span><span class="course-sr"> (' +
        WORDS[s.state].toLowerCase() + ")</span>";
    });
    // The "My progress" page.
    var done = 0, modules = 0, right = 0, total = 0;
    document.querySelectorAll("[data-course-module]").forEach(function (cell) {
      var key = cell.getAttribute("data-course-module");
      if (!questions[key]) { cell.textContent = "No questions"; return; }
      var s = stateOf(key, data);
      modules++; total += s.total; right += s.right; if (s.state === "done") done++;
      cell.className = "course-status course-status--" + s.state;
      cell.innerHTML = '<span aria-hidden="true">' + SIGNS[s.state] + "</span> " + WORDS[s.state] +
        " \u00B7 " + s.right + " of " + s.total + " right";
    });
    var summary = document.getElementById("course-progress-summary");
    if (summary && modules) {
      summary.textContent = "On this computer you have finished " + done + " of " + modules +
        " modules, and answered " + right + " of " + total + " questions correctly at least once.";
    }
  }

  window.addEventListener("quizProgressUpdate", syncThisPage);

  /* -- 2b. Case exercises (played by partials/case.js) ------------------ */
  // A case is one item of the record, "case": 1 once a choice is made, 2
  // once its best ending is reached (window.courseQuestions lists it as
  // ["case"], so the navigation marks it like a module). Its row on
  // "My progress" says how far the trainee got.
  window.courseProgress = { load: load, save: save, keyOf: keyOf, show: showProgress };
  function showCases() {
    var data = load();
    document.querySelectorAll("[data-course-case]").forEach(function (cell) {
      var reached = (data[cell.getAttribute("data-course-case")] || {})["case"] || 0;
      var state = reached === 2 ? "done" : reached ? "in-progress" : "not-started";
      cell.className = "course-status course-status--" + state;
      cell.innerHTML = '<span aria-hidden="true">' + SIGNS[state] + "</span> " +
        (reached === 2 ? "Done \u00B7 best ending reached" : WORDS[state]);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showCases);
  else showCases();

  /* -- 3. Clear my answers ---------------------------------------------- */
  function clearAll() {
    if (!window.confirm("Clear all your answers to this course on this computer? " +
                        "Your progress marks go back to \u201Cnot started\u201D.")) return;
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k === RECORD || k.indexOf(QUIZ_PREFIX) === 0) localStorage.removeItem(k);
      }
    } catch (e) { /* storage off */ }
    location.reload();
  }

  function ready() {
    document.querySelectorAll(".course-clear").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", clearAll);
    });
    syncThisPage();
    showProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
