"""Mentions of instruments, {{ instrument: ID }}, against the register."""

from __future__ import annotations

import re

from .. import register
from ..markdown_text import ANY_BRACES_RE, INSTRUMENT_RE
from ..problems import Problem
from .common import suggest as _suggest


class KnownIds(set):
    """The ids a mention may name. When the register cannot be read, every id
    passes (the register's own problem is the one message); a broken entry's
    id still counts as known; "did you mean" offers only instruments in force."""

    def __init__(self, ids, suggestable, everything=False):
        super().__init__(ids)
        self.suggestable = set(suggestable)
        self.everything = everything

    def __contains__(self, ident):
        return self.everything or set.__contains__(self, ident)


def known_ids(model) -> KnownIds:
    ids = set(model.register)
    current = {i for i, inst in model.register.items() if getattr(inst, "status", "") != "superseded"}
    path = model.root / register.REGISTER_PATH
    if model.register_problems:
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        ids |= set(re.findall(r"^([^\s#:][^:\s]*):", text, re.M))  # entries the register could not use
    return KnownIds(ids, current, everything=bool(model.register_problems) and not model.register)


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
                               _suggest(ident, getattr(register_ids, "suggestable", register_ids)) + "use an id from data/instruments.yml, or add the instrument there"))
        if form and form not in register.FORMS:
            out.append(Problem(path, n, f'unknown instrument form "{form}"',
                               "write {{ instrument: ID }} or {{ instrument: ID | short }}"))
    return out
