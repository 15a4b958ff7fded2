"""Hook: move every inline script and the quiz style into cached files.

Material and mkdocs-quiz write scripts into each page, and mkdocs-quiz adds
some 55 KB of script and style to every page, quiz or not. This hook, run
on each finished page, writes the inline scripts and the style to files
under assets/inline/, named by their content (inline.HASH.js and .css) so
servers may cache them for good, minified, and points the page at them:

- the two tiny scripts that must run before the page is drawn (Material's
  storage scope and colour scheme) stay inline, allowed by their hash in
  the Content-Security-Policy (courselib/inline_scripts.py); any other
  script in <head> or before <main> gets a file of its own;
- every other inline script of the page, in order, goes into one file,
  loaded where the last of them stood (just before Material's bundle):
  one request instead of six.

It removes the `javascript:` form action and `onsubmit` handler of the
quiz forms (the quiz script cancels submission itself), and gives the
course's own files that a page loads by name (the course style sheet, the
icon) a copy named by content (course.HASH.css, in the same folder so
relative url()s still work; a style sheet is minified on the way).

The result: a Content-Security-Policy of `script-src 'self'` and two hashes
works with no 'unsafe-inline', and a second page fetches nothing but its own HTML (the
server caches every *.HASH.* file for good; see server/site.conf.template).
JSON data blocks (type="application/json") stay in the page: they do not run.
"""

import hashlib
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import inline_scripts  # noqa: E402

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
STYLE_RE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.S | re.I)
RUNNABLE_TYPES = ("", "text/javascript", "application/javascript")
QUIZ_FORM_RE = re.compile(r'<form action="javascript:void\(0\);" onsubmit="return false;">')
OUT_DIR = "assets/inline"
ASSET_RE = re.compile(r'<(?:link|script)\b[^>]*?\b(?:href|src)="(?P<url>[^"#?:]+\.(?:css|js|png|svg|ico))"')
HASHED_RE = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?[a-z]+$")


def _write(site_dir: str, body: str, ext: str) -> str:
    body = rjsmin.jsmin(body) if ext == "js" else rcssmin.cssmin(body)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    rel = f"{OUT_DIR}/inline.{digest}.{ext}"
    path = Path(site_dir) / rel
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return rel


def fingerprint(site_dir: str, rel: str) -> str | None:
    """Copy site_dir/rel to a name with its content's hash; return that name."""
    path = Path(site_dir) / rel
    if HASHED_RE.search(rel) or not path.is_file():
        return None
    data = path.read_bytes()
    if path.suffix == ".css":  # the course's own style sheet, without its comments
        data = rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:16]
    named = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    if not named.exists():
        named.write_bytes(data)
    return posixpath.join(posixpath.dirname(rel), named.name)


def _runnable(m) -> bool:
    attrs = m.group("attrs")
    if re.search(r"\bsrc\s*=", attrs, re.I) or not m.group("body").strip():
        return False
    t = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs, re.I)
    if m.group("body") in inline_scripts.bodies():
        return False  # allowed inline by its hash
    return (t.group(1).lower() if t else "") in RUNNABLE_TYPES


def externalise(html: str, site_dir: str, base: str) -> str:
    """`base` is how the page reaches the site root: "../.." or an absolute path."""
    prefix = base.rstrip("/") + "/" if base else ""

    def asset(m):
        url = m.group("url")
        if not url.startswith(prefix) and prefix not in ("./",):
            return m.group(0)
        rel = url[len(prefix):] if url.startswith(prefix) else url
        named = fingerprint(site_dir, rel)
        return m.group(0).replace(url, prefix + named) if named else m.group(0)

    html = ASSET_RE.sub(asset, html)

    main_at = html.find("<main")
    scripts = [m for m in SCRIPT_RE.finditer(html) if _runnable(m)]
    alone = [m for m in scripts if main_at == -1 or m.start() < main_at]
    merged = [m for m in scripts if m not in alone]
    edits = [(m.start(), m.end(), f'<script src="{prefix}{_write(site_dir, m.group("body"), "js")}"></script>')
             for m in alone]
    if merged:
        body = ";\n".join(m.group("body").strip().rstrip(";") for m in merged) + ";\n"
        edits += [(m.start(), m.end(), "") for m in merged[:-1]]
        edits.append((merged[-1].start(), merged[-1].end(),
                      f'<script src="{prefix}{_write(site_dir, body, "js")}"></script>'))
    for start, end, text in sorted(edits, reverse=True):
        html = html[:start] + text + html[end:]

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
