"""`make serve` starts even when the course has a mistake, shows the message
in the browser page (file, line, fix) until it is mended, then reloads into
the course: a real `mkdocs serve --strict` and Debian's Chromium."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from course_fixture import make_course

PY = sys.executable
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _port(pid: int, tries: int = 240) -> int:
    """The port `mkdocs serve --dev-addr 127.0.0.1:0` was given."""
    for _ in range(tries):
        out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
        m = re.search(r"127\.0\.0\.1:(\d+)\s.*pid=%d," % pid, out)
        if m:
            return int(m.group(1))
        time.sleep(0.5)
    raise AssertionError("mkdocs serve did not start")


def test_serve_shows_the_mistake_in_the_page_then_the_mended_course(tmp_path, browser):
    course = make_course(tmp_path / "course", mistake="box-title-unquoted")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", NO_COLOR="1")
    server = subprocess.Popen([str(Path(PY).parent / "mkdocs"), "serve", "--strict", "--dev-addr", "127.0.0.1:0"],
                              cwd=course, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{_port(server.pid)}/training/cooperation/modules/second/"
        # the session's browser (conftest): a second Playwright in the same run would fail
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(url)
            page.get_by_text("The course has 1 mistake to fix").wait_for(timeout=60000)
            item = page.locator("li").first.inner_text()
            assert "docs/modules/second.md, line 20" in item
            assert 'the box title "Before you send" is not in quotes' in item
            assert 'How to fix it: put it in double quotes: !!! note "Before you send"' in item
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "preview-mistake-1280.png"))
            page.set_viewport_size({"width": 360, "height": 740})
            page.screenshot(path=str(ARTIFACTS / "preview-mistake-360.png"))
            src = course / "docs" / "modules" / "second.md"
            src.write_text(src.read_text(encoding="utf-8").replace("!!! note Before you send",
                                                                   '!!! note "Before you send"'), encoding="utf-8")
            # the page reloads by itself into the mended module
            page.locator("p.admonition-title", has_text="Before you send").wait_for(timeout=90000)
            assert "mistake" not in page.title()
        finally:
            context.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
