/* The course's own script (overrides/main.html puts it before Material's).
   1. Search files are fetched only when the trainee first opens search;
      each typed word also looks for its word forms and one typo.
   2. Progress: which questions were answered, right at the first try and
      right at any try, kept in this browser only, and shown in the page's
      "Self-check progress" box, as marks in the navigation and on the
      "My progress" page.
   3. Questions that tell the truth (what mkdocs-quiz does not do itself):
      an empty Submit does not count; a partly right answer says that more
      options are needed; no "Try again" under a right answer; the chosen
      option is named in full in its feedback; the course assessment ends
      with a results screen.
   4. "Clear this page" and "Clear my answers on this computer".
   5. The language switch keeps the page; the home page opens the edition
      last chosen.
   window.courseQuestions (written by the build, overrides/hooks/progress.py)
   lists the questions of each page by the page's address relative to the
   site root (the same in every edition, so progress is shared); window.courseText
   holds the interface's words in the edition's language (data/interface/<lang>.yml). */
(function () {
  "use strict";
  var RECORD = "course-progress-v1";      // this course's record
  var QUIZ_PREFIX = "quiz_progress_";     // mkdocs-quiz: last answer, per page
  var questions = window.courseQuestions || {};
  var TEXT = window.courseText || {};
  // An interface text with its {values} filled in (case.js and tools.js use it too).
  var tr = window.courseT = function (key, values) {
    return String(TEXT[key] === undefined ? key : TEXT[key]).replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] !== undefined ? values[name] : all;
    });
  };

  /* -- 1. Search on first use ------------------------------------------ */
  // Material starts its search worker and fetches the whole index as soon
  // as a page opens. Hold both back until the search box is first opened
  // (not from file://, the offline copy, where nothing crosses a network).
  if (window.Worker) {
    var lazy = location.protocol !== "file:" && !!window.XMLHttpRequest;
    var searchWanted = !lazy || /[?&]h=/.test(location.search);  // or came from a search result
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
    if (lazy) {
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
    }
    // Material sends each query as {type: 2, data: "text"} and adds "*" to
    // every word, which finds "extradition" for "extrad" but nothing for
    // "extradite" or "interpool": a word with "*" skips the stemmer. So each
    // plain word is also sent as "word~1" (5 letters or more: its stem, and
    // one typo) or "word~0" (shorter: its stem, so "JITs" finds "JIT"); a
    // long word also as its first letters.
    // Queries that use search syntax (quotes, + - ~ ^ *) go as typed.
    var widenQuery = function (m) {
      if (!m || m.type !== 2 || typeof m.data !== "string" || /["+~^*:]|(^|\s)-/.test(m.data)) return m;
      var words = m.data.trim().split(/\s+/).filter(Boolean), out = [];
      words.forEach(function (w) {
        out.push(w);
        if (!/^[A-Za-z\u00C0-\u024F0-9]+$/.test(w) || w.length < 2) return;
        out.push(w + (w.length >= 5 ? "~1" : "~0"));
        // A typo near the end of a long word also spoils its stem
        // ("confiscaton"): its first letters find the word as typed so far.
        if (w.length >= 8) out.push(w.slice(0, Math.max(5, w.length - 4)));
      });
      return { type: 2, data: out.join(" ") };
    };
    // A word found only through its stem or a typo is not "missing"; the
    // trainers' pages (labelled "For trainers:" by the build) come last.
    var quietMisses = function (data) {
      if (!data || data.type !== 3 || !data.data || !data.data.items) return data;
      var forTrainers = function (group) { return /^trainers\//.test(group[0] && group[0].location); };
      data.data.items = data.data.items.filter(function (g) { return !forTrainers(g); })
        .concat(data.data.items.filter(forTrainers));
      data.data.items.forEach(function (group) {
        group.forEach(function (item) {
          var terms = item.terms || {}, found = Object.keys(terms).some(function (t) { return terms[t]; });
          if (found || item.score > 0) Object.keys(terms).forEach(function (t) { if (!terms[t]) delete terms[t]; });
        });
      });
      return data;
    };
    var RealWorker = window.Worker;
    var LazyWorker = function (url, options) {
      if (!isSearchFile(new URL(url, location.href).pathname)) return new RealWorker(url, options);
      var target = document.createElement("span"), worker = null, queue = [];
      var start = function () {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (ev) {
          target.dispatchEvent(new MessageEvent("message", { data: quietMisses(ev.data) }));
        });
        queue.splice(0).forEach(function (m) { worker.postMessage(m); });
      };
      target.postMessage = function (m) {
        m = widenQuery(m);
        if (worker) worker.postMessage(m); else queue.push(m);
      };
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

  // Each question's state is a number made of flags: ANSWERED (submitted
  // with a choice), RIGHT (right at some try; never goes back) and FIRST
  // (right at the first try). Records written before FIRST existed hold
  // 1 (answered) or 2 (right): both still read correctly.
  var ANSWERED = 1, RIGHT = 2, FIRST = 4;
  function answered(v) { return (v || 0) > 0; }

  function lastAnswers() {
    try { return JSON.parse(localStorage.getItem(QUIZ_PREFIX + location.pathname) || "{}") || {}; } catch (e) { return {}; }
  }

  function syncThisPage() {
    var key = keyOf(location.href);
    if (!key || !questions[key]) return;
    var last = lastAnswers(), data = load(), page = data[key] || {}, changed = false;
    questions[key].forEach(function (id) {
      var q = last[id];
      if (!q || !q.answered || !(q.selectedValues || []).length) return;
      var before = page[id] || 0;
      var now = answered(before) ? before | ANSWERED : ANSWERED | (q.correct ? FIRST : 0);
      if (q.correct) now |= RIGHT;
      if (now !== before) { page[id] = now; changed = true; }
    });
    if (changed) { data[key] = page; save(data); }
    showProgress();
  }

  function stateOf(key, data) {
    var ids = questions[key], page = data[key] || {};
    var count = function (test) { return ids.filter(function (id) { return test(page[id] || 0); }).length; };
    var right = count(function (v) { return v & RIGHT; });
    var tried = count(answered);
    return { total: ids.length, right: right, answered: tried,
             first: count(function (v) { return v & FIRST; }),
             state: right === ids.length ? "done" : tried ? "in-progress" : "not-started" };
  }

  var WORDS = { "not-started": tr("not_started"), "in-progress": tr("in_progress"), "done": tr("done") };
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
    // This page's "Self-check progress" box (overrides/hooks/progress.py).
    var here = keyOf(location.href);
    if (here && questions[here]) {
      var mine = stateOf(here, data);
      document.querySelectorAll("[data-course-count]").forEach(function (el) {
        el.textContent = mine[el.getAttribute("data-course-count")];
      });
      showResults(mine, data[here] || {});
    }
    // The "My progress" page.
    var done = 0, modules = 0, right = 0, total = 0;
    document.querySelectorAll("[data-course-module]").forEach(function (cell) {
      var key = cell.getAttribute("data-course-module");
      if (!questions[key]) { cell.textContent = tr("no_questions"); return; }
      var s = stateOf(key, data);
      modules++; total += s.total; right += s.right; if (s.state === "done") done++;
      cell.className = "course-status course-status--" + s.state;
      cell.innerHTML = '<span aria-hidden="true">' + SIGNS[s.state] + "</span> " + WORDS[s.state] +
        " \u00B7 " + tr("right_of", { right: s.right, total: s.total });
    });
    var summary = document.getElementById("course-progress-summary");
    if (summary && modules) {
      summary.textContent = tr("summary", { done: done, modules: modules, right: right, total: total });
    }
  }

  window.addEventListener("quizProgressUpdate", syncThisPage);

  /* -- 2b. Case exercises (played by partials/case.js) ------------------ */
  // A case is one item of the record, "case": 1 once a choice is made, 2
  // once its best ending is reached (window.courseQuestions lists it as
  // ["case"], so the navigation marks it like a module). Its row on
  // "My progress" says how far the trainee got.
  window.courseProgress = { load: load, save: save, keyOf: keyOf, show: showProgress, cases: showCases, root: root };
  function showCases() {
    var data = load();
    document.querySelectorAll("[data-course-case]").forEach(function (cell) {
      var reached = (data[cell.getAttribute("data-course-case")] || {})["case"] || 0;
      var state = reached === 2 ? "done" : reached ? "in-progress" : "not-started";
      cell.className = "course-status course-status--" + state;
      cell.innerHTML = '<span aria-hidden="true">' + SIGNS[state] + "</span> " +
        (reached === 2 ? tr("case_done") : WORDS[state]);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showCases);
  else showCases();


  /* -- 3. Questions that tell the truth ---------------------------------- */
  function escapeHTML(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function noteFor(quiz) {
    var note = quiz.querySelector(".course-quiz-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "course-quiz-note";
      note.setAttribute("role", "status");
      var feedback = quiz.querySelector(".quiz-feedback");
      feedback.parentNode.insertBefore(note, feedback);
    }
    return note;
  }

  // Submit with nothing chosen: say so, and let the quiz plugin never see it
  // (it would count a wrong answer). This runs first: it listens on the
  // document in the capture phase.
  document.addEventListener("submit", function (ev) {
    var quiz = ev.target.closest && ev.target.closest(".quiz");
    if (!quiz || quiz.querySelector(".quiz-blank-input")) return;
    if (quiz.querySelector('input[name="answer"]:checked')) { noteFor(quiz).textContent = ""; return; }
    ev.preventDefault();
    ev.stopPropagation();
    var many = quiz.querySelector('input[type="checkbox"][name="answer"]');
    noteFor(quiz).textContent = many ? tr("choose_many") : tr("choose_one");
  }, true);
  document.addEventListener("change", function (ev) {
    var quiz = ev.target.closest && ev.target.closest(".quiz");
    var note = quiz && quiz.querySelector(".course-quiz-note");
    if (note) note.textContent = "";
  });

  // After the quiz plugin has drawn its feedback (on Submit, on "Try
  // again", and when it restores saved answers), put right what it says.
  function tidy(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    var items = feedback.querySelectorAll(".quiz-feedback-item");
    var retry = quiz.querySelector(".quiz-reset-button");
    var isRight = items.length && !feedback.querySelector(".quiz-feedback-item.incorrect");
    // No "Try again" under a right answer.
    if (retry) retry.classList.toggle("course-hidden", !!isRight);
    if (!items.length) return;
    var inputs = Array.prototype.slice.call(quiz.querySelectorAll('input[name="answer"]'));
    var labelOf = function (input) { var l = input.parentElement.querySelector("label"); return l ? l.textContent.trim() : ""; };
    var many = inputs.length && inputs[0].type === "checkbox";
    items.forEach(function (item) {
      var badge = item.querySelector(".quiz-feedback-badge");
      if (!badge || badge.classList.contains("course-badge")) return;
      var label = badge.getAttribute("title") || badge.textContent;
      var input = inputs.filter(function (i) { return labelOf(i) === label; })[0];
      // The option named in full, not cut off with "...".
      badge.className = "quiz-feedback-badge course-badge";
      badge.removeAttribute("title");
      badge.innerHTML = '<span class="course-sr">' + escapeHTML(tr("your_choice")) + "</span>" + escapeHTML(label);
      // In a question with several right options, each choice is marked
      // for itself: a right option is never shown in a red box.
      if (many && input) {
        var good = input.hasAttribute("data-correct");
        item.classList.toggle("correct", good);
        item.classList.toggle("incorrect", !good);
      }
    });
    var summary = feedback.querySelector(".course-summary");
    if (many && !isRight) {
      var chosen = inputs.filter(function (i) { return i.checked; });
      var wrong = chosen.filter(function (i) { return !i.hasAttribute("data-correct"); }).length;
      var text = wrong
        ? (wrong === 1 ? tr("wrong_one") : tr("wrong_many", { n: wrong }))
        : (chosen.length === 1 ? tr("partly_one") : tr("partly_many"));
      if (!summary) {
        summary = document.createElement("p");
        summary.className = "course-summary";
        feedback.insertBefore(summary, feedback.firstChild);
      }
      if (summary.textContent !== text) summary.textContent = text;
    } else if (summary) {
      summary.remove();
    }
  }

  function watchQuizzes() {
    document.querySelectorAll(".quiz").forEach(function (quiz) {
      var feedback = quiz.querySelector(".quiz-feedback");
      if (!feedback) return;
      tidy(quiz);
      var observer = new MutationObserver(function () {
        observer.disconnect();
        tidy(quiz);
        observer.observe(feedback, { childList: true });
      });
      observer.observe(feedback, { childList: true });
      // "Try again" on a wrong answer: the plugin shows the button after
      // it draws the feedback, so the right-answer case is settled above.
    });
  }

  // The course assessment ends with a results screen: the score at the
  // first try, and the modules to read again (the "Module: X" links in the
  // feedback; overrides/hooks/module_links.py).
  function showResults(mine, page) {
    var box = document.getElementById("course-results");
    if (!box) return;
    var status = box.querySelector(".course-results__status");
    var body = box.querySelector(".course-results__body");
    box.hidden = false;
    if (mine.answered < mine.total) {
      status.textContent = tr("results_wait", { answered: mine.answered, total: mine.total });
      body.innerHTML = "";
      return;
    }
    var percent = Math.round(100 * mine.first / mine.total);
    status.textContent = tr("results_score", { first: mine.first, total: mine.total, percent: percent, right: mine.right });
    var reread = [], seen = {};
    document.querySelectorAll(".quiz").forEach(function (quiz) {
      if ((page[quiz.id] || 0) & FIRST) return;
      var link = quiz.querySelector(".answer-feedback a.course-module-link");
      if (!link) return;
      var href = link.getAttribute("href");
      if (!seen[href]) { seen[href] = { href: href, title: link.textContent, n: 0 }; reread.push(seen[href]); }
      seen[href].n++;
    });
    if (!reread.length) {
      body.innerHTML = "<p>" + escapeHTML(tr("results_all")) + "</p>";
      return;
    }
    body.innerHTML = "<p>" + escapeHTML(tr("results_reread")) + "</p><ul>" + reread.map(function (m) {
        return '<li><a href="' + escapeHTML(m.href) + '">' + escapeHTML(m.title) + "</a> (" +
          escapeHTML(tr(m.n === 1 ? "one_question" : "questions", { n: m.n })) + ")</li>";
      }).join("") + "</ul>";
  }

  /* -- Continue where you left off ------------------------------------- */
  // On a page with questions, remember the page and how far down it the
  // trainee has read (a share of the page's height, so a change of screen
  // or font size keeps the place). The home page offers a link back there.
  // Each such page keeps its own place too (PLACES), and a visit to it
  // by any link, not only by "Continue", opens it there.
  var LAST = "course-last-page-v1", PLACES = "course-places-v1", forgetting = false;
  function places() {
    try {
      var all = JSON.parse(localStorage.getItem(PLACES) || "{}");
      return all && typeof all === "object" && !Array.isArray(all) ? all : {};
    } catch (e) { return {}; }
  }
  function rememberPlace() {
    var key = keyOf(location.href);
    if (forgetting) return;
    if (!key || !questions[key]) return;
    var h = document.documentElement.scrollHeight - window.innerHeight;
    var title = document.querySelector("article h1");
    var at = h > 0 ? Math.round(1000 * window.scrollY / h) / 1000 : 0, all = places();
    all[key] = at;
    try {
      localStorage.setItem(LAST, JSON.stringify({ page: key, title: title ? title.textContent.trim() : key, at: at }));
      localStorage.setItem(PLACES, JSON.stringify(all));
    } catch (e) { /* storage off */ }
  }
  function lastPlace() {
    try {
      var last = JSON.parse(localStorage.getItem(LAST) || "null");
      return last && typeof last.page === "string" && questions[last.page] ? last : null;
    } catch (e) { return null; }
  }
  function offerContinue() {
    var link = document.querySelector(".course-continue"), last = lastPlace();
    if (link && last) {
      link.href = new URL(last.page, root).href + "#course-resume";
      link.textContent = tr("continue", { title: last.title });
      link.hidden = false;
    }
    var key = keyOf(location.href), at = null;
    if (location.hash === "#course-resume" && last && last.page === key) {
      history.replaceState(null, "", location.pathname + location.search);
      at = last.at;
    } else if (!location.hash && key && questions[key] && typeof places()[key] === "number") {
      at = places()[key];  // a link to a section (#...) goes to the section instead
    }
    if (at) {
      var go = function () {
        window.scrollTo(0, at * (document.documentElement.scrollHeight - window.innerHeight));
      };
      go();
      window.addEventListener("load", go);
    }
    var timer = null;
    window.addEventListener("scroll", function () { clearTimeout(timer); timer = setTimeout(rememberPlace, 300); }, { passive: true });
    window.addEventListener("pagehide", rememberPlace);
  }

  /* -- Wide tables ------------------------------------------------------ */
  // A table wider than the screen scrolls sideways inside its frame. Say
  // so above it, let the keyboard scroll it (a focusable, named region),
  // and keep its first column in view (course.css).
  function markWideTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var has = hint && hint.classList.contains("course-scroll-hint");
      wrap.classList.toggle("course-wide", wide);
      if (wide) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tr("table_region"));
        if (!has) {
          hint = document.createElement("p");
          hint.className = "course-scroll-hint";
          hint.textContent = tr("table_hint");
          wrap.parentNode.insertBefore(hint, wrap);
        }
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        if (has) hint.remove();
      }
    });
  }

  /* -- 5. Language editions -------------------------------------------- */
  // Every page exists in every edition at the same address relative to the
  // edition's root (hooks/editions.py), so the switch opens the same page
  // (and the same place: #anchor) in the other language; without script
  // its links open the other edition's home. Material's own sitemap-based
  // switch is not used (it fetched each edition's sitemap.xml on every
  // view, and cannot go back to English from a sub-folder edition). The
  // choice is remembered: opening the English home again opens the edition
  // last chosen.
  var EDITION = "course-edition-v1";
  function switchLanguage(ev) {
    var link = ev.target.closest && ev.target.closest("a.md-select__link[lang]");
    if (!link || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    try { localStorage.setItem(EDITION, link.getAttribute("lang")); } catch (e) { /* storage off */ }
    var key = keyOf(location.href);
    if (key === null) return;
    ev.preventDefault();
    ev.stopPropagation();
    location.href = new URL(key + location.search + location.hash, link.href).href;
  }
  document.addEventListener("click", switchLanguage, true);
  function openChosenEdition() {
    var chosen = null;
    try { chosen = localStorage.getItem(EDITION); } catch (e) { /* storage off */ }
    if (!chosen || chosen === "en" || document.documentElement.lang !== "en" || location.hash) return;
    if (keyOf(location.href) !== "") return;  // the English home only
    var link = document.querySelector('a.md-select__link[lang="' + chosen.replace(/[^A-Za-z-]/g, "") + '"]');
    if (link) location.replace(link.href);
  }

  /* -- 4. Clear this page, clear my answers ---------------------------- */
  function clearPage() {
    if (!window.confirm(tr("clear_page"))) return;
    var key = keyOf(location.href), data = load();
    delete data[key];
    save(data);
    try { localStorage.removeItem(QUIZ_PREFIX + location.pathname); } catch (e) { /* storage off */ }
    location.reload();
  }

  function clearAll() {
    if (!window.confirm(tr("clear_all"))) return;
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k === RECORD || k === LAST || k === PLACES || k.indexOf(QUIZ_PREFIX) === 0) localStorage.removeItem(k);
      }
    } catch (e) { /* storage off */ }
    forgetting = true;  // leaving the page must not write the place back
    location.reload();
  }

  function ready() {
    openChosenEdition();
    document.querySelectorAll(".course-clear").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", clearAll);
    });
    document.querySelectorAll(".course-clear-page").forEach(function (button) {
      button.addEventListener("click", clearPage);
    });
    var box = document.getElementById("quiz-progress-sidebar");
    if (box) box.hidden = false;
    watchQuizzes();
    offerContinue();
    // Material wraps tables in their frames once its own script has run.
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(markWideTables, 0); });
    window.addEventListener("load", markWideTables);
    var resized = null;
    window.addEventListener("resize", function () { clearTimeout(resized); resized = setTimeout(markWideTables, 200); });
    syncThisPage();
    showProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
