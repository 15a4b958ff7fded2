"""The offline package: a zip that works from disk (file://), search and
quizzes included, fetching nothing, with a SHA-256 manifest of every file."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile

import pytest
from browsing import search
from course_fixture import REPO


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    out = tmp_path_factory.mktemp("pkg")
    zip_path = out / "course.zip"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "package.py"), "-o", str(zip_path)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        assert all(n.startswith("police-cooperation/") for n in names)
        z.extractall(out)
    return out / "police-cooperation"


def test_manifest_lists_every_file_with_its_sha256(unpacked):
    rows = [l.split("  ", 1) for l in (unpacked / "SHA256SUMS").read_text().splitlines()]
    listed = {name for _, name in rows}
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == files
    for digest, name in rows:
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name


def test_package_works_from_disk_with_search_and_quizzes(unpacked, browser):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((unpacked / "index.html").as_uri())
    page.goto((unpacked / "modules" / "interpol.html").as_uri())
    assert page.locator("h1").inner_text() == "INTERPOL"
    # styled: Material's stylesheet applied (the header has its colour)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    quiz = page.locator("div.quiz").first
    quiz.locator("input[name=answer][data-correct]").first.check()
    quiz.locator("button[type=submit].quiz-button").click()
    page.wait_for_function("(q) => q.querySelector('.quiz-feedback .quiz-feedback-item.correct')",
                           arg=quiz.element_handle(), timeout=5000)
    results = search(page, "extradition")
    assert results.count() > 0
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "/modules/" in page.url and ".html" in page.url
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    context.close()


@pytest.mark.parametrize("lang", ["sq", "sr-Latn"])
def test_each_edition_in_the_package_searches_its_own_index(unpacked, browser, lang):
    """Material's offline plugin packs the index of the edition it builds: search
    from disk in sq/ finds that edition's pages, and reads nothing of another edition."""
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((unpacked / lang / "modules" / "europol.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    results = search(page, "extradition")
    assert results.count() > 0
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((unpacked / lang).as_uri() + "/") and ".html" in page.url
    assert page.evaluate("document.documentElement.lang") == lang
    searched = [u for u in requests if "/search/" in u]
    assert searched and all(u.startswith((unpacked / lang / "search").as_uri()) for u in searched), searched
    # the switch, from disk: the same page in English
    page.hover(".md-header .md-select")
    page.click("a.md-select__link[lang=en]")
    page.wait_for_load_state()
    assert page.url.startswith(unpacked.as_uri() + "/") and f"/{lang}/" not in page.url and ".html" in page.url
    context.close()
