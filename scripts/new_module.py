#!/usr/bin/env python3
"""Create a new module in one command.

Writes docs/modules/SLUG.md, quizzes/SLUG.md and docs/trainers/notes/SLUG.md
from the templates in scripts/templates/, and adds the module to a section
of the navigation in mkdocs.yml (and its notes under "Trainer notes")
without touching the rest of the file. The new files pass the content check
at once; the checker then warns about each "TODO" left to fill in.

Example:
    python scripts/new_module.py "Bashkëpunimi policor" --section Channels
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import string
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import frontmatter  # noqa: E402
from courselib.rules import check_course, today_from_env  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTES_SECTION = "Trainer notes"


class Refused(Exception):
    """A request the script will not carry out; the message says why."""


def slugify(title: str) -> str:
    """Plain-ASCII kebab-case: "Bashkëpunimi policor" -> "bashkepunimi-policor"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("đ", "d").replace("Đ", "d")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _nav_block(lines: list[str]) -> tuple[int, int]:
    """Line indexes [start, end) of the nav: block in mkdocs.yml."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^nav\s*:", l)), None)
    if start is None:
        raise Refused('mkdocs.yml has no "nav:" section')
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^\S", lines[i])
                and not lines[i].startswith("#")), len(lines))
    return start, end


SECTION_RE = re.compile(r"^(?P<indent>\s*)-\s+(?P<q>['\"]?)(?P<name>[^:'\"]+)(?P=q)\s*:\s*(#.*)?$")
ITEM_RE = re.compile(r"^(?P<indent>\s*)-\s+")


def sections(lines: list[str]) -> dict[str, int]:
    start, end = _nav_block(lines)
    return {m.group("name").strip(): i for i in range(start + 1, end)
            if (m := SECTION_RE.match(lines[i]))}


def add_to_nav(lines: list[str], section: str, entry: str) -> list[str]:
    """Insert "- entry" as the last item of `section` (matched ignoring case)."""
    found = sections(lines)
    match = next((i for name, i in found.items() if name.casefold() == section.strip().casefold()), None)
    if match is None:
        raise Refused(f'mkdocs.yml has no navigation section "{section}"; use one of: '
                      + ", ".join(found) + " (or add the section under nav: first)")
    _, end = _nav_block(lines)
    head_indent = len(SECTION_RE.match(lines[match]).group("indent"))
    last, child_indent = match, None
    for i in range(match + 1, end):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= head_indent:
            break
        if child_indent is None and ITEM_RE.match(line):
            child_indent = indent
        last = i
    pad = " " * (child_indent if child_indent is not None else head_indent + 4)
    return lines[: last + 1] + [f"{pad}- {entry}"] + lines[last + 1:]


def existing_titles(docs: Path) -> dict[str, Path]:
    titles = {}
    for f in docs.rglob("*.md"):
        if any(p.startswith(".") for p in f.relative_to(docs).parts):
            continue
        try:
            data = frontmatter.split(f.read_text(encoding="utf-8")).data
        except Exception:  # a broken page is the checker's business, not ours
            continue
        if isinstance(data.get("title"), str):
            titles[data["title"].strip().casefold()] = f
    return titles


def yaml_text(value: str) -> str:
    """A YAML double-quoted value: a colon, a " #" or a quote in a title stay text."""
    return json.dumps(value, ensure_ascii=False)


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise Refused("the title is empty; give the module's title in quotes")
    if len(title) > 90:
        raise Refused(f"the title is {len(title)} characters long; keep it under 90 (it is shown in the menu)")
    odd = next((c for c in title if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs")), None)
    if odd is not None:
        raise Refused(f"the title holds an invisible character (U+{ord(odd):04X}), often pasted from a "
                      "word processor; type the title again")
    if any(mark in title for mark in ("{{", "}}", "<", ">", "`", "[", "]")):
        raise Refused("the title holds Markdown or template marks ({{ }}, < >, `, [ ]); write it as plain text")
    return title


def create(root: Path, title: str, section: str, slug: str | None = None, short: bool = False,
           today: dt.date | None = None) -> list[Path]:
    title = check_title(title)
    slug = slug or slugify(title)
    if not slug or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise Refused(f'cannot make a file name from "{slug or title}"; give one with --slug in lowercase letters, '
                      "digits and hyphens, e.g. --slug police-cooperation")
    if len(slug) > 60:
        raise Refused(f'the file name "{slug}" is too long; give a shorter one with --slug')
    docs = root / "docs"
    targets = {
        "module": docs / "modules" / f"{slug}.md",
        "quiz": root / "quizzes" / f"{slug}.md",
        "notes": docs / "trainers" / "notes" / f"{slug}.md",
    }
    for path in targets.values():
        if path.exists():
            raise Refused(f'a module named "{slug}" already exists ({path.relative_to(root).as_posix()}); '
                          "choose another title, or --slug")
    taken = existing_titles(docs)
    if title.casefold() in taken:
        raise Refused(f'the title "{title}" is already used by {taken[title.casefold()].relative_to(root).as_posix()}; '
                      "choose another title")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    lines = add_to_nav(lines, section, f"modules/{slug}.md")
    if any(name.casefold() == NOTES_SECTION.casefold() for name in sections(lines)):
        lines = add_to_nav(lines, NOTES_SECTION, f"trainers/notes/{slug}.md")
    else:  # no notes section yet: start one at the end of the navigation
        _, end = _nav_block(lines)
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = [f"  - {NOTES_SECTION}:", f"      - trainers/notes/{slug}.md"]
    values = {"title_yaml": yaml_text(title), "notes_title_yaml": yaml_text(f"Trainer notes: {title}"),
              "notes_description_yaml": yaml_text(f"How to teach the {title} module in class."), "slug": slug,
              "today": (today or today_from_env()).isoformat(),
              "kind_line": "kind: short-module" if short else ""}
    before = config.read_text(encoding="utf-8")
    for name, path in (("module.md", targets["module"]), ("quiz.md", targets["quiz"]),
                       ("trainer-notes.md", targets["notes"])):
        text = string.Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)
        text = text.replace("---\n\n", "---\n", 1) if not short else text
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config.write_text("\n".join(lines), encoding="utf-8")
    # never leave files that fail the check: undo, and say what was wrong
    new = {p.relative_to(root).as_posix() for p in targets.values()} | {"mkdocs.yml"}
    errors = [p for p in check_course(root, today or today_from_env())
              if not p.warning and p.path in new]
    if errors:
        for path in targets.values():
            path.unlink(missing_ok=True)
        config.write_text(before, encoding="utf-8")
        raise Refused("the new module would not pass the check, so nothing was written: "
                      + " / ".join(str(p) for p in errors))
    return list(targets.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Create a module page, its quiz file and its trainer notes from the templates, "
                    "and add the module to a section of the navigation.")
    parser.add_argument("title", help='the module title, in quotes, e.g. "Witness protection"')
    parser.add_argument("--section", required=True, help="the navigation section to add it to, e.g. Channels")
    parser.add_argument("--slug", help="the file name to use (default: made from the title)")
    parser.add_argument("--short", action="store_true", help="a short module (800-1,500 words, 4 questions or more)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the course folder (default: this repository)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the date written as last_reviewed (default: COURSE_TODAY, or today)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        paths = create(root, args.title, args.section, args.slug, args.short, args.today)
    except Refused as exc:
        print(f"new_module: {exc}", file=sys.stderr)
        return 1
    for p in paths:
        print(f"created {p.relative_to(root).as_posix()}")
    print(f'added to the navigation under "{args.section}" in mkdocs.yml')
    print("next: fill in every TODO (make check lists them), then run make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
