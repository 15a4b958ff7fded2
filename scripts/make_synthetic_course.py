#!/usr/bin/env python3
"""Generate a synthetic course of N modules (for measuring build time at scale).

The course uses the real mkdocs.yml, hooks, theme override and register, so
it measures what a course of that size would cost. Each module has the full
lesson frame, about 1,500 words, a box, instruments and 6 questions.
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--modules", type=int, default=200, help="number of modules (default 200)")
    args = parser.parse_args(argv)
    if args.modules < 1:
        print("--modules must be at least 1", file=sys.stderr)
        return 1
    make(args.out, args.modules)
    print(f"{args.out}: synthetic course of {args.modules} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
