"""Hook: build one language edition of the course (COURSE_LANG, default en).

The rules live in scripts/courselib/editions.py (which file translates
which, where each edition lives) and courselib/interface.py (the words of
the interface). Each edition is its own MkDocs build:

- COURSE_LANG=en builds the English course into site_dir, as always;
  COURSE_LANG=sq or sr-Latn builds into site_dir/<lang>/, with site_url
  ending in <lang>/, Material's strings in that language
  (overrides/partials/languages/sr-Latn.html for Serbian in Latin script,
  which Material lacks), the navigation's section titles and the interface
  strings from data/interface/<lang>.yml, the quiz interface from
  data/quiz-<lang>.po, and docs/.snippets/abbreviations.<lang>.md appended
  to every page when it exists;
- translation files (docs/**/<name>.<lang>.md) never become pages: in
  edition <lang>, an English page with a translation is built from the
  translation's text AT THE ENGLISH PAGE'S ADDRESS (its src_uri stays the
  English path, so every other hook, progress key and link lines up), and
  embeds quizzes/<slug>.<lang>.md where that exists; a page without one is
  built from English, marked lang="en", with a notice (main.html);
- search: lunr has no Albanian or Serbian stemmer, so those editions index
  words as written (no English stemmer, stop words or trimmer), and the
  course's query widening (course.js) forgives endings and one typo;
- the language switch (extra.alternate) links to each edition's home,
  relative to this edition, so it works from file:// too; course.js keeps
  the reader on the same page (every page exists in every edition).

mkdocs-quiz 1.7.1 warns that it has no built-in translation for sq or
sr-Latn on every page, even though custom_translations names our .po file;
strict would fail on it. That one message is dropped (only for a language
whose .po file exists); every other warning still fails the build.
"""

import logging
import os
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import editions, interface, model  # noqa: E402

QUIZ_LOGGER = "mkdocs.plugins.mkdocs_quiz"
log = logging.getLogger("mkdocs.hooks.editions")
# Material writes a <link rel="alternate"> into <head> for each edition, and
# its script then fetches each edition's sitemap.xml on every page view; the
# course keeps the reader on the same page without them (course.js). The
# head's hints for crawlers (canonical, prev, next, author, generator) go too:
# on an intranet they serve nobody, and every page is lighter (the speed budgets).
HEAD_ALTERNATE_RE = re.compile(r'<link rel="(?:alternate|canonical|prev|next)" href="[^"]*"(?: hreflang="[^"]*")?>\s*'
                               r'|<meta name="(?:author|generator)" content="[^"]*">\s*')

state = {"lang": editions.SOURCE, "serving": False, "ui": None, "root": None}
_translations: dict[str, str] = {}  # English doc path -> translation's doc path, in this edition
_english_urls: set[str] = set()  # in a translated edition: the pages still in English
# A link to a page in the menu and at the foot of the page: its title, when the
# page is still in English, is marked lang="en" (screen readers, axe).
TITLE_LINK_RES = (
    re.compile(r'<a href="(?P<href>[^"#]*)" class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis"'),
    re.compile(r'<a href="(?P<href>[^"#]*)" class="md-footer__link[^"]*"[^>]*>(?:(?!</a>).)*?<div class="md-ellipsis"',
               re.S),
)


class QuizLanguageWarning(logging.Filter):
    """Drop mkdocs-quiz's "Built-in translation for 'sq' not found" warning, only for
    the languages whose .po file the course provides (custom_translations)."""

    def __init__(self, languages):
        super().__init__()
        self.messages = {f"Built-in translation for '{lang}' not found." for lang in languages}

    def filter(self, record):
        msg = record.getMessage()
        return not any(msg.startswith(m) for m in self.messages)


_filter = QuizLanguageWarning(())
logging.getLogger(QUIZ_LOGGER).addFilter(_filter)


def selected() -> str:
    lang = os.environ.get("COURSE_LANG", "").strip() or editions.SOURCE
    if lang not in editions.LANGUAGES:
        raise PluginError(f"COURSE_LANG={lang}: there is no such edition; use one of "
                          f"{', '.join(editions.LANGUAGES)}")
    return lang


def on_startup(command, dirty):
    state["serving"] = command == "serve"


def _translate_nav(nav, titles: dict, missing: list):
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            (title, value), = item.items()
            if title not in titles:
                missing.append(title)
            out.append({titles.get(title, title): _translate_nav(value, titles, missing) if isinstance(value, list)
                        else value})
        else:
            out.append(item)
    return out


