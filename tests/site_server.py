"""Build the real course once and serve it from a real HTTP server on loopback."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_site(dest: Path, root: Path = REPO, today: str | None = None,
               env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", COURSE_TODAY=today or os.environ["COURSE_TODAY"], **(env or {}))
    return subprocess.run([MKDOCS, "build", "--strict", "--site-dir", str(dest)], cwd=root,
                          capture_output=True, text=True, timeout=300, env=env)


# The course's language editions (scripts/courselib/editions.py), built in this order:
# English first (it cleans the site folder), then each edition into <site>/<lang>/.
EDITIONS = ("en", "sq", "sr-Latn")


def build_editions(dest: Path, root: Path = REPO, env: dict | None = None,
                   translated_root: Path | None = None) -> list[subprocess.CompletedProcess]:
    """Every edition into `dest` (English) and `dest`/<lang>/: one strict build each, as
    `make build` does. `translated_root`: the course the other editions are built from."""
    results, env = [], dict(env or {})
    for lang in EDITIONS:
        results.append(build_site(dest, root if lang == "en" else (translated_root or root),
                                  env=dict(env, COURSE_LANG=lang)))
        if results[-1].returncode != 0:
            break
        if lang == "en":  # one release stamp for every edition of the build
            stamp = __import__("json").loads((dest / "release.json").read_text(encoding="utf-8"))
            env.update(COURSE_BUILT=stamp["built"], COURSE_RELEASE_COMMIT=stamp["commit"])
    return results


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
