"""The course on paper: the "Key points of the whole course" page, the
one-page book (docs/reference/book.md) and its PDF (make pdf)."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import sys

import pytest
from course_fixture import REPO
from courselib import course as course_mod
from courselib import generate, siteconfig


def _text(page: str) -> str:
    """The page's text with no white space at all (tags such as <abbr> split words)."""
    return "".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _words(text: str) -> str:
    """Source text as the page shows it, in the form of _text: no Markdown marks, no spaces."""
    return "".join(re.sub(r"\{\{[^}]*\}\}|[*_`]", " ", text).split())


@pytest.fixture(scope="module")
def course():
    return course_mod.load(REPO)


def test_key_points_page_has_every_modules_points_in_order_with_links(built_site, course):
    page = (built_site / "reference" / "key-points" / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    at = -1
    for m in course.modules:
        if not m.keypoints:
            continue
        assert f'href="../../{m.doc_path[:-3]}/"' in page, m.slug
        for point in m.keypoints:
            probe = _words(point)[:60]
            found = text.find(probe, at + 1)
            assert found > at, f"{m.slug}: key point missing or out of order: {probe}"
            at = found
    assert sum(1 for m in course.modules if m.keypoints) >= 19


def test_book_holds_every_module_in_order_with_questions_but_no_answers(built_site, course):
    page = (built_site / "reference" / "book" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    text = _text(article)
    # no quiz is embedded a second time, and nothing says which option is right
    assert 'class="quiz' not in article and "<quiz>" not in article and "data-correct" not in article
    assert "Right:" not in text
    at = -1
    for m in course.modules:
        heading = re.search(rf'<h2 [^>]*id="book-{m.slug}"', article)
        assert heading, m.slug
        assert heading.start() > at, f"{m.slug} is out of nav order"
        at = heading.start()
        assert f'href="#book-{m.slug}"' in article  # the table of contents
        for q in m.questions:
            assert _words(q.text)[:50] in text, (m.slug, q.text)
            for o in q.options:
                assert _words(o.text)[:40] in text, (m.slug, o.text)
        for point in m.keypoints:
            assert _words(point)[:50] in text
        for oid, objective in m.objectives.items():
            assert _words(objective)[:50] in text, (m.slug, oid)
        for src in m.sources:
            if src.get("url"):
                assert f'href="{htmllib.escape(src["url"])}"' in article or f'href="{src["url"]}"' in article
    for part in ("book-glossary", "book-register"):
        assert re.search(rf'<h2 [^>]*id="{part}"', article)
        assert f'href="#{part}"' in article
    assert at < article.index('id="book-glossary"') < article.index('id="book-register"')
    # the text of a module's own section, read through the page
    assert "NationalCentralBureaus" in text and "Adequacydecision" in text


def test_key_points_and_book_are_under_reference_and_left_out_of_search(built_site):
    cfg = siteconfig.load(REPO)
    assert cfg.sections.get("reference/book.md") == "Reference"
    assert cfg.sections.get("reference/key-points.md") == "Reference"
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert not any(loc.startswith(("reference/book/", "reference/key-points/")) for loc in locations)
    assert any(loc.startswith("modules/interpol/") for loc in locations)


def test_book_links_still_point_where_the_page_pointed():
    body = "See [Europol](europol.md#siena), [the glossary](../reference/glossary.md), [here](#notices),\n" \
           "![map](../assets/images/map.svg), [INTERPOL](https://www.interpol.int/) and a note[^1].\n" \
           "## A heading\n```\n## not a heading [x](y.md)\n```\n[^1]: The note."
    moved = generate._moved(body, "modules/interpol.md", "interpol")
    assert "[Europol](../modules/europol.md#siena)" in moved
    assert "[the glossary](glossary.md)" in moved
    assert "[here](../modules/interpol.md#notices)" in moved
    assert "![map](../assets/images/map.svg)" in moved
    assert "(https://www.interpol.int/)" in moved
    assert "note[^interpol-1]" in moved and "[^interpol-1]: The note." in moved
    assert "\n### A heading\n" in moved and "## not a heading [x](y.md)" in moved


def test_book_prints_every_case_exercise_as_a_handout_in_nav_order(built_site, course):
    page = (built_site / "reference" / "book" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    parts = course.in_nav_order()
    assert [p.slug for p in parts if p.is_case] == [c.slug for c in course.cases] and course.cases
    at = -1
    for p in parts:
        heading = re.search(rf'<h2 [^>]*id="book-{p.slug}"', article)
        assert heading and heading.start() > at, f"{p.slug} missing or out of nav order"
        at = heading.start()
    for c in course.cases:
        start = article.index(f'id="book-{c.slug}"')
        end = article.find('class="book-part"', start + 10)
        part = article[start:end if end != -1 else len(article)]
        text = _text(part)
        assert _text(htmllib.escape("Handout: " + c.title)) in _text(article[start - 200:start + 400])
        situation = next(t for _, t in c.case.situation if len(t.split()) > 6)
        assert _words(situation)[:50] in text, c.slug
        for step in c.case.steps:
            assert _words(step.question)[:40] in text, (c.slug, step.id)
            for choice in step.choices:
                assert _words(choice.text)[:40] in text, (c.slug, choice.text)
        # what follows a choice, and the endings, are not in the handout
        for block in c.case.blocks:
            if block.consequence_text and len(block.consequence_text.split()) > 6:
                assert _words(block.consequence_text)[:60] not in text, (c.slug, block.id)
        assert "Debrief" not in text and "Bestending" not in text


# --- the PDF (make pdf) ----------------------------------------------------------

PDF_TOOLS = ("pdfinfo", "pdftotext")
# An A4 page of the book holds between 150 and 600 words of its Markdown source
# (242 pages for about 73,000 words when this test was written).
WORDS_PER_PAGE = (150, 600)


def _pdf_text(pdf, *args) -> str:
    result = subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pdf(offline_site, tmp_path_factory):
    missing = [t for t in PDF_TOOLS if not shutil.which(t)]
    assert not missing, f"{missing} missing: run `make system-deps` (Debian's poppler-utils)"
    out = tmp_path_factory.mktemp("pdf") / "police-cooperation.pdf"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "pdf.py"), "--site", str(offline_site), "-o", str(out)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"pdf: wrote {out}")
    return out


def test_pdf_is_a4_and_its_length_follows_from_the_course(pdf, course):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    words = len(generate.book(course).split())
    low, high = words // WORDS_PER_PAGE[1], words // WORDS_PER_PAGE[0]
    assert low <= pages <= high, f"{pages} pages for {words} words; expected {low} to {high}"


def test_pdf_has_every_module_and_a_footer_on_every_page(pdf, course):
    from conftest import RELEASE

    text = _pdf_text(pdf)
    flat = " ".join(text.split())
    for m in course.in_nav_order():
        assert " ".join(m.title.split()) in flat, m.slug
    for part in ("Glossary", "Register of instruments", "Adequacy decision"):
        assert part in flat
    pages = [" ".join(p.split()) for p in text.split("\f") if p.strip()]
    assert len(pages) > 100
    stamp = f"release {RELEASE['COURSE_BUILT']} ({RELEASE['COURSE_RELEASE_COMMIT']})"
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page, n
        assert stamp in page and "Training material, not legal advice or an order." in page, n
    # questions print without marks, and without the quiz's buttons
    assert "Submit" not in flat and "Try Again" not in flat


@pytest.mark.parametrize("path", ["reference/key-points/", "reference/book/"])
def test_key_points_and_book_pages_pass_axe(browser, site_url, path):
    from test_trainee import _axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert _axe(page) == []
    page.close()
