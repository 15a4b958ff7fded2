"""Front matter: split it off, parse it, and know the line of every key."""

from __future__ import annotations

from dataclasses import dataclass, field

import datetime as dt
import re

import yaml

from .yamlload import compose_and_load

DATE_LIKE_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def impossible_date(lines: list[str]) -> tuple[int, str] | None:
    """(index, text) of the first date-shaped value that is not a real date.

    PyYAML raises a bare ValueError on such values (2026-13-01)."""
    for i, line in enumerate(lines):
        for m in DATE_LIKE_RE.finditer(line):
            try:
                dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return i, m.group(0)
    return None


class FrontMatterError(Exception):
    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line = line
        self.what = what
        self.fix = fix


@dataclass
class FrontMatter:
    data: dict
    first_line: int  # line of the opening ---
    body_start: int  # 0-based index of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)
    # lines of list items / nested keys: ("sources", 0) -> line, ("objectives", "id") -> line
    item_lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, key: str, item=None) -> int:
        if item is not None and (key, item) in self.item_lines:
            return self.item_lines[(key, item)]
        return self.key_lines.get(key, self.first_line)


def _yaml_problem(exc: yaml.YAMLError, offset: int, lines: list[str]) -> FrontMatterError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = offset + (mark.line if mark else 0)
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in text or "found character '\\t'" in problem:
        return FrontMatterError(line, "front matter uses a tab to indent",
                                "indent with spaces only (two per level)")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem or (
        "quoted scalar" in str(getattr(exc, "context", "") or "")
    ):
        context_mark = getattr(exc, "context_mark", None)
        if context_mark is not None:
            line = offset + context_mark.line
        return FrontMatterError(line, "front matter has a quote that is never closed",
                                "close the quote on the same line, or remove it")
    return FrontMatterError(line, f"front matter is not valid YAML ({problem})",
                            'write each entry as "key: value", indented with spaces')


def body_start(lines: list[str]) -> int:
    """Index of the first body line, even when the front matter is broken."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def split(text: str) -> FrontMatter:
    """Parse the front matter at the top of a Markdown file.

    Raises FrontMatterError with the line a trainer must look at.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the page has no front matter",
                               'start the file with a "---" line, the page\'s keys '
                               '(title, description, ...), and another "---" line')
    end = None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            end = i
            break
    if end is None:
        raise FrontMatterError(1, "the front matter is never closed",
                               'add a "---" line after the last key')
    source = "\n".join(lines[1:end])
    try:
        node, data = compose_and_load(source)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, 2, lines) from None
    except (ValueError, TypeError):
        bad = impossible_date(lines[1:end])
        line, text = (bad[0] + 2, bad[1]) if bad else (2, "?")
        raise FrontMatterError(line, f'"{text}" is not a real date',
                               "write the date as YYYY-MM-DD, e.g. 2026-11-20") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a list of \"key: value\" lines",
                               'write each entry as "key: value"')
    fm = FrontMatter(data=data, first_line=1, body_start=end + 1)
    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            key = knode.value
            fm.key_lines[key] = knode.start_mark.line + 2
            if isinstance(vnode, yaml.SequenceNode):
                for idx, item in enumerate(vnode.value):
                    fm.item_lines[(key, idx)] = item.start_mark.line + 2
            elif isinstance(vnode, yaml.MappingNode):
                for sub_k, _sub_v in vnode.value:
                    fm.item_lines[(key, sub_k.value)] = sub_k.start_mark.line + 2
    return fm
