/* The case player (main.html includes it on case pages only, after course.js;
   the build moves both into one script file, see hooks/external_scripts.py).
   Without JavaScript a case shows whole: the situation, then every step and
   ending, each choice a link to a place on the page. This script shows the
   situation and one step at a time instead. A choice is still a link: the
   address changes (#step-id), so the browser's Back button goes back a step.
   Where the trainee is, and whether the best ending was reached, go into the
   course's progress record (course.js, window.courseProgress): the case is
   one item, "case" (1: a choice was made; 2: the best ending was reached),
   and "at" is the step shown last. "Clear my answers" clears both. */
(function () {
  "use strict";
  var play = document.querySelector(".case-play");
  var progress = window.courseProgress;
  if (!play || !progress) return;
  var blocks = {}, order = [];
  play.querySelectorAll(":scope > .case-step[id], :scope > .case-ending[id]").forEach(function (b) {
    if (blocks[b.id]) return;
    blocks[b.id] = b;
    order.push(b);
    b.setAttribute("tabindex", "-1");
    b.setAttribute("role", "group");
    b.setAttribute("aria-label", window.courseT(b.classList.contains("case-ending") ? "case_ended" : "case_decision"));
  });
  if (!blocks.start) return;
  var key = progress.keyOf(location.href);

  var restart = document.createElement("p");
  restart.className = "case-restart";
  restart.innerHTML = '<a href="#start"></a>';
  restart.firstChild.textContent = window.courseT("case_restart");
  play.insertBefore(restart, play.firstChild);
  play.classList.add("case-play--js");

  function record(id) {
    if (!key) return;
    var data = progress.load(), page = data[key] || {}, block = blocks[id];
    var reached = id === "start" ? 0 : block.classList.contains("case-ending") &&
      block.classList.contains("best") ? 2 : 1;
    if (!reached && !data[key]) return;  // only opened: nothing to remember
    page["case"] = Math.max(page["case"] || 0, reached);
    page.at = id;
    data[key] = page;
    progress.save(data);
    progress.show();
  }

  // Only a choice (a change of address on the page) is recorded: opening
  // the page at a step, or after "Clear my answers", records nothing.
  function show(id, chosen) {
    order.forEach(function (b) { b.hidden = b.id !== id; });
    restart.hidden = id === "start";
    if (chosen) record(id);
    if (chosen || location.hash) {
      blocks[id].focus({ preventScroll: true });
      blocks[id].scrollIntoView({ block: "start" });
    }
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    return blocks[id] ? id : location.hash ? null : "start";
  }

  window.addEventListener("hashchange", function () {
    var id = fromHash();
    if (id) show(id, true);
  });

  var first = fromHash();
  if (first === "start" && !location.hash) {
    var saved = key && (progress.load()[key] || {}).at;
    if (saved && blocks[saved] && saved !== "start") {
      first = saved;  // where the trainee left off; Back still leads to the start
      history.pushState(null, "", "#" + saved);
    }
  }
  show(first || "start", false);
})();
