"""Trainee experience II (issue 17), in Debian's Chromium against the real
nginx configuration (HTTPS, the sub-path, the strict CSP): questions that
tell the truth, search that finds what officers type, abbreviations that
work on touch and by keyboard."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from course_fixture import REPO
from courselib.nginx_server import NGINX, Nginx

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "artifacts"
RECORD = "course-progress-v1"
PHONE, PC = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make system-deps`"
    with Nginx(built_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server.url


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport=PC, scheme="light"): a fresh page that fails
    the test on a script error or a CSP violation."""
    contexts, problems = [], []

    def opener(url, viewport=PC, scheme="light"):
        context = browser.new_context(viewport=viewport, color_scheme=scheme, ignore_https_errors=True)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                             "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        page.goto(url)
        return page

    yield opener
    for c in contexts:
        c.close()
    assert problems == []


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def axe(page) -> list:
    assert AXE.exists(), "axe-core is missing: run `make node-deps`"
    # Through the DevTools protocol: the page's CSP (rightly) refuses an added <script>.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate("""async () => (await axe.run(document)).violations.map(
        v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", "))""")


def submit(quiz):
    quiz.locator("button[type=submit].quiz-button").click()


def answer(quiz, right=True):
    """Tick the right options (or the first wrong one) and submit."""
    retry = quiz.locator("button.quiz-reset-button")
    if retry.is_visible():
        retry.click()
    if right:
        for box in quiz.locator("input[name=answer][data-correct]").all():
            box.check()
    else:
        quiz.locator("input[name=answer]:not([data-correct])").first.check()
    submit(quiz)
    quiz.locator(".quiz-feedback .quiz-feedback-item").first.wait_for()


def box_counts(page) -> dict:
    box = page.locator("#quiz-progress-sidebar")
    return {k: int(box.locator(f"[data-course-count={k}]").inner_text()) for k in ("answered", "first", "right")}


def progress_status(page, href_part: str) -> str:
    row = page.locator("tr", has=page.locator(f'a[href*="{href_part}"]'))
    return " ".join(row.locator("[data-course-module]").inner_text().split())


def multi_answer_quiz(page):
    """The first question of the page with more than one right option."""
    for quiz in page.locator("div.quiz").all():
        if quiz.locator("input[type=checkbox][data-correct]").count() > 1:
            return quiz
    raise AssertionError("no question with several right options on " + page.url)


# -- 1. Questions that tell the truth -----------------------------------------

def test_submit_with_nothing_chosen_does_not_count(open_page, nginx_url):
    page = open_page(nginx_url + "modules/extradition/")
    quiz = page.locator("div.quiz").first
    submit(quiz)
    note = quiz.locator(".course-quiz-note")
    assert note.inner_text() == "Choose an answer first, then submit."
    assert note.get_attribute("role") == "status"
    assert quiz.locator(".quiz-feedback").is_hidden()
    assert page.evaluate(f"localStorage.getItem('{RECORD}')") is None
    assert box_counts(page) == {"answered": 0, "first": 0, "right": 0}
    mark = page.locator(".md-nav--primary a.md-nav__link", has_text="Extradition").first.locator(".course-mark")
    assert "course-mark--not-started" in mark.get_attribute("class")
    # choosing an option clears the note; a real answer then counts
    quiz.locator("input[name=answer][data-correct]").first.check()
    assert note.is_hidden()
    submit(quiz)
    quiz.locator(".quiz-feedback-item.correct").first.wait_for()
    assert box_counts(page) == {"answered": 1, "first": 1, "right": 1}


def test_a_partly_right_answer_says_more_options_are_needed(open_page, nginx_url):
    page = open_page(nginx_url + "modules/community-policing/", viewport=PHONE)
    quiz = multi_answer_quiz(page)
    right = quiz.locator("input[name=answer][data-correct]")
    right.first.check()
    submit(quiz)
    summary = quiz.locator(".quiz-feedback .course-summary")
    summary.wait_for()
    assert summary.inner_text().startswith("Partly right: your choice is right, but more options are needed.")
    # the right choice is shown as right, never in a red box
    assert quiz.locator(".quiz-feedback-item.incorrect").count() == 0
    assert quiz.locator(".quiz-feedback-item.correct").count() == 1
    # the option is named in full above its feedback, not cut off
    label = right.first.locator("xpath=..").locator("label").inner_text().strip()
    badge = quiz.locator(".quiz-feedback-item .quiz-feedback-badge")
    assert " ".join(badge.inner_text().split()) == "Your choice: " + label  # "Your choice:" is for screen readers
    assert "\u2026" not in badge.inner_text()
    assert badge.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    shot(page, "quiz-partly-right-360")
    # with a wrong option among the choices: which choice is wrong is said
    quiz.locator("button.quiz-reset-button").click()
    right.first.check()
    quiz.locator("input[name=answer]:not([data-correct])").first.check()
    submit(quiz)
    assert summary.inner_text().startswith("Not right yet: one of your choices is wrong.")
    assert quiz.locator(".quiz-feedback-item.incorrect").count() == 1
    assert quiz.locator(".quiz-feedback-item.correct").count() == 1
    # all right: no summary, no "Try again"
    quiz.locator("button.quiz-reset-button").click()
    for box in right.all():
        box.check()
    submit(quiz)
    quiz.locator(".quiz-feedback-item.correct").first.wait_for()
    assert summary.count() == 0
    assert quiz.locator("button.quiz-reset-button").is_hidden()


def test_counters_mean_what_they_say_and_agree_with_my_progress(open_page, nginx_url):
    page = open_page(nginx_url + "modules/interpol/")
    quizzes = page.locator("div.quiz")
    total = quizzes.count()
    box = page.locator("#quiz-progress-sidebar")
    assert box.is_visible()
    assert re.sub(r"\s+", " ", box.inner_text()).count(f"of {total}") == 3
    answer(quizzes.nth(0), right=False)        # wrong at the first try
    assert box_counts(page) == {"answered": 1, "first": 0, "right": 0}
    assert quizzes.nth(0).locator("button.quiz-reset-button").is_visible()
    answer(quizzes.nth(0))                      # then right
    assert quizzes.nth(0).locator("button.quiz-reset-button").is_hidden()  # no "Try again" under it
    answer(quizzes.nth(1))                      # right at the first try
    assert box_counts(page) == {"answered": 2, "first": 1, "right": 2}
    page.reload()
    assert box_counts(page) == {"answered": 2, "first": 1, "right": 2}
    assert quizzes.nth(0).locator(".quiz-feedback-item.correct").count() == 1
    assert quizzes.nth(0).locator("button.quiz-reset-button").is_hidden()
    page.goto(nginx_url + "progress/")
    assert progress_status(page, "modules/interpol/") == f"◐ In progress · 2 of {total} right"

    # "Clear this page" clears the box and My progress alike
    page.goto(nginx_url + "modules/interpol/")
    page.once("dialog", lambda d: d.accept())
    box.get_by_role("button", name="Clear this page").click()
    page.wait_for_load_state("load")
    assert box_counts(page) == {"answered": 0, "first": 0, "right": 0}
    assert quizzes.nth(0).locator(".quiz-feedback").is_hidden()
    page.goto(nginx_url + "progress/")
    assert progress_status(page, "modules/interpol/") == f"○ Not started · 0 of {total} right"


def test_the_assessment_ends_with_a_first_try_score_and_modules_to_reread(open_page, nginx_url):
    page = open_page(nginx_url + "modules/course-assessment/", viewport=PHONE)
    quizzes = page.locator("div.quiz")
    total = quizzes.count()
    results = page.locator("#course-results")
    assert "answered 0 of %d" % total in results.inner_text()
    # every "Module: X" pointer in the feedback is a link to that module
    pointers = page.locator(".answer-feedback a.course-module-link")
    assert pointers.count() >= total
    hrefs = set(pointers.evaluate_all("as => as.map(a => new URL(a.href).pathname)"))
    assert all(re.search(r"/modules/[a-z-]+/$", h) for h in hrefs), hrefs
    missed = {1, 4}
    for i in range(total):
        if i in missed:
            answer(quizzes.nth(i), right=False)
        answer(quizzes.nth(i))
    expected = {quizzes.nth(i).locator("a.course-module-link").first.inner_text() for i in missed}
    status = " ".join(results.locator(".course-results__status").inner_text().split())
    first = total - len(missed)
    assert status == (f"Right at the first try: {first} of {total} ({round(100 * first / total)} %). "
                      f"Right at any try: {total} of {total}.")
    links = results.locator(".course-results__body a")
    assert {a.inner_text() for a in links.all()} == expected
    results.scroll_into_view_if_needed()
    shot(page, "assessment-results-360")
    links.first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/modules/[a-z-]+/$", page.url) and "course-assessment" not in page.url


@pytest.mark.parametrize("viewport", [PHONE, PC], ids=["360", "1280"])
def test_question_layout_on_a_phone_and_a_pc(open_page, nginx_url, viewport):
    """The "#" link never covers the question, each option sits beside its
    box with a hanging indent, boxes are 24 px or more, and "back to top"
    never floats over a question on a phone."""
    page = open_page(nginx_url + "modules/war-crimes-cooperation/", viewport=viewport)
    for quiz in page.locator("div.quiz").all():
        quiz.hover()  # the "#" shows on hover (and on tap)
        link = quiz.locator("a.quiz-header-link").bounding_box()
        question = quiz.locator(".quiz-question").evaluate(
            """q => { const r = document.createRange(); r.selectNodeContents(q);
                      return [...r.getClientRects()].map(b => [b.left, b.top, b.right, b.bottom]); }""")
        for left, top, right, bottom in question:
            overlaps = left < link["x"] + link["width"] and right > link["x"] and \
                top < link["y"] + link["height"] and bottom > link["y"]
            assert not overlaps, (link, (left, top, right, bottom))
        for option in quiz.locator("fieldset > div").all():
            box = option.locator("input").bounding_box()
            label = option.locator("label")
            assert box["width"] >= 24 and box["height"] >= 24, box
            lines = label.evaluate("""l => { const r = document.createRange(); r.selectNodeContents(l);
                                             return [...r.getClientRects()].map(b => b.left); }""")
            assert min(lines) >= box["x"] + box["width"], "option text runs under its box"
            assert max(lines) - min(lines) < 2, "lines of an option do not share one indent"
    if viewport is PHONE:
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -600)  # scrolling up is when Material shows "back to top"
        page.wait_for_timeout(500)
        assert page.locator(".md-top").is_hidden()
        # the header title is the page's title, in full or wrapped, never cut
    quiz = page.locator("div.quiz").first
    answer(quiz, right=False)
    quiz.scroll_into_view_if_needed()
    shot(page, f"quiz-layout-{viewport['width']}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, PC], ids=["360", "1280"])
def test_quiz_states_are_axe_clean(open_page, nginx_url, viewport, scheme):
    page = open_page(nginx_url + "modules/community-policing/", viewport=viewport, scheme=scheme)
    quizzes = page.locator("div.quiz")
    submit(quizzes.nth(0))                            # nothing chosen
    answer(quizzes.nth(1), right=False)               # wrong
    answer(quizzes.nth(2))                            # right
    multi = multi_answer_quiz(page)                   # partly right
    multi.locator("input[name=answer][data-correct]").first.check()
    submit(multi)
    multi.locator(".course-summary").wait_for()
    assert axe(page) == []
    multi.scroll_into_view_if_needed()
    shot(page, f"quiz-states-{viewport['width']}-{scheme}")


def test_module_pointers_become_links_only_in_feedback_and_only_for_modules():
    from courselib.pointers import link_pointers

    titles = {"The 2015 EU agendas and what replaced them": "modules/eu-agendas/", "Europol": "modules/europol/"}
    html = ('<p>Module: Europol.</p><div class="answer-feedback hidden">No. Module: The 2015 '
            '<abbr title="European Union">EU</abbr> agendas and what\nreplaced them.</div>'
            '<div class="answer-feedback hidden">Right. Module: Europe.</div>')
    out = link_pointers(html, titles, "modules/course-assessment/")
    assert out.startswith("<p>Module: Europol.</p>")  # running text stays as written
    assert ('Module: <a class="course-module-link" href="../eu-agendas/">The 2015 <abbr title="European Union">'
            'EU</abbr> agendas and what\nreplaced them</a>.') in out
    assert "Module: Europe." in out  # no module of that title: plain text


# -- 2. Search that finds what officers type ----------------------------------

QUERIES = yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]


def _search_first(page, query: str) -> tuple[str, list[str]]:
    """Type a query into Material's search; return the first result's page
    (relative to the site root) and the titles of the first results. Between
    queries the box holds a word that finds nothing, so the results read are
    the new query's own."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("qqqzzzxxq")
    box.press("End")  # Material reads the query on key-up
    page.wait_for_function("() => /No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => !/No matching|Type to start/.test("
                           "document.querySelector('.md-search-result__meta').textContent)", timeout=10000)
    first = page.locator(".md-search-result__item").first.locator("a").first.get_attribute("href")
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()[:3]
    return first, titles


