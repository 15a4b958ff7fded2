"""The "Module: X." pointers at the end of quiz feedback, made into links.

Feedback in the course assessment ends with the module to read again
("Module: Europol."). Written as plain text in the quiz file (so it reads
cleanly in Markdown and in a Moodle export), it becomes a link in the built
page, with the class `course-module-link` that the results screen reads
(overrides/partials/course.js). Only the text of answer feedback is touched;
a pointer that names no module title stays plain text.
"""

from __future__ import annotations

import posixpath
import re

TAG_RE = re.compile(r"<[^>]+>")
FEEDBACK_RE = re.compile(r'(<div class="answer-feedback[^"]*">)(.*?)(</div>)', re.S)


def _pattern(titles: dict[str, str]) -> re.Pattern | None:
    if not titles:
        return None
    names = sorted(titles, key=len, reverse=True)  # the longest title first
    # A word of a title may carry an abbreviation's markup: <abbr title="...">EU</abbr>
    word = r"(?:<abbr[^>]*>)?{}(?:</abbr>)?"
    alts = "|".join(r"\s+".join(word.format(re.escape(w)) for w in t.split()) for t in names)
    return re.compile(rf"(Module:\s+)({alts})(?=[.;,)]|\s*$)")


def link_pointers(html: str, titles: dict[str, str], here: str) -> str:
    """Make each "Module: <title>" in answer feedback a link to that module.

    `titles` maps a module's title to its address ("modules/europol/");
    `here` is the address of the page being built."""
    pattern = _pattern(titles)
    if pattern is None or "Module:" not in html:
        return html
    norm = {" ".join(t.split()): url for t, url in titles.items()}

    def one(m):
        title = " ".join(TAG_RE.sub("", m.group(2)).split())
        href = posixpath.relpath(norm[title], here.rstrip("/") or ".") + "/"
        return f'{m.group(1)}<a class="course-module-link" href="{href}">{m.group(2)}</a>'

    return FEEDBACK_RE.sub(lambda f: f.group(1) + pattern.sub(one, f.group(2)) + f.group(3), html)
