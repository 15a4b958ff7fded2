"""The one rule that names a question: `q-` and eight hex digits.

Everything that remembers an answer keys it by this name: the trainee's
progress in the browser (overrides/hooks/progress.py writes the names into
the page), and the SCORM package's `cmi.suspend_data` (scripts/scorm.py).

- The name comes from the **English source** of the question in
  `quizzes/<slug>.md`: its text and its options, in order, with runs of
  white space made one. Editing one question forgets only that question;
  inserting a question moves no other answer.
- It is made from the Markdown a trainer writes, not from the page as
  drawn: an instrument's name (`{{ instrument: x }}`) or a theme change does
  not rename a question.
- **One name per question across languages.** A translated quiz file holds
  the same questions in the same order as its English file; its questions
  take the names of the English questions at the same places
  (`ids_for(english_questions)`), never names of their own text. A trainee
  who answers in Albanian and then in English answers one question.
- The same question twice on one page gets `-2`, `-3` after its name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import quizzes
from .markdown_text import QUIZ_MARKER_RE, code_lines


def _words(text: str) -> str:
    return " ".join((text or "").split())


def question_id(question: quizzes.Question) -> str:
    """The name of one (English) question: its text and its options, in order."""
    parts = [_words(question.text)] + [_words(o.text) for o in question.options]
    return "q-" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:8]


def ids_for(questions: list[quizzes.Question]) -> list[str]:
    """The names of the questions of one page, in order; a repeat gets -2, -3."""
    ids: list[str] = []
    for q in questions:
        name = question_id(q)
        ids.append(f"{name}-{ids.count(name) + 1}" if name in ids else name)
    return ids


def quiz_slugs(markdown: str) -> list[str]:
    """The quiz files a page embeds (`<!-- quiz: SLUG -->`), in order, outside code."""
    lines = markdown.splitlines()
    return [m.group("slug") for line, code in zip(lines, code_lines(lines)) if not code
            for m in QUIZ_MARKER_RE.finditer(line)]


def english_questions(root: Path, slug: str) -> list[quizzes.Question]:
    """The questions of quizzes/<slug>.md, the source every language names its questions from."""
    f = Path(root) / "quizzes" / f"{slug}.md"
    if not f.is_file():
        return []
    questions, _ = quizzes.parse(f"quizzes/{slug}.md", f.read_text(encoding="utf-8"))
    return questions


def page_ids(root: Path, markdown: str) -> list[str]:
    """The names of every question a page embeds, in the order the page shows them."""
    questions = [q for slug in quiz_slugs(markdown) for q in english_questions(root, slug)]
    return ids_for(questions)
