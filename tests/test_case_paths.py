"""Every case exercise of the course, played in Chromium as a trainee would:
its best path by keyboard (each choice focused, then Enter) to the best
ending, with JavaScript on (one step at a time, the case marked done) and
off (every choice a link to its step); and one poor path, which ends with
its debrief and leaves the case unfinished. The paths come from the case
itself (courselib/cases.py), so a case added or changed is played too."""

from __future__ import annotations

import json

import pytest
from course_fixture import REPO
from courselib import course as course_mod

CASES = course_mod.load(REPO).cases
RECORD = "course-progress-v1"


def _play(page, url, path, js=True):
    page.goto(url)
    for here, there in zip(path, path[1:]):
        link = page.locator(f'#{here.id} a[href="#{there.id}"]').first
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**#{there.id}")
        page.wait_for_selector(f"#{there.id}", state="visible")
        if js:  # one step at a time: only the step the choice led to is shown
            shown = page.eval_on_selector_all(".case-step, .case-ending",
                                              "bs => bs.filter(b => b.offsetParent !== null).map(b => b.id)")
            assert shown == [there.id], (here.id, there.id, shown)
    return page.locator(f"#{path[-1].id}")


def test_the_course_has_its_cases():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_best_path_by_keyboard_with_and_without_javascript(case, browser, site_url):
    best = case.case.best_path()
    assert best and best[-1].rating == "best"
    url = site_url + case.doc_path[: -len(".md")] + "/"
    for js in (True, False):
        context = browser.new_context(java_script_enabled=js)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        ending = _play(page, url, best, js)
        assert ending.is_visible()
        assert "Debrief." in ending.inner_text()
        if js:
            done = json.loads(page.evaluate(f"localStorage.getItem('{RECORD}') || '{{}}'"))
            assert done.get(case.doc_path[: -len(".md")] + "/", {}).get("case") == 2
        assert errors == []
        context.close()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.slug)
def test_a_poor_path_ends_with_its_debrief_and_leaves_the_case_unfinished(case, browser, site_url):
    poor = case.case.path_to("poor")
    assert poor, f"{case.path} has no poor ending"
    context = browser.new_context()
    page = context.new_page()
    ending = _play(page, site_url + case.doc_path[: -len(".md")] + "/", poor)
    assert "Debrief." in ending.inner_text()
    done = json.loads(page.evaluate(f"localStorage.getItem('{RECORD}') || '{{}}'"))
    assert done.get(case.doc_path[: -len(".md")] + "/", {}).get("case") != 2
    context.close()