@event_priority(100)  # before the search and quiz plugins read their settings
def on_config(config):
    lang = selected()
    root = Path(config.config_file_path).resolve().parent
    state.update(lang=lang, root=root)
    # The content checker reports these too (`make check` renders pages through
    # this hook, with the course already checked); the build stops here first.
    problems = [] if model.already_checked(root) else interface.check(root)
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    ui = interface.load(root, lang)
    state["ui"] = ui
    interface.set_current(ui, root)
    config.site_name = ui.t("site.name")
    config.site_description = ui.t("site.description")
    config.copyright = ui.t("site.copyright")
    config.extra["edition"] = lang
    config.extra["edition_name"] = editions.NAMES[lang]
    # The switch: each edition's home, relative to this edition's root.
    home = "" if config.use_directory_urls else "index.html"
    up = "../" if lang != editions.SOURCE else ""
    config.extra["alternate"] = [{"name": editions.NAMES[other], "lang": other,
                                  "link": (up + editions.prefix(other) + home) or "./"}
                                 for other in editions.LANGUAGES]
    quiz = config.plugins.get("mkdocs_quiz")
    if quiz is not None:
        given = quiz.config.get("custom_translations") or {}
        _filter.messages = {f"Built-in translation for '{code}' not found."
                            for code, po in given.items() if code in editions.TRANSLATED and (root / po).is_file()}
    if lang == editions.SOURCE:
        return config
    config.theme["language"] = lang
    if not state["serving"]:  # `make serve` shows one edition at the usual address
        parts = urlsplit(config.site_url or "/")
        config.site_url = urlunsplit(parts._replace(path=posixpath.join(parts.path or "/", editions.prefix(lang))))
        config.site_dir = os.path.join(config.site_dir, lang)
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.lang = ["en"]  # the tokenizer only: no lunr language exists for sq or sr
        search.config.pipeline = []  # words as written: no English stemmer, stop words or trimmer
    missing: list[str] = []
    config.nav = _translate_nav(config.nav, ui.nav, missing)
    for title in missing:  # shown in English meanwhile: reported, never a failed build
        log.info(f'{interface.path(lang)}:1: warning: no title for the navigation section "{title}", '
                 f'shown in English; add "{title}: ..." under nav:')
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None:
        own = f"abbreviations.{lang}.md"
        if (root / "docs" / ".snippets" / own).is_file():
            snippets["auto_append"] = [own if a == "abbreviations.md" else a for a in snippets.get("auto_append", [])]
    return config


def on_files(files, config):
    lang = state["lang"]
    _translations.clear()
    found = {}
    for f in list(files):
        if f.src_uri.endswith(".md") and editions.is_translation(f.src_uri):
            files.remove(f)  # never a page of its own, in any edition
            english, of = editions.split(f.src_uri)
            if of == lang:
                found[english] = f
    _english_urls.clear()
    for f in files:
        if not f.is_documentation_page():
            continue
        t = found.get(f.src_uri)
        if t is not None:
            f.abs_src_path = t.abs_src_path  # the translation's text, at the English page's address
            _translations[f.src_uri] = t.src_uri
        elif lang != editions.SOURCE:
            _english_urls.add(f.url)
    return files


def mark_english_titles(output: str, page_url: str, root_path: str = "/") -> str:
    """lang="en" on the title of every link (menu, foot of the page) to a page still in English.
    `root_path`: the edition's root as the page's links see it (the 404 page: its absolute path)."""
    site = "http://course" + root_path
    base = site + page_url

    def mark(m):
        target = urljoin(base, m.group("href"))
        if not target.startswith(site):
            return m.group(0)
        target = target[len(site):]
        if target not in _english_urls:
            return m.group(0)
        return m.group(0)[: -len('class="md-ellipsis"')] + 'class="md-ellipsis" lang="en"'

    for rx in TITLE_LINK_RES:
        output = rx.sub(mark, output)
    return output


@event_priority(60)  # before the quizzes are embedded (embed_quizzes.py, 50)
def on_page_markdown(markdown, page, config, files):
    lang = state["lang"]
    page.meta["edition"] = lang
    if lang == editions.SOURCE:
        return markdown
    if page.file.src_uri not in _translations:
        page.meta["content_lang"] = "en"  # shown in English, with a notice (main.html)
        return markdown
    page.meta["content_lang"] = lang
    info = page.meta.get("translation") if isinstance(page.meta.get("translation"), dict) else {}
    page.meta["translation_reviewed"] = bool(info.get("reviewed_by"))
    page.meta["english_newer"] = _english_newer(info.get("from"))
    page.meta["english_url"] = "../" * (page.url.count("/") + 1) + page.url  # the English edition is the parent folder
    english = state["root"] / "docs" / page.file.src_uri
    page.meta["english_sources"] = _english_source_titles(english)
    return markdown


def _english_newer(recorded) -> bool:
    """The English text has changed since the translation was made (or nothing was recorded)."""
    if not isinstance(recorded, dict) or not recorded:
        return True
    for rel, blob in recorded.items():
        f = state["root"] / str(rel)
        if not f.is_file() or editions.blob_id(f.read_bytes()) != str(blob):
            return True
    return False


def _english_source_titles(path: Path) -> list[str]:
    from courselib import frontmatter

    try:
        fm = frontmatter.split(path.read_text(encoding="utf-8-sig"))
    except Exception:  # the checker reports a broken page first
        return []
    sources = (fm.data or {}).get("sources") if fm else None
    return [str(s.get("title")) for s in sources or [] if isinstance(s, dict)]


def on_env(env, config, files):
    ui = state["ui"]

    def t(key, **values):
        return ui.t(key, **values)

    env.globals["t"] = t
    env.globals["course_date"] = ui.date
    env.globals["course_text"] = ui.js()
    env.globals["course_text_more"] = ui.js(every_page=False)
    return env


def _no_head_alternates(output: str) -> str:
    head_end = output.find("</head>")
    if head_end == -1:
        return output
    return HEAD_ALTERNATE_RE.sub("", output[:head_end]) + output[head_end:]


HEADER_TOPIC = '<div class="md-header__topic" data-md-component="header-topic">'


@event_priority(-250)  # after every other hook has drawn the page
def on_post_page(output, page, config):
    if _english_urls:
        output = mark_english_titles(output, page.url)
        if page.file.url in _english_urls:  # the page's own title in the header, too
            output = output.replace(HEADER_TOPIC, HEADER_TOPIC[:-1] + ' lang="en">', 1)
    return _no_head_alternates(output)


@event_priority(-250)
def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    if _english_urls:  # served at any depth: its links are absolute paths
        root_path = urlsplit(config.site_url or "/").path or "/"
        output_content = mark_english_titles(output_content, "", root_path if root_path.endswith("/") else root_path + "/")
    return _no_head_alternates(output_content)
