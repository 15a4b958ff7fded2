"""Translations (courselib/editions.py, courselib/translations.py): each is
the translation of its English file, with the same structure.

Errors: a translated page lacks an objective id, a source or a quiz its
English page has (or has one it does not); a translated quiz file lacks a
question or an option, or marks other right answers, or tests another
objective; a translation of a file that does not exist; a file named like a
translation into a language the course does not have (interpol.al.md); a
heading a link points at without the English anchor as its explicit id; a
`translation:` block that is malformed. The translated page's front matter
and body go through the same rules as an English page.

A warning (never a build failure): a translation is behind its English
file, naming the English lines that changed since it was translated.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from .. import editions, frontmatter, glossary, names, quizzes
from .. import translations as tr
from ..markdown_text import GENERATE_RE, code_lines, prose_lines
from ..problems import Problem
from . import blocks, instrument_mentions, links, markdown_rules
from .common import Page
from .front_matter import check_front_matter
from .register_refs import check_instruments

CODES = " and ".join(editions.TRANSLATED)


def _page(src, english_doc_path: str) -> Page:
    """A translated page as the rules see it: at its English page's place."""
    if src.fm is None:
        return Page(src.path, english_doc_path, src.lines, None, None, frontmatter.body_start(src.lines))
    return Page(src.path, english_doc_path, src.lines, src.fm, None, src.fm.body_start)


def check_strays(model) -> list[Problem]:
    out = []
    for src in model.strays:
        code = tr.lookalike_language(src.path)
        near = tr.near_language(code)
        english = src.path[: -len(f".{code}.md")] + ".md"
        meant = f"rename it to {editions.translation_path(english, near)}" if near else \
            f"the course has no {code} edition: rename it to .{'.md or .'.join(editions.TRANSLATED)}.md, or remove it"
        out.append(Problem(src.path, 1, f'"{code}" is not one of the course\'s languages '
                                        f"(its translations end in .sq.md or .sr-Latn.md)", meant))
    return out


def check_translations(model, pages: dict[str, Page], register_ids, today: dt.date) -> list[Problem]:
    """Every rule about translated pages and quiz files. `pages`: the English
    pages, already read (with their anchors and quiz markers)."""
    problems = check_strays(model)
    tpages: dict[tuple[str, str], Page] = {}
    for doc_path, src in model.translations.items():
        english, lang = editions.split(doc_path)
        if english not in model.pages:
            problems.append(Problem(src.path, 1, f"this is the translation of {model.docs.name}/{english}, "
                                    "which does not exist",
                                    "rename it after the English page it translates, or remove it"))
            continue
        page = _page(src, english)
        problems += _check_page(model, page, src, pages[english], register_ids, today)
        tpages[(english, lang)] = page
    for (english, lang), page in tpages.items():
        links.collect_anchors(page)
        if english == glossary.GLOSSARY_DOC:  # the generated terms keep their ids in every edition
            page.anchors.update(glossary.term_ids(model.root))
    for (english, lang), page in tpages.items():
        if page.fm is not None:
            problems += links.check_links(page, pages, model.docs)
    problems += _check_quizzes(model, pages, tpages, register_ids)
    problems += _check_linked_anchors(model, pages, tpages)
    problems += _check_titles(tpages)
    problems += _check_names_and_todo(model, tpages)
    return problems


def _check_names_and_todo(model, tpages) -> list[Problem]:
    """Official names (INTERPOL, Europol ... stay as they are in every language)
    and template text, in translated pages and quiz files, as in English."""
    from .course_wide import check_todo, _texts

    pages = {page.path: page for page in tpages.values()}
    quiz_files = {qf.path: qf for qf in model.quiz_translations.values()}
    out = [p for p in check_todo(pages, quiz_files)]
    # an old name may stand on a line that says it is old, in words the English
    # list knows ("formerly"); a translation says so in its own words
    current = [nm for nm in model.names if not nm.old_name]
    for rel, lines, first in _texts(pages, quiz_files):
        prose = prose_lines(lines)
        for i in range(first, len(lines)):
            if prose[i]:
                out += names.check_line(rel, i + 1, prose[i], current, model.name_history)
    return out


