"""The SCORM 1.2 package (make scorm), played as an LMS plays it.

- The manifest is read back with xmllint (libxml2), not with the code that
  wrote it, and checked against SCORM 1.2's packaging rules.
- The LMS's API is scorm-again (npm), a SCORM runtime nobody here wrote, in
  a real Chromium page that launches each SCO in a frame, as Moodle does.
- The server answers exact file paths only: like an LMS, it never turns a
  folder into its index.html (the project's test server does, and would hide
  a link that names a folder). The package sits under a path of its own.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from course_fixture import REPO, make_course
from courselib import course as course_mod
from courselib import question_ids, scorm, siteconfig

LIMIT = 4096  # SCORM 1.2: cmi.suspend_data holds at most 4,096 characters
CONTENT = "/pluginfile.php/42/mod_scorm/content/7/"  # any path an LMS may serve a package under
LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script><script src="lms.js"></script></head>
<body><iframe id="sco" title="SCO" style="width:1200px;height:800px"></iframe></body></html>
"""
LMS_JS = """
window.calls = [];
window.startLms = function (cmi) {
  window.calls = [];
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  window.API.loadFromJSON(cmi || {}, "");
  ["LMSInitialize", "LMSFinish", "LMSCommit"].forEach(function (name) {
    window.API.on(name, function () { window.calls.push([name, location.href, document.getElementById("sco").contentWindow.location.href]); });
  });
  window.API.on("LMSSetValue.cmi.*", function (element, value) { window.calls.push(["set", element, String(value)]); });
};
window.launch = function (href) { document.getElementById("sco").src = href; };
window.record = function () {
  var cmi = window.API.cmi;
  var sent = {};  // cmi.core.exit and session_time are write-only: what the SCO sent
  window.calls.forEach(function (c) { if (c[0] === "set") sent[c[1]] = c[2]; });
  return { status: cmi.core.lesson_status, raw: cmi.core.score.raw, min: cmi.core.score.min,
           max: cmi.core.score.max, suspend: cmi.suspend_data, exit: sent["cmi.core.exit"],
           session: sent["cmi.core.session_time"] };
};
"""


def xpath(manifest: Path, expr: str) -> list[str]:
    """Values found by xmllint --xpath (namespaces matched by local name)."""
    result = subprocess.run(["xmllint", "--xpath", expr, str(manifest)], capture_output=True, text=True, timeout=60)
    if result.returncode == 10:  # XPath set is empty
        return []
    assert result.returncode == 0, result.stderr
    return re.findall(r'="([^"]*)"', result.stdout) if "@" in expr else [
        line for line in result.stdout.splitlines() if line.strip()]


class _ExactFiles(BaseHTTPRequestHandler):
    """Files by exact path only: a folder is 404, as in an LMS."""
    mounts: dict[str, Path] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        for prefix, folder in self.mounts.items():
            if path.startswith(prefix):
                f = (folder / path[len(prefix):]).resolve()
                if f.is_file() and folder.resolve() in f.parents:
                    body = f.read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", mimetypes.guess_type(f.name)[0] or "application/octet-stream")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
        self.send_error(404)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    assert shutil.which("xmllint"), "xmllint is missing: run `make system-deps` (Debian's libxml2-utils)"
    out = tmp_path_factory.mktemp("scorm") / "police-cooperation-scorm12.zip"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "scorm.py"), "-o", str(out)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout.strip())
    return out


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory):
    dest = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(package) as z:
        z.extractall(dest)
    return dest


