"""Hook: let the right page come first in search.

Material's search ranks a page's title and headings far above its text, so a
module that merely mentions an acronym often. A page may name the terms it
teaches in its front matter:

    search:
      terms: [MLA, EIO]

Those terms are given to the search index as the page's tags, which
Material weighs above everything else, so searching "MLA" opens the module
on mutual legal assistance first. (No tag is shown on the page: the tags
plugin is not used.)

After the build, the search index gets:

- one entry for each glossary term (scripts/courselib/glossary_anchors.py), titled
  with the term, so "EAW" also brings up the glossary's entry for it;
- the trainers' section ranked far below the trainee pages, each result
  labelled "For trainers:"; the answer keys (every right answer of the
  course) are left out of search altogether. The course assessment, which
  touches every module, is ranked below the modules.
"""

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import glossary_anchors as glossary  # noqa: E402
from courselib import interface  # noqa: E402

BOOSTS = {"trainer": 0.001, "assessment": 0.5}  # trainer pages: still found, but last
NOT_SEARCHED_MARKER = "<!-- generate: answer-keys -->"

_terms: list[dict] = []
_trainer_pages: set[str] = set()


def _kind(page):
    return page.meta.get("kind") or ("trainer" if page.file.src_uri.startswith("trainers/") else None)


def on_pre_build(config):
    _terms.clear()
    _trainer_pages.clear()


def on_page_markdown(markdown, page, config, files):
    search = page.meta.get("search")
    search = dict(search) if isinstance(search, dict) else {}
    terms = search.get("terms")
    if isinstance(terms, list):
        page.meta["tags"] = [str(t) for t in terms]
    kind = _kind(page)
    if kind in BOOSTS and "boost" not in search:
        search["boost"] = BOOSTS[kind]
    if kind == "trainer":
        _trainer_pages.add(page.url)
        if NOT_SEARCHED_MARKER in (page.file.content_string or ""):
            search["exclude"] = True
    if search:
        page.meta["search"] = search
    return markdown


@event_priority(-60)  # after the glossary's terms have their anchors
def on_page_content(html, page, config, files):
    if '<dt id="' in html:
        _terms.extend(glossary.term_entries(html, page.url))
    return html


@event_priority(-50)  # after Material's search plugin wrote the index, before the offline plugin reads it
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if doc["location"].split("#")[0] in _trainer_pages:
            doc["title"] = interface.current(Path(config.config_file_path).resolve().parent).t(
                "search.for_trainers") + doc["title"]
            doc["boost"] = BOOSTS["trainer"]
    index["docs"].extend(_terms)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
