"""Render pages as the build does, without building the site.

`make check` runs the safety nets (checks/rendered.py) on the HTML of each
page. It gets that HTML from MkDocs itself: the configuration in mkdocs.yml,
every plugin and hook's page events (quizzes embedded, instruments named,
mkdocs-quiz, ...) and the same Markdown extensions, but no theme, no
search index and no files written. Only the pages asked for are rendered.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from . import model as model_mod


class RenderError(str):
    """The message of an error raised while rendering a page."""


def render(model: model_mod.CourseModel, doc_paths: list[str]) -> dict[str, str]:
    """{doc_path: the page's HTML content (the article, as the theme gets it)},
    or a RenderError with the message of what stopped it."""
    if not doc_paths:
        return {}
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    from mkdocs.commands.build import _populate_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # the checker words every problem itself
    model_mod.set_current(model, checked=True)  # the check_content hook need not check again
    try:
        config = load_config(str(model.root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        files = config.plugins.on_files(files, config=config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        out = {}
        for doc_path in doc_paths:
            file = files.get_file_from_path(doc_path)
            if file is None or file.page is None:
                continue
            try:
                _populate_page(file.page, config, files)
                out[doc_path] = file.page.content or ""
            except Exception as exc:  # a hook's or a plugin's error: the trainer gets one line
                out[doc_path] = RenderError(str(exc))
        return out
    finally:
        model_mod.set_current(model, checked=False)
        quiet.setLevel(level)