@pytest.fixture(scope="module")
def lms(unpacked, tmp_path_factory):
    runtime = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
    assert runtime.is_file(), "scorm-again is missing: run `make node-deps`"
    harness = tmp_path_factory.mktemp("lms")
    (harness / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (harness / "lms.js").write_text(LMS_JS, encoding="utf-8")
    shutil.copy(runtime, harness / "scorm12.min.js")
    handler = type("Handler", (_ExactFiles,), {"mounts": {"/lms/": harness, CONTENT: unpacked}})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def course():
    return course_mod.load(REPO)


# --- the manifest, read by xmllint ---------------------------------------------

def test_manifest_follows_the_scorm_12_packaging_rules(unpacked, course):
    manifest = unpacked / "imsmanifest.xml"
    check = subprocess.run(["xmllint", "--noout", str(manifest)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    assert xpath(manifest, "string(//*[local-name()='schemaversion'])") == ["1.2"]
    items = xpath(manifest, "//*[local-name()='item']/@identifier")
    refs = xpath(manifest, "//*[local-name()='item']/@identifierref")
    resources = xpath(manifest, "//*[local-name()='resource']/@identifier")
    orgs = xpath(manifest, "//*[local-name()='organization']/@identifier")
    every = items + resources + orgs + xpath(manifest, "/*[local-name()='manifest']/@identifier")
    assert len(every) == len(set(every)), "identifiers must be unique"
    assert xpath(manifest, "//*[local-name()='organizations']/@default") == orgs[:1]
    assert set(refs) <= set(resources) and len(refs) == len(items)
    deps = xpath(manifest, "//*[local-name()='dependency']/@identifierref")
    assert set(deps) <= set(resources)
    # every file listed exists; every file of the zip is listed; every SCO's launch file exists
    listed = xpath(manifest, "//*[local-name()='file']/@href")
    on_disk = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file())
    assert set(listed) == set(on_disk) - {"imsmanifest.xml"}
    launches = xpath(manifest, "//*[local-name()='resource'][@*[local-name()='scormtype']='sco']/@href")
    assert launches and all((unpacked / h).is_file() for h in launches)
    # one SCO per course page (modules, case exercises, the assessment), in nav order, named as the page
    scos = course.in_nav_order()
    nav = [p for p, _ in siteconfig.load(REPO).nav if p.startswith(("modules/", "cases/"))]
    assert [m.doc_path for m in scos] == nav and course.cases
    assert items == [f"item-{m.slug}" for m in scos]
    assert launches == [m.doc_path[:-3] + ".html" for m in scos]
    titles = xpath(manifest, "//*[local-name()='item']/*[local-name()='title']/text()")
    assert titles == [m.title for m in scos]
    descriptions = xpath(manifest, "//*[local-name()='item']//*[local-name()='langstring']/text()")
    assert descriptions == [m.description for m in scos]
    assert xpath(manifest, "//*[local-name()='item']/@parameters") == [f"?sco={m.slug}" for m in scos]
    # the mastery score of mkdocs.yml, on the assessment only
    mastery = siteconfig.load(REPO).raw["extra"]["scorm"]["mastery_score"]
    assert xpath(manifest, "//*[local-name()='item'][*[local-name()='masteryscore']]/@identifier") == [
        "item-course-assessment"]
    assert xpath(manifest, "string(//*[local-name()='masteryscore'])") == [str(mastery)]


def test_identifiers_are_the_same_when_the_package_is_built_again(package, tmp_path):
    again = tmp_path / "again.zip"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "scorm.py"), "-o", str(again)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(package) as a, zipfile.ZipFile(again) as b:
        assert a.read("imsmanifest.xml") == b.read("imsmanifest.xml")
        assert a.namelist() == b.namelist()


def test_identifiers_come_from_slugs_not_places(tmp_path):
    root = make_course(tmp_path / "course")
    before = {s.slug: s.item for s in scorm.scos(course_mod.load(root))}
    cfg = root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    first, second = "      - modules/sample.md\n", "      - modules/second.md\n"
    cfg.write_text(text.replace(first + second, second + first), encoding="utf-8")
    after = scorm.scos(course_mod.load(root))
    assert [s.slug for s in after] == ["second", "sample"]
    assert {s.slug: s.item for s in after} == before


def test_every_case_exercise_is_a_sco_read_from_course_cases(course):
    items = scorm.scos(course)
    case = [s for s in items if s.kind == "case"]
    assert [(s.item, s.href, s.title, s.description) for s in case] == [
        (f"item-{c.slug}", c.doc_path[:-3] + ".html", c.title, c.description) for c in course.cases]
    assert len(case) >= 1 and not any(s.kind == "case" for s in scorm.scos(
        course_mod.Course(course.root, course.docs_dir, course.modules, course.register, course.quiz_files)))
    first = course.cases[0]
    text = scorm.manifest("Course", items, [s.href for s in items] + ["index.html"], 80)
    assert f'<item identifier="item-{first.slug}" identifierref="res-{first.slug}"' in text


def test_mastery_score_must_be_a_percentage():
    assert scorm.mastery_score({"extra": {"scorm": {"mastery_score": 80}}}) == (80, None)
    text = "extra:\n  scorm:\n    mastery_score: x\n"
    for bad in (120, "80", True):
        value, problem = scorm.mastery_score({"extra": {"scorm": {"mastery_score": bad}}}, text)
        assert value is None and str(problem).startswith(f"mkdocs.yml:3: mastery_score \"{bad}\" is not a percentage; ")
    assert str(scorm.mastery_score({})[1]).startswith("mkdocs.yml:1: extra.scorm.mastery_score is missing; ")


# --- what the package holds ------------------------------------------------------

def test_package_has_no_inline_script_and_nothing_from_another_host(unpacked):
    from courselib import inline_scripts

    pages = list(unpacked.rglob("*.html"))
    assert len(pages) > 20
    for f in pages:
        html = f.read_text(encoding="utf-8")
        for m in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S):
            # only the two the site's CSP allows by their hash (courselib/inline_scripts.py)
            assert ("src=" in m.group("attrs") or "application/json" in m.group("attrs") or not m.group("body").strip()
                    or m.group("body") in inline_scripts.bodies()), f
        loads = re.sub(r'<link rel="canonical"[^>]*>', "", html)  # names the site's address, loads nothing
        assert not re.search(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"(?:https?:)?//", loads), f
        assert ' onload=' not in html and ' onclick=' not in html and 'javascript:' not in html, f


