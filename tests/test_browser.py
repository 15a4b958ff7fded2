"""The course in Debian's Chromium, served by a real HTTP server."""

import re

import pytest
from browsing import search
from course_fixture import REPO
from courselib import editions

# Every module page of every edition: English at modules/<slug>/, a translation
# (docs/modules/<slug>.<lang>.md) at <lang>/modules/<slug>/.
MODULE_PAGES = sorted(editions.prefix(editions.split(p.name)[1]) + f"modules/{editions.split(p.name)[0][:-3]}/"
                      for p in (REPO / "docs" / "modules").glob("*.md"))


def _text(s: str) -> str:
    """Text as a reader sees it: feedback written over several lines reflows when shown."""
    return " ".join(s.split())


def _first_quiz(page):
    quiz = page.locator("div.quiz").first
    quiz.scroll_into_view_if_needed()
    return quiz


@pytest.mark.parametrize("slug", MODULE_PAGES)
def test_trainee_answers_wrongly_then_rightly(page, site_url, slug):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + slug)
    quiz = _first_quiz(page)
    wrong = quiz.locator("input[name=answer]:not([data-correct])").first
    right = quiz.locator("input[name=answer][data-correct]").first
    wrong_feedback = _text(wrong.locator("xpath=..").locator(".answer-feedback").inner_text())
    right_feedback = _text(right.locator("xpath=..").locator(".answer-feedback").inner_text())

    # moving to an option does not submit it
    wrong.check()
    assert quiz.locator(".quiz-feedback").is_hidden()
    quiz.locator("button[type=submit].quiz-button").click()
    feedback = quiz.locator(".quiz-feedback")
    feedback.wait_for(state="visible")
    assert wrong_feedback and wrong_feedback in _text(feedback.inner_text())
    assert "incorrect" in feedback.inner_html()
    # the right answer is not given away by a wrong try
    assert "correct" not in (right.locator("xpath=..").get_attribute("class") or "")
    assert right_feedback not in _text(feedback.inner_text())

    # the trainee can try again, and is told why the right answer is right
    quiz.locator("button.quiz-reset-button").click()
    right.check()
    quiz.locator("button[type=submit].quiz-button").click()
    page.wait_for_function("(q) => q.querySelector('.quiz-feedback .quiz-feedback-item.correct')",
                           arg=quiz.element_handle())
    assert right_feedback in _text(feedback.inner_text())
    assert "correct" in (right.locator("xpath=..").get_attribute("class") or "")
    assert errors == []


def test_module_page_frame_and_screenshots(page, site_url):
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.goto(site_url + "modules/interpol/")
    assert page.locator("h1").inner_text() == "INTERPOL"
    assert page.locator("#objectives").is_visible()
    assert page.locator(".lesson-objectives li").count() >= 3
    page.screenshot(path=str(shots / "interpol-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.locator("h1").is_visible()
    page.screenshot(path=str(shots / "interpol-phone.png"))


def test_no_page_makes_a_request_to_another_host(page, site_url, built_site):
    """Every page of the built site, in Chromium: every request is recorded
    (fonts, polyfills, diagram libraries, anything) and must go to the server."""
    from urllib.parse import urlsplit

    host = urlsplit(site_url).netloc
    seen, foreign = [], []

    def record(r):
        seen.append(r.url)
        if not r.url.startswith(("data:", "blob:")) and urlsplit(r.url).netloc != host:
            foreign.append(r.url)

    page.on("request", record)
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 40
    for rel in pages:
        page.goto(site_url + rel)
        page.wait_for_load_state("networkidle")
    assert foreign == [], foreign
    assert any("/assets/javascripts/bundle." in u for u in seen)
    # and search, used on the last page, finds a known page
    search(page, "joint investigation team")
    assert "Joint investigation teams" in page.locator(".md-search-result").inner_text()
    assert foreign == [], foreign


def test_search_finds_the_interpol_module(page, site_url):
    page.goto(site_url)
    results = search(page, "Red Notice")
    results.first.wait_for(timeout=1000)
    assert re.search(r"INTERPOL", page.locator(".md-search-result").inner_text())
