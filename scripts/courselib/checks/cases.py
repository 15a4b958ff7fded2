"""Case exercises (docs/cases/): their paths, and the objectives they practise.

The reading of a case and its path analysis live in courselib/cases.py;
this module runs them over every case page and adds what needs the rest of
the course: `practises:` tags that name real module objectives, and links
to places on the same page (a choice or a link to a step that is not there).
"""

from __future__ import annotations

import re

from .. import cases as case_mod
from ..problems import Problem
from .common import Page, suggest

SAME_PAGE_LINK_RE = re.compile(r"\]\(#(?P<anchor>[^)\s]*)\)")


def is_case(page: Page) -> bool:
    return bool(page.kind and page.kind.name == "case")


def check_cases(pages: dict[str, Page]) -> list[Problem]:
    out: list[Problem] = []
    for page in pages.values():
        if page.fm is None or not is_case(page):
            continue
        case = case_mod.parse(page.path, page.lines, page.body_start)
        out += case_mod.problems(case)
        out += check_practises(page, pages)
        out += check_same_page_links(page, case)
    return out


def check_practises(page: Page, pages: dict[str, Page]) -> list[Problem]:
    """Each `practises:` tag is MODULE-SLUG/OBJECTIVE-ID of a real module objective."""
    fm, p = page.fm, page.path
    tags = fm.data.get("practises")
    if tags in (None, "", []):
        return []  # the front-matter rules report a missing key
    if not isinstance(tags, list):
        return [Problem(p, fm.line_of("practises"), "practises must be a list",
                        'write each tag on its own line: "  - module-slug/objective-id"')]
    modules = {q.slug: q for q in pages.values() if q.is_lesson and q.doc_path.startswith("modules/")}
    out = []
    for idx, tag in enumerate(tags):
        line = fm.line_of("practises", idx)
        slug, sep, oid = str(tag).partition("/")
        if not isinstance(tag, str) or not sep:
            out.append(Problem(p, line, f'practises "{tag}" is not a module-slug/objective-id tag',
                               "name the module and the objective, e.g. cybercrime/preserve-first"))
        elif slug not in modules:
            out.append(Problem(p, line, f'practises "{tag}" names "{slug}", which is not a module',
                               suggest(slug, modules) + "use the file name of a module in docs/modules/, without .md"))
        elif oid not in modules[slug].objectives:
            objs = modules[slug].objectives
            out.append(Problem(p, line, f'practises "{tag}": "{oid}" is not an objective of {modules[slug].path}',
                               suggest(oid, objs) + "use one of: " + ", ".join(map(str, objs))))
    return out


def check_same_page_links(page: Page, case: case_mod.Case) -> list[Problem]:
    """Links to "#id" outside the choices (the choices are checked with the paths)."""
    ids = {b.id for b in case.blocks} | page.anchors
    choice_lines = {c.line for b in case.blocks for c in b.choices}
    out = []
    from ..markdown_text import prose_lines

    prose = prose_lines(page.lines)
    for i in range(page.body_start, len(prose)):
        if i + 1 in choice_lines:
            continue
        for m in SAME_PAGE_LINK_RE.finditer(prose[i]):
            if m.group("anchor") and m.group("anchor") not in ids:
                out.append(Problem(page.path, i + 1, f'the link points to "#{m.group("anchor")}", '
                                   "which is no step, ending or heading of this case",
                                   suggest(m.group("anchor"), ids) + "use the id of a step or ending on this page"))
    return out