def test_the_scorm_code_is_only_in_the_package(built_site, unpacked):
    assert not (built_site / "assets" / "scorm").exists() and not (built_site / "scorm").exists()
    assert not (unpacked / "scorm").exists()  # only as assets/scorm/
    interpol = (built_site / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    assert "course-sco" not in interpol and "assets/scorm" not in interpol
    assert 'name="course-sco" content="interpol"' in (unpacked / "modules" / "interpol.html").read_text(encoding="utf-8")


# --- played in Chromium against scorm-again -----------------------------------------

class Lms:
    """One LMS page in a browser context: a fresh API per launch, as an LMS gives
    each attempt; `cmi` carries what the LMS stored from the last session."""

    def __init__(self, context, base: str):
        self.context, self.base = context, base
        self.requests: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        self.page = context.new_page()

    def launch(self, slug: str, href: str, cmi: dict | None = None, params: str | None = None):
        self.page.goto(f"{self.base}/lms/lms.html")
        self.page.evaluate("cmi => startLms(cmi)", cmi or {})
        url = f"{self.base}{CONTENT}{href}" + (params if params is not None else f"?sco={slug}")
        self.page.evaluate("url => launch(url)", url)
        frame = self.page.frame_locator("#sco")
        frame.locator("article").first.wait_for()
        self.page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSCommit')", timeout=20000)
        return frame

    def record(self) -> dict:
        return self.page.evaluate("record()")

    def calls(self) -> list:
        return self.page.evaluate("window.calls")

    def end(self):
        """The LMS moves away from the SCO (the trainee leaves or picks another item)."""
        self.page.evaluate("launch('about:blank')")
        self.page.wait_for_function("() => window.calls.some(c => c[0] === 'LMSFinish')", timeout=20000)

    def storage(self) -> dict:
        page = self.context.new_page()
        page.goto(f"{self.base}{CONTENT}release.json")
        items = page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")
        page.close()
        return items


def _answer(frame, qid: str, right: bool):
    quiz = frame.locator(f"#{qid}")
    if right:
        for box in quiz.locator('input[name="answer"][data-correct="true"]').all():
            box.check()
    else:
        quiz.locator('input[name="answer"]:not([data-correct])').first.check()
    quiz.locator('button[type="submit"]').click()


def _again(frame, qid: str):
    frame.locator(f"#{qid} .quiz-reset-button").click()


def _ids(frame) -> list[str]:
    return frame.locator(".quiz[id]").evaluate_all("qs => qs.map(q => q.id)")


@pytest.fixture
def lms_page(browser, lms):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Lms(context, lms)
    context.close()


def _parse_suspend(data: str) -> dict:
    assert data.startswith("1|")
    return {e[:8]: e for e in data[2:].split(";") if e}


def test_a_module_played_to_completed_resumed_and_a_second_trainee_starts_clean(browser, lms, course):
    module = next(m for m in course.modules if m.slug == "interpol")
    href = "modules/interpol.html"
    # Trainee 1, first session: one question wrong first, then everything right.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    trainee = Lms(context, lms)
    frame = trainee.launch("interpol", href)
    assert trainee.record()["status"] == "incomplete"
    # the site's navigation is hidden inside the LMS
    assert not frame.locator(".md-sidebar--primary").is_visible() and not frame.locator(".md-header").is_visible()
    ids = _ids(frame)
    # the names the LMS's record uses are courselib's, made from the English source
    assert ids == question_ids.ids_for(module.questions) and len(ids) > 5
    _answer(frame, ids[0], right=False)
    assert trainee.record()["status"] == "incomplete"
    _again(frame, ids[0])
    for qid in ids:
        _answer(frame, qid, right=True)
    rec = trainee.record()
    assert rec["status"] == "completed"
    assert (rec["raw"], rec["min"], rec["max"]) == (str(round(100 * (len(ids) - 1) / len(ids))), "0", "100")
    entries = _parse_suspend(rec["suspend"])
    assert set(entries) == {i[2:10] for i in ids}
    assert entries[ids[0][2:10]].startswith(ids[0][2:10] + "w1:c")
    trainee.end()
    rec = trainee.record()
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", rec["session"]) and rec["exit"] == "suspend"
    names = [c[0] for c in trainee.calls()]
    assert names.count("LMSInitialize") == 1 and names.count("LMSFinish") == 1 and "LMSCommit" in names
    # nothing is left in this browser for the next trainee
    assert trainee.storage() == {}

    # Trainee 1 comes back: the LMS hands back its record, and the answers are on screen again.
    stored = {"suspend_data": rec["suspend"], "core": {"lesson_status": rec["status"], "entry": "resume"}}
    frame = trainee.launch("interpol", href, cmi=stored)
    assert frame.locator(".quiz .correct").count() >= len(ids)
    assert trainee.record()["status"] == "completed"
    assert _parse_suspend(trainee.record()["suspend"]) == entries
    trainee.end()
    assert trainee.storage() == {}

    # Trainee 2 on the same browser, a new attempt in the LMS: nothing of trainee 1 shows.
    frame = trainee.launch("interpol", href)
    assert frame.locator(".quiz .correct, .quiz .wrong").count() == 0
    rec = trainee.record()
    assert rec["status"] == "incomplete" and rec["suspend"] in ("", "1|")
    trainee.end()
    # The package asked for nothing outside the test server.
    assert all(u.startswith(lms) or u.startswith(("about:", "data:")) for u in trainee.requests), \
        [u for u in trainee.requests if not u.startswith(lms)][:3]
    context.close()


@pytest.mark.parametrize("outcome", ["passed", "failed"])
def test_the_assessment_is_passed_or_failed_by_its_first_tries(lms_page, course, outcome):
    mastery = siteconfig.load(REPO).raw["extra"]["scorm"]["mastery_score"]
    assessment = next(m for m in course.modules if m.kind == "assessment")
    # The LMS gives the SCO the manifest's mastery score, as Moodle does.
    frame = lms_page.launch("course-assessment", "modules/course-assessment.html",
                            cmi={"student_data": {"mastery_score": str(mastery)}})
    ids = _ids(frame)
    assert len(ids) == len(assessment.questions)
    # passed: every first try right; failed: every first try wrong, then right (the worst case for the record)
    for qid in ids:
        if outcome == "failed":
            _answer(frame, qid, right=False)
            _again(frame, qid)
        _answer(frame, qid, right=True)
        if qid != ids[-1]:
            assert lms_page.record()["status"] == "incomplete"
    rec = lms_page.record()
    assert rec["status"] == outcome
    assert rec["raw"] == ("100" if outcome == "passed" else "0")
    assert len(rec["suspend"]) <= LIMIT
    print(f"assessment ({len(ids)} questions), {outcome}: suspend_data {len(rec['suspend'])} characters")
    lms_page.end()
    assert lms_page.storage() == {}


def test_largest_record_fits_scorm_12(lms_page, course):
    """The module with the most questions and options, every option of every
    question chosen wrong and shown: its suspend_data stays under 4,096."""
    biggest = max((m for m in course.modules if m.questions),
                  key=lambda m: sum(len(q.options) + 12 for q in m.questions))
    frame = lms_page.launch(biggest.slug, biggest.doc_path[:-3] + ".html")
    for qid in _ids(frame):
        quiz = frame.locator(f"#{qid}")
        wrong = quiz.locator('input[name="answer"]:not([data-correct])')
        if quiz.locator('input[type="checkbox"]').count():
            for box in quiz.locator('input[name="answer"]').all():
                box.check()
        else:
            wrong.first.check()
        quiz.locator('button[type="submit"]').click()
    data = lms_page.record()["suspend"]
    print(f"largest record: {biggest.slug}, {len(biggest.questions)} questions, {len(data)} characters")
    assert 0 < len(data) <= LIMIT
    lms_page.end()


def test_a_case_exercise_is_completed_at_its_best_ending_and_resumed_where_it_was_left(lms_page, course):
    case = course.cases[0]
    href = case.doc_path[:-3] + ".html"
    path = case.case.best_path()
    assert len(path) >= 3 and path[-1].rating == "best"
    frame = lms_page.launch(case.slug, href)
    rec = lms_page.record()
    assert rec["status"] == "incomplete" and rec["raw"] == ""  # a case has no score
    # the trainee makes the first choice of the best path: in progress
    frame.locator(f'#{path[0].id} a[href="#{path[1].id}"]').click()
    lms_page.page.wait_for_function(f"() => window.calls.some(c => c[1] === 'cmi.suspend_data' && "
                                    f"c[2].indexOf('at={path[1].id}') !== -1)", timeout=20000)
    rec = lms_page.record()
    assert rec["status"] == "incomplete" and rec["suspend"] == f"1|case=1;at={path[1].id}"
    # then on along the best path to the best ending: completed
    for here, nxt in zip(path[1:], path[2:]):
        frame.locator(f'#{here.id} a[href="#{nxt.id}"]').click()
    lms_page.page.wait_for_function("() => window.calls.some(c => c[1] === 'cmi.core.lesson_status' && "
                                    "c[2] === 'completed')", timeout=20000)
    rec = lms_page.record()
    assert rec["status"] == "completed" and rec["suspend"] == f"1|case=2;at={path[-1].id}"
    lms_page.end()
    assert lms_page.storage() == {}
    # the trainee comes back: the case opens at the ending reached, and stays completed
    stored = {"suspend_data": rec["suspend"], "core": {"lesson_status": "completed", "entry": "resume"}}
    frame = lms_page.launch(case.slug, href, cmi=stored)
    frame.locator(f"#{path[-1].id}").wait_for(state="visible")
    assert frame.locator(f"#{path[0].id}").is_hidden()
    lms_page.end()
    assert lms_page.record()["status"] == "completed" and lms_page.storage() == {}
    # a poor ending is not completed
    poor = next(b for b in case.case.endings if b.rating != "best")
    step = next(b for b in case.case.steps if any(ch.target == poor.id for ch in b.choices))
    frame = lms_page.launch(case.slug, href + f"?sco={case.slug}#{step.id}", params="")
    frame.locator(f'#{step.id} a[href="#{poor.id}"]').click()
    lms_page.page.wait_for_function(f"() => window.calls.some(c => c[1] === 'cmi.suspend_data' && "
                                    f"c[2].indexOf('at={poor.id}') !== -1)", timeout=20000)
    assert lms_page.record()["status"] == "incomplete"
    lms_page.end()


def test_other_pages_leave_the_lms_alone(lms_page):
    frame = lms_page.launch("interpol", "modules/interpol.html")
    # a link from the SCO to another module opens that page in the frame: it is not launched as its SCO
    frame.locator('article a[href$="europol.html"]').first.click()
    lms_page.page.wait_for_function(
        "() => document.getElementById('sco').contentWindow.location.pathname.endsWith('europol.html')")
    europol = lms_page.page.frame_locator("#sco")
    europol.locator("article").first.wait_for()
    ids = _ids(europol)
    _answer(europol, ids[0], right=True)
    names = [c[0] for c in lms_page.calls()]
    assert names.count("LMSInitialize") == 1 and names[-1] == "LMSFinish", names[-5:]
    # and what was answered there does not stay in the browser once the LMS moves on
    lms_page.page.evaluate("launch('about:blank')")
    lms_page.page.wait_for_function("() => document.getElementById('sco').contentWindow.location.href === 'about:blank'")
    assert lms_page.storage() == {}
    assert [c[0] for c in lms_page.calls()] == names
    # a page that is no SCO, launched directly, leaves it alone too
    lms_page.page.evaluate("startLms({})")
    lms_page.page.evaluate(f"launch('{lms_page.base}{CONTENT}reference/glossary.html')")
    lms_page.page.frame_locator("#sco").locator("article").first.wait_for()
    assert lms_page.calls() == []


def test_make_scorm_refuses_a_bad_mastery_score_in_one_line(tmp_path):
    root = make_course(tmp_path / "course", mistake="scorm-mastery-score-not-a-percentage")
    out = tmp_path / "x.zip"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "scorm.py"), "--root", str(root), "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and not out.exists()
    expected = (REPO / "tests" / "fixtures" / "mistakes" / "scorm-mastery-score-not-a-percentage" / "expected.txt")
    assert result.stderr == "scorm: " + expected.read_text(encoding="utf-8")
