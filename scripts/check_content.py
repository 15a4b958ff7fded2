#!/usr/bin/env python3
"""Check the course content without building it (what `make check` runs).

Every problem is printed as one line:

    path:line: what is wrong; how to fix it

The path is relative to the repository and the line is the line of the
Markdown (or YAML) file you edit. Exit status: 0 when there is nothing to
fix (warnings, such as a review that is due, do not fail), 1 when there is
something to fix, 2 when the checker itself cannot run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from courselib import spelling  # noqa: E402
from courselib.rules import check_course  # noqa: E402


def find_root(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check the course's Markdown, quizzes, front matter, links and "
                    "instrument names, and print each problem as path:line: what; fix.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="only report problems in these files or folders (default: the whole course)")
    parser.add_argument("--root", type=Path, default=None,
                        help="the course folder (the one holding mkdocs.yml); default: found from here")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the date to check review dates against (default: today)")
    parser.add_argument("--spelling", action="store_true",
                        help="also check the spelling of docs/, quizzes/ and data/ with codespell "
                             "(make check does; right words go into data/spelling-words.txt)")
    parser.add_argument("--no-render", action="store_true",
                        help="skip the checks on the rendered pages (nothing lost, no syntax shown)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing when all is well")
    args = parser.parse_args(argv)

    root = (args.root or find_root(Path.cwd()) or Path.cwd()).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: no mkdocs.yml here; run this from the course folder or pass --root", file=sys.stderr)
        return 2
    try:
        problems = check_course(root, today=args.today, render=not args.no_render)
        if args.spelling:
            problems = sorted(set(problems) | set(spelling.check(root)), key=lambda p: (p.path, p.line, p.what))
    except Exception as exc:  # never show a trainer a traceback
        print(f"mkdocs.yml:1: the checker stopped unexpectedly ({type(exc).__name__}: {exc}); "
              "report this to the course maintainers", file=sys.stderr)
        return 2

    if args.paths:
        wanted = []
        for p in args.paths:
            path = Path(p).resolve()
            try:
                wanted.append(path.relative_to(root).as_posix())
            except ValueError:
                wanted.append(p)
        problems = [pr for pr in problems
                    if any(pr.path == w or pr.path.startswith(w.rstrip("/") + "/") for w in wanted)]

    errors = [p for p in problems if not p.warning]
    for p in problems:
        print(p)
    if not args.quiet or errors:
        n, w = len(errors), len(problems) - len(errors)
        summary = "content check: " + (f"{n} problem{'s' * (n != 1)} to fix" if n else "no problems")
        if w:
            summary += f", {w} warning{'s' * (w != 1)}"
        print(summary, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