def _open_search(page):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    for _ in range(40):  # the worker loads the index on first use
        box.fill("interpol")
        box.press("End")
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=1000)
            return
        except Exception:
            continue
    raise AssertionError("search never answered")


def test_the_officers_queries_find_the_right_page_first(open_page, nginx_url, capsys):
    assert len(QUERIES) >= 40
    page = open_page(nginx_url)
    _open_search(page)
    right, wrong = 0, []
    for item in QUERIES:
        href, titles = _search_first(page, str(item["q"]))
        got = href.split(nginx_url)[-1].split("#")[0].split("?")[0] if href else None
        got = re.sub(r"^(\.\./)+|^\./", "", got or "")
        if got == item["first"]:
            right += 1
        else:
            wrong.append(f"{item['q']!r} ({item['kind']}): wanted {item['first']}, got {got} {titles}")
    score = right / len(QUERIES)
    with capsys.disabled():
        print(f"\nsearch: {right} of {len(QUERIES)} queries find the right page first ({score:.0%})")
        for w in wrong:
            print("  missed " + w)
    assert score >= 0.9, "\n".join(wrong)


def test_the_index_holds_no_quiz_answers_labels_trainer_pages_and_has_glossary_terms(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    # (a trainers' page may show a question's syntax as an example, in code)
    text = "\n".join(d["text"] + " " + d["title"] for d in docs if not d["location"].startswith("trainers/"))
    html = (built_site / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    options = re.findall(r"<label for=\"q-[^\"]+\">(.*?)</label>", html)
    feedback = re.findall(r'<div class="answer-feedback hidden">(.*?)</div>', html, re.S)
    assert options and feedback
    for fragment in options + [f[:60] for f in feedback]:
        plain = " ".join(re.sub(r"<[^>]+>", "", fragment).split())
        assert plain not in text, plain
    # the trainers' pages: labelled and ranked low; the answer keys not searched at all
    trainers = [d for d in docs if d["location"].startswith("trainers/")]
    assert trainers and all(d["title"].startswith("For trainers: ") and d["boost"] <= 0.001 for d in trainers)
    assert not [d for d in docs if d["location"].startswith("trainers/answer-keys/")]
    # one entry per glossary term, at the term's own anchor
    glossary = (built_site / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<dt id="([^"]+)">', glossary)
    assert len(anchors) >= 40 and "european-arrest-warrant-eaw" in anchors
    entries = {d["location"]: d for d in docs if d["location"].startswith("reference/glossary/#")}
    assert set(f"reference/glossary/#{a}" for a in anchors) <= set(entries)
    assert entries["reference/glossary/#european-arrest-warrant-eaw"]["title"] == "European Arrest Warrant (EAW)"
    assert index["config"]["separator"].startswith("[\\s")


@pytest.mark.parametrize("query", ["MLA", "extradition", "red notice"])
def test_trainer_pages_come_after_every_trainee_page_and_say_so(open_page, nginx_url, query):
    page = open_page(nginx_url)
    _open_search(page)
    _search_first(page, query)
    page.wait_for_timeout(300)
    titles = [" ".join(t.split()) for t in page.locator(".md-search-result__item > a h1").all_inner_texts()]
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    kinds = ["trainer" if "/trainers/" in h else "trainee" for h in hrefs]
    firsts = [k for k, h in zip(kinds, hrefs) if "#" not in h]
    assert "trainee" in firsts
    if "trainer" in firsts:
        assert "trainee" not in firsts[firsts.index("trainer"):], list(zip(firsts, titles))
    for h1, h in zip(titles, [h for h in hrefs if "#" not in h]):
        if "/trainers/" in h:
            assert h1.startswith("For trainers: "), h1


# -- 3. Abbreviations you can tap -------------------------------------------

def test_an_abbreviation_shows_its_meaning_on_tap_and_on_keyboard_focus(browser, nginx_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, ignore_https_errors=True)
    page = context.new_page()
    page.goto(nginx_url + "modules/interpol/")
    abbr = page.locator("article abbr").filter(has_text=re.compile(r"^NCB$")).nth(1)  # not the first: any use works on tap
    meaning = "National Central Bureau (INTERPOL)"
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=3000)
    assert meaning in tip.inner_text()
    size = tip.locator(".md-tooltip2__inner").evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
    assert size >= 14, size
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box  # fits the phone
    page.wait_for_timeout(500)  # let it fade in
    shot(page, "abbreviation-tap-360")
    context.close()

    context = browser.new_context(viewport=PC, ignore_https_errors=True)
    page = context.new_page()
    page.goto(nginx_url + "modules/interpol/")
    first = page.locator("article abbr[tabindex='0']").filter(has_text=re.compile(r"^NCB$"))
    assert first.count() == 1  # the first use on the page is a tab stop, the others are not
    first.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=3000)
    assert meaning in tip.inner_text()
    described = first.get_attribute("aria-describedby")
    assert described and meaning in page.locator(f"#{described}").inner_text()
    shot(page, "abbreviation-focus-1280")
    context.close()


