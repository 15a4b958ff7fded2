"""Markdown for the pages the course generates from its own sources.

A page asks for one with a marker on a line of its own, e.g.
`<!-- generate: timetable -->`; the generate_pages hook replaces the marker
with the Markdown below. Nothing here is written twice: the timetable comes
from the modules' durations, the answer keys and the objectives map from
quizzes/, the register page from data/instruments.yml, the case keys from
docs/cases/.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict

from . import cases, glossary_terms
from . import register as reg
from .course import Course, objective_ref, read_text
from .frontmatter import body_start
from .markdown_text import GENERATE_RE, QUIZ_MARKER_RE, code_lines

DAY_MINUTES = 360  # six hours of teaching a day


def _oneline(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _cell(text: str) -> str:
    return _oneline(text).replace("|", "\\|")


def _literal(text: str) -> str:
    """Table-cell text shown as written: no instrument rendering, no HTML."""
    return (html.escape(_cell(text), quote=False).replace("{", "&#123;").replace("*", "&#42;")
            .replace("[", "&#91;").replace("_", "&#95;").replace("`", "&#96;"))


def _hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def timetable(course: Course) -> str:
    out = [f"Each course day holds about {DAY_MINUTES // 60} hours of study. "
           "Times come from the `duration:` of each module.", ""]
    day, used, total = 1, 0, 0
    rows: list[str] = []

    def flush():
        if rows:
            out.extend([f"## Day {day}", "", "| Section | Module | Reading | Self-check | Total |",
                        "|---|---|---:|---:|---:|", *rows, ""])

    for m in course.modules:
        mins = m.minutes
        if used and used + mins > DAY_MINUTES:
            flush()
            day, used, rows = day + 1, 0, []
        d = m.duration if isinstance(m.duration, dict) else {}
        rows.append(f"| {_cell(m.section)} | [{_cell(m.title)}](../{m.doc_path}) | {d.get('reading', 0)} min "
                    f"| {d.get('exercises', 0)} min | {_hours(mins)} |")
        used += mins
        total += mins
    flush()
    out.append(f"**Whole course:** {_hours(total)} of study over {day} day{'s' if day != 1 else ''}.")
    return "\n".join(out)


def _questions_by_objective(course: Course) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    host_of = {m.quiz_path: m.slug for m in course.modules if m.quiz_path}
    for slug, (qpath, questions) in course.quiz_files.items():
        host = host_of.get(qpath, slug)
        for i, q in enumerate(questions, 1):
            ref = objective_ref(q, host)
            if ref:
                label = f"Q{i}" if slug == ref[0] else f"{slug} Q{i}"
                found[ref].append(f"[{label}](answer-keys.md#{slug})")
    return found


def _cases_by_objective(course: Course) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in course.cases:
        for tag in c.practises:
            mod, _, oid = tag.partition("/")
            found[(mod, oid)].append(f"[{_cell(c.title)}](../{c.doc_path})")
    return found


def objectives_map(course: Course) -> str:
    found = _questions_by_objective(course)
    practised = _cases_by_objective(course)
    with_cases = bool(course.cases)
    out = ["Each objective, the module that teaches it, and the questions that test it: Q1 is the "
           "first question of the module's own quiz; questions of the course assessment are named so. "
           "Each link opens the question in the [answer keys](answer-keys.md)."
           + (" The last column names the case exercises that practise the objective." if with_cases else ""), ""]
    for m in course.modules:
        if not m.objectives:
            continue
        head = ("| Objective | Questions | Cases |", "|---|---|---|") if with_cases else (
            "| Objective | Questions |", "|---|---|")
        out += [f"## [{_cell(m.title)}](../{m.doc_path})", "", *head]
        for oid, text in m.objectives.items():
            qs = found.get((m.slug, oid), [])
            row = f"| `{oid}`: {_cell(text)} | {', '.join(qs) if qs else 'NO QUESTION'} |"
            if with_cases:
                row += f" {', '.join(practised.get((m.slug, oid), [])) or '-'} |"
            out.append(row)
        out.append("")
    return "\n".join(out)


def _choice_line(choice, by_id) -> str:
    target = by_id.get(choice.target)
    if target is None:
        where = f"`{choice.target}`"
    elif target.kind == "ending":
        where = f"{cases.RATING_WORDS.get(target.rating, 'ending').lower()} `{target.id}`"
    else:
        where = f"step `{target.id}`"
    return f"- {_oneline(choice.text)} → {where}"


def case_keys(course: Course) -> str:
    """The key of every case exercise: its best path, every step with its
    choices, every consequence and every ending, read from docs/cases/."""
    out = ["For trainers. Each case exercise with its best path, every consequence and every ending, "
           "taken from the case pages in `docs/cases/`. Printing a case page gives the trainees' handout "
           "(the situation and every step, without consequences or endings).", ""]
    if not course.cases:
        return "\n".join(out + ["*(The course has no case exercises yet: `scripts/new_case.py` starts one.)*"])
    for c in course.cases:
        case, by_id = c.case, c.case.by_id
        out += [f"## {c.title} {{ #{c.slug} }}", "", f"[Open the case](../{c.doc_path}). "
                + (f"Practises: {', '.join(f'`{t}`' for t in c.practises)}." if c.practises else ""), ""]
        path = case.best_path()
        if path:
            out += ["**Best path:**", ""]
            for here, nxt in zip(path, path[1:]):
                choice = next(ch for ch in here.choices if ch.target == nxt.id)
                out.append(f"1. *{_oneline(here.question)}* {_oneline(choice.text)}")
            out += ["", f"That reaches the best ending `{path[-1].id}`.", ""]
        for b in case.blocks:
            if b.kind == "step":
                out += [f"**Step `{b.id}`.** " + (_oneline(b.consequence_text) if b.consequence else
                                                   "*(The first step.)*"), "",
                        f"*{_oneline(b.question)}*", "", *[_choice_line(ch, by_id) for ch in b.choices], ""]
            else:
                word = cases.RATING_WORDS.get(b.rating, "Ending")
                out += [f"**{word} `{b.id}`.** {_oneline(b.consequence_text)}", "",
                        _oneline(b.debrief_text), ""]
    return "\n".join(out)


def answer_keys(course: Course) -> str:
    out = ["For trainers. Every question of every module, its right answer and why, taken from "
           "`quizzes/`. Do not hand this page to trainees before they try the quizzes.", ""]
    entries = [(m.title, m.doc_path, m.slug, m.questions) for m in course.modules if m.questions]
    for title, doc_path, slug, questions in entries:
        out += [f"## {title} {{ #{slug} }}", "", f"[Open the module](../{doc_path}). "
                f"{len(questions)} questions.", ""]
        for i, q in enumerate(questions, 1):
            ref = objective_ref(q, slug)
            obj = f" *(objective: {ref[0]}/{ref[1]})*" if ref and ref[0] != slug else (
                f" *(objective: {ref[1]})*" if ref else "")
            out += [f"**{i}.** {_oneline(q.text)}{obj}", ""]
            for o in q.options:
                mark = "**Right:**" if o.correct else "Wrong:"
                out.append(f"- {mark} {_oneline(o.text)}  ")
                out.append(f"  *{_oneline(o.feedback)}*")
            out.append("")
    return "\n".join(out)


def register_page(course: Course) -> str:
    named: dict[str, list[str]] = defaultdict(list)
    for m in course.modules:
        for ident in m.instruments:
            named[ident].append(f"[{_cell(m.title)}](../{m.doc_path})")
    groups = (("current", "Current", "In force, or the current policy, on the day its status was last checked."),
              ("extended", "Extended", "Their period was prolonged: each says until when, and by what when known."),
              ("proposed", "Proposed", "Proposed but not adopted on the day their status was last checked."),
              ("ended", "Ended", "Plans and strategies whose period is over, with no successor named in an "
                                 "official source seen. Teach them as history."),
              ("superseded", "Superseded", "Replaced: teach what replaced them."))
    out = [f"{len(course.register)} instruments, from `data/instruments.yml`. "
           "Each mention in a module shows the same dates and status, and the full mention shows the day "
           "the status was last checked against the official source.", ""]
    for status, title, blurb in groups:
        items = sorted((i for i in course.register.values() if i.status == status),
                       key=lambda i: i.name.casefold())
        if not items:
            continue
        out += [f"## {title} {{ #{status} }}", "", blurb, ""]
        if status == "superseded":
            out += ["| Instrument | Replaced by | Status checked | Named in |", "|---|---|---|---|"]
            for i in items:
                repl = course.register.get(i.replaced_by)
                when = f" from {reg.format_date(i.superseded_from)}" if i.superseded_from else ""
                repl_md = (f"{{{{ instrument: {repl.id} \\| short }}}}" if repl else _cell(str(i.replaced_by))) + when
                out.append(f"| {{{{ instrument: {i.id} \\| short }}}}: {_cell(i.name)} | {repl_md} "
                           f"| {reg.format_date(i.status_checked)} | {', '.join(named.get(i.id, [])) or '-'} |")
        else:
            out += ["| Instrument | Kind | Named in |", "|---|---|---|"]
            for i in items:
                out.append(f"| {{{{ instrument: {i.id} }}}} | {_cell(i.kind)} | {', '.join(named.get(i.id, [])) or '-'} |")
        out.append("")
    reported = sorted((i for i in course.register.values() if i.reported_by), key=lambda i: i.name.casefold())
    if reported:
        out += ["## Seen only in secondary sources { #reported }", "",
                "The official text of these was not seen when their status was last checked. "
                "Their mentions say so. Do not teach them as confirmed.", ""]
        out += [f"- **{_literal(i.name)}**: {_literal(i.reported_by)}" for i in reported]
        out.append("")
    return "\n".join(out)


def checker_messages(course: Course) -> str:
    """One row per mistake the tests make on purpose (tests/fixtures/mistakes),
    with the exact message the checker prints for it."""
    base = course.root / "tests" / "fixtures" / "mistakes"
    rows = []
    for d in sorted(base.glob("*/")) if base.is_dir() else []:
        readme, expected = d / "README", d / "expected.txt"
        if not (readme.is_file() and expected.is_file()):
            continue
        for msg in expected.read_text(encoding="utf-8").splitlines():
            where, _, rest = msg.partition(": ")
            what, _, fix = rest.partition("; ")
            # the message as the terminal prints it: in <code>, so its syntax reads as syntax
            rows.append(f"| {_cell(readme.read_text(encoding='utf-8').splitlines()[0])} "
                        f"| <code>{_literal(what)}</code> | <code>{_literal(fix)}</code> |")
    if not rows:
        return "*(The list of messages is made from the test fixtures, which are not in this copy.)*"
    return "\n".join(["| The mistake | What the checker says | How to fix it |", "|---|---|---|", *rows])


def progress(course: Course) -> str:
    """The "My progress" table (docs/progress.md): one row per page with
    questions; overrides/partials/course.js fills in the last column. Its
    words are the edition's (data/interface/<lang>.yml), and so are the
    titles of the translated pages."""
    from . import interface, model as model_mod

    ui = interface.current(course.root)
    loaded = model_mod.current(course.root)

    def title(page) -> str:
        """The page's title in the edition's language; one still in English is marked so."""
        src = loaded.page_in(page.doc_path, ui.lang)
        data = src.fm.data if src is not None and src.fm is not None else {}
        text = _cell(str(data.get("title") or page.title))
        english = ui.lang != "en" and (src is None or src.doc_path == page.doc_path)
        return f'<span lang="en">{text}</span>' if english else text

    out = [f'<p id="course-progress-summary" class="course-progress-summary">{html.escape(ui.t("progress.waiting"))}</p>',
           "", f'| {ui.t("progress.module")} | {ui.t("progress.yours")} |', "|---|---|"]
    for m in course.modules:
        if not m.questions:
            continue
        url = m.doc_path[:-3] + "/" if not m.doc_path.endswith("index.md") else m.doc_path[:-8]
        out.append(f"| [{title(m)}]({m.doc_path}) "
                   f'| <span data-course-module="{html.escape(url)}">{ui.t("progress.questions", n=len(m.questions))}</span> |')
    if course.cases:  # course.js says how far the trainee got (partials/case.js records it)
        out += ["", f'| {ui.t("progress.case")} | {ui.t("progress.yours")} |', "|---|---|"]
        for c in course.cases:
            url = c.doc_path[:-3] + "/"
            out.append(f"| [{title(c)}]({c.doc_path}) "
                       f'| <span data-course-case="{html.escape(url)}">{ui.t("progress.not_started")}</span> |')
    # Carry the record to another browser as a code (course.js makes and reads it).
    out += ["", '<section class="course-transfer" hidden markdown>', "",
            f'## {ui.t("progress.transfer_title")} {{#take-your-progress-to-another-computer}}', "",
            ui.t("progress.transfer_text"), "",
            '<p><button type="button" class="md-button md-button--primary course-export">'
            f'{ui.t("progress.make_code")}</button></p>',
            f'<p><label for="course-export-code">{ui.t("progress.your_code")}</label></p>',
            '<textarea id="course-export-code" class="course-code" rows="3" readonly></textarea>', "",
            f'<p><label for="course-import-code">{ui.t("progress.paste_code")}</label></p>',
            '<textarea id="course-import-code" class="course-code" rows="3" spellcheck="false"></textarea>',
            '<p><button type="button" class="md-button md-button--primary course-import">'
            f'{ui.t("progress.add")}</button></p>',
            '<p class="course-import-result" role="status"></p>', "", "</section>"]
    return "\n".join(out)


# -- The key points of the whole course and the book ------------------------

# Both pages live in docs/reference/: links are written from there.
HERE = "reference"
GLOSSARY = "reference/glossary.md"
HEADING_RE = re.compile(r"^(?P<indent>\s*)(?P<hashes>#{1,5})(?=\s)")
LINK_RE = re.compile(r"(?P<open>\]\(\s*<?|^\s*\[(?!\^)[^\]]+\]:\s*<?)(?P<url>[^)\s>]+)", re.M)
FOOTNOTE_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _link(doc_path: str) -> str:
    """A link from a page in docs/reference/ to docs/<doc_path>."""
    return posixpath.relpath(doc_path, HERE)


def key_points(course: Course) -> str:
    """Every module's key points, in course order, each under a link to its module."""
    out = ["The key points of every module, in the order of the course: read them the day before the "
           "[course assessment](../modules/course-assessment.md). Each heading opens its module; "
           "the module says more, and gives its sources.", ""]
    for m in course.modules:
        if not m.keypoints:
            continue
        out += [f"## [{_cell(m.title)}]({_link(m.doc_path)}) {{ #{m.slug} }}", ""]
        out += [f"- {_oneline(point)}" for point in m.keypoints]
        out.append("")
    return "\n".join(out)


