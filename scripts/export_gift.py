#!/usr/bin/env python3
"""Export the course's quizzes to Moodle's GIFT format.

One category per module (in course order), one question per <quiz>, with
the feedback of every answer. Instrument names are written out from the
register. A question with one right answer uses "=" and "~"; a question
with several gives each right answer an equal share of 100 % and each
wrong answer an equal share of -100 %, so ticking everything scores
nothing. The characters GIFT reserves (~ = # { } :) are escaped.

With --lang sq or --lang sr-Latn, the translated questions
(quizzes/<slug>.<lang>.md) of the modules that have them, under the same
question names as in English ("interpol Q3 (interpol/notices)"), so each
translated question lines up with its English one in Moodle's question bank;
each question is preceded by a comment with its progress id
(courselib/question_ids.py), the same in every language.

Examples:
    python scripts/export_gift.py -o course.gift
    python scripts/export_gift.py --module interpol -o interpol.gift
    python scripts/export_gift.py --lang sq -o course.sq.gift
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import course as course_mod  # noqa: E402
from courselib import editions, model, question_ids, quizzes, register  # noqa: E402
from courselib.output import emit  # noqa: E402
from courselib.markdown_text import INSTRUMENT_RE  # noqa: E402

CATEGORY_ROOT = "International police cooperation"
GIFT_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    return "".join("\\" + c if c in GIFT_SPECIAL else c for c in text)


def plain(text: str, instruments: dict) -> str:
    """One line of Markdown, with instrument mentions written out."""
    def name(m):
        inst = instruments.get(m.group("id"))
        if inst is None:
            return m.group("id")
        return html.unescape(re.sub(r"<[^>]+>", "", register.render(inst, instruments, m.group("form") or "full")))
    return re.sub(r"\s+", " ", INSTRUMENT_RE.sub(name, text or "")).strip()


def weight(n: int) -> str:
    return f"{100 / n:.5f}".rstrip("0").rstrip(".")


def question_gift(slug: str, number: int, q, instruments: dict) -> str:
    ref = course_mod.objective_ref(q, slug)
    title = f"{slug} Q{number}" + (f" ({ref[0]}/{ref[1]})" if ref else "")
    lines = [f"::{escape(title)}::[markdown]{escape(plain(q.text, instruments))}{{"]
    right = [o for o in q.options if o.correct]
    wrong = [o for o in q.options if not o.correct]
    for o in q.options:
        if len(right) == 1:
            mark = "=" if o.correct else "~"
        else:
            mark = f"~%{weight(len(right))}%" if o.correct else f"~%-{weight(len(wrong))}%"
        lines.append(f"{mark}{escape(plain(o.text, instruments))}#{escape(plain(o.feedback, instruments))}")
    lines.append("}")
    return "\n".join(lines)


def translated(root: Path, c, lang: str) -> list[tuple]:
    """(module, its title in `lang`, translated questions, English question ids) of
    every module whose quiz file is translated into `lang`."""
    loaded = model.load(root)
    out = []
    for m in c.modules:
        if not m.questions or not m.quiz_path:
            continue
        qpath = editions.translation_path(m.quiz_path, lang)
        if not (root / qpath).is_file():
            continue
        questions, problems = quizzes.parse(qpath, (root / qpath).read_text(encoding="utf-8"))
        if problems or len(questions) != len(m.questions):
            raise LookupError(f"{qpath} does not hold the same questions as {m.quiz_path}; run make check")
        page = loaded.translations.get(editions.translation_path(m.doc_path, lang))
        title = page.fm.data.get("title") if page is not None and page.fm is not None else None
        out.append((m, str(title or m.title), questions, question_ids.ids_for(m.questions)))
    return out


def export(root: Path, module: str | None = None, lang: str = editions.SOURCE) -> str:
    c = course_mod.load(root)
    if lang != editions.SOURCE:
        return export_translated(root, c, module, lang)
    mods = [m for m in c.modules if m.questions]
    if module:
        mods = [m for m in mods if m.slug == module]
        if not mods:
            known = ", ".join(m.slug for m in c.modules if m.questions)
            raise LookupError(f'no module "{module}" with questions; use one of: {known}')
    out = [f"// Quizzes of the course \"{CATEGORY_ROOT}\", exported from quizzes/ for Moodle (GIFT format).", ""]
    for m in mods:
        out += [f"$CATEGORY: $course$/{CATEGORY_ROOT}/{m.title.replace('/', '-')}", ""]
        for i, q in enumerate(m.questions, 1):
            out += [question_gift(m.slug, i, q, c.register), ""]
    return "\n".join(out)


def export_translated(root: Path, c, module: str | None, lang: str) -> str:
    mods = translated(root, c, lang)
    if module:
        mods = [t for t in mods if t[0].slug == module]
    if not mods:
        where = f'module "{module}"' if module else "any module"
        raise LookupError(f"no translated questions in {lang} for {where}; translate quizzes/<slug>.md "
                          f"as quizzes/<slug>.{lang}.md first")
    out = [f"// Quizzes of the course \"{CATEGORY_ROOT}\" in {editions.NAMES[lang]} ({lang}), exported from "
           f"quizzes/*.{lang}.md for Moodle (GIFT format). Question names are the English ones.", ""]
    for m, title, questions, ids in mods:
        out += [f"$CATEGORY: $course$/{CATEGORY_ROOT} ({lang})/{title.replace('/', '-')}", ""]
        for i, (q, ident) in enumerate(zip(questions, ids), 1):
            english = m.questions[i - 1]
            q.objective, q.objective_line = english.objective, english.objective_line  # named as in English
            out += [f"// {ident}", question_gift(m.slug, i, q, c.register), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the course's quizzes in Moodle's GIFT format, one category per module, "
                    "with the feedback of every answer.")
    parser.add_argument("--module", metavar="SLUG", help="export only this module, e.g. interpol")
    parser.add_argument("--lang", choices=editions.LANGUAGES, default=editions.SOURCE,
                        help="the language of the questions (default: en); sq or sr-Latn exports the "
                             "translated questions, named as in English")
    parser.add_argument("-o", "--output", type=Path, help="the file to write (default: the screen)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the course folder (default: this repository)")
    args = parser.parse_args(argv)
    try:
        text = export(args.root.resolve(), args.module, args.lang)
    except (LookupError, OSError) as exc:
        print(f"export_gift: {exc}", file=sys.stderr)
        return 1
    emit(text, args.output, "export_gift", f"{text.count('::') // 2} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
