"""The trainee's experience in Debian's Chromium (issue 7): progress kept in
the browser, shared computers, accessibility (axe-core), keyboard use,
print, and search."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from browsing import search
from course_fixture import REPO, make_course
from courselib import editions
from courselib.transfer import SEARCH_FILE_RE
from site_server import Server, build_site

# Every module page of every edition: English at modules/<slug>/, a translation
# (docs/modules/<slug>.<lang>.md) at <lang>/modules/<slug>/.
MODULE_PAGES = sorted(editions.prefix(editions.split(p.name)[1]) + f"modules/{editions.split(p.name)[0][:-3]}/"
                      for p in (REPO / "docs" / "modules").glob("*.md"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RECORD = "course-progress-v1"


def answer(quiz, right: bool = True):
    """Tick the right options (or the first wrong one) of a question and submit."""
    if quiz.locator("button.quiz-reset-button").is_visible():
        quiz.locator("button.quiz-reset-button").click()
    if right:
        for box in quiz.locator("input[name=answer][data-correct]").all():
            box.check()
    else:
        quiz.locator("input[name=answer]:not([data-correct])").first.check()
    quiz.locator("button[type=submit].quiz-button").click()
    quiz.locator(".quiz-feedback .quiz-feedback-item").first.wait_for()


def nav_mark(page, title: str) -> str:
    link = page.locator(".md-nav--primary a.md-nav__link", has_text=title).first
    return link.locator(".course-mark").get_attribute("class")


def status(page, href_part: str) -> str:
    row = page.locator("tr", has=page.locator(f'a[href*="{href_part}"]'))
    return " ".join(row.locator("[data-course-module]").inner_text().split())


# -- 1. Progress --------------------------------------------------------------

def test_progress_marks_and_page_follow_the_answers(page, site_url):
    page.goto(site_url + "modules/community-policing/")
    assert "course-mark--not-started" in nav_mark(page, "Community policing")
    quizzes = page.locator("div.quiz")
    total = quizzes.count()
    answer(quizzes.nth(0), right=False)
    assert "course-mark--in-progress" in nav_mark(page, "Community policing")
    assert page.locator(".md-nav--primary a", has_text="Community policing").first.locator(
        ".course-sr").text_content() == " (in progress)"

    page.goto(site_url + "progress/")
    assert status(page, "community-policing") == f"◐ In progress · 0 of {total} right"
    assert status(page, "interpol") == "○ Not started · 0 of 14 right"

    page.goto(site_url + "modules/community-policing/")
    for i in range(total):
        answer(quizzes.nth(i))
    assert "course-mark--done" in nav_mark(page, "Community policing")
    # no "Try again" under a right answer (issue 17)
    assert quizzes.nth(0).locator("button.quiz-reset-button").is_hidden()
    page.goto(site_url + "progress/")
    assert status(page, "community-policing") == f"● Done · {total} of {total} right"
    assert re.search(r"finished 1 of 20 modules, and answered 5 of \d+ questions correctly",
                     page.locator("#course-progress-summary").inner_text())


def test_questions_are_named_by_their_text_and_listed_for_each_module(built_site):
    html = (built_site / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<div class="quiz"[^>]*id="(q-[0-9a-f]{8})"', html)
    assert len(ids) == 14 and len(set(ids)) == 14
    assert not re.search(r'id="quiz-\d', html)
    scripts = [p.read_text(encoding="utf-8") for p in (built_site / "assets" / "inline").glob("inline.*.js")]
    listed = [s for s in scripts if "courseQuestions" in s and '"modules/interpol/"' in s]
    assert listed and all(i in listed[0] for i in ids)


def _serve_twice(tmp_path, site):
    """The same built site under two sub-paths of one server (one origin)."""
    root = tmp_path / "www"
    (root / "training").mkdir(parents=True)
    (root / "elsewhere" / "new").mkdir(parents=True)
    (root / "training" / "cooperation").symlink_to(site, target_is_directory=True)
    (root / "elsewhere" / "new" / "course").symlink_to(site, target_is_directory=True)
    return Server(root)


def test_progress_survives_a_move_to_another_sub_path(browser, built_site, tmp_path):
    with _serve_twice(tmp_path, built_site) as server:
        page = browser.new_page()
        page.goto(server.url + "training/cooperation/modules/modern-slavery/")
        quizzes = page.locator("div.quiz")
        for i in range(quizzes.count()):
            answer(quizzes.nth(i))
        page.goto(server.url + "elsewhere/new/course/modules/interpol/")
        assert "course-mark--done" in nav_mark(page, "Modern slavery")
        assert list(json.loads(page.evaluate(f"localStorage.getItem('{RECORD}')"))) == ["modules/modern-slavery/"]
        page.close()


def test_editing_one_question_keeps_the_other_answers_in_place(browser, tmp_path):
    """Insert a question before two answered ones and rebuild: each saved
    answer stays with its own question; the new one is not answered."""
    course = make_course(tmp_path / "course")
    site = tmp_path / "www" / "c"
    assert build_site(site, course).returncode == 0
    with Server(tmp_path / "www") as server:
        page = browser.new_page()
        page.goto(server.url + "c/modules/sample/")
        first, second = page.locator("div.quiz").nth(0), page.locator("div.quiz").nth(1)
        answer(first)
        answer(second, right=False)
        before = page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")

        quiz_file = course / "quizzes" / "sample.md"
        new = ("<!-- objective: red-notice -->\n<quiz>\nWho publishes a Red Notice?\n"
               "- [x] INTERPOL's General Secretariat\n  > Right. It checks the request first.\n"
               "- [ ] The country's own court\n  > No. The court issues the warrant the notice rests on.\n"
               "</quiz>\n\n")
        quiz_file.write_text(new + quiz_file.read_text(encoding="utf-8"), encoding="utf-8")
        shutil.rmtree(site)
        assert build_site(site, course).returncode == 0
        page.reload()
        quizzes = page.locator("div.quiz")
        assert quizzes.evaluate_all("qs => qs.map(q => q.id)")[1:] == before
        assert quizzes.nth(0).locator(".quiz-feedback").is_hidden()
        assert quizzes.nth(1).locator(".quiz-feedback-item.correct").count() == 1
        assert quizzes.nth(2).locator(".quiz-feedback-item.incorrect").count() == 1
        assert "course-mark--in-progress" in nav_mark(page, "Sample")
        page.close()


# -- 2. Shared computers ------------------------------------------------------

def test_clear_my_answers_forgets_everything_on_this_computer(page, site_url):
    page.goto(site_url + "modules/interpol/")
    answer(page.locator("div.quiz").first)
    page.evaluate("localStorage.setItem('unrelated', 'kept')")
    note = page.locator(".course-storage-note")
    assert "only in this browser" in note.inner_text() and "Nothing is sent anywhere" in note.inner_text()
    assert "keeps no record" in note.inner_text()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my answers on this computer").click()
    page.wait_for_load_state("load")
    keys = page.evaluate("Object.keys(localStorage)")
    assert "unrelated" in keys and not [k for k in keys if k == RECORD or k.startswith("quiz_progress_")], keys
    assert "course-mark--not-started" in nav_mark(page, "INTERPOL")
    assert page.locator("div.quiz .quiz-feedback").first.is_hidden()

    page.goto(site_url + "progress/")
    assert page.get_by_role("button", name="Clear my answers on this computer").is_visible()


def test_a_cancelled_clear_keeps_the_answers(page, site_url):
    page.goto(site_url + "modules/europol/")
    answer(page.locator("div.quiz").first)
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Clear my answers on this computer").click()
    assert "course-mark--in-progress" in nav_mark(page, "Europol")


@pytest.mark.parametrize("path,title", [("", "Home"),
                                        ("modules/extradition/", "Extradition"),
                                        ("reference/glossary/", "Glossary")])
def test_every_page_has_a_report_a_mistake_link(built_site, path, title):
    """The link opens the "Report a mistake" page with this page named (it
    works without a mail program); that page shows the address to write to."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<a href="([^"]+)">Report a mistake on this page</a>', html)
    assert m, path
    target, _, query = m.group(1).partition("?")
    assert query == f"page={path}"
    report = (built_site / path / target).resolve() / "index.html"
    assert report == (built_site / "reference" / "report" / "index.html").resolve()
    report_html = report.read_text(encoding="utf-8")
    assert "<strong>course-team@intranet.example</strong>" in report_html
    assert 'id="course-report-text"' in report_html


# -- 4. Accessibility ---------------------------------------------------------

AXE_PAGES = ["", "modules/interpol/", "progress/", "reference/glossary/"]


def _site_path(doc: Path) -> str:
    rel = doc.relative_to(REPO / "docs").as_posix()[:-3]
    return "" if rel == "index" else (rel[:-5] if rel.endswith("/index") else rel + "/")


# Every page of the site, trainers' pages included, and the 404 page.
SITE_PAGES = sorted(_site_path(f) for f in (REPO / "docs").rglob("*.md")
                    if ".snippets" not in f.parts and not editions.is_translation(f.name)) + ["404.html"]


def _axe(page) -> list:
    assert AXE.exists(), "axe-core is missing: run `make node-deps`"
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document)).violations.map(
        v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", "))""")


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violation(browser, site_url, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if path == "modules/interpol/":  # with feedback on screen, too
        answer(page.locator("div.quiz").nth(0), right=False)
        answer(page.locator("div.quiz").nth(1))
    assert _axe(page) == []
    page.close()


@pytest.fixture(scope="module")
def course_url(built_site, tmp_path_factory):
    """The site under its real sub-path, as nginx serves it: the 404 page
    names its files from the site root (/training/cooperation/...)."""
    root = tmp_path_factory.mktemp("www")
    (root / "training").mkdir()
    (root / "training" / "cooperation").symlink_to(built_site, target_is_directory=True)
    with Server(root) as server:
        yield server.url + "training/cooperation/"


def test_the_accessibility_check_covers_every_page_of_the_site(built_site):
    # (English: the other editions' own pages are checked in tests/test_editions.py)
    others = [built_site / editions.prefix(lang) for lang in editions.TRANSLATED]
    built = {("" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/")
             for p in built_site.rglob("index.html")
             if not any(p.is_relative_to(o) for o in others)} | {"404.html"}
    assert built == set(SITE_PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", SITE_PAGES)
def test_axe_finds_no_violation_on_any_page_in_either_colour_scheme(browser, course_url, path, scheme):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(course_url + path)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert _axe(page) == []
    page.close()


def test_axe_finds_no_violation_in_the_dark_scheme(browser, site_url):
    page = browser.new_page(color_scheme="dark")
    page.goto(site_url + "modules/interpol/")
    answer(page.locator("div.quiz").nth(0), right=False)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert _axe(page) == []
    page.close()


@pytest.mark.parametrize("slug", MODULE_PAGES)
def test_every_question_can_be_answered_by_keyboard_alone(page, site_url, slug):
    """From each question's own link, Tab reaches the options, arrows or
    Space choose, Tab reaches Submit, Enter submits."""
    page.goto(site_url + slug)
    quizzes = page.locator("div.quiz")
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        inputs = quiz.locator("input[name=answer]")
        kinds = inputs.evaluate_all("xs => xs.map(x => [x.type, x.hasAttribute('data-correct')])")
        quiz.locator("a.quiz-header-link").focus()
        page.keyboard.press("Tab")
        if kinds[0][0] == "radio":
            target = [c for _, c in kinds].index(True)
            if target:
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
            else:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
        else:
            for n, (_, correct) in enumerate(kinds):
                if correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('quiz-button')"), (slug, i)
        page.keyboard.press("Enter")
        quiz.locator(".quiz-feedback-item.correct").first.wait_for(timeout=3000)
        assert page.evaluate("document.activeElement !== document.body")


def test_pages_work_at_360_px_and_at_200_percent_zoom(browser, site_url):
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    # 200 % zoom of a 1280 px window: a 640 px wide layout at device scale 2
    for name, viewport, scale in (("360", {"width": 360, "height": 740}, 1),
                                  ("zoom200", {"width": 640, "height": 450}, 2)):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        for path in ("modules/interpol/", "progress/"):
            page.goto(site_url + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (name, path, overflow)
            page.screenshot(path=str(shots / f"{path.split('/')[-2]}-{name}.png"))
        page.goto(site_url + "modules/interpol/")
        answer(page.locator("div.quiz").first)
        assert page.locator("div.quiz .quiz-feedback").first.is_visible()
        context.close()


# -- 5. Print -----------------------------------------------------------------

def test_a_module_prints_without_navigation_or_marked_answers(page, site_url, tmp_path):
    page.goto(site_url + "modules/interpol/")
    answer(page.locator("div.quiz").nth(0))  # even after answering
    answer(page.locator("div.quiz").nth(1), right=False)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".course-page-actions", "div.quiz .quiz-button", "div.quiz .quiz-feedback",
                   "div.quiz .answer-feedback"):
        assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
    assert page.locator("div.quiz .quiz-question").first.is_visible()
    assert page.locator("div.quiz label").first.is_visible()
    colours = page.locator("div.quiz label").evaluate_all(
        "ls => [...new Set(ls.map(l => getComputedStyle(l).color + getComputedStyle(l).fontWeight))]")
    assert len(colours) == 1, colours  # right and wrong options print alike
    looks = page.locator("div.quiz input[name=answer]").evaluate_all(
        "xs => [...new Set(xs.map(x => getComputedStyle(x).appearance + getComputedStyle(x).backgroundColor))]")
    assert looks == ["none" + "rgba(0, 0, 0, 0)"], looks  # a ticked box prints empty
    pdf = tmp_path / "interpol.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert data.startswith(b"%PDF") and 5 <= pages <= 40, pages
    (REPO / "tests" / "artifacts").mkdir(exist_ok=True)
    shutil.copy(pdf, REPO / "tests" / "artifacts" / "interpol.pdf")  # to look at


def test_answer_keys_cover_every_question_of_every_module(built_site):
    from courselib import course

    html = (built_site / "trainers" / "answer-keys" / "index.html").read_text(encoding="utf-8")
    for m in course.load(REPO).modules:
        if m.questions:
            assert f'id="{m.slug}"' in html, m.slug
            assert f"{len(m.questions)} questions." in html, m.slug
    assert html.count("Right:") == sum(sum(o.correct for o in q.options)
                                       for m in course.load(REPO).modules for q in m.questions)


# -- 6. Search ----------------------------------------------------------------

ACRONYMS = {"MLA": "mutual-legal-assistance", "JIT": "joint-investigation-teams", "SIENA": "europol",
            "FTF": "terrorism", "THB": "trafficking-in-human-beings", "EIO": "mutual-legal-assistance"}


@pytest.mark.parametrize("acronym,slug", ACRONYMS.items())
def test_each_acronym_finds_its_module_first(page, site_url, acronym, slug):
    page.goto(site_url)
    results = search(page, acronym)
    first = results.first.locator("a").first.get_attribute("href")
    assert f"modules/{slug}/" in first, (acronym, first)


@pytest.mark.parametrize("term", ["Double criminality", "Adequacy decision", "Central authority"])
def test_glossary_terms_are_found(page, site_url, term):
    page.goto(site_url)
    results = search(page, term)
    hrefs = results.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any("reference/glossary/" in h for h in hrefs), hrefs


def test_search_files_are_fetched_only_when_search_is_first_used(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "modules/interpol/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(500)
    assert not [u for u in requested if SEARCH_FILE_RE.search(u)]
    results = search(page, "Red Notice")
    assert results.count() > 0
    assert any(u.endswith("search/search_index.json") for u in requested)
    assert any(re.search(r"/workers/search\.[0-9a-f]+\.min\.js$", u) for u in requested)


def test_the_quiz_interface_is_not_in_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sources = {p.relative_to(REPO / "docs").with_suffix("").as_posix(): p.read_text(encoding="utf-8")
               for p in (REPO / "docs").rglob("*.md")}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0].rstrip("/") or "index"
        source = sources.get(page) or sources.get(page + "/index", "")
        for ui in ("Reset", "Quiz progress", "Self-check progress", "Clear this page", "Submit", "Try again"):
            if ui in doc["text"] or ui in doc["title"]:
                assert ui in source, (doc["location"], ui)
