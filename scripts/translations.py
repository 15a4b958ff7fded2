#!/usr/bin/env python3
"""Keep the Albanian (sq) and Serbian (sr-Latn) translations in step with English.

  stamp PATH...      record in each translated page which version of its English
                     page (and of the quiz files it embeds) it translates; run it
                     after translating or bringing a translation up to date
  status             every translation: up to date, or behind (which English file
                     changed), and whether a native speaker has reviewed it; then
                     how many English pages have no translation yet
  diff PATH          the English lines that changed since PATH was translated
  glossary-merge FILE --lang LANG
                     put a translator's glossary terms (a YAML file of
                     "id: {term: ..., definition: ...}") into data/glossary-terms.yml

The rules are in scripts/courselib/translations.py; the trainer guide
(docs/trainers/translating.md) explains the steps. Exit status: 0 when done,
1 when something is wrong (one line says what), 2 when the course cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import editions, frontmatter, glossary_terms, model  # noqa: E402
from courselib import translations as tr  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _rel(root: Path, path: str) -> str:
    p = Path(path)
    p = p if p.is_absolute() else (Path.cwd() / p)
    try:
        return p.resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def cmd_stamp(root: Path, paths: list[str]) -> int:
    failed = 0
    for raw in paths:
        rel = _rel(root, raw)
        try:
            new, sources = tr.stamp(root, rel)
        except tr.StampError as err:
            print(f"{rel}:1: cannot stamp: {err}", file=sys.stderr)
            failed += 1
            continue
        old = (root / rel).read_bytes().decode("utf-8")
        if new != old:
            (root / rel).write_bytes(new.encode("utf-8"))
        names = ", ".join(f"{p} ({b[:7]})" for p, b in sources.items())
        print(f"{rel}: {'stamped' if new != old else 'already stamped'} as the translation of {names}")
    return 1 if failed else 0


def cmd_status(root: Path) -> int:
    course = model.load(root)
    if course.cfg is None:
        print(str(course.cfg_problem), file=sys.stderr)
        return 2
    states = tr.states(root, course)
    if not states:
        print("No translations yet.")
    for s in states:
        review = (f"reviewed by {s['reviewed_by']} on {s['reviewed_on']}" if s["reviewed_by"]
                  else "not reviewed by a native speaker")
        if s["problem"]:
            print(f"{s['path']}: {s['problem']}")
        elif s["behind"]:
            print(f"{s['path']}: behind: " + "; ".join(s["behind"]) + f" ({review})")
        else:
            print(f"{s['path']}: up to date ({review})")
    entries, _ = glossary_terms.load(root)
    late = glossary_terms.behind(entries)
    for problem in late:
        print(f"{problem.path}:{problem.line}: {problem.what}")
    if entries:
        done = {lang: sum(1 for e in entries if lang in e.texts) for lang in editions.TRANSLATED}
        print(f"Glossary: {len(entries)} terms; translated: "
              + ", ".join(f"{n} in {lang}" for lang, n in done.items()) + f"; {len(late)} behind")
    counts = tr.untranslated(course)
    print("Untranslated pages (built from English with a notice): "
          + ", ".join(f"{n} of {len(course.pages)} in {lang}" for lang, n in counts.items()))
    behind = sum(1 for s in states if s["behind"] or s["problem"])
    if behind:
        print(f"{behind} of {len(states)} translations need work: scripts/translations.py diff PATH shows what changed.")
    return 0


def cmd_diff(root: Path, path: str) -> int:
    rel = _rel(root, path)
    if not editions.is_translation(rel) or rel.startswith("quizzes/"):
        print(f"{rel}:1: not a translated page; name a file such as docs/modules/interpol.sq.md", file=sys.stderr)
        return 1
    f = root / rel
    if not f.is_file():
        print(f"{rel}:1: the file does not exist", file=sys.stderr)
        return 1
    try:
        fm = frontmatter.split(f.read_text(encoding="utf-8"))
    except frontmatter.FrontMatterError as err:
        print(f"{rel}:{err.line}: {err.what}; {err.fix}", file=sys.stderr)
        return 1
    rec, _ = tr.read_record(fm.data)
    if not rec.sources:
        print(f"{rel}:1: the translation does not record which English version it translates, so there is "
              f"nothing to compare; compare it with the whole English file, then run scripts/translations.py "
              f"stamp {rel}", file=sys.stderr)
        return 1
    changes = tr.behind(root, rel, rec)
    if not changes:
        print(f"{rel}: up to date; nothing changed in English since it was translated")
        return 0
    status = 0
    for b in changes:
        text, reason = tr.unified_diff(root, b)
        if text is None:
            print(f"{rel}: {reason}")
            status = 1
        else:
            print(text if text else f"{b.english}: only white space at the ends of lines changed")
    print(f"When the translation says the same again, run: scripts/translations.py stamp {rel}")
    return status


def cmd_glossary_merge(root: Path, file: str, lang: str) -> int:
    try:
        count = glossary_terms.merge_file(root, Path(file), lang)
    except glossary_terms.GlossaryError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"{glossary_terms.TERMS_PATH}: {count} {lang} terms merged from {file}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="See docs/trainers/translating.md.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None,
                        help="the course folder (the one holding mkdocs.yml); default: this repository")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("stamp", help="record which English version each translated page translates")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a translated page, e.g. docs/modules/interpol.sq.md")
    sub.add_parser("status", help="list every translation: up to date or behind, reviewed or not")
    p = sub.add_parser("diff", help="show the English lines that changed since a page was translated")
    p.add_argument("path", metavar="PATH", help="a translated page, e.g. docs/modules/interpol.sq.md")
    p = sub.add_parser("glossary-merge", help="merge a translator's glossary terms into data/glossary-terms.yml")
    p.add_argument("file", metavar="FILE", help='a YAML file of "id: {term: ..., definition: ...}"')
    p.add_argument("--lang", required=True, choices=editions.TRANSLATED, help="the language of the terms")
    args = parser.parse_args(argv)
    root = (args.root or ROOT).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"{root}: no mkdocs.yml here; pass --root with the course folder", file=sys.stderr)
        return 2
    if args.command == "stamp":
        return cmd_stamp(root, args.paths)
    if args.command == "status":
        return cmd_status(root)
    if args.command == "diff":
        return cmd_diff(root, args.path)
    if args.command == "glossary-merge":
        return cmd_glossary_merge(root, args.file, args.lang)
    parser.print_help()
    return 1


if __name__ == "__main__":
    sys.exit(main())
