"""A case exercise, read from its Markdown: the situation, then steps and endings.

One page per case (docs/cases/<slug>.md). After the situation, each step or
ending is a block of its own, with an id, written as plain Markdown:

    <div class="case-step" id="preserve" markdown>
    The Dutch police confirm that the data is frozen.   <- the consequence
                                                           of the choice that led here
    **What next?**                                       <- the decision, in bold

    - [Send the formal request now](#formal)             <- 2 to 4 choices,
    - [Ask for the data police to police](#police-data)  <- each a link to a block
    </div>

    <div class="case-ending best" id="lawful" markdown>
    The court admits the logs.                           <- the consequence

    **Debrief.** Preserve first, then ask formally. See [...](../modules/x.md#y).
    </div>

`parse()` reads the blocks; `problems()` is the path analysis (every step
reached from "start", every path able to end, a best ending, ...). The
checker (checks/cases.py), the build hook (overrides/hooks/cases.py), the
trainers' key (generate.py) and the tests all use this one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markdown_text import code_lines, prose_lines
from .problems import Problem

START = "start"
RATINGS = ("best", "acceptable", "poor")
RATING_WORDS = {"best": "Best ending", "acceptable": "Acceptable ending", "poor": "Poor ending"}
BLOCK_CLASSES = ("case-step", "case-ending")
MIN_CHOICES, MAX_CHOICES = 2, 4

DIV_OPEN_RE = re.compile(r"^\s*<div\b(?P<attrs>[^>]*)>\s*$", re.I)
ANY_DIV_OPEN_RE = re.compile(r"<div\b", re.I)
DIV_CLOSE_RE = re.compile(r"</div\s*>", re.I)
ATTR_RE = re.compile(r"""(?P<name>[\w-]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+)))?""")
LIST_ITEM_RE = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
CHOICE_RE = re.compile(r"^\[(?P<text>[^\]]+)\]\(#(?P<target>[^)\s]*)\)$")
QUESTION_RE = re.compile(r"^\*\*(?P<text>.+)\*\*\s*$")
DEBRIEF_RE = re.compile(r"^\*\*Debrief\.?\*\*")
HEADING_RE = re.compile(r"^#{1,6}\s")
LINK_TO_MODULE_RE = re.compile(r"\]\((?:\.\./)?modules/[^)#\s]+\.md#[^)\s]+\)")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Choice:
    text: str
    target: str
    line: int  # 1-based line in the Markdown file


@dataclass
class Block:
    id: str
    kind: str  # "step" or "ending"
    rating: str | None  # best, acceptable or poor (endings)
    line: int  # the <div ...> line
    end_line: int = 0  # the </div> line (0: never closed)
    has_markdown: bool = True
    consequence: list[tuple[int, str]] = field(default_factory=list)  # (line, text) before the question
    question: str = ""
    question_line: int = 0
    choices: list[Choice] = field(default_factory=list)
    debrief: list[tuple[int, str]] = field(default_factory=list)  # from **Debrief.** on
    other: list[tuple[int, str]] = field(default_factory=list)  # after the question, not a choice
    headings: list[int] = field(default_factory=list)
    bad_choices: list[tuple[int, str]] = field(default_factory=list)  # list items that are not one link

    @property
    def consequence_text(self) -> str:
        return "\n".join(t for _, t in self.consequence).strip()

    @property
    def debrief_text(self) -> str:
        return "\n".join(t for _, t in self.debrief).strip()


@dataclass
class Case:
    path: str
    situation: list[tuple[int, str]]
    blocks: list[Block]
    parse_problems: list[Problem] = field(default_factory=list)
    first_line: int = 1  # first line of the body

    @property
    def by_id(self) -> dict[str, Block]:
        out: dict[str, Block] = {}
        for b in self.blocks:
            out.setdefault(b.id, b)
        return out

    @property
    def steps(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "step"]

    @property
    def endings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "ending"]

    def best_path(self) -> list[Block]:
        """The shortest path from "start" to a best ending (empty if none)."""
        return self.path_to("best")

    def path_to(self, rating: str) -> list[Block]:
        """The shortest path from "start" to an ending rated `rating` (empty if none)."""
        by_id = self.by_id
        if START not in by_id:
            return []
        prev: dict[str, str | None] = {START: None}
        queue = [START]
        while queue:
            here = queue.pop(0)
            block = by_id[here]
            if block.kind == "ending" and block.rating == rating:
                path = []
                while here is not None:
                    path.append(by_id[here])
                    here = prev[here]
                return path[::-1]
            for c in block.choices:
                if c.target in by_id and c.target not in prev:
                    prev[c.target] = here
                    queue.append(c.target)
        return []


def _attrs(text: str) -> dict[str, str]:
    out = {}
    for m in ATTR_RE.finditer(text):
        value = m.group("dq") if m.group("dq") is not None else (
            m.group("sq") if m.group("sq") is not None else m.group("bare"))
        out[m.group("name").lower()] = value if value is not None else ""
    return out


def block_class(attrs: dict[str, str]) -> tuple[str | None, list[str]]:
    """("case-step" | "case-ending" | other "case-..." | None, the other classes)."""
    classes = attrs.get("class", "").split()
    for c in classes:
        if c.startswith("case-"):
            return c, [x for x in classes if x != c]
    return None, classes


def parse(path: str, lines: list[str], body_start: int) -> Case:
    """Read the case in `lines` (the whole file); `body_start` is 0-based."""
    code = code_lines(lines)
    prose = prose_lines(lines)
    case = Case(path=path, situation=[], blocks=[], first_line=body_start + 1)
    i = body_start
    while i < len(lines):
        n = i + 1
        m = None if code[i] else DIV_OPEN_RE.match(prose[i])
        cls, others = block_class(_attrs(m.group("attrs"))) if m else (None, [])
        if cls is None:
            if not case.blocks and not code[i]:
                case.situation.append((n, lines[i]))
            i += 1
            continue
        attrs = _attrs(m.group("attrs"))
        if cls not in BLOCK_CLASSES:
            from .checks.common import suggest

            case.parse_problems.append(Problem(
                path, n, f'unknown case block "{cls}"',
                suggest(cls, BLOCK_CLASSES) + 'use <div class="case-step" id="..." markdown> '
                'or <div class="case-ending best|acceptable|poor" id="..." markdown>'))
            i += 1
            continue
        kind = "step" if cls == "case-step" else "ending"
        rating = None
        if kind == "ending":
            rating = next((c for c in others if c in RATINGS), None)
        block = Block(id=attrs.get("id", ""), kind=kind, rating=rating, line=n,
                      has_markdown="markdown" in attrs)
        if kind == "ending" and rating is None:
            case.parse_problems.append(Problem(
                path, n, f'the ending "{block.id}" does not say how good it is',
                'write best, acceptable or poor after case-ending, e.g. '
                '<div class="case-ending poor" id="..." markdown>'))
        depth, j = 1, i + 1
        inner: list[int] = []
        while j < len(lines):
            if not code[j]:
                depth += len(ANY_DIV_OPEN_RE.findall(prose[j])) - len(DIV_CLOSE_RE.findall(prose[j]))
                if depth <= 0:
                    break
            inner.append(j)
            j += 1
        if j >= len(lines):
            case.parse_problems.append(Problem(
                path, n, f'the {kind} "{block.id}" is never closed',
                "add a line with only </div> after its last line"))
        else:
            block.end_line = j + 1
        _read_block(block, [(k + 1, lines[k], code[k]) for k in inner])
        case.blocks.append(block)
        i = j + 1
    return case


def _read_block(block: Block, inner: list[tuple[int, str, bool]]) -> None:
    """Split a block's lines into consequence, question, choices and debrief."""
    seen_question = seen_debrief = False
    item: list = []  # the choice being read: [line, text]; a long one may wrap onto indented lines

    def flush():
        if item:
            choice = CHOICE_RE.match(item[1].strip())
            if choice:
                block.choices.append(Choice(choice.group("text").strip(), choice.group("target"), item[0]))
            else:
                block.bad_choices.append((item[0], item[1].strip()))
            item.clear()

    for n, text, in_code in inner:
        stripped = text.strip()
        if not in_code and HEADING_RE.match(stripped):
            block.headings.append(n)
        if seen_debrief:
            block.debrief.append((n, text))
            continue
        if block.kind == "ending" and not in_code and DEBRIEF_RE.match(stripped):
            seen_debrief = True
            block.debrief.append((n, text))
            continue
        if block.kind == "step" and not in_code and not seen_question and QUESTION_RE.match(stripped):
            seen_question = True
            block.question = QUESTION_RE.match(stripped).group("text").strip()
            block.question_line = n
            continue
        if seen_question:
            m = None if in_code else LIST_ITEM_RE.match(text)
            if m:
                flush()
                item[:] = [n, m.group("text")]
            elif item and stripped and text[:1].isspace() and not in_code:
                item[1] += " " + stripped
            else:
                flush()
                if stripped:
                    block.other.append((n, text))
            continue
        block.consequence.append((n, text))
    flush()
    # blank lines around the consequence are not part of it
    while block.consequence and not block.consequence[0][1].strip():
        block.consequence.pop(0)
    while block.consequence and not block.consequence[-1][1].strip():
        block.consequence.pop()


