"""Hook: expand <!-- quiz: SLUG --> markers with quizzes/SLUG.md.

Runs before mkdocs-quiz (priority 50) so the plugin sees ordinary <quiz>
blocks. Markers inside fenced code are shown, not expanded. The objective
comments are removed: they are for trainers and the checker, not readers.
In a language edition (hooks/editions.py), a translated page embeds the
translated quiz file quizzes/SLUG.<lang>.md where there is one.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import editions  # noqa: E402
from courselib.markdown_text import OBJECTIVE_RE, QUIZ_MARKER_RE, code_lines  # noqa: E402


@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    root = Path(config.config_file_path).resolve().parent
    lines = markdown.split("\n")
    code = code_lines(lines)
    lang = getattr(page, "meta", {}).get("content_lang") or editions.SOURCE
    out = []
    for line, in_code in zip(lines, code):
        m = None if in_code else QUIZ_MARKER_RE.search(line)
        if not m:
            out.append(line)
            continue
        quiz_file = root / "quizzes" / f"{m.group('slug')}.md"
        if not quiz_file.is_file():  # the checker reports this first, with the line
            raise PluginError(f"{page.file.src_uri}: quizzes/{m.group('slug')}.md does not exist; "
                              "create it, or correct the name in the marker")
        if lang != editions.SOURCE:
            translated = root / "quizzes" / editions.translation_path(f"{m.group('slug')}.md", lang)
            quiz_file = translated if translated.is_file() else quiz_file
        indent = line[: len(line) - len(line.lstrip())]
        for qline in quiz_file.read_text(encoding="utf-8-sig").split("\n"):
            if not OBJECTIVE_RE.match(qline):
                out.append(indent + qline if qline else "")
    return "\n".join(out)
