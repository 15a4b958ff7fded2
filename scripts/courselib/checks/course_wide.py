"""Rules over the whole course: navigation, unique titles, official names,
template text left in, and the course's own settings in mkdocs.yml (the
report address, the SCORM package's mastery score)."""

from __future__ import annotations

import re

from .. import editions, names
from ..markdown_text import code_lines, prose_lines
from ..problems import Problem
from .common import Page

TODO_RE = re.compile(r"\bTODO\b")

REPORT_ADDRESS_RE = re.compile(r"^(?:[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+|https?://[^\s]+)$")



def check_report_address(cfg) -> list[Problem]:
    """extra.report_mistake: where "Report a mistake on this page" writes to."""
    value = (cfg.raw.get("extra") or {}).get("report_mistake")
    if value is None or REPORT_ADDRESS_RE.match(str(value)):
        return []
    text = (cfg.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next((n for n, l in enumerate(text, 1) if l.strip().startswith("report_mistake:")), 1)
    return [Problem("mkdocs.yml", line, f'report_mistake "{value}" is neither an e-mail address nor a web address',
                    "write one address, e.g. report_mistake: course-team@kosovopolice.example, "
                    "or a web address starting with https://")]


def check_mastery_score(cfg) -> list[Problem]:
    """extra.scorm.mastery_score: the SCORM package's pass mark for the course assessment."""
    from ..scorm import mastery_score

    _, problem = mastery_score(cfg.raw, (cfg.root / "mkdocs.yml").read_text(encoding="utf-8"))
    return [problem] if problem else []



def check_nav(pages: dict[str, Page], cfg) -> list[Problem]:
    """Every page is in the navigation, and the navigation names only pages."""
    problems = []
    nav = cfg.nav_paths()
    for doc_path, page in pages.items():
        if doc_path not in nav:
            problems.append(Problem(page.path, 1, "the page is not in the navigation",
                                    f'add "{doc_path}" under nav: in mkdocs.yml, in the right section'))
    for doc_path, line in cfg.nav:
        if doc_path not in pages and editions.is_translation(doc_path):
            problems.append(Problem("mkdocs.yml", line, f'nav names "{doc_path}", a translation',
                                    f'name the English page "{editions.english_of(doc_path)}" instead: each '
                                    "edition shows its translation in the English page's place"))
        elif doc_path not in pages:
            problems.append(Problem("mkdocs.yml", line, f'nav names "{doc_path}", which does not exist',
                                    f"create {cfg.docs_dir}/{doc_path} or remove the line"))
    return problems


def _texts(pages: dict[str, Page], quiz_files):
    """(path, lines, first line to read) of every page body and quiz file."""
    texts = [(p.path, p.lines, p.body_start) for p in pages.values() if p.fm is not None]
    return texts + [(qf.path, qf.lines, 0) for qf in quiz_files.values()]


def check_todo(pages: dict[str, Page], quiz_files) -> list[Problem]:
    """Template text ("TODO") left in: a warning, so a new module passes at once."""
    problems = []
    files = [(p.path, p.lines) for p in pages.values()] + [(qf.path, qf.lines) for qf in quiz_files.values()]
    for rel, lines in files:
        code = code_lines(lines)
        for i, line in enumerate(prose_lines(lines)):
            if not code[i] and TODO_RE.search(line):
                problems.append(Problem(rel, i + 1, "template text \"TODO\" is still here",
                                        "replace it with the real text", warning=True))
    return problems


def check_names(model, pages: dict[str, Page]) -> list[Problem]:
    """Official names in running text (data/names.yml)."""
    problems = list(model.name_problems)
    for rel, lines, first in _texts(pages, model.quiz_files):
        prose = prose_lines(lines)
        for i in range(first, len(lines)):
            if prose[i]:
                problems += names.check_line(rel, i + 1, prose[i], model.names, model.name_history)
    return problems


def check_titles(pages: dict[str, Page]) -> list[Problem]:
    """No two pages share a title."""
    problems = []
    seen: dict[str, Page] = {}
    for page in pages.values():
        if page.fm is None or not isinstance(page.fm.data.get("title"), str):
            continue
        t = page.fm.data["title"].strip().casefold()
        if t in seen:
            problems.append(Problem(page.path, page.fm.line_of("title"),
                                    f'the title "{page.fm.data["title"]}" is already used by {seen[t].path}',
                                    "give each page its own title"))
        else:
            seen[t] = page
    return problems
