"""Front matter: split it off exactly as MkDocs does, parse it, know the line
of every key, and word YAML's errors as what the trainer did and how to fix it
(at the line of the mistake, not where the parser noticed it)."""

from __future__ import annotations

from dataclasses import dataclass, field

import datetime as dt
import re

import yaml

from .yamlload import compose_and_load

DATE_LIKE_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Spaces a word processor or web page pastes in, which YAML does not read as spaces.
ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200b\u3000"
# Where a YAML line's structure is: indentation, "- ", "key:" and the spaces after it.
STRUCTURE_RE = re.compile(r"^[ \t%s]*(?:-[ \t%s]+)*(?:[^\s:#%s][^:]*?:(?=[ \t%s]|$)[ \t%s]*)?" % ((ODD_SPACES,) * 5))
KEY_LINE_RE = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:#\"'][^:]*?):(?:\s|$)")
COLON_IN_VALUE_RE = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:#\"'][^:]*?):\s+(?P<value>[^\"'\s{\[|>].*?:(?:\s.*)?)$")


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
    # (line, what, fix) of things that parse but are probably not what was meant
    warnings: list[tuple[int, str, str]] = field(default_factory=list)

    def line_of(self, key: str, item=None) -> int:
        if item is not None and (key, item) in self.item_lines:
            return self.item_lines[(key, item)]
        return self.key_lines.get(key, self.first_line)


def _yaml_problem(exc: yaml.YAMLError, offset: int, lines: list[str]) -> FrontMatterError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = offset + (mark.line if mark else 0)
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    context = str(getattr(exc, "context", "") or "")
    context_mark = getattr(exc, "context_mark", None)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in text or "found character '\\t'" in problem:
        return FrontMatterError(line, "front matter uses a tab to indent",
                                "indent with spaces only (two per level)")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem or (
        "quoted scalar" in context
    ):
        if context_mark is not None:
            line = offset + context_mark.line
        return FrontMatterError(line, "front matter has a quote that is never closed",
                                "close the quote on the same line, or remove it")
    if "mapping values are not allowed" in problem:
        m = COLON_IN_VALUE_RE.match(text)
        if m:
            key = m.group("key").strip()
            return FrontMatterError(line, f'the value of "{key}" has ": " in it, which YAML reads as the start of another key',
                                    f'put the whole value in double quotes: {key}: "{m.group("value").strip()}"')
    if "simple key" in context and context_mark is not None:
        wrapped = offset + context_mark.line  # the line that is not "key: value"
        above = next((KEY_LINE_RE.match(lines[k]) for k in range(wrapped - 2, offset - 2, -1)
                      if KEY_LINE_RE.match(lines[k])), None)
        if above and 0 < wrapped <= len(lines) and ":" not in lines[wrapped - 1]:
            key = above.group("key").strip()
            return FrontMatterError(wrapped, f'this line goes on with the value of "{key}" but is not indented, '
                                    "so YAML reads it as a key with no colon",
                                    "join it to the line above, or indent it by two more spaces than the key")
        if 0 < wrapped <= len(lines) and ":" not in lines[wrapped - 1]:
            return FrontMatterError(wrapped, 'this line is not "key: value"',
                                    'write it as "key: value", or indent it under the key it belongs to')
    return FrontMatterError(line, f"front matter is not valid YAML ({problem})",
                            'write each entry as "key: value", indented with spaces')


def _odd_space(lines: list[str], first: int, end: int) -> FrontMatterError | None:
    """A pasted non-breaking (or other odd) space where YAML expects a plain one."""
    for i in range(first, end):
        m = STRUCTURE_RE.match(lines[i])
        if m and any(c in ODD_SPACES for c in m.group(0)):
            return FrontMatterError(i + 1, "this line has a non-breaking space (pasted from a word processor "
                                    "or a web page), which YAML does not read as a space",
                                    "delete the spaces at the start of the line and after the colon or dash, "
                                    "and type them again")
    return None


def _walk(node, offset: int, lines: list[str], fm: "FrontMatter", top: bool = True, key=None) -> None:
    """Duplicate keys (YAML keeps only the last, silently) and values cut off by " #"."""
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for knode, vnode in node.value:
            key = getattr(knode, "value", None)
            name = key
            if isinstance(key, str) and key in seen:
                raise FrontMatterError(knode.start_mark.line + offset,
                                       f'"{key}" appears twice (first on line {seen[key]}), and YAML would keep only the second',
                                       f'keep one "{key}:" and put all its entries under it' if top
                                       else f'give each a different name, or remove one')
            if isinstance(key, str):
                seen[key] = knode.start_mark.line + offset
            _walk(vnode, offset, lines, fm, False, name)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, offset, lines, fm, False, None)
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag.endswith(":str"):
        line = node.end_mark.line + offset
        rest = lines[line - 1][node.end_mark.column:] if line <= len(lines) else ""
        if re.match(r"[ \t]+#", rest) and node.start_mark.line == node.end_mark.line:
            whole = lines[line - 1][node.start_mark.column:].strip().replace('"', '\\"')
            fm.warnings.append((line, f'the text after " #" is left out (YAML reads " #" as the start of a comment)',
                                f'put the whole value in double quotes: {key or "key"}: "{whole}"'
                                if key else f'put the whole value in double quotes: - "{whole}"'))


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
    lines = text.removeprefix("\ufeff").splitlines()  # MkDocs reads UTF-8 with or without a BOM
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the page has no front matter",
                               'start the file with a "---" line, the page\'s keys '
                               '(title, description, ...), and another "---" line')
    if lines[0][:1] in (" ", "\t"):
        raise FrontMatterError(1, 'the first "---" has a space before it, so MkDocs sees no front matter',
                               'start the first line with "---" itself')
    end = None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            end = i
            break
    if end is None:
        raise FrontMatterError(1, "the front matter is never closed",
                               'add a "---" line after the last key')
    if lines[end][:1] in (" ", "\t"):
        raise FrontMatterError(end + 1, 'the "---" that closes the front matter is indented, so MkDocs does not see it',
                               'start the line with "---" itself, with no space before it')
    odd = _odd_space(lines, 1, end)
    if odd:
        raise odd
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
    _walk(node, 2, lines, fm)
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