def _check_page(model, page: Page, src, english: Page, register_ids, today) -> list[Problem]:
    out: list[Problem] = []
    if src.problem:
        out.append(src.problem)
    if page.fm is None:
        if not src.problem:
            err = src.fm_error
            out.append(Problem(src.path, err.line, err.what, err.fix))
        return out
    fm = page.fm
    out += [Problem(src.path, line, what, fix, warning=True) for line, what, fix in fm.warnings]
    # the review date is the English page's: its review warning is given there, once
    out += [p for p in check_front_matter(page, today, extra_keys=("translation",))
            if not (p.warning and "last reviewed" in p.what)]
    body = blocks.check_body(page, register_ids)
    body += markdown_rules.check_markdown(page, model.docs)
    body += instrument_mentions.check_typed_mentions(page, model.register)
    out += body
    if english.fm is None or page.kind is None:
        return out  # the English page's (or this page's) front matter is broken: fix that first
    out += _compare_front_matter(page, english)
    out += _compare_markers(page, english)
    out += _compare_generated(page, english)
    out += _check_record(model, page)
    return out


def _compare_front_matter(page: Page, english: Page) -> list[Problem]:
    out = []
    fm, efm, p = page.fm, english.fm, page.path
    e_obj, t_obj = english.objectives, page.objectives
    for oid in e_obj:
        if oid not in t_obj:
            out.append(Problem(p, fm.line_of("objectives"), f'the translation has no objective "{oid}", '
                               f"which {english.path} has",
                               f'translate it under objectives: with the same id: "  {oid}: ..."'))
    for oid in t_obj:
        if e_obj and oid not in e_obj:
            out.append(Problem(p, fm.line_of("objectives", oid), f'objective "{oid}" is not an objective of {english.path}',
                               "keep the English ids (only the text is translated): use one of: " + ", ".join(e_obj)))
    e_urls = _urls(efm.data.get("sources"))
    t_urls = _urls(fm.data.get("sources"))
    missing = [u for u in e_urls if u not in t_urls]
    for u in missing:
        out.append(Problem(p, fm.line_of("sources"), f"the translation has no source {u}, which {english.path} has",
                           "list the same sources, with the same url, in the same order (translate only the note)"))
    for idx, u in enumerate(t_urls):
        if u not in e_urls:
            out.append(Problem(p, fm.line_of("sources", idx), f"source {u} is not a source of {english.path}",
                               "list the same sources as the English page (add a source there first)"))
    if not missing and set(t_urls) == set(e_urls) and t_urls != e_urls:
        out.append(Problem(p, fm.line_of("sources"), f"the sources are not in the order of {english.path}",
                           "list them in the English page's order"))
    return out


def _urls(sources) -> list[str]:
    if not isinstance(sources, list):
        return []
    return [str(s.get("url")) for s in sources if isinstance(s, dict) and s.get("url")]


def _generated(page: Page) -> list[tuple[str, int]]:
    """(name, line) of each <!-- generate: NAME --> of a page body, outside code."""
    code = code_lines(page.lines)
    return [(m.group("name"), i + 1) for i in range(page.body_start, len(page.lines))
            if not code[i] and (m := GENERATE_RE.match(page.lines[i]))]


def _compare_generated(page: Page, english: Page) -> list[Problem]:
    e, t = _generated(english), _generated(page)
    if [n for n, _ in e] == [n for n, _ in t]:
        return []
    last = max((i for i, l in enumerate(page.lines) if l.strip()), default=page.body_start) + 1
    want = " and ".join(f"<!-- generate: {n} -->" for n, _ in e) or "no generated section"
    return [Problem(page.path, t[0][1] if t else last,
                    f"the translation does not ask for the generated sections {english.path} asks for",
                    f"write {want} where the English page has it, exactly as in English")]


def _compare_markers(page: Page, english: Page) -> list[Problem]:
    e = [s for s, _ in english.markers]
    t = [s for s, _ in page.markers]
    if e == t:
        return []
    last = max((i for i, l in enumerate(page.lines) if l.strip()), default=page.body_start) + 1
    line = page.markers[0][1] if page.markers else last
    if not e:
        return [Problem(page.path, line, f"the translation embeds a quiz and {english.path} does not",
                        "remove the <!-- quiz: ... --> line")]
    want = " ".join(f"<!-- quiz: {s} -->" for s in e)
    return [Problem(page.path, line, f"the translation does not embed the quizzes {english.path} embeds",
                    f"write {want} where the English page has it (the edition shows the translated questions)")]


