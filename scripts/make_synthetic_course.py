#!/usr/bin/env python3
"""Generate a synthetic course of N modules (for measuring build time at scale),
or, with --stock, the real course's stock twin.

The synthetic course uses the real mkdocs.yml, hooks, theme override and
register, so it measures what a course of that size would cost. Each module
has the full lesson frame, about 1,500 words, a box, instruments and 6
questions.

The stock twin is the real course as stock MkDocs + Material + mkdocs-quiz
would build it: the same pages and Markdown extensions, each quiz file
inlined into its page, each generated section (timetable, answer keys...)
and each {{ instrument: ID }} written out, and no course hooks or theme
override. `make bench`
builds both and compares their time per 1,000 words.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("officer request channel partner evidence court notice police information exchange "
         "liaison warrant prosecutor suspect record bank server victim route law treaty "
         "provisional arrest extradition assistance cooperation analysis case file").split()


def paragraph(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def module(i: int, rng: random.Random) -> tuple[str, str]:
    objectives = "\n".join(f"  obj-{k}: Explain topic {k} of module {i}" for k in range(1, 4))
    body = []
    for s in range(1, 7):
        body.append(f"## Section {s}\n")
        body += [paragraph(rng, 40) + "\n" for _ in range(6)]
    body.append('!!! kosovo "Kosovo\'s position"\n    ' + paragraph(rng, 30) + "\n")
    body.append("The {{ instrument: europol-regulation }} and the {{ instrument: confiscation-directive-2014 | short }}.\n")
    body.append(f"## Check your understanding\n\n<!-- quiz: m{i:03d} -->\n")
    page = (f"---\ntitle: Synthetic module {i}\ndescription: Module {i} of a synthetic course.\n"
            f"duration: {{reading: 20, exercises: 10}}\nobjectives:\n{objectives}\n"
            f"keypoints:\n  - Point one\n  - Point two\n  - Point three\n"
            f"sources:\n  - title: Source\n    url: https://eur-lex.europa.eu/\n"
            f"last_reviewed: 2026-11-20\n---\n\n" + "\n".join(body))
    quiz = []
    for q in range(6):
        quiz.append(f"<!-- objective: obj-{q % 3 + 1} -->\n<quiz>\nQuestion {q} of module {i}?\n"
                    f"- [ ] Wrong\n  > Why wrong.\n- [x] Right\n  > Why right.\n- [ ] Also wrong\n  > Why.\n</quiz>\n")
    return page, "\n".join(quiz)


def make(dest: Path, count: int, seed: int = 1) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    rng = random.Random(seed)
    (dest / "docs" / "modules").mkdir(parents=True)
    (dest / "quizzes").mkdir()
    shutil.copytree(REPO / "data", dest / "data")
    shutil.copytree(REPO / "docs" / ".snippets", dest / "docs" / ".snippets")
    shutil.copytree(REPO / "docs" / "assets", dest / "docs" / "assets")
    for name in ("overrides", "scripts"):
        (dest / name).symlink_to(REPO / name)
    (dest / "docs" / "index.md").write_text("---\ntitle: Synthetic course\ndescription: For measuring.\n---\n\nHome.\n")
    nav = ["nav:", "  - index.md", "  - Modules:"]
    for i in range(1, count + 1):
        page, quiz = module(i, rng)
        (dest / "docs" / "modules" / f"m{i:03d}.md").write_text(page, encoding="utf-8")
        (dest / "quizzes" / f"m{i:03d}.md").write_text(quiz, encoding="utf-8")
        nav.append(f"      - modules/m{i:03d}.md")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:")[0]
    (dest / "mkdocs.yml").write_text(config.rstrip() + "\n" + "\n".join(nav) + "\n", encoding="utf-8")
    return dest


def make_stock(dest: Path, source: Path = REPO) -> Path:
    """The stock twin of the course at `source` (see the module's docstring)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from courselib import generate, model
    from courselib.markdown_text import GENERATE_RE, INSTRUMENT_RE, OBJECTIVE_RE, QUIZ_MARKER_RE

    course = model.load(source)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source / "docs", dest / "docs")
    shutil.copytree(source / "data", dest / "data")

    def name(m):
        inst = course.register.get(m.group("id"))
        return (inst.short if m.group("form") == "short" and inst.short else inst.name) if inst else m.group("id")

    for page in course.pages.values():
        out = []
        for line in page.text.split("\n"):
            marker = QUIZ_MARKER_RE.search(line)
            made = GENERATE_RE.match(line)
            if made and made.group("name") in generate.GENERATORS:
                out += generate.GENERATORS[made.group("name")](course.course()).split("\n")
            elif marker and marker.group("slug") in course.quiz_files:
                out += [q for q in course.quiz_files[marker.group("slug")].text.split("\n") if not OBJECTIVE_RE.match(q)]
            else:
                out.append(line)
        text = INSTRUMENT_RE.sub(name, "\n".join(out))
        (dest / page.path).write_text(text, encoding="utf-8")
    config, _, nav = (source / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:")
    head, _, rest = config.partition("\nhooks:")
    rest = rest[rest.index("\n# --"):] if "\n# --" in rest else ""
    config = (head + rest).replace("  custom_dir: overrides\n", "").replace(
        "  favicon: assets/images/favicon.svg\n", "").replace("  - quizzes\n", "").replace("  - scripts/courselib\n", "")
    (dest / "mkdocs.yml").write_text(config.rstrip() + "\nnav:" + nav, encoding="utf-8")
    return dest


def markdown_words(root: Path) -> int:
    """Words of Markdown a build reads: every page and quiz file."""
    files = list((root / "docs").rglob("*.md")) + list((root / "quizzes").glob("*.md"))
    return sum(len(f.read_text(encoding="utf-8").split()) for f in files
               if not any(part.startswith(".") for part in f.relative_to(root).parts))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--modules", type=int, default=200, help="number of modules (default 200)")
    parser.add_argument("--stock", action="store_true",
                        help="make the real course's stock twin instead (no course hooks; quizzes and instruments inlined)")
    args = parser.parse_args(argv)
    if args.stock:
        make_stock(args.out)
        print(f"{args.out}: stock twin of the course, {markdown_words(args.out):,} words of Markdown")
        return 0
    if args.modules < 1:
        print("--modules must be at least 1", file=sys.stderr)
        return 1
    make(args.out, args.modules)
    print(f"{args.out}: synthetic course of {args.modules} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
