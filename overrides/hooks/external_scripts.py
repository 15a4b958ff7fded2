"""Hook: move every inline script and the quiz style into cached files.

Material and mkdocs-quiz write scripts into each page, and mkdocs-quiz adds
some 55 KB of script and style to every page, quiz or not. This hook, run
last on each finished page, writes each inline script to
assets/inline/inline.HASH.js and the style to assets/inline/inline.HASH.css
(named by their content, so servers may cache them for good), points the
page at them, and removes the `javascript:` form action and `onsubmit`
handler of the quiz forms (the quiz script cancels submission itself).

The result: a Content-Security-Policy of `script-src 'self'` works with no
'unsafe-inline', and a second page fetches no script twice.
JSON data blocks (type="application/json") stay in the page: they do not run.
"""

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
STYLE_RE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.S | re.I)
RUNNABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
QUIZ_FORM_RE = re.compile(r'<form action="javascript:void\(0\);" onsubmit="return false;">')
OUT_DIR = "assets/inline"


def _write(site_dir: str, body: str, ext: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    rel = f"{OUT_DIR}/inline.{digest}.{ext}"
    path = Path(site_dir) / rel
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return rel


def externalise(html: str, site_dir: str, base: str) -> str:
    """`base` is how the page reaches the site root: "../.." or an absolute path."""
    prefix = base.rstrip("/") + "/" if base else ""

    def script(m):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            return m.group(0)
        t = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs, re.I)
        if (t.group(1).lower() if t else "") not in RUNNABLE_TYPES or not m.group("body").strip():
            return m.group(0)
        module = ' type="module"' if t and t.group(1).lower() == "module" else ""
        return f'<script{module} src="{prefix}{_write(site_dir, m.group("body"), "js")}"></script>'

    html = SCRIPT_RE.sub(script, html)
    links = []

    def style(m):
        links.append(f'<link rel="stylesheet" href="{prefix}{_write(site_dir, m.group("body"), "css")}">')
        return ""

    head_end = html.find("</head>")
    if head_end != -1:
        body = STYLE_RE.sub(style, html[head_end:])
        html = html[:head_end] + "".join(links) + body
    return QUIZ_FORM_RE.sub('<form class="quiz-form">', html)


@event_priority(-100)
def on_post_page(output, page, config):
    depth = page.url.count("/") if page.url else 0
    base = posixpath.join(*([".."] * depth)) if depth else "."
    return externalise(output, config.site_dir, base)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    # The 404 page is served at any depth: it reaches the site by absolute path.
    return externalise(output_content, config.site_dir, urlsplit(config.site_url or "/").path or "/")
