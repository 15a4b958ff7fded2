"""The course's language editions: which file is the translation of which.

English is the source of truth. Albanian (``sq``) and Serbian in Latin
script (``sr-Latn``, as Kosovo's institutions publish it) are editions
built from the English course with some pages translated.

File layout (one rule, used by the hooks, the checker, the scripts and
the tests):

- the translation of ``docs/<path>.md`` into LANG is ``docs/<path>.<LANG>.md``
  (``docs/modules/interpol.sq.md``);
- the translation of ``quizzes/<slug>.md`` is ``quizzes/<slug>.<LANG>.md``;
  it holds the same questions in the same order (question_ids.ids_for
  names them after the English ones, so progress is shared);
- each edition is its own MkDocs build: English into ``site/``, LANG into
  ``site/<LANG>/``; a page without a translation is built from English,
  with a notice in the reader's language.

A translated page records, in its front matter, which version of each
English file it was translated from (the git blob id of the English text,
written by ``scripts/translations.py stamp``, never by hand) and who
reviewed the translation::

    translation:
      from:
        docs/modules/interpol.md: 1f0c...   # 40 hex digits
        quizzes/interpol.md: 9a3e...
      reviewed_by: null    # a native-speaking legal reviewer's name and role
      reviewed_on: null    # the date of that review
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

SOURCE = "en"
TRANSLATED = ("sq", "sr-Latn")
LANGUAGES = (SOURCE,) + TRANSLATED

# The name of each language in itself (the language switch).
NAMES = {"en": "English", "sq": "Shqip", "sr-Latn": "Srpski (latinica)"}
# babel's locale for dates in the local form.
BABEL = {"en": "en", "sq": "sq", "sr-Latn": "sr_Latn"}

_SUFFIX_RE = re.compile(r"^(?P<stem>.+)\.(?P<lang>" + "|".join(re.escape(t) for t in TRANSLATED) + r")\.md$")


def split(path: str) -> tuple[str, str]:
    """(English path, language) of a page or quiz path: ``a/b.sq.md`` -> (``a/b.md``, ``sq``)."""
    p = str(PurePosixPath(str(path).replace("\\", "/")))
    m = _SUFFIX_RE.match(p)
    if not m:
        return p, SOURCE
    return m.group("stem") + ".md", m.group("lang")


def is_translation(path: str) -> bool:
    return split(path)[1] != SOURCE


def english_of(path: str) -> str:
    """The English file a path translates (the path itself for an English file)."""
    return split(path)[0]


def translation_path(english_path: str, lang: str) -> str:
    """``a/b.md`` + ``sq`` -> ``a/b.sq.md``; English stays as it is."""
    if lang == SOURCE:
        return english_path
    if lang not in TRANSLATED:
        raise ValueError(f"unknown language {lang!r}: the course has {', '.join(LANGUAGES)}")
    if not english_path.endswith(".md"):
        raise ValueError(f"not a Markdown file: {english_path}")
    return english_path[: -len(".md")] + f".{lang}.md"


def prefix(lang: str) -> str:
    """Where an edition lives under the site root: '' for English, 'sq/' for Albanian."""
    return "" if lang == SOURCE else f"{lang}/"


def blob_id(data: bytes | str) -> str:
    """The git blob id of a text (what ``git hash-object`` prints), so that
    ``git cat-file blob <id>`` shows the English a translation was made from."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
