"""Hook: run the course's content rules before MkDocs or mkdocs-quiz read a page.

MkDocs silently drops front matter that is not valid YAML and mkdocs-quiz
raises a bare exception with an HTML line; the checker reports the same
mistakes first, as `path:line: what; fix`, with the Markdown line.

It reads the course once (courselib/model.py) and keeps that model for the
build, so the other hooks and the generators never read it again.
"""

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import model, preview  # noqa: E402
from courselib.rules import check_course  # noqa: E402

log = logging.getLogger("mkdocs.hooks.check_content")


def on_pre_build(config):
    root = Path(config.config_file_path).resolve().parent
    if model.already_checked(root):  # `make check` renders pages to check them
        return
    try:
        course = model.load(root)
        model.set_current(course)
        problems = check_course(course)
    except Exception as exc:  # never show a trainer a traceback
        raise PluginError(f"mkdocs.yml:1: the content checker stopped unexpectedly "
                          f"({type(exc).__name__}: {exc}); report this to the course maintainers") from None
    for p in problems:
        if p.warning:
            log.info(str(p))  # reported, never fails a strict build
    errors = [str(p) for p in problems if not p.warning]
    if errors and preview.serving:
        preview.report(errors)  # `make serve` shows them in the browser (hooks/preview.py)
        print("\n".join(errors), file=sys.stderr)  # a logged error would stop a strict serve
    elif errors:
        raise PluginError("\n".join(errors))
