"""The glossary's one source: data/glossary-terms.yml, every term in three languages.

Each entry::

    - id: european-arrest-warrant-eaw      # glossary_anchors.term_anchor(English term)
      section: E to I                      # the letter section it is listed under
      en:
        term: "European Arrest Warrant (EAW)"
        definition: |-
          A judicial decision ... (Markdown, as many lines as needed)
      sq:
        term: "..."
        definition: |-
          ...
      sr-Latn: {term: ..., definition: ..., from: ...}

``from:`` under a translation is the version of the English term and
definition it translates (``english_version``: the git blob id of the two,
written by glossary-merge, never by hand). When the English changes, the
checker warns that the translation is behind, as for a translated page.

The glossary page (docs/reference/glossary.md) keeps its front matter and
introduction and asks for the entries with ``<!-- generate: glossary -->``;
the generate hook expands it for the edition being built (COURSE_LANG,
default en). English is the definition list it always was (same anchors,
same HTML). In an edition each term shows in all three languages, each
marked with its language, and the definition in the reader's language
(English, marked lang="en", where a translation is missing).

Translators deliver their terms as a file of ``id: {term: ..., definition:
...}``; ``merge_file`` puts them in (scripts/translations.py glossary-merge).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import editions
from .glossary_anchors import term_anchor
from .problems import Problem

TERMS_PATH = "data/glossary-terms.yml"
MARKER = "<!-- generate: glossary -->"
HEADER = """\
# The glossary, in the course's three languages: the one source of
# docs/reference/glossary.md (see scripts/courselib/glossary_terms.py).
# id: the English term's anchor (reference/glossary/#id), never changed by hand.
# section: the letter section the term is listed under.
# en / sq / sr-Latn: the term and its definition (Markdown) in each language.
# Translations are merged with: scripts/translations.py glossary-merge FILE --lang sq
"""


class GlossaryError(Exception):
    pass


@dataclass
class Entry:
    id: str
    section: str
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> {term, definition[, from]}
    line: int = 1
    lines: dict[str, int] = field(default_factory=dict)  # lang -> line of its key

    @property
    def term(self) -> str:
        return self.texts["en"]["term"]


# --- reading and writing the data file ------------------------------------------


def load(root: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of data/glossary-terms.yml and what is wrong with them."""
    path = Path(root) / TERMS_PATH
    if not path.is_file():
        return [], []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(TERMS_PATH, mark.line + 1 if mark else 1, "the glossary file is not valid YAML",
                            "indent with spaces, and write each definition after \"definition: |-\" on indented lines")]
    if not isinstance(data, list):
        return [], [Problem(TERMS_PATH, 1, "the glossary file is not a list of terms",
                            'start each term with "- id: ..."')]
    entries, problems, seen = [], [], {}
    for k, item in enumerate(data):
        line = node.value[k].start_mark.line + 1
        fix_form = 'write it as "- id: ...", "section: ...", "en: {term: ..., definition: ...}"'
        if not isinstance(item, dict):
            problems.append(Problem(TERMS_PATH, line, "this glossary entry is not a set of keys", fix_form))
            continue
        en = item.get("en")
        if not isinstance(en, dict) or not _text(en.get("term")) or not _text(en.get("definition")):
            problems.append(Problem(TERMS_PATH, line, "this glossary entry has no English term and definition",
                                    'write "en:" with "term: ..." and "definition: |-" under it'))
            continue
        want = term_anchor(str(en["term"]).strip())
        ident = item.get("id")
        if ident != want:
            problems.append(Problem(TERMS_PATH, line, f'the id "{ident}" is not the anchor of the English term '
                                    f'"{en["term"]}"', f'write id: {want} (it is made from the English term)'))
            continue
        if ident in seen:
            problems.append(Problem(TERMS_PATH, line, f'the term "{en["term"]}" is already in the glossary '
                                    f"(line {seen[ident]})", "keep one entry for each term"))
            continue
        seen[ident] = line
        if not _text(item.get("section")):
            problems.append(Problem(TERMS_PATH, line, f'the term "{en["term"]}" has no section',
                                    "write section: with the letter section it belongs to, e.g. section: A to D"))
            continue
        texts = {}
        for key, value in item.items():
            if key in ("id", "section"):
                continue
            if key not in editions.LANGUAGES:
                problems.append(Problem(TERMS_PATH, line, f'unknown key "{key}" in the entry "{en["term"]}"',
                                        "use id, section, en, " + ", ".join(editions.TRANSLATED)))
                continue
            if value is None:
                continue
            if not isinstance(value, dict) or set(value) - {"term", "definition", "from"} or not _text(value.get("term")):
                problems.append(Problem(TERMS_PATH, line, f'the {key} text of "{en["term"]}" has no term',
                                        f'write "{key}:" with "term: ..." and "definition: |-" under it'))
                continue
            texts[key] = {"term": str(value["term"]).strip(), "definition": str(value.get("definition") or "").strip("\n")}
            if key != editions.SOURCE and value.get("from") is not None:
                texts[key]["from"] = str(value["from"])
        key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value[k].value} \
            if isinstance(node.value[k], yaml.MappingNode) else {}
        entries.append(Entry(ident, str(item["section"]).strip(), texts, line, key_lines))
    return entries, problems


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _scalar(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def dump(entries: list[Entry]) -> str:
    """The data file's text: one block per term, definitions as literal blocks."""
    out = [HEADER]
    for e in entries:
        out.append(f"- id: {e.id}")
        out.append(f"  section: {_scalar(e.section)}")
        for lang in editions.LANGUAGES:
            t = e.texts.get(lang)
            if not t:
                continue
            out.append(f"  {lang}:")
            out.append(f"    term: {_scalar(t['term'])}")
            if t.get("definition"):
                out.append("    definition: |-")
                out += [f"      {line}" if line.strip() else "" for line in t["definition"].split("\n")]
            if lang != editions.SOURCE and t.get("from"):
                out.append(f'    from: "{t["from"]}"')
        out.append("")
    return "\n".join(out)


def merge(entries: list[Entry], delivered: dict, lang: str, source: str = "FILE",
          lines: dict | None = None) -> int:
    """Put a translator's terms ({id: {term, definition}}) into `entries`;
    refuses an unknown id or a malformed entry, changing nothing."""
    if lang not in editions.TRANSLATED:
        raise GlossaryError(f"{source}:1: unknown language {lang!r}; use one of: {', '.join(editions.TRANSLATED)}")
    by_id = {e.id: e for e in entries}
    lines = lines or {}
    for ident, value in delivered.items():
        where = f"{source}:{lines.get(ident, 1)}"
        if ident not in by_id:
            near = __import__("difflib").get_close_matches(str(ident), list(by_id), n=1)
            hint = f'did you mean "{near[0]}"? ' if near else ""
            raise GlossaryError(f'{where}: unknown glossary id "{ident}"; {hint}use the ids of {TERMS_PATH} '
                                "(nothing was merged)")
        if not isinstance(value, dict) or not _text(value.get("term")) or set(value) - {"term", "definition"}:
            raise GlossaryError(f'{where}: the entry "{ident}" must have "term:" and "definition:" only '
                                "(nothing was merged)")
    for ident, value in delivered.items():
        by_id[ident].texts[lang] = {"term": str(value["term"]).strip(),
                                    "definition": str(value.get("definition") or "").strip("\n"),
                                    "from": english_version(by_id[ident])}
    return len(delivered)


def english_version(entry: Entry) -> str:
    """The version of an entry's English term and definition (a git blob id)."""
    en = entry.texts["en"]
    return editions.blob_id(f"{en['term']}\n{en.get('definition', '')}\n")


def behind(entries: list[Entry]) -> list[Problem]:
    """A warning for each translated term whose English changed since it was merged."""
    out = []
    for e in entries:
        now = english_version(e)
        for lang in editions.TRANSLATED:
            t = e.texts.get(lang)
            if t and t.get("from") != now:
                what = ("changed since it was translated" if t.get("from")
                        else "is not recorded as translated (no from:)")
                out.append(Problem(TERMS_PATH, e.lines.get(lang, e.line),
                                   f'the {lang} translation of "{e.term}" is behind: its English term or definition {what}',
                                   f"translate it again and merge it with scripts/translations.py glossary-merge FILE "
                                   f"--lang {lang}", warning=True))
    return out


def merge_file(root: Path, file: Path, lang: str) -> int:
    root = Path(root)
    entries, problems = load(root)
    if problems:
        raise GlossaryError(str(problems[0]))
    if not entries:
        raise GlossaryError(f"{TERMS_PATH}:1: there is no glossary to merge into")
    try:
        text = Path(file).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        delivered = yaml.safe_load(text)
    except OSError as exc:
        raise GlossaryError(f"{file}:1: cannot read the file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GlossaryError(f"{file}:{mark.line + 1 if mark else 1}: the file is not valid YAML; "
                            "indent with spaces and write each term as id: {term: ..., definition: ...}") from None
    if not isinstance(delivered, dict):
        raise GlossaryError(f"{file}:1: the file is not a list of \"id: {{term: ..., definition: ...}}\"; "
                            "write one such entry for each term")
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    count = merge(entries, delivered, lang, str(file), lines)
    (root / TERMS_PATH).write_text(dump(entries), encoding="utf-8")
    return count


# --- the glossary page ------------------------------------------------------------


def _indent_definition(text: str) -> str:
    return "\n".join(("    " + l) if l.strip() else "" for l in text.split("\n")).lstrip()


def render(entries: list[Entry], lang: str = editions.SOURCE) -> str:
    """The glossary's entries as Markdown: letter sections, each a definition list."""
    out: list[str] = []
    section = None
    for e in entries:
        if e.section != section:
            section = e.section
            if lang == editions.SOURCE:
                out += [f"## {section}", ""]
            else:
                out += [f"## {section} {{ #{term_anchor(section)} lang=en }}", ""]
        if lang == editions.SOURCE:
            out.append(e.term)
            out.append(":   " + _indent_definition(e.texts["en"]["definition"]))
        else:
            terms = [f'<span lang="en">{e.term}</span>']
            others = [f'<span lang="{l}">{e.texts[l]["term"]}</span>' for l in editions.TRANSLATED if l in e.texts]
            line = terms[0] + ("<br>" + " · ".join(others) if others else "")
            out.append(f"{line} {{ #{e.id} }}")
            mine = e.texts.get(lang, {}).get("definition")
            if mine:
                out.append(":   " + _indent_definition(mine))
            else:
                out.append(':   <span lang="en">' + _indent_definition(e.texts["en"]["definition"]) + "</span>")
        out.append("")
    return "\n".join(out).rstrip("\n")


def edition() -> str:
    """The edition being built (COURSE_LANG, default English)."""
    lang = os.environ.get("COURSE_LANG", "").strip() or editions.SOURCE
    return lang if lang in editions.LANGUAGES else editions.SOURCE


def page_markdown(root: Path, lang: str | None = None) -> str:
    """The generated part of the glossary page (what the marker becomes)."""
    entries, _ = load(root)
    return render(entries, lang or edition())


def expand(markdown: str, root: Path, lang: str | None = None) -> str:
    """A text with the glossary marker replaced by the entries (the book)."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, page_markdown(root, lang))


def english_terms(root: Path) -> list[str]:
    return [e.term for e in load(root)[0]]


# --- one-off: the old glossary page into the data file ------------------------------


def convert(markdown: str) -> tuple[list[Entry], str]:
    """(entries, the page with the marker in their place) from a glossary page
    written as letter sections of definition lists."""
    from .frontmatter import body_start

    lines = markdown.split("\n")
    first = next(i for i in range(body_start(lines), len(lines)) if lines[i].startswith("## "))
    entries: list[Entry] = []
    section = None
    i = first
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
            i += 1
            continue
        if line.strip() and not line[0].isspace() and i + 1 < len(lines) and lines[i + 1].startswith(":   "):
            term = line.strip()
            definition = [lines[i + 1][4:]]
            j = i + 2
            while j < len(lines) and lines[j].startswith("    "):
                definition.append(lines[j][4:])
                j += 1
            entries.append(Entry(term_anchor(term), section, {"en": {"term": term, "definition": "\n".join(definition)}}))
            i = j
            continue
        if line.strip():
            raise GlossaryError(f"line {i + 1}: not a term, definition or section heading: {line!r}")
        i += 1
    page = "\n".join(lines[:first]) + "\n" + MARKER + "\n"
    return entries, page