def _moved(body: str, doc_path: str, slug: str) -> str:
    """A page's Markdown as it reads inside the book: headings one level down,
    relative links and images pointing where they pointed from the page,
    footnotes named after the page (so two pages' [^1] stay apart)."""
    src_dir = posixpath.dirname(doc_path)
    lines = body.split("\n")

    def relink(m):
        url = m.group("url")
        if SCHEME_RE.match(url) or url.startswith("/"):
            return m.group(0)
        if url.startswith("#"):
            target = doc_path + url
        else:
            target = posixpath.normpath(posixpath.join(src_dir, url))
        return m.group("open") + posixpath.relpath(target.split("#")[0], HERE) + (
            "#" + target.split("#", 1)[1] if "#" in target else "")

    out = []
    for line, code in zip(lines, code_lines(lines)):
        if not code:
            line = HEADING_RE.sub(lambda h: h.group("indent") + h.group("hashes") + "#", line)
            line = LINK_RE.sub(relink, line)
            line = FOOTNOTE_RE.sub(lambda f: f"[^{slug}-{f.group('label')}]", line)
        out.append(line)
    return "\n".join(out)


def _plain_questions(questions: list) -> list[str]:
    """Questions as plain text: the question and its options, none marked."""
    out = []
    for i, q in enumerate(questions, 1):
        out += [f"**Question {i}.** {_oneline(q.text)}", ""]
        out += [f"- {_oneline(o.text)}" for o in q.options]
        out.append("")
    return out


