"""Hook: the "Module: X." pointers in quiz feedback become links to the
module (scripts/courselib/pointers.py), so a trainee who missed a question
in the course assessment reaches the module to read again in one tap, and
the results screen can list those modules."""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import model, pointers  # noqa: E402

_titles: dict[str, str] = {}


def on_pre_build(config):
    _titles.clear()
    course = model.current(Path(config.config_file_path).resolve().parent).course()
    for m in course.modules:
        if m.kind != "assessment":
            _titles[m.title] = m.doc_path[: -len(".md")] + "/"


@event_priority(-40)  # after mkdocs-quiz has drawn the feedback
def on_page_content(html, page, config, files):
    if "Module:" not in html:
        return html
    return pointers.link_pointers(html, _titles, page.url)