def problems(case: Case) -> list[Problem]:
    """What is wrong with the case's paths, each at the line a trainer edits."""
    from .checks.common import suggest

    p = case.path
    out = list(case.parse_problems)
    if not case.blocks:
        return out + [Problem(p, case.first_line, "the case has no steps",
                              'after the situation, add <div class="case-step" id="start" markdown> '
                              "with a question in bold and 2 to 4 choices")]
    first: dict[str, Block] = {}
    for b in case.blocks:
        if not ID_RE.match(b.id):
            out.append(Problem(p, b.line, f'the {b.kind} id "{b.id}" is not a short kebab-case name'
                               if b.id else f"the {b.kind} has no id",
                               'write id="..." with lowercase letters, digits and hyphens, e.g. id="preserve"'))
            continue
        if b.id in first:
            out.append(Problem(p, b.line, f'the id "{b.id}" is used twice (also on line {first[b.id].line})',
                               "give each step and ending its own id, and change the links that lead to it"))
            continue
        first[b.id] = b
        if not b.has_markdown:
            out.append(Problem(p, b.line, f'the {b.kind} "{b.id}" lacks the word markdown, so its text shows unformatted',
                               f'end the line with markdown: <div class="{"case-step" if b.kind == "step" else "case-ending " + (b.rating or "best")}" id="{b.id}" markdown>'))
        for n in b.headings:
            out.append(Problem(p, n, f'a heading inside the {b.kind} "{b.id}" would show in the table of contents and give the case away',
                               "write it as a bold sentence instead of a heading"))
    by_id = first
    if START not in by_id or by_id[START].kind != "step":
        out.append(Problem(p, case.blocks[0].line, 'the case has no first step with id "start"',
                           'give the first step id="start"; every path begins there'))
    if not any(b.kind == "ending" and b.rating == "best" for b in by_id.values()):
        where = next((b.line for b in case.blocks if b.kind == "ending"), case.blocks[-1].line)
        out.append(Problem(p, where, "the case has no best ending",
                           'mark the ending of the best path with best: <div class="case-ending best" id="..." markdown>'))
    leads_to: dict[str, list[Choice]] = {}
    for b in by_id.values():
        if b.kind == "step":
            if not b.question:
                out.append(Problem(p, b.line, f'the step "{b.id}" asks no question',
                                   "write the decision in bold on a line of its own before the choices, "
                                   "e.g. **What do you do first?**"))
            for n, text in b.bad_choices:
                out.append(Problem(p, n, f'a choice of the step "{b.id}" is not a single link to a step',
                                   "write each choice as - [what the trainee does](#id-of-the-next-step), "
                                   "with nothing else in the line"))
            count = len(b.choices) + len(b.bad_choices)
            if b.question and not (MIN_CHOICES <= count <= MAX_CHOICES):
                word = "choice" if count == 1 else "choices"
                out.append(Problem(p, b.question_line or b.line, f'the step "{b.id}" has {count} {word}',
                                   f"give each step {MIN_CHOICES} to {MAX_CHOICES} choices, each a line "
                                   "- [what the trainee does](#id-of-the-next-step)"))
            for c in b.choices:
                if c.target not in by_id:
                    out.append(Problem(p, c.line, f'a choice leads to "#{c.target}", which is no step or ending of this case',
                                       suggest(c.target, by_id) + "link to the id of a step or ending on this page"))
                else:
                    leads_to.setdefault(c.target, []).append(c)
        elif b.kind == "ending" and b.rating is not None:
            if not b.debrief:
                out.append(Problem(p, b.line, f'the ending "{b.id}" has no debrief',
                                   "add a paragraph starting with **Debrief.** that names the rule and links "
                                   "the module section that teaches it"))
            elif not LINK_TO_MODULE_RE.search(b.debrief_text):
                out.append(Problem(p, b.debrief[0][0], f'the debrief of "{b.id}" links no module section',
                                   "link the section that teaches the rule, e.g. [Preserving data](../modules/cybercrime.md#preserving-data)"))
    for bid, choices in leads_to.items():
        b = by_id[bid]
        if bid != START and not b.consequence_text:
            out.append(Problem(p, b.line, f'the {b.kind} "{bid}" has no consequence: nothing says what followed '
                               f"the choice on line {choices[0].line}",
                               "start it with a paragraph in plain words saying what happened after that choice"))
    broken = any(c.target not in by_id for b in by_id.values() for c in b.choices) or any(
        b.bad_choices for b in by_id.values())
    if START in by_id and not broken:  # (a broken choice is reported above; it may be the cause)
        reached = _reach(by_id, START)
        for b in by_id.values():
            if b.id not in reached:
                out.append(Problem(p, b.line, f'no path from "start" reaches the {b.kind} "{b.id}"',
                                   "add a choice that leads to it, or remove it"))
        can_end = {b.id for b in by_id.values() if b.kind == "ending"}
        changed = True
        while changed:
            changed = False
            for b in by_id.values():
                if b.id not in can_end and any(c.target in can_end for c in b.choices):
                    can_end.add(b.id)
                    changed = True
        trapped = [b for b in by_id.values() if b.id in reached and b.id not in can_end and b.choices]
        if trapped:
            names = " and ".join(", ".join(f'"{b.id}"' for b in trapped).rsplit(", ", 1))
            steps = "step" if len(trapped) == 1 else "steps"
            out.append(Problem(p, trapped[0].line, f"a path never ends: no choice of the {steps} {names} "
                               "leads on to an ending, so the trainee can never finish",
                               f"give one of these {steps} a choice that leads to an ending, or to a step that does"))
    return out


def _reach(by_id: dict[str, Block], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for c in by_id[todo.pop()].choices:
            if c.target in by_id and c.target not in seen:
                seen.add(c.target)
                todo.append(c.target)
    return seen


def is_case(doc_path: str, meta: dict | None) -> bool:
    """Whether the page at doc_path (relative to docs/) is a case exercise."""
    meta = meta or {}
    if "kind" in meta:
        return meta.get("kind") == "case"
    return doc_path.startswith("cases/")
