"""Hook: fill in the sections the course generates from its own sources.

A page asks for one with a line `<!-- generate: NAME -->` (timetable,
objectives-map, answer-keys, register); see scripts/courselib/generate.py.
Runs after the quizzes are embedded and before instrument names are
rendered, so generated text may name instruments.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import generate, model  # noqa: E402
from courselib.markdown_text import GENERATE_RE, code_lines  # noqa: E402

_root = None


def on_pre_build(config):
    global _root
    _root = Path(config.config_file_path).resolve().parent


@event_priority(45)
def on_page_markdown(markdown, page, config, files):
    if "generate" not in markdown:
        return markdown
    lines = markdown.split("\n")
    code = code_lines(lines)
    if not any(GENERATE_RE.match(l) and not c for l, c in zip(lines, code)):
        return markdown
    loaded = model.current(_root).course()
    out = []
    for line, in_code in zip(lines, code):
        m = None if in_code else GENERATE_RE.match(line)
        if not m:
            out.append(line)
            continue
        make = generate.GENERATORS.get(m.group("name"))
        if make is None:  # the checker reports this first, with the line
            raise PluginError(f'{page.file.src_uri}: unknown generated section "{m.group("name")}"')
        out.append(make(loaded))
    return "\n".join(out)