def _book_body(course: Course, m) -> list[str]:
    """One page's body for the book: quiz markers become plain questions,
    generated sections are generated."""
    out = []
    lines = m.body.split("\n")
    for line, code in zip(lines, code_lines(lines)):
        quiz = None if code else QUIZ_MARKER_RE.search(line)
        gen = None if code else GENERATE_RE.match(line)
        if quiz:
            out += _plain_questions(course.quiz_files.get(quiz.group("slug"), ("", []))[1])
        elif gen and gen.group("name") in GENERATORS and gen.group("name") not in ("book", "key-points"):
            out.append(GENERATORS[gen.group("name")](course))
        else:
            out.append(line)
    return _moved("\n".join(out), m.doc_path, m.slug).split("\n")


def _case_handout(c) -> list[str]:
    """A case exercise as the trainees' handout, as a printed case page shows
    it (case.css): the situation, then every decision with its choices as
    boxes to tick; no consequence, no ending, no sources (they give the key
    away; trainers have the case keys)."""
    out = [_moved("\n".join(t for _, t in c.case.situation).strip(), c.doc_path, c.slug), ""]
    for n, step in enumerate(c.case.steps, 1):
        out += [f"**Decision {n}.** {_oneline(step.question)}", ""]
        out += [f"- \u2610 {_oneline(ch.text)}" for ch in step.choices]
        out.append("")
    return out


