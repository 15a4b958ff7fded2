"""The words of the course's interface, in each edition's language.

Everything the templates (overrides/main.html, overrides/partials/*.html),
the course's scripts (course.js, case.js, tools.js) and the hooks write that
is not page content lives in ``data/interface/<lang>.yml``: ``en.yml`` names
every key; ``sq.yml`` and ``sr-Latn.yml`` give the same keys in Albanian and
Serbian (Latin script). Each file holds:

- ``strings``: key -> text; ``{name}`` marks a value filled in
  (``"Reading: about {n} minutes"``);
- ``nav``: the English title of each navigation section -> its title in
  this language;
- ``date``: the babel pattern of a date in running text (``d MMMM y``).

A translated file that lacks a key of ``en.yml``, or names a value that the
English text does not have, is a mistake with its file and line: the build
stops, so no English word is left in an edition by accident.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import editions
from .problems import Problem

FOLDER = "data/interface"
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def path(lang: str) -> str:
    return f"{FOLDER}/{lang}.yml"


@dataclass
class Interface:
    lang: str
    strings: dict[str, str] = field(default_factory=dict)
    nav: dict[str, str] = field(default_factory=dict)
    date_pattern: str = "d MMMM y"

    def t(self, key: str, **values) -> str:
        """The text of `key`, with its {values} filled in."""
        try:
            text = self.strings[key]
        except KeyError:
            raise KeyError(f"{path(self.lang)}: no interface string {key!r}; add it to every file "
                           f"in {FOLDER}/") from None
        return text.format(**values) if values else text

    def date(self, d) -> str:
        """A date in running text, in the local form (babel): 3 December 2026, 3 dhjetor 2026."""
        from babel.dates import format_date

        if isinstance(d, str):
            d = dt.date.fromisoformat(d)
        return format_date(d, self.date_pattern, locale=editions.BABEL[self.lang])

    # The script's words the pages share; the rest only the pages that load a script of
    # their own anyway carry (My progress and the report page: tools.js; cases: case.js;
    # overrides/main.html), so a module page's script file stays the one every module shares.
    EVERY_PAGE = ("not_started", "in_progress", "done", "your_choice", "choose_many", "choose_one", "wrong_one",
                  "wrong_many", "partly_one", "partly_many", "table_region", "table_hint", "clear_page", "clear_all",
                  "continue", "results_wait", "results_score", "results_all", "results_reread", "one_question",
                  "questions")

    def js(self, every_page: bool = True) -> dict[str, str]:
        """The words of course.js, case.js and tools.js (keys js.*, and the report page's two
        that the template and the script share): those every page needs, or the others."""
        out = {k[3:]: v for k, v in self.strings.items() if k.startswith("js.")}
        out.update(report_page=self.strings["report.page"], report_subject=self.strings["report.subject"])
        return {k: v for k, v in out.items() if (k in self.EVERY_PAGE) == every_page}


def _read(root: Path, lang: str) -> tuple[dict, dict[str, int]]:
    """The file's data and the line of each string key."""
    rel = path(lang)
    text = (Path(root) / rel).read_text(encoding="utf-8")
    node = yaml.compose(text)
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "strings" and isinstance(v, yaml.MappingNode):
                lines = {sk.value: sk.start_mark.line + 1 for sk, _ in v.value}
    return yaml.safe_load(text) or {}, lines


def check(root: Path) -> list[Problem]:
    """Every translated file has every key of en.yml, with the same {values}."""
    problems: list[Problem] = []
    try:
        en, _ = _read(root, editions.SOURCE)
    except (OSError, yaml.YAMLError) as exc:
        return [Problem(path("en"), 1, f"the file cannot be read ({type(exc).__name__})",
                        "indent with spaces and close every quote")]
    en_strings = en.get("strings") or {}
    for lang in editions.TRANSLATED:
        rel = path(lang)
        try:
            data, lines = _read(root, lang)
        except OSError:
            problems.append(Problem(rel, 1, "the file is missing", f"copy {path('en')} and translate each text"))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Problem(rel, (mark.line + 1) if mark else 1, "the file cannot be read",
                                    "indent with spaces and close every quote"))
            continue
        strings = data.get("strings") or {}
        for key, text in en_strings.items():
            if key not in strings:
                problems.append(Problem(rel, 1, f'no text for "{key}"',
                                        f'add "{key}: ..." under strings:, as in {path("en")}'))
            elif set(PLACEHOLDER_RE.findall(str(strings[key]))) != set(PLACEHOLDER_RE.findall(str(text))):
                want = ", ".join("`{" + n + "}`" for n in sorted(set(PLACEHOLDER_RE.findall(str(text))))) or "none"
                problems.append(Problem(rel, lines.get(key, 1), f'"{key}" names other values in braces than '
                                        "the English text", f"use exactly these: {want}"))
        for key in strings:
            if key not in en_strings:
                problems.append(Problem(rel, lines.get(key, 1), f'"{key}" is not an interface string',
                                        f"remove it, or add it to {path('en')} first"))
    return problems


def load(root: Path, lang: str) -> Interface:
    data, _ = _read(root, lang)
    return Interface(lang=lang, strings={k: str(v) for k, v in (data.get("strings") or {}).items()},
                     nav=dict(data.get("nav") or {}), date_pattern=str(data.get("date") or "d MMMM y"))


_current: Interface | None = None
_current_root: Path | None = None


def set_current(ui: Interface, root: Path) -> None:
    """The interface of the build under way (the editions hook, in on_config)."""
    global _current, _current_root
    _current, _current_root = ui, Path(root).resolve()


def current(root: Path) -> Interface:
    """The build's interface; English when no edition was chosen (`make check` renders pages)."""
    if _current is None or _current_root != Path(root).resolve():
        set_current(load(root, editions.SOURCE), root)
    return _current
