"""Hook: the two safety nets on every rendered page (courselib/checks/rendered.py).

Nothing lost (every word of the page's Markdown reaches the page) and no
syntax shown as text (!!!, ===, |---|, [^1], {{ }}, ...), each reported at
its Markdown line. Runs after mkdocs-quiz and the other hooks have drawn
the page, so it sees what trainees get.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import editions, model, preview  # noqa: E402
from courselib.checks.rendered import check_page, snippet_folder  # noqa: E402


@event_priority(-90)
def on_page_content(html, page, config, files):
    root = Path(config.config_file_path).resolve().parent
    if model.already_checked(root):
        return html  # `make check` renders the page and runs the nets itself
    course = model.current(root)
    lang = page.meta.get("content_lang") or editions.SOURCE  # a translated page: its translation's lines
    src = course.page_in(page.file.src_uri, lang)
    if src is None or src.fm is None:
        return html  # a page the course does not hold as Markdown, or checked already
    problems = check_page(src.path, src.lines, src.fm.body_start, course.quiz_files_in(lang), html, snippet_folder(course))
    if problems and preview.serving:
        preview.report(problems)  # `make serve` shows them in the browser (hooks/preview.py)
    elif problems:
        raise PluginError("\n".join(str(p) for p in problems))
    return html
