#!/usr/bin/env python3
"""Create a new case exercise in one command.

Writes docs/cases/SLUG.md from scripts/templates/case.md (three steps, a
way back from a weak choice, and one ending of each rating) and adds it to
the navigation section "Case exercises" in mkdocs.yml, creating the section
after "Policing in Kosovo" if there is none yet. The new case passes the
content check at once; the checker then warns about each "TODO" left to
fill in. The case practises the first objective of the first module until
you change its `practises:`.

Example:
    python scripts/new_case.py "A fugitive in Germany"
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import model  # noqa: E402
from courselib.rules import check_course, today_from_env  # noqa: E402
from new_module import Refused, _nav_block, add_to_nav, existing_titles, sections, slugify  # noqa: E402

TEMPLATE = Path(__file__).resolve().parent / "templates" / "case.md"
SECTION = "Case exercises"
AFTER = "Policing in Kosovo"  # where a new "Case exercises" section goes
BEFORE = "Course assessment"  # ... or, without that section, before this entry
TOP_ITEM_RE = re.compile(r"^(?P<indent>\s*)-\s+(?P<q>['\"]?)(?P<name>[^:'\"]+)(?P=q)\s*:")


def first_objective(root: Path) -> tuple[str, str]:
    """(module slug, objective id): the first objective of the first module in the navigation."""
    course = model.load(root).course()
    for m in course.modules:
        if m.doc_path.startswith("modules/") and m.objectives:
            return m.slug, str(next(iter(m.objectives)))
    raise Refused("the course has no module with objectives for a case to practise; write a module first")


def add_section(lines: list[str], entry: str) -> list[str]:
    """Start the section "Case exercises" with `entry`, after "Policing in Kosovo"."""
    start, end = _nav_block(lines)
    items = [(i, m) for i in range(start + 1, end) if (m := TOP_ITEM_RE.match(lines[i]))]
    if not items:
        raise Refused('mkdocs.yml has an empty "nav:" section')
    top = min(len(m.group("indent")) for _, m in items)
    tops = [(i, m.group("name").strip()) for i, m in items if len(m.group("indent")) == top]
    names = [n.casefold() for _, n in tops]
    if AFTER.casefold() in names:
        k = names.index(AFTER.casefold())
        at = tops[k + 1][0] if k + 1 < len(tops) else end
    elif BEFORE.casefold() in names:
        at = tops[names.index(BEFORE.casefold())][0]
    else:
        at = end
    while at > start + 1 and not lines[at - 1].strip():
        at -= 1
    pad = " " * top
    return lines[:at] + [f"{pad}- {SECTION}:", f"{pad}    - {entry}"] + lines[at:]


def create(root: Path, title: str, slug: str | None = None, today: dt.date | None = None) -> Path:
    title = " ".join(title.split())
    if not title:
        raise Refused("the title is empty; give the case's title in quotes")
    slug = slug or slugify(title)
    if not slug or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise Refused(f'cannot make a file name from "{title}"; give one with --slug, e.g. --slug fugitive-in-germany')
    target = root / "docs" / "cases" / f"{slug}.md"
    if target.exists():
        raise Refused(f'a case named "{slug}" already exists ({target.relative_to(root).as_posix()}); '
                      "choose another title, or --slug")
    taken = existing_titles(root / "docs")
    if title.casefold() in taken:
        raise Refused(f'the title "{title}" is already used by {taken[title.casefold()].relative_to(root).as_posix()}; '
                      "choose another title")
    module, objective = first_objective(root)
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    entry = f"cases/{slug}.md"
    if any(name.casefold() == SECTION.casefold() for name in sections(lines)):
        lines = add_to_nav(lines, SECTION, entry)
    else:
        lines = add_section(lines, entry)
    values = {"title": title.replace('"', "'"), "today": (today or today_from_env()).isoformat(),
              "practises": f"{module}/{objective}", "module_link": f"../modules/{module}.md#objectives"}
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    config.write_text("\n".join(lines), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description='Create a case exercise (docs/cases/SLUG.md) with a three-step example that passes the '
                    'check, and add it to the navigation section "Case exercises".')
    parser.add_argument("title", help='the case title, in quotes; neutral, it must not give an ending away, '
                                      'e.g. "A server in the Netherlands"')
    parser.add_argument("--slug", help="the file name to use (default: made from the title)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the course folder (default: this repository)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the date written as last_reviewed (default: COURSE_TODAY, or today)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        path = create(root, args.title, args.slug, args.today)
    except Refused as exc:
        print(f"new_case: {exc}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(root).as_posix()}")
    print(f'added to the navigation under "{SECTION}" in mkdocs.yml')
    errors = [p for p in check_course(root, args.today or today_from_env()) if not p.warning]
    if errors:  # should not happen: the template passes the checker
        for p in errors:
            print(p, file=sys.stderr)
        return 1
    print("next: fill in every TODO (make check lists them), then run make check; "
          "the trainer guide explains the syntax")
    return 0


if __name__ == "__main__":
    sys.exit(main())
