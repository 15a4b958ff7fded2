"""Glossary coverage: every abbreviation a reader may meet has a glossary entry.

A term is glossary-worthy when it is in the abbreviations file
(docs/.snippets/abbreviations.md), except the everyday ones listed under
`everyday:` in data/glossary.yml (US, UK, VAT...) and plurals whose singular
is in the file too (JITs counts as JIT). Bold text alone does not make a term.

An abbreviation is covered when a glossary term (an English term of
data/glossary-terms.yml, or a definition-list term written in
docs/reference/glossary.md itself) contains it as a whole word, as in
"Joint investigation team (JIT)", or contains its expansion, as in
"Europol National Unit" for ENU. A course without a glossary page is not
checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

ABBREVIATIONS_PATH = "docs/.snippets/abbreviations.md"
GLOSSARY_PATH = "docs/reference/glossary.md"
GLOSSARY_DOC = "reference/glossary.md"
EVERYDAY_PATH = "data/glossary.yml"
ABBR_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<expansion>.+?)\s*$")
TERM_FOLLOWS_RE = re.compile(r"^:\s{1,3}\S")


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    line: int


def abbreviations(text: str) -> list[Abbreviation]:
    return [Abbreviation(m.group("abbr"), m.group("expansion"), n)
            for n, line in enumerate(text.splitlines(), 1) if (m := ABBR_RE.match(line))]


def glossary_terms(text: str) -> list[str]:
    """The terms of a Markdown definition list: a line at the margin whose next
    non-blank line starts with ':' and the definition."""
    lines = text.splitlines()
    terms = []
    for i, line in enumerate(lines):
        if not line.strip() or line[0].isspace() or line.startswith((":", "#", "<", "-", "*")):
            continue
        nxt = next((l for l in lines[i + 1:] if l.strip()), "")
        if TERM_FOLLOWS_RE.match(nxt):
            terms.append(line.strip())
    return terms


def _core(expansion: str) -> str:
    """The expansion without a trailing remark in brackets: "Europol National Unit"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", expansion).strip().casefold()


def covered(a: Abbreviation, terms: list[str]) -> bool:
    word = re.compile(r"(?<![\w-])" + re.escape(a.abbr) + r"(?![\w-])")
    core = _core(a.expansion)
    return any(word.search(t) or (core and core in t.casefold()) for t in terms)


def load_everyday(root: Path) -> tuple[set[str], list[Problem]]:
    path = Path(root) / EVERYDAY_PATH
    if not path.is_file():
        return set(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return set(), [Problem(EVERYDAY_PATH, mark.line + 1 if mark else 1, "the file is not valid YAML",
                               "write everyday: [US, UK, VAT] with the abbreviations every reader knows")]
    words = data.get("everyday") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        return set(), [Problem(EVERYDAY_PATH, 1, "everyday: is not a list of abbreviations",
                               "write everyday: [US, UK, VAT] with the abbreviations every reader knows")]
    return set(words), []


def check(root: Path, docs_dir: str = "docs") -> list[Problem]:
    root = Path(root)
    abbr_path = root / docs_dir / ".snippets" / "abbreviations.md"
    gloss_path = root / docs_dir / "reference" / "glossary.md"
    if not (abbr_path.is_file() and gloss_path.is_file()):
        return []
    everyday, problems = load_everyday(root)
    abbr_rel = abbr_path.relative_to(root).as_posix()
    gloss_rel = gloss_path.relative_to(root).as_posix()
    found = abbreviations(abbr_path.read_text(encoding="utf-8", errors="replace"))
    known = {a.abbr for a in found}
    from . import glossary_terms as data_terms

    page = gloss_path.read_text(encoding="utf-8", errors="replace")
    terms = glossary_terms(page)
    if data_terms.MARKER in page:  # the page shows the terms of data/glossary-terms.yml
        entries, found_problems = data_terms.load(root)
        problems += found_problems + data_terms.behind(entries)
        terms += [e.term for e in entries]
        gloss_rel = data_terms.TERMS_PATH
    for a in found:
        if a.abbr in everyday or (a.abbr.endswith("s") and a.abbr[:-1] in known):
            continue
        if not covered(a, terms):
            problems.append(Problem(abbr_rel, a.line, f'"{a.abbr}" ({a.expansion}) has no entry in the glossary',
                                    f"add it to {gloss_rel}, or, if every reader knows it like US or VAT, "
                                    f"to everyday: in {EVERYDAY_PATH}"))
    return problems


def term_ids(root: Path) -> set[str]:
    """The anchors of the glossary's generated terms (data/glossary-terms.yml)."""
    from . import glossary_terms as data_terms

    return {e.id for e in data_terms.load(root)[0]}
