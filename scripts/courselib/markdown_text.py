"""Reading Markdown the way a trainer writes it: lines, fences, markers."""

from __future__ import annotations

import re

FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# <!-- quiz: interpol -->  embeds quizzes/interpol.md
QUIZ_MARKER_RE = re.compile(r"<!--\s*quiz\s*:\s*(?P<slug>[^\s>]*)\s*-->")
# <!-- objective: notices --> or <!-- objective: interpol/notices -->
OBJECTIVE_RE = re.compile(r"^\s*<!--\s*objective\s*:\s*(?P<ref>[^\s>]*)\s*-->\s*$")
# {{ instrument: europol-regulation }} or {{ instrument: europol-regulation | short }};
# inside a table cell the bar is escaped: {{ instrument: europol-regulation \| short }}
INSTRUMENT_RE = re.compile(
    r"\{\{\s*instrument\s*:\s*(?P<id>[^|}\s\\]*)\s*(?:\\?\|\s*(?P<form>[^}\s]*)\s*)?\}\}"
)
GENERATE_RE = re.compile(r"^\s*<!--\s*generate\s*:\s*(?P<name>[^\s>]*)\s*-->\s*$")
ANY_BRACES_RE = re.compile(r"\{\{.*?\}\}")


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, True when it is part of a fenced code block (fences included)."""
    in_code = [False] * len(lines)
    fence = None  # (char, length)
    for i, line in enumerate(lines):
        m = FENCE_RE.match(line)
        if fence is None:
            if m:
                fence = (m.group("fence")[0], len(m.group("fence")))
                in_code[i] = True
        else:
            in_code[i] = True
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= fence[1]:
                rest = line[m.end():].strip()
                if not rest:
                    fence = None
    return in_code


def strip_inline_code(line: str) -> str:
    """Blank out `code spans`, keeping the length of the line."""
    return INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), line)


def prose_lines(lines: list[str]) -> list[str]:
    """The lines with fenced code blanked and inline code spans removed.

    Line numbers stay the same, so a rule can report the trainer's line.
    """
    mask = code_lines(lines)
    return ["" if code else strip_inline_code(line) for line, code in zip(lines, mask)]
