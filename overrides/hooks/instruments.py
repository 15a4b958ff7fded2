"""Hook: render {{ instrument: ID }} from the register (data/instruments.yml).

Each mention shows the instrument's name, date and status, so when an
instrument is superseded, one entry in the register changes every page.
Runs after the quizzes are embedded (so questions can name instruments too)
and before mkdocs-quiz. Mentions in code are shown, not rendered.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import model, register  # noqa: E402
from courselib.markdown_text import INLINE_CODE_RE, INSTRUMENT_RE, code_lines  # noqa: E402

_register = {}


def on_pre_build(config):
    global _register
    _register = model.current(Path(config.config_file_path).resolve().parent).register


def _render(m, page):
    inst = _register.get(m.group("id"))
    if inst is None:  # the checker reports this first, with the line
        raise PluginError(f'{page.file.src_uri}: unknown instrument "{m.group("id")}"; '
                          "use an id from data/instruments.yml")
    return register.render(inst, _register, m.group("form") or "full")


def _render_line(line, page):
    parts, last = [], 0
    for code in INLINE_CODE_RE.finditer(line):
        parts.append(INSTRUMENT_RE.sub(lambda m: _render(m, page), line[last:code.start()]))
        parts.append(code.group(0))
        last = code.end()
    parts.append(INSTRUMENT_RE.sub(lambda m: _render(m, page), line[last:]))
    return "".join(parts)


@event_priority(40)
def on_page_markdown(markdown, page, config, files):
    if "{{" not in markdown:
        return markdown
    lines = markdown.split("\n")
    code = code_lines(lines)
    return "\n".join(line if in_code else _render_line(line, page) for line, in_code in zip(lines, code))
