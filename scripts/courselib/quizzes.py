"""Quiz files (quizzes/<slug>.md): parse them the way mkdocs-quiz will, and
say what would break, with the trainer's line.

A quiz file holds one or more questions, each preceded by the objective it
tests:

    <!-- objective: notices -->
    <quiz>
    Question text
    - [x] right option
      > why it is right
    - [ ] wrong option
      > why it is wrong
    </quiz>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markdown_text import OBJECTIVE_RE, code_lines
from .problems import Problem

OPTION_RE = re.compile(r"^\s*[-*]\s*\[(?P<mark>[^\]]?)\]\s*(?P<text>.*)$")
FEEDBACK_RE = re.compile(r"^\s*>\s?(?P<text>.*)$")
FILL_BLANK_RE = re.compile(r"\[\[[^\]]+\]\]")
OPEN = "<quiz>"
CLOSE = "</quiz>"


@dataclass
class Option:
    line: int
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class Question:
    line: int  # line of <quiz>
    objective: str | None
    objective_line: int | None
    text: str = ""
    options: list[Option] = field(default_factory=list)
    explanation: str = ""


def parse(path: str, text: str) -> tuple[list[Question], list[Problem]]:
    lines = text.splitlines()
    code = code_lines(lines)
    problems: list[Problem] = []
    questions: list[Question] = []
    i = 0
    pending_objective: tuple[str, int] | None = None
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if code[i]:
            i += 1
            continue
        m = OBJECTIVE_RE.match(line)
        if m:
            pending_objective = (m.group("ref"), i + 1)
            i += 1
            continue
        if stripped == CLOSE:
            problems.append(Problem(path, i + 1, "</quiz> closes a quiz that was never opened",
                                    "add <quiz> before the question, or delete this line"))
            i += 1
            continue
        if OPEN in stripped and stripped != OPEN:
            problems.append(Problem(path, i + 1, "<quiz> must stand alone on its line",
                                    "put <quiz> on a line of its own, the question on the next line"))
            i += 1
            continue
        if stripped != OPEN:
            if stripped:
                pending_objective = None if not stripped.startswith("<!--") else pending_objective
            i += 1
            continue
        # a quiz starts here
        start = i
        end = None
        j = i + 1
        while j < len(lines):
            s = lines[j].strip()
            if s == CLOSE:
                end = j
                break
            if s == OPEN or OBJECTIVE_RE.match(lines[j]):
                break
            j += 1
        if end is None:
            problems.append(Problem(path, start + 1, "<quiz> is never closed",
                                    "add a </quiz> line after the last option of this question"))
            i = j
            pending_objective = None
            continue
        q = Question(line=start + 1,
                     objective=pending_objective[0] if pending_objective else None,
                     objective_line=pending_objective[1] if pending_objective else None)
        pending_objective = None
        problems.extend(_parse_block(path, lines, start + 1, end, q))
        questions.append(q)
        i = end + 1
    return questions, problems


def _parse_block(path: str, lines: list[str], first: int, end: int, q: Question) -> list[Problem]:
    """Parse lines[first:end] (between <quiz> and </quiz>) into q."""
    problems: list[Problem] = []
    body = lines[first:end]
    qline = q.line
    if any(FILL_BLANK_RE.search(b) for b in body):
        return [Problem(path, qline, "this quiz uses fill-in-the-blank [[...]]",
                        "this course uses choice questions only: write options as \"- [x]\" and \"- [ ]\" lines with feedback")]
    idx = 0
    question_lines = []
    while idx < len(body) and not OPTION_RE.match(body[idx]):
        question_lines.append(body[idx])
        idx += 1
    q.text = "\n".join(question_lines).strip()
    if not q.text:
        problems.append(Problem(path, qline, "the quiz has no question",
                                "write the question on the line after <quiz>, before the options"))
    while idx < len(body):
        line = body[idx]
        lineno = first + idx + 1
        m = OPTION_RE.match(line)
        if m:
            mark = m.group("mark")
            if mark not in ("x", "X", " ", ""):
                problems.append(Problem(path, lineno, f'option box "[{mark}]" is not understood',
                                        'write "[x]" for a right option and "[ ]" for a wrong one'))
            opt = Option(line=lineno, text=m.group("text").strip(), correct=mark in ("x", "X"))
            idx += 1
            fb = []
            while idx < len(body) and FEEDBACK_RE.match(body[idx]):
                fb.append(FEEDBACK_RE.match(body[idx]).group("text"))
                idx += 1
            opt.feedback = "\n".join(fb).strip()
            q.options.append(opt)
            continue
        if not line.strip():
            # a blank line: feedback after it would be lost
            k = idx + 1
            while k < len(body) and not body[k].strip():
                k += 1
            if k < len(body) and FEEDBACK_RE.match(body[k]) and any(
                    OPTION_RE.match(b) for b in body[k:]):
                problems.append(Problem(path, first + k + 1,
                                        "feedback is separated from its option by a blank line",
                                        "remove the blank line so the \"> \" feedback follows its option directly"))
                return problems
            idx += 1
            continue
        # the explanation after the options
        q.explanation = "\n".join(body[idx:]).strip()
        later = [first + k + 1 for k in range(idx, len(body)) if OPTION_RE.match(body[k])]
        if later:
            problems.append(Problem(path, later[0], "this option comes after text that ends the list of options",
                                    "keep all options together, directly after the question"))
        break
    if q.text and not q.options:
        problems.append(Problem(path, qline, "the quiz has no options",
                                'add options as "- [x] right answer" and "- [ ] wrong answer" lines'))
    elif q.options and not any(o.correct for o in q.options) and not any(
            p.what.startswith("option box") for p in problems):
        problems.append(Problem(path, qline, "the quiz has no correct answer",
                                'mark the right option with "[x]" instead of "[ ]"'))
    for opt in q.options:
        if not opt.feedback:
            problems.append(Problem(path, opt.line, "this option has no feedback",
                                    'add a line "  > ..." under it saying why it is right or wrong'))
    if q.options and len(q.options) < 2:
        problems.append(Problem(path, qline, "the quiz has only one option",
                                "give at least one plausible wrong option, with feedback"))
    return problems
