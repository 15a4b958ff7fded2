"""Speed on a slow intranet (issue 7): what Debian's Chromium fetches from the
real nginx configuration (gzip on), against the budgets, and Lighthouse's
mobile preset. `make bench` prints the same figures (scripts/bench.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from courselib import transfer
from courselib.nginx_server import NGINX, Nginx
from site_server import build_site

PAGE = "modules/interpol/"
BEFORE = "modules/europol/"


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory):
    """The course with the INTERPOL module cut to the reference page:
    about 2,000 words and 6 questions (courselib/transfer.py); and its
    Albanian edition (site/sq/), where that page is the course's own Albanian
    translation cut the same way, so the budgets are checked for a translated
    module page at the reference size too."""
    course = transfer.make_reference_course(tmp_path_factory.mktemp("reference") / "course")
    site = course.parent / "site"
    result = build_site(site, course)
    assert result.returncode == 0, result.stdout + result.stderr
    result = build_site(site, course, env={"COURSE_LANG": "sq"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "translation is behind" not in result.stdout + result.stderr
    return site


def test_the_reference_page_is_the_size_the_budgets_speak_of(reference_site):
    html = (reference_site / PAGE / "index.html").read_text(encoding="utf-8")
    assert 1800 <= transfer.page_words(html) <= 2200
    assert html.count('<div class="quiz"') == transfer.REFERENCE_QUESTIONS


def _text_gz(site: Path, edition: str) -> int:
    """The gzip size of the words a reader sees on the reference page (lesson,
    menu, interface): the part of a page's weight that is the language, not the platform."""
    import gzip
    import re

    html = (site / edition / PAGE / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<body"):]
    text = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)).split())
    return len(gzip.compress(text.encode("utf-8"), 9))


def _visits(reference_site, browser, tmp_path, edition):
    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make system-deps`"
    with Nginx(reference_site, tmp_path / f"nginx{edition.strip('/')}") as server:
        first, second = transfer.first_and_second(browser.browser_type, server, edition + PAGE, edition + BEFORE)
    listing = "\n".join(f"{n:7} {u}" for u, n in first.requests)
    assert first.search_requests == [], listing
    assert first.total <= transfer.FIRST_VISIT_BUDGET, listing
    assert any(u.endswith(PAGE) for u, _ in second.requests)
    # after the first page, nothing but the page itself crosses the wire
    assert [u for u, n in second.requests if n and not u.endswith(PAGE)] == []
    return first, second


def test_first_visit_and_second_page_are_within_budget(reference_site, browser, tmp_path):
    _, second = _visits(reference_site, browser, tmp_path, "")
    assert second.total <= transfer.SECOND_PAGE_BUDGET, "\n".join(f"{n:7} {u}" for u, n in second.requests)


def test_a_translated_module_page_within_the_first_visit_budget_and_as_light_as_english(
        reference_site, browser, tmp_path):
    """The Albanian reference page (the course's own translation, same questions, same
    cut): its first visit within the budget; its second page carries no more of the
    platform than the English one. The Albanian text itself is longer than the English
    (about 20 % more bytes for the same content), which the HTML-only second-page budget
    cannot absorb: that difference is measured and allowed, nothing else."""
    assert 'lang="sq"' in (reference_site / "sq" / PAGE / "index.html").read_text(encoding="utf-8")
    _, english = _visits(reference_site, browser, tmp_path, "")
    _, albanian = _visits(reference_site, browser, tmp_path, "sq/")
    longer_text = _text_gz(reference_site, "sq/") - _text_gz(reference_site, "")
    # 250 bytes of markup: the translation note's frame, and a lang="en" on each title of
    # the menu still in English (54 on this page, about 3.5 bytes each after gzip; measured
    # on the markup without its words: 5,351 English, 5,539 Albanian)
    assert albanian.total - english.total <= max(longer_text, 0) + 250, (albanian.total, english.total, longer_text)


def test_lighthouse_mobile_accessibility_best_practices_and_seo_are_100(built_site, tmp_path):
    with Nginx(built_site, tmp_path / "nginx") as server:
        result = transfer.lighthouse(server, server.url + PAGE, runs=3, workdir=tmp_path)
    median = result["median"]
    assert (median["accessibility"], median["best-practices"], median["seo"]) == (100, 100, 100), result["failed"]