def _check_record(model, page: Page) -> list[Problem]:
    fm, p = page.fm, page.path
    rec, block_problems = tr.read_record(fm.data)
    if not rec.present:
        return [Problem(p, fm.line_of("title"), "the translation does not record which English version it translates",
                        f"run scripts/translations.py stamp {p}")]
    out = [Problem(p, _line(page, bp.key), bp.what, bp.fix) for bp in block_problems]
    if block_problems and not rec.sources:
        return out
    for b in tr.behind(model.root, p, rec):
        line = _line(page, ("translation", "from", b.english)) if b.recorded else _line(page, ("translation", "from"))
        out.append(Problem(p, line, "translation is behind: " + tr.describe_behind(model.root, b),
                           f"run scripts/translations.py diff {p}, bring the translation up to date, "
                           f"then scripts/translations.py stamp {p}", warning=True))
    return out


def _line(page: Page, key: tuple) -> int:
    """The line of a nested key of the front matter (translation: from: PATH)."""
    fm = page.fm
    if len(key) == 1 or ("translation", key[1]) not in fm.item_lines:
        return fm.line_of("translation")
    line = fm.item_lines[("translation", key[1])]
    if len(key) == 3:
        for i in range(line, min(len(page.lines), fm.body_start)):
            if page.lines[i].strip().startswith(f"{key[2]}:"):
                return i + 1
    return line


def _check_quizzes(model, pages, tpages, register_ids) -> list[Problem]:
    out: list[Problem] = []
    for name, qf in model.quiz_translations.items():
        english, lang = editions.split(name)
        slug = english[: -len(".md")]
        if qf.problem:
            out.append(qf.problem)
        if slug not in model.quiz_files:
            out.append(Problem(qf.path, 1, f"this is the translation of quizzes/{slug}.md, which does not exist",
                               "rename it after the English quiz file it translates, or remove it"))
            continue
        questions, qprobs = quizzes.parse(qf.path, qf.text)
        out += qprobs
        for i, line in enumerate(prose_lines(qf.lines)):
            out += check_instruments(qf.path, i + 1, line, register_ids)
        english_qs = model.questions(slug)[0]
        broken = {pr.line for pr in qprobs}  # fix a question's own mistakes first
        out += _compare_questions(qf, questions, model.quiz_files[slug].path, english_qs, broken)
        host = next((pg for (e, lg), pg in tpages.items() if lg == lang and slug in [s for s, _ in pg.markers]),
                    None)
        if host is not None and host.fm is not None:
            out += links.check_links(host, pages, model.docs, lines=qf.lines, path=qf.path)
    return out


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _compare_questions(qf, questions, english_path: str, english_qs, broken=frozenset()) -> list[Problem]:
    out = []
    for k, (q, e) in enumerate(zip(questions, english_qs), 1):
        where = f"{english_path}:{e.line}"
        if q.line in broken or any(o.line in broken for o in q.options):
            continue
        if len(q.options) != len(e.options):
            out.append(Problem(qf.path, q.line, f"question {k} has {_n(len(q.options), 'option')} and the English "
                               f"question ({where}) has {len(e.options)}",
                               "translate every option of the English question, in the same order"))
        elif [o.correct for o in q.options] != [o.correct for o in e.options]:
            right = ", ".join(str(i) for i, o in enumerate(e.options, 1) if o.correct) or "none"
            out.append(Problem(qf.path, q.line, f"question {k} marks other right answers than the English "
                               f"question ({where}: option {right})",
                               "mark with [x] the same options as the English question, in the same order"))
        if (q.objective or None) != (e.objective or None) and e.objective:
            out.append(Problem(qf.path, q.objective_line or q.line, f"question {k} tests another objective than "
                               f'the English question ({where}: "{e.objective}")',
                               f"write <!-- objective: {e.objective} --> before <quiz>, as in English"))
    if len(questions) < len(english_qs):
        e = english_qs[len(questions)]
        line = questions[-1].line if questions else 1
        out.append(Problem(qf.path, line, f"the translation has {_n(len(questions), 'question')} and {english_path} has "
                           f"{len(english_qs)}: question {len(questions) + 1} ({english_path}:{e.line}) is missing",
                           "translate every question of the English file, in the same order"))
    elif len(questions) > len(english_qs):
        q = questions[len(english_qs)]
        out.append(Problem(qf.path, q.line, f"the translation has {_n(len(questions), 'question')} and {english_path} has "
                           f"{len(english_qs)}", "add the question to the English file first, or remove it here"))
    return out


# --- headings a link points at keep the English anchor --------------------------


