"""Quiz files: each embedded exactly once, every question well formed and
testing an objective, every objective tested."""

from __future__ import annotations

from ..markdown_text import prose_lines
from ..problems import Problem
from .common import Page, suggest as _suggest


def difflib_best(word: str, choices) -> str | None:
    import difflib
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None
from .links import check_links
from .register_refs import check_instruments

Embedded = dict[str, list[tuple[Page, int]]]  # quiz slug -> [(page, marker line)]


def check_embedding(pages: dict[str, Page], quiz_files) -> tuple[Embedded, list[Problem]]:
    """Each marker names a quiz file; each quiz file is embedded exactly once;
    every page of a kind that needs a quiz has one."""
    problems: list[Problem] = []
    embedded: Embedded = {}
    broken = []  # (page, slug, line) of markers naming no quiz file
    for page in pages.values():
        for slug, line in page.markers:
            if slug not in quiz_files:
                broken.append((page, slug, line))
                continue
            embedded.setdefault(slug, []).append((page, line))
    orphans = [slug for slug in quiz_files if slug not in embedded]
    for page, slug, line in broken:
        # a module renamed (or a marker mistyped) with its quiz file under the old name: one message
        near = difflib_best(slug, orphans)
        meant = near or (page.slug if page.slug in orphans else None) or (orphans[0] if len(orphans) == len(broken) == 1 else None)
        if meant:
            orphans.remove(meant)
            problems.append(Problem(page.path, line, f"the quiz file quizzes/{slug}.md does not exist, "
                                    f"and quizzes/{meant}.md is embedded in no page",
                                    f"write <!-- quiz: {meant} --> here, or rename quizzes/{meant}.md to quizzes/{slug}.md"))
        else:
            problems.append(Problem(page.path, line, f'the quiz file quizzes/{slug}.md does not exist',
                                    _suggest(slug, quiz_files) + "create it, or correct the name in the marker"))
    for slug, qf in quiz_files.items():
        if slug in orphans:
            problems.append(Problem(qf.path, 1, "this quiz file is embedded in no page",
                                    f"add <!-- quiz: {slug} --> to its module, or delete the file"))
    for slug in quiz_files:
        uses = embedded.get(slug, [])
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
        if host is None or host.fm is None or host.kind is None or isinstance(host.fm.data.get("objectives"), list):
            continue  # embedded nowhere, or the page's front matter or kind is broken: fix that first
        problems += check_links(host, pages, model.docs, lines=qf.lines, path=qf.path)
        objective_problems = []
        for q in questions:
            objective_problems += _check_objective(qf.path, q, host, modules_by_slug, tested)
        problems += objective_problems
        if qprobs or objective_problems:
            unsure.add(host.slug)  # fix the questions first; then see what is untested
    for page in modules_by_slug.values():
        if not page.markers or page.slug in unsure or any(s not in model.quiz_files for s, _ in page.markers):
            continue  # a broken marker is reported once, at the marker
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
    if mod is None and host is not None and host.slug == mod_slug and host.kind is None:
        return []  # the module's kind is broken: reported once, on the module
    if mod is None:
        return [Problem(rel, q.objective_line, f'objective "{ref}" names a module that does not exist',
                        _suggest(mod_slug, modules_by_slug) + "use the file name of a module under docs/modules/")]
    if oid not in mod.objectives:
        return [Problem(rel, q.objective_line, f'objective "{oid}" is not an objective of {mod.path}',
                        _suggest(oid, mod.objectives) + "use one of: " + ", ".join(mod.objectives))]
    tested.setdefault(mod_slug, set()).add(oid)
    return []


def check_repeated_questions(model, embedded: Embedded) -> list[Problem]:
    """The same question asked twice (in two modules, or twice in one):
    reported at the second, naming the first. A quiz file embedded nowhere
    (often a module's old name) is reported once, above, not here."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for slug, qf in model.quiz_files.items():
        if slug not in embedded:
            continue
        for q in model.questions(slug)[0]:
            key = " ".join(q.text.lower().split())
            if not key or "todo" in key.split():
                continue  # template text, reported as such (two new modules share it)
            if key in first:
                path, line = first[key]
                problems.append(Problem(qf.path, q.line, f"the same question is already asked in {path}:{line}",
                                        "ask each question once: change this one, or remove it"))
            else:
                first[key] = (qf.path, q.line)
    return problems
