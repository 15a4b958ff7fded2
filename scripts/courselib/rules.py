"""Every content rule of the course, run in order over one course model.

`check_course()` reads the repository (mkdocs.yml, docs/, quizzes/, the
register) without building, or takes a model already read for the build,
and returns the problems a trainer must fix. The build hook, `make check`
and the tests all call it. The rules themselves live in courselib/checks/,
one module per kind of thing they check.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import glossary, interface, register
from . import model as model_mod
from .checks import (blocks, cases, course_wide, instrument_mentions, links, markdown_rules, quiz_rules,
                     register_refs, rendered, translations)
from .checks.common import FRAME_ANCHORS, Page  # noqa: F401 (used by hooks and scripts)
from .checks.front_matter import (KINDS, REVIEW_DUE_DAYS, read_pages, review_due,  # noqa: F401
                                  today_from_env)
from .problems import Problem

__all__ = ["check_course", "FRAME_ANCHORS", "KINDS", "Page", "REVIEW_DUE_DAYS", "review_due", "today_from_env"]


def check_course(root, today: dt.date | None = None, render: bool = False) -> list[Problem]:
    """The problems of the course at `root` (a path, or a CourseModel).

    `render`: also run the safety nets on each page as MkDocs renders it
    (`make check`; the build runs them in overrides/hooks/safety_nets.py)."""
    model = root if isinstance(root, model_mod.CourseModel) else model_mod.load(Path(root))
    today = today or today_from_env()
    if model.cfg is None:
        return [model.cfg_problem]
    register_ids = register_refs.known_ids(model)  # a broken register is reported once
    problems: list[Problem] = []
    problems += course_wide.check_report_address(model.cfg)             # 1. the course's settings
    problems += course_wide.check_mastery_score(model.cfg)              #    (report address, mastery score)
    problems += interface.check(model.root)                             #    and the interface's words in each language
    problems += model.register_problems                                 # 2. the register itself,
    problems += register.currency_problems(model.register, today)       #    whether its statuses are current,
    problems += glossary.check(model.root, model.cfg.docs_dir)          #    and the glossary's coverage
    pages, found = read_pages(model, today)                             # 3. front matter of every page
    problems += found
    for page in pages.values():                                         # 4. page bodies
        found = blocks.check_body(page, register_ids)                   #    (a broken front matter is
        found += markdown_rules.check_markdown(page, model.docs)        #    reported once, above)
        found += instrument_mentions.check_typed_mentions(page, model.register)  # first mention via the register
        problems += found if page.fm is not None else []
    problems += markdown_rules.check_abbreviations(model.root, model.docs)  # 4b. the abbreviations file
    for page in pages.values():                                         # 5. anchors, then links
        extra = [line for slug, _ in page.markers if slug in model.quiz_files
                 for line in model.quiz_files[slug].lines]
        links.collect_anchors(page, extra)
        if page.doc_path == glossary.GLOSSARY_DOC:                      #    (the glossary's generated terms)
            page.anchors.update(glossary.term_ids(model.root))
    for page in pages.values():
        if page.fm is not None:
            problems += links.check_links(page, pages, model.docs)
    problems += cases.check_cases(pages)                                # 5b. case exercises
    problems += course_wide.check_nav(pages, model.cfg)                 # 6. navigation
    embedded, found = quiz_rules.check_embedding(pages, model.quiz_files)  # 7. quiz files
    problems += found
    problems += quiz_rules.check_questions(model, pages, embedded, register_ids)  # 8. questions
    problems += quiz_rules.check_repeated_questions(model, embedded)    # 9. each question asked once
    problems += course_wide.check_todo(pages, model.quiz_files)         # 10. template text left in
    problems += course_wide.check_names(model, pages)                   # 11. official names
    problems += course_wide.check_titles(pages)                         # 12. unique titles
    problems += translations.check_translations(model, pages, register_ids, today)  # 12b. translations: the
                                                                        #     same structure as English, up to date
    if render:                                                          # 13. the rendered pages: nothing
        skip = {p.path for p in problems if not p.warning}              #     lost, no syntax shown (pages
        problems += rendered.check_rendered_pages(model, pages, skip)   #     with other problems wait)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.what))
