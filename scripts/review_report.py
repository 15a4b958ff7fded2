#!/usr/bin/env python3
"""Review report for the academy's content owner.

Lists every module by the date it was last reviewed (oldest first), says
which reviews are due (more than 12 months ago), and gives each module's
sources to check. Then lists the modules that name an instrument from
data/instruments.yml that is not current (superseded, proposed, ended or
extended), with the line, so the text around it can be reviewed. Last, the
register entries to check again: those whose period has ended since their
status was last checked, and those whose status_checked is more than 6 months
old (3 months for anything proposed, pending, not yet in force or applying,
or seen only in secondary sources). Last, the translations (Albanian, Serbian):
every one that is behind its English page (with the English lines that
changed), and every one that no native-speaking legal reviewer has reviewed.

Exit status: 0 when the report was written, 2 when the course cannot be
read. With --fail-if-due, 1 when a review is due.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import course as course_mod  # noqa: E402
from courselib import register  # noqa: E402
from courselib import glossary_terms, translations  # noqa: E402
from courselib.output import emit  # noqa: E402
from courselib.rules import REVIEW_DUE_DAYS, review_due, today_from_env  # noqa: E402


def report(root: Path, today: dt.date) -> tuple[str, int]:
    c = course_mod.load(root)
    out = [f"Review report, {today.isoformat()} (a review is due {REVIEW_DUE_DAYS} days after the last one)", ""]
    out.append("1. Modules by review date, oldest first")
    out.append("")
    due = 0
    lessons = [m for m in c.modules if m.kind in course_mod.LESSON_KINDS]
    for m in sorted(lessons, key=lambda m: (m.last_reviewed or dt.date.min, m.slug)):
        if m.last_reviewed is None:
            state = "NO REVIEW DATE"
            due += 1
        elif review_due(m.last_reviewed, today):
            state = f"DUE ({(today - m.last_reviewed).days} days ago)"
            due += 1
        else:
            state = f"ok ({(today - m.last_reviewed).days} days ago)"
        date = m.last_reviewed.isoformat() if m.last_reviewed else "----------"
        out.append(f"{date}  {state:<22} {m.path}  {m.title}")
        for s in m.sources:
            if isinstance(s, dict):
                out.append(f"            - {s.get('title', '?')}: {s.get('url', 'no URL')}")
        out.append("")
    out.append(f"{len(lessons)} modules; {due} due for review.")
    out.append("")
    out.append("2. Modules that name an instrument that is not current")
    out.append("")
    found = 0
    for m in lessons:
        for ident, (path, line) in sorted(m.instruments.items()):
            inst = c.register.get(ident)
            if inst is None or inst.status == "current":
                continue
            if inst.status == "superseded":
                repl = c.register.get(inst.replaced_by)
                when = f" from {register.format_date(inst.superseded_from)}" if inst.superseded_from else ""
                what = f"superseded by {repl.name if repl else inst.replaced_by}{when}"
            elif inst.status == "proposed":
                what = "proposed, not adopted when its status was last checked"
            else:
                what = re.sub(r"<[^>]+>", "", register.status_note(inst, c.register))
            out.append(f"{path}:{line}: {inst.name} ({ident}): {what}")
            found += 1
    if not found:
        out.append("None.")
    out.append("")
    out.append("Check that each of these pages presents the instrument as history or as a proposal, "
               "and that the register entry is still right.")
    out.append("")
    out += register_section(c.register, today)
    out += [""] + translation_section(root)
    return "\n".join(out) + "\n", due


def translation_section(root: Path) -> list[str]:
    out = ["4. Translations", ""]
    states = translations.states(root)
    if not states and not glossary_terms.behind(glossary_terms.load(root)[0]):
        return out + ["No translations yet."]
    behind = [s for s in states if s["behind"] or s["problem"]]
    out.append("Behind their English page (scripts/translations.py diff PATH shows what changed):")
    for s in behind:
        out.append(f"{s['path']}: " + (s["problem"] or "; ".join(s["behind"])))
    if not behind:
        out.append("None.")
    out += ["", "Not reviewed by a native speaker (translation: reviewed_by: is null):"]
    unreviewed = [s for s in states if not s["reviewed_by"]]
    for s in unreviewed:
        out.append(f"{s['path']}: not reviewed by a native speaker")
    if not unreviewed:
        out.append("None.")
    out += ["", f"{len(states)} translations; {len(behind)} behind; {len(unreviewed)} not reviewed."]
    late = glossary_terms.behind(glossary_terms.load(root)[0])
    if late:
        out += ["", "Glossary terms whose English changed since they were translated:"]
        out += [f"{p.path}:{p.line}: {p.what}" for p in late]
    return out


def register_section(instruments: dict, today: dt.date) -> list[str]:
    out = ["3. Register entries to check again against their official source", ""]
    ended = [i for i in instruments.values() if register.ended_since_check(i, today)]
    for i in sorted(ended, key=lambda i: (i.period_end, i.id)):
        out.append(f"{register.REGISTER_PATH}:{i.field_line('ends')}: {i.id}: PERIOD ENDED "
                   f"{register.format_date(register._end_value(i))}, after its last check on "
                   f"{register.format_date(i.status_checked)}")
    due = [(i, register.check_due(i, today)) for i in instruments.values()]
    due = sorted(((i, m) for i, m in due if m), key=lambda x: (x[0].status_checked, x[0].id))
    for i, months in due:
        why = register.moving_reason(i, today)
        out.append(f"{register.REGISTER_PATH}:{i.field_line('status_checked')}: {i.id}: checked "
                   f"{i.status_checked.isoformat()}, more than {months} months ago" + (f" ({why})" if why else ""))
    if not ended and not due:
        out.append("None.")
    out.append("")
    out.append(f"{len(instruments)} entries; {len(ended)} with a period ended since their last check; "
               f"{len(due)} checked too long ago.")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List every module by review date with its sources, the modules that name "
                    "an instrument that is not current, and the register entries to check again.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the course folder (default: this repository)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the date to count from (default: COURSE_TODAY, or today)")
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file instead of the screen")
    parser.add_argument("--fail-if-due", action="store_true", help="exit with 1 when a review is due")
    args = parser.parse_args(argv)
    try:
        text, due = report(args.root.resolve(), args.today or today_from_env())
    except (OSError, ValueError) as exc:
        print(f"review_report: cannot read the course: {exc}", file=sys.stderr)
        return 2
    emit(text, args.output, "review_report")
    return 1 if (args.fail_if_due and due) else 0


if __name__ == "__main__":
    sys.exit(main())
