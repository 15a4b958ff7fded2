"""Hook: give each question a stable name, and tell the pages which
questions each module has, for the trainee's progress (see
overrides/partials/course.js and docs/progress.md).

mkdocs-quiz numbers the questions of a page quiz-0, quiz-1, ... and saves a
trainee's last answer under that number. Insert a question and every later
answer would be restored onto the wrong question. This hook, run after
mkdocs-quiz, renames each question with its course-wide name (q-1a2b3c4d),
made by courselib/question_ids.py from the English source of the question:
editing one question forgets only that question's answer, and a translated
question keeps the name of its English question.

It also keeps the questions, their options and feedback and the quiz
plugin's interface out of the search index (a trainee searching "Red
Notice" wants the lesson, not the answers), puts the course's own
"Self-check progress" box in place of the plugin's (its counters mean what
they say: answered of all, right at the first try, right at any try; see
course.js), and removes the quiz script and style from pages without a
question.

Before any page is drawn, the list of questions of every page is given to
the templates as `course_questions` (JSON), keyed by the page's address
relative to the site root, so saved progress survives a move of the site.
"""

import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import interface, question_ids  # noqa: E402

QUIZ_RE = re.compile(r'<div class="quiz"(?P<attrs>[^>]*?) id="quiz-(?P<n>\d+)">')
APPENDED = '<div id="quiz-progress-sidebar"'
# The quiz plugin's interface text stays out of search results.
# (Material's search skips an element marked data-search-exclude, but only
# if no element of the same tag is nested in it: the progress box is cut
# out of the content instead, and put back at the end of the article.)
# A fieldset holds no other fieldset, and a question no other div: both can be marked.
NOT_SEARCHED = (
    ('<button type="submit" class="quiz-button">', '<button type="submit" class="quiz-button" data-search-exclude>'),
    ('class="quiz-header-link">', 'class="quiz-header-link" data-search-exclude>'),
    ('<fieldset ', '<fieldset data-search-exclude '),
    ('<div class="quiz-question" ', '<div data-search-exclude class="quiz-question" '),
)
# The course's box, under the ids the quiz script shows and places (in the
# table of contents on a PC, at the end of the page on a phone). course.js
# fills in the figures from the course's own record, so the box and the
# "My progress" page always agree.
# (Its words: data/interface/<lang>.yml, courselib/interface.py.)
COUNT = '<strong data-course-count="{name}">0</strong>'


def box(ui, n: int) -> str:
    rows = "".join(
        f'<li class="md-nav__item"><span class="course-count">'
        f'{ui.t(key, count=COUNT.format(name=name), total=n)}</span></li>'
        for key, name in (("progress.answered", "answered"), ("progress.first", "first"), ("progress.any", "right")))
    rows += (f'<li class="md-nav__item"><button type="button" class="course-clear-page">'
             f'{ui.t("progress.clear_page")}</button></li>')
    title = ui.t("progress.box_title")
    return ('<div id="quiz-progress-sidebar" class="course-box" hidden>'
            f'<h2 class="md-nav__title course-box__title">{title}</h2>'
            f'<ul class="md-nav__list">{rows}</ul></div>'
            '<section id="quiz-progress-mobile" class="course-box course-box--mobile" aria-labelledby="course-box-mobile">'
            f'<h2 id="course-box-mobile" class="course-box__title">{title}</h2>'
            f'<ul>{rows}</ul></section>')
BOX_END_RE = re.compile(r"<style|<script")

_questions: dict[str, list[str]] = {}
_boxes: dict[str, str] = {}


_root = None


def rename_questions(html: str, names: list[str]) -> tuple[str, list[str]]:
    """Give the page's questions, in order, the names courselib made for them."""
    starts = list(QUIZ_RE.finditer(html))
    if not starts:
        return html, []
    if len(starts) != len(names):
        raise ValueError(f"the page shows {len(starts)} questions, its quiz files hold {len(names)}")
    out = [html[: starts[0].start()]]
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(html)
        out.append(re.sub(rf'(?<=["#])quiz-{m.group("n")}(?=["-])', names[i], html[m.start():end]))
    return "".join(out), list(names)


def on_pre_build(config):
    global _root
    _root = Path(config.config_file_path).resolve().parent
    _questions.clear()
    _boxes.clear()


@event_priority(-50)  # after mkdocs-quiz has drawn the questions
def on_page_content(html, page, config, files):
    try:
        html, ids = rename_questions(html, question_ids.page_ids(_root, page.file.content_string))
    except ValueError as exc:  # only a quiz written outside quizzes/, which the checker refuses first
        raise PluginError(f"{page.file.src_uri}: {exc}; write questions only in quizzes/<slug>.md") from None
    if not ids and page.meta.get("case_exercise"):  # a case is one item (partials/case.js)
        _questions[page.url] = ["case"]
    cut = html.find(APPENDED)
    if not ids:  # no question: drop all the quiz plugin appended
        return html[:cut] if cut != -1 else html
    _questions[page.url] = ids
    if cut != -1:
        end = BOX_END_RE.search(html, cut)
        end = end.start() if end else len(html)
        _boxes[page.url], html = box(interface.current(_root), len(ids)), html[:cut] + html[end:]
    for old, new in NOT_SEARCHED:
        html = html.replace(old, new)
    return html


@event_priority(-100)  # after Material's search plugin has read the page
def on_page_context(context, page, config, nav):
    # The marks were for the search index only (Material strips only those with a value).
    page.content = page.content.replace(" data-search-exclude", "")
    return context


def on_post_page(output, page, config):
    box = _boxes.pop(page.url, None)
    if box:
        at = output.rfind("</article>")
        output = output[:at] + box + output[at:] if at != -1 else output
    return output


def on_env(env, config, files):
    env.globals["course_questions"] = json.dumps(dict(sorted(_questions.items())), separators=(",", ":"))
    env.globals["course_question_pages"] = frozenset(_questions)
    return env