def book(course: Course) -> str:
    """The whole course on one page, for print, in `nav:` order: every module
    with its objectives, text, questions (no answers), key points and
    sources; the case exercises as handouts; the course assessment; the
    glossary and the register. Made from the same files as the site; nothing
    is copied."""
    parts = course.in_nav_order()
    contents = [f"1. [{_cell(('Handout: ' if m.is_case else '') + m.title)}](#book-{m.slug})" for m in parts]
    glossary = course.root / course.docs_dir / GLOSSARY
    if glossary.is_file():
        contents.append("1. [Glossary](#book-glossary)")
    contents.append("1. [Register of instruments](#book-register)")
    out = ['<p class="book-intro">The whole course on one page, to print or to save as PDF. It is made from '
           "the same files as the modules. The questions are printed without their answers: try them first, "
           "then check in the course's self-checks.</p>", "",
           "## Contents { #book-contents }", "", *contents, ""]
    for m in parts:
        label = "Handout: " if m.is_case else ""
        out += [f'## {label}{m.title} {{ #book-{m.slug} .book-part }}', "", f"*{_oneline(m.description)}*", ""]
        if m.is_case:
            out += _case_handout(m)
            continue
        if m.objectives:
            out += ["### What you will be able to do", ""] + [f"- {_oneline(t)}" for t in m.objectives.values()] + [""]
        out += _book_body(course, m) + [""]
        if m.keypoints:
            out += ["### Key points", ""] + [f"- {_oneline(k)}" for k in m.keypoints] + [""]
        sources = [s for s in m.sources if isinstance(s, dict) and s.get("title")]
        if sources:
            # the lesson frame's class: on paper each source shows its address (course.css)
            out += ["### Sources", "", '<div class="lesson-sources" markdown>', ""]
            for n, src in enumerate(sources, 1):
                note = f". {_oneline(str(src['note']))}" if src.get("note") else ""
                title = _oneline(str(src["title"])).replace("[", "\\[").replace("]", "\\]")
                out.append(f"{n}. [{title}]({src.get('url', '')}){note}" if src.get("url") else f"{n}. {title}{note}")
            out += ["", "</div>", ""]
        if m.last_reviewed:
            out += [f"*Last reviewed against its sources on {m.last_reviewed.day} "
                    f"{m.last_reviewed.strftime('%B %Y')}.*", ""]
    if glossary.is_file():
        lines = read_text(glossary).splitlines()
        body = glossary_terms.expand("\n".join(lines[body_start(lines):]), course.root)
        out += ["## Glossary { #book-glossary .book-part }", "", _moved(body, GLOSSARY, "glossary"), ""]
    out += ["## Register of instruments { #book-register .book-part }", "",
            _moved(register_page(course), "reference/instruments.md", "register"), ""]
    return "\n".join(out)


