"""Spelling of the English sources (docs/, quizzes/, data/), with codespell.

Run by `make check` (scripts/check_content.py), not by the build: a word
codespell does not know never stops a release. Every finding is one line
in the course's form, at the Markdown line. Words that are right (names
such as CARIN, the official "Combatting" of an EU title) go into
data/spelling-words.txt, one a line. Text in code (fenced blocks, `code
spans`) and web addresses is not checked, so the trainer guide can show a
mistake on purpose. Translated files (interpol.sq.md, ...) are skipped:
codespell reads Albanian and Serbian words as English misspellings.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .markdown_text import prose_lines
from .problems import Problem

WORDS_FILE = "data/spelling-words.txt"
FOLDERS = ("docs", "quizzes", "data")
TRANSLATED_RE = re.compile(r"(?:^|[.-])(?:sq|sr|sr-latn|sr-cyrl)\.(?:md|yml|po)$", re.I)  # interpol.sq.md, quiz-sq.po, sq.yml
LINE_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+)$")
URL_RE = re.compile(r"https?://\S+")


def _codespell() -> str | None:
    here = Path(sys.executable).parent / "codespell"
    return str(here) if here.exists() else shutil.which("codespell")


def files(root: Path) -> list[Path]:
    out = []
    for folder in FOLDERS:
        for f in sorted((root / folder).rglob("*")):
            if f.is_file() and f.suffix in (".md", ".yml", ".po") and not TRANSLATED_RE.search(f.name):
                out.append(f)
    return out


def check(root: Path) -> list[Problem]:
    root = Path(root)
    tool = _codespell()
    if tool is None:
        return [Problem("requirements.lock", 1, "codespell is not installed", "run make install")]
    targets = files(root)
    if not targets:
        return []
    words = root / WORDS_FILE
    cmd = [tool, "--quiet-level", "2"]
    if words.is_file():
        cmd += ["--ignore-words", str(words)]
    result = subprocess.run(cmd + [str(f.relative_to(root)) for f in targets], cwd=root,
                            capture_output=True, text=True, timeout=120)
    problems = []
    cache: dict[str, list[str]] = {}
    for raw in result.stdout.splitlines():
        m = LINE_RE.match(raw.strip())
        if not m:
            continue
        path, n, word = m.group("path"), int(m.group("line")), m.group("word")
        if path not in cache:
            cache[path] = prose_lines((root / path).read_text(encoding="utf-8", errors="replace").splitlines())
        prose = URL_RE.sub(" ", cache[path][n - 1]) if n <= len(cache[path]) else ""
        if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", prose):
            continue  # only in code or in a web address
        fix = m.group("fix").strip().rstrip(",")
        problems.append(Problem(path, n, f'"{word}" may be misspelled',
                                f'did you mean "{fix}"? if "{word}" is right, add it to {WORDS_FILE}'))
    return problems