# -- 4. Tables on a phone -----------------------------------------------------

def _pages(built_site) -> list[str]:
    return sorted(str(p.parent.relative_to(built_site).as_posix()) + "/" if p.parent != built_site else ""
                  for p in built_site.rglob("index.html")
                  if "assets" not in p.parts and "search" not in p.parts)


def test_no_table_is_clipped_at_360_px_without_a_visible_way_to_reach_it(browser, built_site, nginx_url):
    context = browser.new_context(viewport=PHONE, ignore_https_errors=True)
    page = context.new_page()
    checked, wide, problems = 0, 0, []
    for path in _pages(built_site):
        page.goto(nginx_url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)
        report = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => {
            const wrap = t.closest('.md-typeset__scrollwrap');
            const scroller = wrap || t;
            const clipped = scroller.scrollWidth > scroller.clientWidth + 1 ||
                            t.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !wrap;
            const hint = wrap && wrap.previousElementSibling;
            return {clipped, wrap: !!wrap, focusable: !!wrap && wrap.tabIndex === 0 && wrap.getAttribute('role') === 'region',
                    hint: !!(hint && hint.classList.contains('course-scroll-hint') && hint.offsetHeight > 0),
                    size: parseFloat(getComputedStyle(t).fontSize), body: parseFloat(getComputedStyle(t.closest('article')).fontSize)};
        })""")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: the page itself scrolls sideways by {overflow} px")
        for n, t in enumerate(report):
            checked += 1
            if t["size"] < t["body"]:
                problems.append(f"{path} table {n}: text {t['size']} px, smaller than the page's {t['body']} px")
            if t["clipped"]:
                wide += 1
                if not (t["wrap"] and t["hint"] and t["focusable"]):
                    problems.append(f"{path} table {n}: wider than the screen with no visible hint or keyboard access")
        if path == "modules/choosing-a-channel/":
            page.locator(".course-wide").first.scroll_into_view_if_needed()
            shot(page, "table-chooser-360")
    context.close()
    print(f"\ntables: {checked} checked at 360 px, {wide} scroll sideways with a hint")
    assert checked >= 30 and wide >= 1
    assert problems == []


# -- 5. A course that follows the trainee -------------------------------------

def test_continue_where_you_left_off_and_clear_forgets_it(open_page, nginx_url):
    page = open_page(nginx_url)
    start = page.get_by_role("link", name="Start here: How Kosovo reaches its partners")
    assert start.is_visible() and page.locator(".course-continue").is_hidden()
    page.goto(nginx_url + "modules/extradition/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(800)
    read_to = page.evaluate("scrollY")
    assert read_to > 1000
    page.goto(nginx_url)
    cont = page.get_by_role("link", name="Continue where you left off: Extradition")
    assert cont.is_visible()
    shot(page, "home-continue-1280")
    cont.click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.url.endswith("/modules/extradition/")  # the marker is taken off the address
    assert abs(page.evaluate("scrollY") - read_to) < 120
    # "Clear my answers" forgets the place too
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my answers on this computer").click()
    page.wait_for_load_state("load")
    assert "course-last-page-v1" not in page.evaluate("Object.keys(localStorage)")


# -- 6. Small faults ------------------------------------------------------------

def test_small_faults_header_title_home_heading_and_the_end_of_about(open_page, nginx_url, built_site):
    page = open_page(nginx_url, viewport=PHONE)
    assert page.locator("article h1").inner_text() == "International police cooperation"
    title = page.locator(".md-header__topic .md-ellipsis").first
    assert title.inner_text() == "International Police Cooperation"
    assert title.evaluate("t => t.scrollWidth <= t.clientWidth + 1 && t.scrollHeight <= t.clientHeight + 1")
    shot(page, "home-360")
    about = (built_site / "reference" / "about" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--next" not in about  # About is the last trainee page
    trainers = (built_site / "trainers" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--next" in trainers  # the trainers' own sequence is kept
