"""Case exercises in Debian's Chromium: the fixture course with its example
case (tests/fixtures/case/), built strictly and served by a real nginx with
the course's own configuration (so its Content-Security-Policy applies).

Played by keyboard alone, with JavaScript on (one step at a time) and off
(the whole case, each choice a link to a place on the page); the Back button
goes back a step; progress, "My progress" and "Clear my answers"; axe; 360 px
and 200 % zoom in both colour schemes; the printed handout; and the offline
zip from file://."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from course_fixture import REPO, make_course
from courselib.nginx_server import NGINX, Nginx
from dates import SUITE_TODAY
from site_server import build_site

CASE = "cases/wanted-abroad/"
KEY = "cases/wanted-abroad/"
RECORD = "course-progress-v1"
TITLE = "A suspect seen in Germany"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "artifacts"
BEST = ["Ask for an INTERPOL notice through UNMIK", "Send the extradition request through the Ministry of Justice"]
POOR = ["Phone a German police officer you met on a course", "Wait and hope your contact hears something"]


@pytest.fixture(scope="module")
def case_course(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("case-course") / "course", case=True)


@pytest.fixture(scope="module")
def case_site(case_course, tmp_path_factory):
    dest = tmp_path_factory.mktemp("case-site")
    result = build_site(dest, root=case_course, today=SUITE_TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="module")
def served(case_site, tmp_path_factory):
    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make system-deps`"
    with Nginx(case_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server


@pytest.fixture
def open_page(browser, served):
    """open_page(js=True, **context options) -> page; at the end, no error and no CSP violation."""
    contexts, problems = [], []

    def make(js: bool = True, **options):
        context = browser.new_context(ignore_https_errors=True, java_script_enabled=js, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                             "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == []


def choose(page, text: str) -> None:
    """Tab to the choice (a link) named `text`, then press Enter: the keyboard alone."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            break
    else:
        raise AssertionError(f"Tab never reached the choice {text!r}")
    page.keyboard.press("Enter")


def shown(page) -> list[str]:
    """The ids of the steps and endings on screen."""
    return page.eval_on_selector_all(".case-step, .case-ending",
                                     "bs => bs.filter(b => b.offsetParent !== null).map(b => b.id)")