CHOOSER_MODULE = "modules/choosing-a-channel.md"


def chooser_note(course: Course) -> str:
    """The line under the printable chooser (reference/chooser.md):
    which module explains each row, and that module's review date, read
    from its front matter so that the printed sheet never shows an old date."""
    m = next((m for m in course.modules if m.doc_path == CHOOSER_MODULE), None)
    if m is None:
        return ""
    reviewed = (f", last reviewed against its sources on {m.last_reviewed.day} "
                f"{m.last_reviewed.strftime('%B %Y')}") if m.last_reviewed else ""
    return (f"Each row is explained in the module [{_cell(m.title)}]({_link(m.doc_path)}#the-chooser)"
            f"{reviewed}. Training material, not legal advice or an order.\n{{ .course-chooser-note }}")


def contents(course: Course) -> str:
    """The home page's list of everything a trainee can study (docs/index.md):
    every module by its section, the case exercises and the course assessment,
    each with the time its `duration:` gives, and the totals. Links are
    relative to the docs folder's root."""
    out: list[str] = []
    head = ["| Module and what it covers | Time |", "|---|---:|"]

    def row(title, doc_path, description, minutes):  # two columns: they fit a 360 px phone
        return f"| [{_cell(title)}]({doc_path})<br>{_cell(description)} | {_hours(minutes)} |"

    lessons = [m for m in course.modules if m.kind != "assessment"]
    assessments = [m for m in course.modules if m.kind == "assessment"]
    section = None
    for m in lessons:
        if m.section != section:
            section = m.section
            out += ["", f"## {section or 'Modules'}", "", *head]
        out.append(row(m.title, m.doc_path, m.description, m.minutes))
    if course.cases:
        out += ["", "## Case exercises", "",
                "Each case follows one request from the first call to the answer from abroad. "
                "Do them after the modules they practise.", "",
                "| Case exercise and what happens | Time |", "|---|---:|"]
        out += [row(c.title, c.doc_path, c.description, c.minutes) for c in course.cases]
    if assessments:
        out += ["", "## Course assessment", "", "| Assessment and what it is | Time |", "|---|---:|"]
        out += [row(m.title, m.doc_path, m.description, m.minutes) for m in assessments]
    lesson_min = sum(m.minutes for m in lessons)
    case_min = sum(c.minutes for c in course.cases)
    test_min = sum(m.minutes for m in assessments)
    total = lesson_min + case_min + test_min
    out += ["", '<p class="course-total" markdown>', f"**The whole course takes about {_hours(total)}:** "
            f"{len(lessons)} modules ({_hours(lesson_min)}), {len(course.cases)} case exercises "
            f"({_hours(case_min)}) and the course assessment ({_hours(test_min)}). "
            "You can stop at any time: your answers stay in this browser.", "</p>"]
    # one block, so that the stylesheet keeps each time on one line (course.css)
    return "\n".join(['<div class="course-contents" markdown>', "", *out, "", "</div>"]).replace("\n\n\n", "\n\n")


def glossary_entries(course: Course) -> str:
    """The glossary's entries (data/glossary-terms.yml) for the edition being built."""
    return glossary_terms.page_markdown(course.root)


GENERATORS = {
    "key-points": key_points,
    "book": book,
    "contents": contents,
    "progress": progress,
    "checker-messages": checker_messages,
    "timetable": timetable,
    "objectives-map": objectives_map,
    "answer-keys": answer_keys,
    "register": register_page,
    "case-keys": case_keys,
    "chooser-note": chooser_note,
    "glossary": glossary_entries,
}
