"""Quiz files: each embedded exactly once, every question well formed and
testing an objective, every objective tested."""

from __future__ import annotations

from ..markdown_text import prose_lines
from ..problems import Problem
from .common import Page, suggest as _suggest
from .links import check_links
from .register_refs import check_instruments

Embedded = dict[str, list[tuple[Page, int]]]  # quiz slug -> [(page, marker line)]


def check_embedding(pages: dict[str, Page], quiz_files) -> tuple[Embedded, list[Problem]]:
    """Each marker names a quiz file; each quiz file is embedded exactly once;
    every page of a kind that needs a quiz has one."""
    problems: list[Problem] = []
    embedded: Embedded = {}
    for page in pages.values():
        for slug, line in page.markers:
            if slug not in quiz_files:
                problems.append(Problem(page.path, line, f'the quiz file quizzes/{slug}.md does not exist',
                                        _suggest(slug, quiz_files) + "create it, or correct the name in the marker"))
                continue
            embedded.setdefault(slug, []).append((page, line))
    for slug, qf in quiz_files.items():
        uses = embedded.get(slug, [])
        if not uses:
            problems.append(Problem(qf.path, 1, "this quiz file is embedded in no page",
                                    f"add <!-- quiz: {slug} --> to its module, or delete the file"))
        for page, line in uses[1:]:
            problems.append(Problem(page.path, line, f"quizzes/{slug}.md is already embedded in {uses[0][0].path}",
                                    "embed each quiz file once; remove this marker"))
    for page in pages.values():
        if page.kind and page.kind.quiz_required and not page.markers:
            problems.append(Problem(page.path, page.body_start + 1, f"the {page.kind.label} has no quiz",
                                    f"add a section \"## Check your understanding\" with <!-- quiz: {page.slug} -->"))
    return embedded, problems


def check_questions(model, pages: dict[str, Page], embedded: Embedded, register_ids: set[str]) -> list[Problem]:
    """Question syntax, the instruments and links they name, the objective
    each tests, and objectives that no question tests."""
    problems: list[Problem] = []
    modules_by_slug = {p.slug: p for p in pages.values() if p.is_lesson}
    tested: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for slug, qf in model.quiz_files.items():
        if qf.problem:
            problems.append(qf.problem)
        questions, qprobs = model.questions(slug)
        problems += qprobs
        for i, line in enumerate(prose_lines(qf.lines)):
            problems += check_instruments(qf.path, i + 1, line, register_ids)
        host = embedded.get(slug, [(None, 0)])[0][0]
        if host is None or host.fm is None or isinstance(host.fm.data.get("objectives"), list):
            continue  # embedded nowhere, or the page's front matter is broken: fix that first
        problems += check_links(host, pages, model.docs, lines=qf.lines, path=qf.path)
        objective_problems = []
        for q in questions:
            objective_problems += _check_objective(qf.path, q, host, modules_by_slug, tested)
        problems += objective_problems
        if qprobs or objective_problems:
            unsure.add(host.slug)  # fix the questions first; then see what is untested
    for page in modules_by_slug.values():
        if not page.markers or page.slug in unsure:
            continue
        for oid in page.objectives:
            if oid not in tested.get(page.slug, set()):
                problems.append(Problem(page.path, page.fm.line_of("objectives", oid),
                                        f'objective "{oid}" is tested by no question',
                                        f"add a question to quizzes/{page.markers[0][0]}.md preceded by "
                                        f"<!-- objective: {oid} -->, or remove the objective"))
    return problems


def _check_objective(rel, q, host, modules_by_slug, tested) -> list[Problem]:
    if not q.objective:
        where = host.path if host is not None and host.objectives else "the module's front matter"
        return [Problem(rel, q.line, "this question names no objective",
                        f"add <!-- objective: ID --> on the line before <quiz>, with an id from objectives in {where}")]
    ref = q.objective
    if "/" in ref:
        mod_slug, oid = ref.split("/", 1)
    else:
        if host is None or not host.objectives:
            return [Problem(rel, q.objective_line, f'objective "{ref}" does not say its module',
                            "write <!-- objective: MODULE/ID -->, e.g. interpol/red-notice")]
        mod_slug, oid = host.slug, ref
    mod = modules_by_slug.get(mod_slug)
    if mod is None:
        return [Problem(rel, q.objective_line, f'objective "{ref}" names a module that does not exist',
                        _suggest(mod_slug, modules_by_slug) + "use the file name of a module under docs/modules/")]
    if oid not in mod.objectives:
        return [Problem(rel, q.objective_line, f'objective "{oid}" is not an objective of {mod.path}',
                        _suggest(oid, mod.objectives) + "use one of: " + ", ".join(mod.objectives))]
    tested.setdefault(mod_slug, set()).add(oid)
    return []