def in_view(page, block_id: str) -> bool:
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.top >= 0 && r.top < innerHeight; }""", block_id)


def record(page, key: str = KEY) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{RECORD}') || '{{}}'")).get(key, {})


def nav_mark(page) -> str:
    link = page.locator(".md-nav--primary a.md-nav__link", has_text=TITLE).first
    return link.locator(".course-mark").get_attribute("class")


# -- With JavaScript: one step at a time ---------------------------------------

def test_best_path_by_keyboard_one_step_at_a_time(open_page, served):
    page = open_page()
    page.goto(served.url + CASE)
    assert shown(page) == ["start"]
    assert "course-mark--not-started" in nav_mark(page)
    assert record(page) == {}  # opening a case records nothing
    choose(page, BEST[0])
    page.wait_for_url("**#notice")
    assert shown(page) == ["notice"] and in_view(page, "notice")
    assert page.evaluate("document.activeElement.id") == "notice"  # the next Tab goes on from here
    assert page.locator("#notice .case-consequence").inner_text().startswith("UNMIK passes the request")
    assert page.locator("p.case-how").is_visible()  # the situation stays above the step
    choose(page, BEST[1])
    page.wait_for_url("**#extradition")
    assert shown(page) == ["extradition"]
    assert page.locator("#extradition .case-rating").inner_text() == "Best ending"
    assert page.locator("#extradition .case-debrief").inner_text().startswith("Debrief.")
    assert record(page) == {"case": 2, "at": "extradition"}
    assert "course-mark--done" in nav_mark(page)

    page.go_back()  # the browser's Back button goes back a step
    page.wait_for_url("**#notice")
    assert shown(page) == ["notice"]
    page.goto(served.url + CASE)  # coming back later: where the trainee left off
    assert shown(page) == ["notice"] and page.url.endswith("#notice")
    choose(page, "Start the case again")
    page.wait_for_url("**#start")
    assert shown(page) == ["start"]
    assert record(page)["case"] == 2  # starting again keeps the case done


def test_a_poor_path_says_what_went_wrong_and_leaves_the_case_unfinished(open_page, served):
    page = open_page()
    page.goto(served.url + CASE)
    choose(page, POOR[0])
    page.wait_for_url("**#phone")
    assert page.locator("#phone .case-consequence").inner_text().startswith("Your contact is friendly")
    choose(page, POOR[1])
    page.wait_for_url("**#poor-wait")
    assert shown(page) == ["poor-wait"]
    assert page.locator("#poor-wait .case-rating").inner_text() == "Poor ending"
    assert record(page) == {"case": 1, "at": "poor-wait"}
    assert "course-mark--in-progress" in nav_mark(page)
    page.go_back()
    page.wait_for_url("**#phone")
    assert shown(page) == ["phone"]
    choose(page, "Go back and choose again")
    page.wait_for_url("**#start")
    assert shown(page) == ["start"]


def test_my_progress_shows_the_case_and_clear_forgets_it(open_page, served):
    page = open_page()
    page.goto(served.url + "progress/")
    cell = page.locator("[data-course-case]")
    assert cell.inner_text().strip().endswith("Not started")
    page.goto(served.url + CASE)
    choose(page, BEST[0])
    choose(page, BEST[1])
    page.wait_for_url("**#extradition")
    # the record is written on the address's change, just after it: leave only once it is
    # (else My progress may read the record before, and the test fails now and then)
    page.wait_for_function(f"(JSON.parse(localStorage.getItem('course-progress-v1') || '{{}}')"
                           f"['{CASE}'] || {{}}).case === 2")
    page.goto(served.url + "progress/")
    assert "best ending reached" in cell.inner_text()
    assert "course-mark--done" in nav_mark(page)
    page.goto(served.url + CASE)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my answers on this computer").click()
    page.wait_for_load_state("load")
    assert record(page) == {}  # the reload at "#extradition" records nothing
    assert "course-mark--not-started" in nav_mark(page)
    page.goto(served.url + "progress/")
    assert cell.inner_text().strip().endswith("Not started")
    page.goto(served.url + CASE)
    assert shown(page) == ["start"]  # nothing to resume


# -- Without JavaScript: the whole case, each choice a link --------------------

@pytest.mark.parametrize("path", [BEST, POOR], ids=["best", "poor"])
def test_without_javascript_every_step_shows_and_each_choice_jumps_to_its_step(open_page, served, path):
    page = open_page(js=False)
    page.goto(served.url + CASE)
    everything = ["start", "phone", "notice", "handover", "extradition", "late-request", "poor-wait"]
    assert shown(page) == everything
    targets = ["notice", "extradition"] if path is BEST else ["phone", "poor-wait"]
    for text, target in zip(path, targets):
        choose(page, text)
        page.wait_for_url(f"**#{target}")
        assert in_view(page, target), target
    assert shown(page) == everything
    page.go_back()
    page.wait_for_url(f"**#{targets[0]}")
    assert in_view(page, targets[0])


# -- Accessibility, small screens, both colour schemes, print -------------------

def _axe(page) -> list:
    assert AXE.exists(), "axe-core is missing: run `make node-deps`"
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document)).violations.map(
        v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", "))""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_violation_on_a_case_page(open_page, served, width, scheme):
    # (axe is added to the page as a script of its own: the CSP is bypassed for it alone)
    page = open_page(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    for where in ("", "#handover", "#extradition"):
        page.goto(served.url + CASE + where)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        assert _axe(page) == [], where


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_case_fits_360_px_and_200_percent_zoom(open_page, served, js, scheme):
    SHOTS.mkdir(exist_ok=True)
    for name, viewport, scale in (("360", {"width": 360, "height": 740}, 1),
                                  ("zoom200", {"width": 640, "height": 450}, 2),
                                  ("1280", {"width": 1280, "height": 900}, 1)):
        page = open_page(js=js, viewport=viewport, device_scale_factor=scale, color_scheme=scheme)
        page.goto(served.url + CASE + "#notice")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)
        page.screenshot(path=str(SHOTS / f"case-{name}-{scheme}-{'js' if js else 'nojs'}.png"))


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_case_prints_as_a_handout_without_consequences_or_endings(open_page, served, js, tmp_path):
    page = open_page(js=js)
    page.goto(served.url + CASE + "#handover")
    page.emulate_media(media="print")
    assert shown(page) == ["start", "phone", "notice", "handover"]  # every step, no ending
    assert page.locator(".case-consequence").evaluate_all("cs => cs.every(c => c.offsetParent === null)")
    assert page.locator(".case-decision").evaluate_all("ds => ds.every(d => d.offsetParent !== null)")
    text = page.locator("article").inner_text()
    assert "A court in Pristina has ordered" in text and BEST[0] in text and POOR[1] in text
    assert "Your contact is friendly" not in text and "Debrief" not in text and "Best ending" not in text
    assert "Start the case again" not in text and "Clear my answers" not in text
    if js:
        page.pdf(path=str(tmp_path / "handout.pdf"))  # Chromium prints it (PDF needs headless)


def test_the_case_key_and_the_objectives_map_come_from_the_case(case_site):
    key = (case_site / "trainers" / "case-keys" / "index.html").read_text(encoding="utf-8")
    assert "Send the extradition request through the Ministry of Justice" in key
    assert "Nothing happens. The suspect moves on" in key  # every ending, with its consequence
    assert "Best ending <code>extradition</code>" in key
    objectives = (case_site / "trainers" / "objectives" / "index.html").read_text(encoding="utf-8")
    row = objectives[objectives.index("<code>channel</code>"):]
    row = row[:row.index("</tr>")]
    assert TITLE in row
    case_html = (case_site / "cases" / "wanted-abroad" / "index.html").read_text(encoding="utf-8")
    toc = case_html[case_html.find('data-md-component="toc"'):]
    assert "Best ending" not in toc and "Debrief" not in toc
    index = json.loads((case_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["title"] for d in index["docs"] if d["location"].startswith("cases/")}
    assert titles == {TITLE}  # no step or ending has a title of its own in search


# -- The offline zip -------------------------------------------------------------

def test_the_offline_zip_plays_a_case_from_disk(case_course, browser, tmp_path):
    zip_path = tmp_path / "offline.zip"
    made = subprocess.run([sys.executable, str(REPO / "scripts" / "package.py"), "--root", str(case_course),
                           "-o", str(zip_path)], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(tmp_path / "unpacked")
    start = next((tmp_path / "unpacked").rglob("cases/wanted-abroad.html"))  # no folder URLs offline
    context = browser.new_context()
    page = context.new_page()
    problems, requests = [], []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(start.as_uri())
    assert shown(page) == ["start"]
    choose(page, BEST[0])
    page.wait_for_url("**#notice")
    choose(page, BEST[1])
    page.wait_for_url("**#extradition")
    assert shown(page) == ["extradition"] and record(page, "cases/wanted-abroad.html")["case"] == 2
    page.go_back()
    page.wait_for_url("**#notice")
    assert shown(page) == ["notice"]
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    assert problems == []
    context.close()
