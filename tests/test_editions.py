"""The Albanian and Serbian editions (issue 19), built once with the rest of the
site (conftest's built_site: English, then sq/ and sr-Latn/), in a real
browser against the real nginx configuration, on the course's own translations."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from browsing import search
from courselib import editions, frontmatter, interface
from courselib.nginx_server import NGINX, Nginx
from test_trainee import _axe, answer

REPO = Path(__file__).resolve().parents[1]
TRANSLATED_PAGE = "modules/interpol/"  # translated in sq (the fixture, or the translators' page)
ENGLISH_PAGE = "modules/extradition/"  # not translated (only the four channel modules are)


@pytest.fixture(scope="module")
def served(built_site, tmp_path_factory):
    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make system-deps`"
    with Nginx(built_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server


@pytest.fixture
def browse(browser):
    """browse(**context options) -> page; at the end: no script error, no failed request."""
    contexts, problems = [], []

    def make(**options):
        context = browser.new_context(ignore_https_errors=True, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == []


def _edition(lang: str) -> str:
    return editions.prefix(lang)


def test_each_edition_is_its_own_build_with_its_own_lang_search_and_sitemap(built_site, editions_course):
    for lang in editions.LANGUAGES:
        root = built_site / _edition(lang)
        html = (root / TRANSLATED_PAGE / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert (root / "search" / "search_index.json").is_file()
        assert (root / "404.html").is_file()
        locs = re.findall(r"<loc>([^<]+)</loc>", (root / "sitemap.xml").read_text(encoding="utf-8"))
        assert locs and all(re.match(r"https://intranet\.example/training/cooperation/" + _edition(lang) +
                                     r"(?!sq/|sr-Latn/)", u) for u in locs), locs[:3]
        # translation files are never pages of their own, in any edition
        assert not list(root.glob("**/*.sq/index.html")) and not list(root.glob("**/*.sr-Latn/index.html"))
        # Material's per-page <link rel="alternate"> (three sitemap.xml fetches per view) is not written
        assert 'rel="alternate"' not in html
    sq = (built_site / "sq" / TRANSLATED_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Ky përkthim ende nuk është rishikuar" in sq
    # "the English version is newer", with its link, exactly when the recorded English text differs
    fm = frontmatter.split((editions_course / "docs" / "modules" / "interpol.sq.md").read_text(encoding="utf-8"))
    recorded = (fm.data.get("translation") or {}).get("from") or {}
    behind = not recorded or any(editions.blob_id((editions_course / p).read_bytes()) != str(b)
                                 for p, b in recorded.items())
    assert ('hreflang="en">Lexoni versionin në anglisht</a>' in sq) == behind
    english = (built_site / "sq" / ENGLISH_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Kjo faqe ende nuk është përkthyer" in english
    assert re.search(r'<h1 lang="en">Extradition</h1>', english)


def test_the_switch_keeps_the_page_and_the_place_and_the_home_remembers(served, browse):
    page = browse()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served.url + "sq/" + TRANSLATED_PAGE + "#the-red-notice")
    for lang in ("sr-Latn", "en", "sq"):
        page.hover(".md-header .md-select")
        page.click(f"a.md-select__link[lang={lang}]")
        page.wait_for_url(served.url + _edition(lang) + TRANSLATED_PAGE + "#the-red-notice")
        assert page.evaluate("document.documentElement.lang") == lang
    # The course's home, opened again, opens the edition last chosen (Albanian).
    page.goto(served.url)
    page.wait_for_url(served.url + "sq/")
    assert [u for u in requests if "sitemap.xml" in u] == []


def test_without_javascript_the_switch_opens_each_editions_home(served, browse):
    page = browse(java_script_enabled=False)
    page.goto(served.url + "sr-Latn/" + ENGLISH_PAGE)
    links = page.locator("a.md-select__link")
    hrefs = {links.nth(i).get_attribute("lang"): links.nth(i).evaluate("a => a.href")
             for i in range(links.count())}
    assert hrefs == {lang: served.url + _edition(lang) for lang in editions.LANGUAGES}
    page.goto(served.url)  # without script: the English home, whatever was chosen
    assert page.evaluate("document.documentElement.lang") == "en"


def _english_interface_texts() -> list[str]:
    """The English interface: every text of data/interface/en.yml (cut at its {values}) and
    the words Material shows on a page, longest first."""
    ui = interface.load(REPO, "en")
    texts = set()
    for key, text in ui.strings.items():
        if key.startswith("js.") and key[3:] in ("case_ended", "case_decision", "case_restart", "code_damaged",
                                                   "code_added", "code_nothing", "copied", "copy_failed"):
            continue  # shown on case pages and My progress only (checked there by test_trainee*)
        texts.update(p.strip() for p in re.split(r"\{\w+\}", text) if len(p.strip()) >= 4)
    texts.update(ui.nav.values())
    import material

    material = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    for key in ("action.skip", "footer.next", "footer.previous", "search.placeholder", "select.language", "toc",
                "top", "search.result.initializer"):
        m = re.search(rf'"{re.escape(key)}": "([^"]+)"', material.read_text(encoding="utf-8"))
        texts.add(m.group(1))
    return sorted(texts, key=len, reverse=True)


# The interface's text of a page: everything but text marked as English
# (the content of a page not yet translated, an English source title, the
# title of a page still in English in the menu) and the questions' own words
# (the fixture's Albanian page embeds the English questions).
INTERFACE_TEXT = """() => {  // (not <title>: a page title is content)
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang="en"], .quiz-question, .quiz fieldset label, .answer-feedback')
    .forEach(e => e.remove());
  return [copy.innerText, ...[...document.querySelectorAll('[aria-label],[title],[placeholder]')]
    .filter(e => !e.closest('[lang="en"]') && e.tagName !== 'ABBR')  // an abbreviation's expansion is content
    .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '))]
    .join('\\n');
}"""


@pytest.mark.parametrize("lang", editions.TRANSLATED)
@pytest.mark.parametrize("path", [TRANSLATED_PAGE, ENGLISH_PAGE, "progress/", "404.html"])
def test_no_english_interface_string_is_left(served, built_site, browse, lang, path):
    page = browse(java_script_enabled=path != "404.html")
    if path == "404.html":  # its text as nginx serves it (the fixture counts a 404 answer as a failure)
        page.set_content((built_site / _edition(lang) / "404.html").read_text(encoding="utf-8"))
    else:
        page.goto(served.url + _edition(lang) + path)
        page.wait_for_load_state("networkidle")
        if page.locator("div.quiz").count():  # with feedback and the progress box drawn
            answer(page.locator("div.quiz").first, right=False)
    text = page.evaluate(INTERFACE_TEXT)
    left = [t for t in _english_interface_texts() if t in text]
    assert left == [], f"{lang}/{path}: {left}"


@pytest.mark.parametrize("lang", editions.TRANSLATED)
def test_each_editions_404_under_its_prefix(served, lang):
    import http.client

    conn = http.client.HTTPSConnection(served.host, served.https_port, context=served.ssl_context(), timeout=10)
    conn.request("GET", served.prefix + _edition(lang) + "modules/a/b/missing.html")
    r = conn.getresponse()
    body = r.read().decode("utf-8")
    conn.close()
    assert r.status == 404
    assert f'<html lang="{lang}"' in body
    assert interface.load(REPO, lang).t("404.title") in body
    assert f'href="{served.prefix}{_edition(lang)}"' in body  # home, by absolute path: right at any depth


def test_search_in_albanian_fetches_only_its_index_and_finds_an_albanian_word(served, browse):
    page = browse()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "search" in r.url else None)
    page.goto(served.url + "sq/" + ENGLISH_PAGE)
    # Albanian words as typed, and a shorter form ("njoftim" finds "njoftimi", "njoftimet")
    for word in ("Njoftimi", "njoftim"):
        results = search(page, word)
        assert results.count() > 0, word
        assert "/sq/modules/interpol/" in results.first.locator("a").first.get_attribute("href") or \
            any("/sq/modules/interpol/" in (results.nth(i).locator("a").first.get_attribute("href") or "")
                for i in range(results.count())), word
    indexes = [u for u in fetched if "search_index.json" in u]
    assert indexes and all(u.startswith(served.url + "sq/search/") for u in indexes), fetched


def test_search_in_serbian_fetches_only_its_own_index(served, browse):
    """(Until a Serbian page is in the fixture course: an English word of a page still in English.)"""
    page = browse()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto(served.url + "sr-Latn/" + ENGLISH_PAGE)
    results = search(page, "extradition")
    assert results.count() > 0
    assert "/sr-Latn/modules/" in results.first.locator("a").first.get_attribute("href")
    assert fetched and all(u.startswith(served.url + "sr-Latn/search/") for u in fetched), fetched


def test_albanian_search_has_no_english_stemmer(built_site):
    config = __import__("json").loads((built_site / "sq" / "search" / "search_index.json").read_text())["config"]
    assert config["lang"] == ["en"] and config["pipeline"] == []
    english = __import__("json").loads((built_site / "search" / "search_index.json").read_text())["config"]
    assert "stemmer" in english["pipeline"]


@pytest.mark.parametrize("path", ["sq/" + TRANSLATED_PAGE, "sr-Latn/" + ENGLISH_PAGE, "sq/progress/"])
def test_axe_finds_no_violation_in_an_edition(served, browse, path):
    page = browse(bypass_csp=True)  # axe is added to the page as a script
    page.goto(served.url + path)
    page.wait_for_load_state("networkidle")
    assert _axe(page) == []
    # English text inside the edition is marked as English
    if path.endswith(ENGLISH_PAGE):
        assert page.locator("article [lang=en] p").count() > 3
        assert page.locator('.md-nav--primary a[href="./"] .md-ellipsis[lang=en]').count() == 1


def test_progress_is_shared_across_languages_never_doubled(served, browse):
    page = browse()
    page.goto(served.url + "sq/" + TRANSLATED_PAGE)
    answer(page.locator("div.quiz").first, right=True)
    page.goto(served.url + "progress/")
    summary = page.locator("#course-progress-summary")
    summary.wait_for()
    assert re.search(r"answered 1 of \d+ questions correctly", summary.inner_text()), summary.inner_text()
    cell = page.locator('[data-course-module="modules/interpol/"]')
    assert re.search(r"1 of \d+ right", cell.inner_text())
    # the same question answered again, in English: still one
    page.goto(served.url + TRANSLATED_PAGE)
    answer(page.locator("div.quiz").first, right=True)
    page.goto(served.url + "sr-Latn/progress/")
    assert re.search(r"tačno: 1 od \d+", page.locator('[data-course-module="modules/interpol/"]').inner_text())


def test_quiz_language_warning_is_dropped_and_other_warnings_still_count(tmp_path):
    """mkdocs-quiz 1.7.1 warns on every page that it ships no sq or sr-Latn
    strings, though custom_translations names our .po file; the editions hook
    drops exactly that message. MkDocs' own strict counter sees the rest."""
    import importlib.util

    from mkdocs.utils import CountHandler

    spec = importlib.util.spec_from_file_location("editions_hook", REPO / "overrides" / "hooks" / "editions.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    quiz_log = logging.getLogger(hook.QUIZ_LOGGER)
    flt = hook.QuizLanguageWarning(["sq", "sr-Latn"])
    quiz_log.addFilter(flt)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        for lang in ("sq", "sr-Latn"):
            quiz_log.warning(f"Built-in translation for '{lang}' not found. Available languages: en, fr, pt-BR. "
                             "Using English strings as fallback.")
        assert counter.get_counts() == []
        quiz_log.warning("Built-in translation for 'de-CH' not found. Available languages: en, fr, pt-BR.")
        quiz_log.warning(f"Custom translation file not found: {tmp_path}/data/quiz-sq.po")
        assert counter.get_counts() == [("WARNING", 2)]
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        quiz_log.removeFilter(flt)


@pytest.mark.parametrize("meta, said", [
    ({"content_lang": "sq", "translation": {"reviewed_by": None, "reviewed_on": None}},
     "Ky përkthim ende nuk është rishikuar"),
    ({"content_lang": "sq", "translation": {"reviewed_by": "A. Reviewer, legal adviser", "reviewed_on": "2027-01-15"}},
     "Përkthimi u rishikua nga A. Reviewer, legal adviser më 15 janar 2027."),
    ({"content_lang": "sq", "translation": {"reviewed_by": None}, "english_newer": True,
      "english_url": "../../../modules/interpol/"},
     '<a href="../../../modules/interpol/" hreflang="en">Lexoni versionin në anglisht</a>'),
    ({"content_lang": "en"}, "Kjo faqe ende nuk është përkthyer; ajo shfaqet në anglisht."),
])
def test_the_edition_note_says_what_the_front_matter_says(meta, said):
    """partials/edition-note.html: unreviewed, reviewed (by whom, when, in the local date
    form), behind the English page (with its link), or not translated."""
    import datetime as dt
    from types import SimpleNamespace

    import jinja2

    ui = interface.load(REPO, "sq")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")))
    env.globals.update(t=ui.t, course_date=ui.date)
    tr = meta.get("translation")
    if tr and isinstance(tr.get("reviewed_on"), str):
        tr["reviewed_on"] = dt.date.fromisoformat(tr["reviewed_on"])
    html = env.get_template("partials/edition-note.html").render(
        page=SimpleNamespace(meta=meta), config=SimpleNamespace(extra={"edition": "sq"}))
    assert said in html
    assert ("rishikuar" in html) != bool(tr and tr.get("reviewed_by")) or meta["content_lang"] == "en"
