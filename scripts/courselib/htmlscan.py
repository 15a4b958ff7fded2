"""What a built page makes a browser fetch by itself, read with an HTML parser.

One implementation for every check of built HTML and CSS: the publish
check ("nothing from another host"), the site tests and `make bench` (what
a page loads). The content checker reads the Markdown instead
(checks/blocks.py), so a trainer gets the Markdown line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

EXTERNAL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL_RE = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?(?P<url>[^\"')\s]+)", re.I)
FETCHED_RELS = {"stylesheet", "preload", "prefetch", "icon", "manifest", "modulepreload", "preconnect",
                "dns-prefetch", "apple-touch-icon"}
SRC_TAGS = ("script", "img", "iframe", "video", "audio", "source", "track", "embed", "input", "frame")


class _Fetched(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in SRC_TAGS:
            self.urls += [(tag, a[k]) for k in ("src", "poster") if a.get(k)]
        if tag == "object" and a.get("data"):
            self.urls.append((tag, a["data"]))
        if tag == "link" and a.get("href") and set(a.get("rel", "").lower().split()) & FETCHED_RELS:
            self.urls.append((tag, a["href"]))
        if a.get("srcset"):
            self.urls += [(tag, part.strip().split(" ")[0]) for part in a["srcset"].split(",") if part.strip()]
        if a.get("style"):
            self.urls += [(tag, m.group("url")) for m in CSS_URL_RE.finditer(a["style"])]
        if tag in ("svg", "use", "image") and (a.get("href") or a.get("xlink:href")):
            self.urls.append((tag, a.get("href") or a.get("xlink:href")))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += [("style", m.group("url")) for m in CSS_URL_RE.finditer(data)]


def fetched(html: str) -> list[tuple[str, str]]:
    """(tag, url) of everything an HTML page makes a browser fetch by itself."""
    parser = _Fetched()
    parser.feed(html)
    parser.close()
    return parser.urls


def css_fetched(css: str) -> list[str]:
    return [m.group("url") for m in CSS_URL_RE.finditer(css)]


def is_external(url: str) -> bool:
    return bool(EXTERNAL_RE.match(url.strip()))


def external_in_site(site: Path) -> list[tuple[str, str]]:
    """(file relative to the site, url) for every file of the site that fetches from another host."""
    found = []
    for f in sorted(site.rglob("*")):
        if not f.is_file() or f.suffix not in (".html", ".css"):
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        urls = [u for _, u in fetched(text)] if f.suffix == ".html" else css_fetched(text)
        found += [(f.relative_to(site).as_posix(), u) for u in urls if is_external(u)]
    return found
