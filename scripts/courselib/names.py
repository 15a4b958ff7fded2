"""Official names (data/names.yml): flag wrong forms in running text,
e.g. "Interpol" for INTERPOL, and old names presented as current, e.g.
"EMCDDA" for the EU Drugs Agency."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlload import safe_load

from .problems import Problem

NAMES_PATH = "data/names.yml"
# Parts of a line that are not running text: link addresses, bare URLs, HTML tags.
# Quoted words are someone else's (a document title, a claim being corrected).
NOT_TEXT_RE = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|<[^>]+>|\"[^\"]*\"|“[^”]*”")
# A wrong answer in a quiz states a misconception on purpose.
WRONG_OPTION_RE = re.compile(r"^\s*[-*]\s*\[\s?\]")


@dataclass(frozen=True)
class Name:
    wrong: str
    right: str
    old_name: bool = False
    why: str = ""

    @property
    def pattern(self) -> re.Pattern:
        return _pattern(self.wrong)


@functools.lru_cache(maxsize=None)
def _pattern(wrong: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(wrong) + r"(?![\w-])")


def load(root: Path) -> tuple[list[Name], list[str], list[Problem]]:
    path = Path(root) / NAMES_PATH
    if not path.is_file():
        return [], [], []
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
        names = [Name(str(e["wrong"]), str(e["right"]), bool(e.get("old_name", False)), str(e.get("why", "")))
                 for e in data.get("names", [])]
        history = [str(w).lower() for w in data.get("history_words", [])]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError):
        return [], [], [Problem(NAMES_PATH, 1, "the word list cannot be read",
                                'write each entry as "  - wrong: ..." with "    right: ..." under it')]
    return names, history, []


@functools.lru_cache(maxsize=8)
def _any_name(wrongs: tuple[str, ...]) -> re.Pattern:
    """One pattern for every wrong form: most lines name none, and are read once."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in wrongs) + r")(?![\w-])")


def check_line(path: str, n: int, line: str, names: list[Name], history: list[str]) -> list[Problem]:
    if not names or not _any_name(tuple(nm.wrong for nm in names)).search(line):
        return []
    text = NOT_TEXT_RE.sub(" ", line)
    out = []
    for name in names:
        if not name.pattern.search(text):
            continue
        if name.old_name:
            if WRONG_OPTION_RE.match(line):
                continue
            lowered = text.lower()
            if any(w in lowered for w in history):
                continue
            out.append(Problem(path, n, f'"{name.wrong}" is an old name presented as current ({name.why})',
                               f'write "{name.right}", or say it is the former name (e.g. "formerly the {name.wrong}")'))
        else:
            out.append(Problem(path, n, f'"{name.wrong}" is not the official form of the name',
                               f'write "{name.right}"'))
    return out
