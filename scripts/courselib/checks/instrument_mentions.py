"""The first mention of an instrument on a page goes through the register.

A page names an instrument as {{ instrument: ID }} (or ``| short``), so the
trainee sees its date and status, and a superseded instrument is marked as
such on every page at once. Typing the register's ``name`` or ``short`` by
hand before the page has named the instrument through the register is
reported, once per instrument per page; later typed mentions are fine.

What is read: the prose of the page body (not the front matter, fenced or
inline code, ``{{ ... }}``, HTML comments, links (text and address: the
register renders a mention as a link, and a link cannot hold another),
abbreviation lines, headings, or box and tab titles, where a rendered
mention with its dates would not read well). Quiz files are not read: a quiz sits at the end
of its page, after the body has named its instruments; its wrong options
are wrong on purpose; and a rendered status ("superseded") in a question or
option can give the answer away.

Matches are whole words and case-sensitive, leftmost and longest first (so
"Second Additional Protocol to the 1959 Convention" is not also read as the
Additional Protocol). Names and shorts under MIN_LENGTH characters, and the
shorts in AMBIGUOUS, are not matched.

A trainer who means the typed text on purpose (the old text of a law, a
quotation) writes ``<!-- typed: ID -->`` on that line: that line's typed
mention of ID is then not reported, and the rule looks on for the next one.
"""

from __future__ import annotations

import re

from ..markdown_text import ANY_BRACES_RE, INSTRUMENT_RE, code_lines, strip_inline_code
from ..problems import Problem
from .common import Page

# Shorter names are acronyms or numbers a page may use freely (UNCAC, TFEU,
# UNSCR 1244, ...), and the risk of a false match grows as a name shrinks.
MIN_LENGTH = 12
# Names and shorts that also name something other than the register's
# instrument, so a typed one is not read as a mention. None today: the
# 12-character minimum already drops the acronyms and resolution numbers, and
# "Criminal Procedure Code", the one generic short, names Kosovo's code
# wherever the course uses it (an older text of it takes <!-- typed: ID -->).
AMBIGUOUS: set[str] = set()
OPT_OUT_RE = re.compile(r"<!--\s*typed\s*:\s*(?P<id>[^\s>]*)\s*-->")
COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)")
# a link, its text and address: the register renders a mention as a link, and
# a link cannot hold another (case choices are links too)
LINK_RE = re.compile(r"!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
SKIPPED_LINE_RE = re.compile(r"^\s*(?:#{1,6}\s|!!!|\?\?\?|===|\*\[|\[[^\]]+\]:)")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _pattern(register) -> tuple[re.Pattern | None, dict[str, str]]:
    """One pattern for every matchable name and short, longest first."""
    owner: dict[str, str] = {}
    for ident, inst in register.items():
        for text in (inst.name, inst.short):
            if text and len(text) >= MIN_LENGTH and text not in AMBIGUOUS:
                owner.setdefault(text, ident)
    if not owner:
        return None, owner
    alts = "|".join(re.escape(t) for t in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w/-])(?:{alts})(?![\w/-])"), owner


def check_typed_mentions(page: Page, register) -> list[Problem]:
    """The first typed mention of each instrument that the page has not yet
    named through the register: one problem per instrument."""
    pattern, owner = _pattern(register)
    if pattern is None or page.fm is None:
        return []
    named: set[str] = set()  # named through the register so far, or already reported
    out: list[Problem] = []
    code = code_lines(page.lines)
    in_comment = False
    for i in range(page.body_start, len(page.lines)):
        raw = page.lines[i]
        if code[i]:
            continue
        line = strip_inline_code(raw)
        if in_comment:  # inside a comment opened on an earlier line
            end = line.find("-->")
            if end < 0:
                continue
            line = " " * (end + 3) + line[end + 3:]
            in_comment = False
        opted = {m.group("id") for m in OPT_OUT_RE.finditer(line)}
        for m in COMMENT_RE.finditer(line):
            if not m.group(0).endswith("-->"):
                in_comment = True
        line = COMMENT_RE.sub(_blank, line)
        if SKIPPED_LINE_RE.match(line):
            named.update(m.group("id") for m in INSTRUMENT_RE.finditer(line))
            continue
        events = [(m.start(), "register", m.group("id")) for m in INSTRUMENT_RE.finditer(line)]
        line = LINK_RE.sub(_blank, ANY_BRACES_RE.sub(_blank, line))
        events += [(m.start(), "typed", m.group(0)) for m in pattern.finditer(line)]
        for _, what, value in sorted(events):
            if what == "register":
                named.add(value)
                continue
            ident = owner[value]
            if ident in named or ident in opted:
                continue
            named.add(ident)
            out.append(Problem(
                page.path, i + 1, f'"{value}" is typed by hand where the page first names it',
                f"write {{{{ instrument: {ident} | short }}}} (or the full form) here, so the register "
                f"shows its date and status; if the typed text is meant (an old text, a quotation), "
                f"end the line with <!-- typed: {ident} -->"))
    return out
