"""Mentions of instruments, {{ instrument: ID }}, against the register."""

from __future__ import annotations

from .. import register
from ..markdown_text import ANY_BRACES_RE, INSTRUMENT_RE
from ..problems import Problem
from .common import suggest as _suggest


def check_instruments(path: str, n: int, line: str, register_ids: set[str]) -> list[Problem]:
    out = []
    for m in ANY_BRACES_RE.finditer(line):
        im = INSTRUMENT_RE.fullmatch(m.group(0))
        if not im:
            out.append(Problem(path, n, f'"{m.group(0)}" is not understood',
                               "name an instrument as {{ instrument: ID }}, with an ID from data/instruments.yml"))
            continue
        ident, form = im.group("id"), im.group("form")
        if ident not in register_ids:
            out.append(Problem(path, n, f'unknown instrument "{ident}"',
                               _suggest(ident, register_ids) + "use an id from data/instruments.yml, or add the instrument there"))
        if form and form not in register.FORMS:
            out.append(Problem(path, n, f'unknown instrument form "{form}"',
                               "write {{ instrument: ID }} or {{ instrument: ID | short }}"))
    return out
