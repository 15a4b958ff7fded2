"""Quiz files (quizzes/<slug>.md): read them exactly as mkdocs-quiz will (its
own parser, mkdocs_quiz.plugin and mkdocs_quiz.parsing), and say what would
break, with the trainer's line.

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

import logging
import re
import textwrap
from dataclasses import dataclass, field

from mkdocs_quiz.parsing import CHECKBOX_REGEX, FEEDBACK_REGEX, collect_feedback

from .markdown_text import OBJECTIVE_RE, code_lines
from .problems import Problem

# A line a trainer means as an option, whether or not mkdocs-quiz reads it
# as one (it reads only CHECKBOX_REGEX: "-" or "*", one space, a box, one space).
NEAR_OPTION_RE = re.compile(
    r"^(?P<indent>\s*)(?P<bullet>[-*+\u2010-\u2015\u2022\u2212])?(?P<gap>\s*)"
    r"\[(?P<mark>[^\]]{0,2})\](?P<after>.*)$")
VALID_MARKS = ("x", "X", " ", "")
WORD_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2022\u2212"
ABOVE_RE = re.compile(r"\b(all|none|both|neither) of the (above|previous|others)\b|\ball the above\b", re.I)
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


class _Reader:
    """mkdocs-quiz's plugin object, used only for its parsing method
    (which reads no settings)."""


def _plugin_parse(quiz_lines: list[str]):
    """mkdocs-quiz's own reading of a question: (question, answers, correct,
    feedbacks, content_start). Its log warnings are silenced: the checker
    words them for the trainer."""
    from mkdocs_quiz.plugin import MkDocsQuizPlugin

    log = logging.getLogger("mkdocs.plugins.mkdocs_quiz")
    was = log.disabled
    log.disabled = True
    try:
        return MkDocsQuizPlugin._parse_quiz_question_and_answers(_Reader(), quiz_lines)
    finally:
        log.disabled = was


def _blank_or_feedback(line: str | None) -> bool:
    return line is None or not line.strip() or bool(FEEDBACK_REGEX.match(line))


def not_an_option(line: str, next_line: str | None) -> tuple[str, str] | None:
    """(what, fix) when `line` looks like an option to a person but
    mkdocs-quiz would not read it as one; None otherwise."""
    if CHECKBOX_REGEX.match(line):
        return None
    m = NEAR_OPTION_RE.match(line)
    if not m:
        return None
    indent, bullet, gap = m.group("indent"), m.group("bullet") or "", m.group("gap")
    mark, after = m.group("mark"), m.group("after")
    if not bullet and (mark not in VALID_MARKS or indent):
        return None  # [a] or a link at the start of a line, not an option
    like = '"- [x] right answer" or "- [ ] wrong answer"'
    if bullet and bullet in WORD_DASHES:
        return (f'this option starts with "{bullet}" (a dash a word processor makes), not a hyphen, '
                "so mkdocs-quiz does not read it as an option",
                f'type a plain hyphen "-" instead: {like}')
    if "\t" in indent + gap or after.startswith("\t"):
        return ("this option has a tab in it, so mkdocs-quiz does not read it as an option",
                f"use single spaces, no tab: {like}")
    if indent:
        return ("this option is indented, so mkdocs-quiz does not read it as an option",
                "start it at the beginning of the line, like the other options")
    if not bullet:
        return ('this option has no "-" before its box, so mkdocs-quiz does not read it as an option',
                f"write it as {like}")
    if bullet == "+":
        return ('this option starts with "+", so mkdocs-quiz does not read it as an option',
                f'start it with "-": {like}')
    if gap != " ":
        what = "no space" if not gap else "more than one space"
        return (f'this option has {what} between "{bullet}" and its box, '
                "so mkdocs-quiz does not read it as an option",
                f'put exactly one space after "{bullet}": {like}')
    if mark not in VALID_MARKS:
        return (f'option box "[{mark}]" is not understood',
                'write "[x]" for a right option and "[ ]" for a wrong one')
    if not after.strip():
        return _no_text(next_line)
    return ('this option has no space after its box, so mkdocs-quiz does not read it as an option',
            f'put one space after "]": {like}')


def _no_text(next_line: str | None) -> tuple[str, str]:
    if not _blank_or_feedback(next_line):
        return ("the option's text is on the next line",
                'put the text on the same line as its box: "- [x] right answer"')
    return ("this option has no text", 'write the answer after the box: "- [x] right answer"')


def _parse_block(path: str, lines: list[str], first: int, end: int, q: Question) -> list[Problem]:
    """Read lines[first:end] (between <quiz> and </quiz>) into q, exactly as
    mkdocs-quiz reads them, and say what a trainer must fix."""
    body = lines[first:end]
    qline = q.line
    if any(FILL_BLANK_RE.search(b) for b in body):
        return [Problem(path, qline, "this quiz uses fill-in-the-blank [[...]]",
                        "this course uses choice questions only: write options as \"- [x]\" and \"- [ ]\" lines with feedback")]
    # mkdocs-quiz dedents the block and drops blank lines at both ends
    ql = textwrap.dedent("\n".join(body)).split("\n")
    lead = 0
    while lead < len(ql) and ql[lead] == "":
        lead += 1
    trail = len(ql)
    while trail > lead and ql[trail - 1] == "":
        trail -= 1
    ql = ql[lead:trail]

    def at(k: int) -> int:  # the file's line of ql[k]
        return first + lead + k + 1

    def nxt(k: int) -> str | None:
        return ql[k + 1] if k + 1 < len(ql) else None

    # option boxes mkdocs-quiz refuses with an exception
    bad = [Problem(path, at(k), f'option box "[{m.group(1)}]" is not understood',
                   'write "[x]" for a right option and "[ ]" for a wrong one')
           for k, line in enumerate(ql) if (m := CHECKBOX_REGEX.match(line)) and m.group(1) not in VALID_MARKS]
    if bad:
        return bad
    try:
        question, answers, _correct, feedbacks, content_start = _plugin_parse(ql)
    except ValueError:  # feedback after a blank line, with options after it
        for k in range(1, len(ql)):
            if FEEDBACK_REGEX.match(ql[k]) and not ql[k - 1].strip() and any(
                    CHECKBOX_REGEX.match(x) for x in ql[k + 1:]):
                return [Problem(path, at(k), "feedback is separated from its option by a blank line",
                                "remove the blank line so the \"> \" feedback follows its option directly")]
        raise
    q.text = question.strip()
    first_answer = next((k for k, x in enumerate(ql) if CHECKBOX_REGEX.match(x)), len(ql))
    answer_at = [k for k in range(first_answer, content_start) if CHECKBOX_REGEX.match(ql[k])]
    for k, feedback in zip(answer_at, feedbacks):
        m = CHECKBOX_REGEX.match(ql[k])
        q.options.append(Option(line=at(k), text=m.group(2).strip(), correct=m.group(1) in ("x", "X"),
                                feedback=(feedback or "").strip()))
    q.explanation = "\n".join(ql[content_start:]).strip()

    # lines meant as options that mkdocs-quiz reads as text: one message each
    problems: list[Problem] = []
    for k, line in enumerate(ql):
        if k in answer_at:
            continue
        found = not_an_option(line, nxt(k))
        if found:
            problems.append(Problem(path, at(k), *found))
    brk = next((k for k in range(content_start, len(ql)) if ql[k].strip()), None)
    later_options = [k for k in range(content_start, len(ql)) if CHECKBOX_REGEX.match(ql[k])]
    no_arrow = None
    if (brk is not None and brk == content_start and answer_at and not problems
            and not FEEDBACK_REGEX.match(ql[brk])
            and (ql[brk][:1].isspace() or later_options)):
        no_arrow = brk
        problems.append(Problem(path, at(brk), 'this feedback line does not start with ">", '
                                "so mkdocs-quiz shows it as text after the question, not as feedback",
                                'write it as "  > why the answer is right or wrong", directly under its option'))
    if brk is not None and FEEDBACK_REGEX.match(ql[brk]) and brk > content_start and not later_options:
        no_arrow = content_start  # the last option's feedback is this one
        problems.append(Problem(path, at(brk), "feedback is separated from its option by a blank line",
                                "remove the blank line so the \"> \" feedback follows its option directly"))
    if later_options and not problems:
        problems.append(Problem(path, at(later_options[0]),
                                "this option comes after text that ends the list of options",
                                "keep all options together, directly after the question"))
    for opt, k in zip(q.options, answer_at):
        if not opt.text:
            problems.append(Problem(path, opt.line, *_no_text(nxt(k))))
        elif not opt.feedback and not (no_arrow == content_start and k == answer_at[-1]):
            problems.append(Problem(path, opt.line, "this option has no feedback",
                                    'add a line "  > ..." under it saying why it is right or wrong'))
    if problems:
        return problems  # what follows would only repeat the same mistake
    if not q.text:
        problems.append(Problem(path, qline, "the quiz has no question",
                                "write the question on the line after <quiz>, before the options"))
    if not q.options:
        if q.text:
            problems.append(Problem(path, qline, "the quiz has no options",
                                    'add options as "- [x] right answer" and "- [ ] wrong answer" lines'))
        return problems
    if not any(o.correct for o in q.options):
        problems.append(Problem(path, qline, "the quiz has no correct answer",
                                'mark the right option with "[x]" instead of "[ ]"'))
    elif len(q.options) < 2:
        problems.append(Problem(path, qline, "the quiz has only one option",
                                "give at least one plausible wrong option, with feedback"))
    elif all(o.correct for o in q.options):
        problems.append(Problem(path, qline, "every option is marked right, so the question tests nothing",
                                'add a plausible wrong option, marked "[ ]", with feedback'))
    seen: dict[str, Option] = {}
    for opt in q.options:
        key = " ".join(opt.text.lower().split())
        if key in seen:
            problems.append(Problem(path, opt.line, f"this option repeats line {seen[key].line} word for word "
                                    "(mkdocs-quiz would mark both the same)",
                                    "make every option of a question different"))
        seen.setdefault(key, opt)
        am = ABOVE_RE.search(opt.text)
        if am:
            problems.append(Problem(path, opt.line, f'option "{am.group(0)}" depends on the other options '
                                    "(and trainees may tick several)",
                                    "write it as a statement of its own, or mark each right option [x]"))
    return problems
