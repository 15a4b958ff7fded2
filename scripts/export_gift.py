#!/usr/bin/env python3
"""Export the course's quizzes to Moodle's GIFT format.

One category per module (in course order), one question per <quiz>, with
the feedback of every answer. Instrument names are written out from the
register. A question with one right answer uses "=" and "~"; a question
with several gives each right answer an equal share of 100 % and each
wrong answer an equal share of -100 %, so ticking everything scores
nothing. The characters GIFT reserves (~ = # { } :) are escaped.

Examples:
    python scripts/export_gift.py -o course.gift
    python scripts/export_gift.py --module interpol -o interpol.gift
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import course as course_mod  # noqa: E402
from courselib import register  # noqa: E402
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


def export(root: Path, module: str | None = None) -> str:
    c = course_mod.load(root)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the course's quizzes in Moodle's GIFT format, one category per module, "
                    "with the feedback of every answer.")
    parser.add_argument("--module", metavar="SLUG", help="export only this module, e.g. interpol")
    parser.add_argument("-o", "--output", type=Path, help="the file to write (default: the screen)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the course folder (default: this repository)")
    args = parser.parse_args(argv)
    try:
        text = export(args.root.resolve(), args.module)
    except (LookupError, OSError) as exc:
        print(f"export_gift: {exc}", file=sys.stderr)
        return 1
    emit(text, args.output, "export_gift", f"{text.count('::') // 2} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
