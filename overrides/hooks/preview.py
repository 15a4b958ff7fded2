"""Hook: under `make serve`, show the course's mistakes in the browser page.

MkDocs stops `serve` when the first build fails, and after a failed rebuild
the browser keeps the old page ("stuck") with the message only in the
terminal. Under `serve`, the check_content and safety_nets hooks report
their lines to courselib/preview.py instead of stopping the build; this
hook then builds no pages and writes one page listing the mistakes (file,
line, what, fix) in place of every page, which reloads itself when a
rebuild mends them. Any other error of a rebuild is shown the same way
(the serve builder is wrapped in on_serve). `mkdocs build` is unchanged.
"""

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import preview  # noqa: E402


def on_startup(command, dirty):
    preview.start(command)


@event_priority(100)  # before the check
def on_pre_build(config):
    preview.problems.clear()


@event_priority(-100)
def on_files(files, config):
    if preview.serving and preview.problems:
        config["nav"] = None  # no page is built: nothing else can fail on broken content
        return Files([])
    return files


@event_priority(-300)
def on_post_build(config):
    if preview.serving and preview.problems:
        preview.write(config.site_dir, preview.problems)


def on_serve(server, config, builder):
    build = server.builder
    site_dir = config.site_dir

    def build_or_show_the_error(config=None):
        try:
            build(config)
        except BaseException as exc:  # any error of a rebuild: show it, keep serving
            if isinstance(exc, KeyboardInterrupt):
                raise
            lines = str(exc).splitlines() or [f"the build stopped ({type(exc).__name__})"]
            preview.write(site_dir, lines)

    server.builder = build_or_show_the_error
    return server