def _linked_anchors(model, pages) -> dict[tuple[str, str], tuple[str, int]]:
    """(target doc_path, anchor) -> (path, line) of the first link to it, in
    every English page, translation and quiz file of the course."""
    found: dict[tuple[str, str], tuple[str, int]] = {}
    sources = [(p.path, p.doc_path, p.lines) for p in pages.values()]
    sources += [(src.path, editions.english_of(doc_path), src.lines) for doc_path, src in model.translations.items()]
    hosts = {s: p.doc_path for p in pages.values() for s, _ in p.markers}
    sources += [(qf.path, hosts[slug], qf.lines) for slug, qf in model.quiz_files.items() if slug in hosts]
    for name, qf in model.quiz_translations.items():
        slug = editions.english_of(name)[: -len(".md")]
        if slug in hosts:
            sources.append((qf.path, hosts[slug], qf.lines))
    for path, doc_path, lines in sources:
        here = posixpath.dirname(doc_path)
        for n, line in enumerate(prose_lines(lines), 1):
            if "](" not in line and "]:" not in line and "href" not in line:
                continue
            urls = [m.group("url").strip("<>") for m in links.LINK_RE.finditer(line)]
            urls += [m.group("url") for m in links.REFDEF_RE.finditer(line)]
            urls += [m.group("url") for m in links.HTML_HREF_RE.finditer(line)]
            for url in urls:
                target, _, anchor = url.partition("#")
                if not anchor or links.SCHEME_RE.match(url) or url.startswith("/"):
                    continue
                if not target:
                    continue  # a link within one page: checked with that page's own anchors
                if not target.endswith(".md"):
                    continue
                key = (posixpath.normpath(posixpath.join(here, target)), anchor)
                found.setdefault(key, (path, n))
    return found


def _headings(page: Page) -> list[tuple[int, str, str]]:
    """(line, text, anchor) of each heading of a page body, as links.collect_anchors names them."""
    out = []
    seen: dict[str, int] = {}
    prose = prose_lines(page.lines)
    for i in range(page.body_start, len(page.lines)):
        m = links.HEADING_RE.match(prose[i])
        if not m:
            continue
        explicit = links.ATTR_ID_RE.search(m.group("text"))
        if explicit:
            out.append((i + 1, m.group("text"), explicit.group("id")))
            continue
        slug = links._heading_slug(m.group("text"))
        if slug in seen:
            seen[slug] += 1
            slug = f"{slug}_{seen[slug]}"
        else:
            seen[slug] = 0
        out.append((i + 1, m.group("text"), slug))
    return out


def _check_linked_anchors(model, pages, tpages) -> list[Problem]:
    out = []
    linked = _linked_anchors(model, pages)
    for (english, lang), page in sorted(tpages.items()):
        if page.fm is None or english not in pages:
            continue
        e_heads = _headings(pages[english])
        t_heads = _headings(page)
        for (target, anchor), (path, n) in sorted(linked.items()):
            if target != english or anchor in page.anchors or anchor not in pages[english].anchors:
                continue
            k = next((k for k, h in enumerate(e_heads) if h[2] == anchor), None)
            if k is None:  # an id on an element, not a heading
                out.append(Problem(page.path, page.body_start + 1, f'the translation has no element with id "{anchor}", '
                                   f"and {path}:{n} links to it", f'give the element the same id="{anchor}" as in {english}'))
                continue
            e_text = re.sub(r"\s*\{[^}]*\}\s*$", "", e_heads[k][1]).strip()
            if k < len(t_heads):
                line, text = t_heads[k][0], re.sub(r"\s*\{[^}]*\}\s*$", "", t_heads[k][1]).strip()
                out.append(Problem(page.path, line, f'the heading "{text}" has no id {{#{anchor}}}, and {path}:{n} links to it',
                                   f'end the heading with {{#{anchor}}}, the id of the English heading "{e_text}"'))
            else:
                out.append(Problem(page.path, page.body_start + 1, f'no heading has the id {{#{anchor}}}, and {path}:{n} links to it',
                                   f'translate the English heading "{e_text}" and end it with {{#{anchor}}}'))
    return out


def _check_titles(tpages) -> list[Problem]:
    out = []
    seen: dict[tuple[str, str], Page] = {}
    for (english, lang), page in sorted(tpages.items()):
        if page.fm is None or not isinstance(page.fm.data.get("title"), str):
            continue
        key = (lang, page.fm.data["title"].strip().casefold())
        if key in seen:
            out.append(Problem(page.path, page.fm.line_of("title"),
                               f'the title "{page.fm.data["title"]}" is already used by {seen[key].path}',
                               "give each page its own title"))
        else:
            seen[key] = page
    return out
