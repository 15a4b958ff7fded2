"""Anchors, links and images: every target a page names must exist."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..markdown_text import prose_lines
from ..problems import Problem
from .common import FRAME_ANCHORS, Page, suggest as _suggest

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}")
HTML_ID_RE = re.compile(r"\bid\s*=\s*[\"'](?P<id>[^\"']+)[\"']")
LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<url><[^>]*>|[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)")
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]*>|[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)")
REFDEF_RE = re.compile(r"^\s{0,3}\[(?P<ref>[^\]^][^\]]*)\]:\s*(?P<url>\S+)")
HTML_HREF_RE = re.compile(r"<a\s[^>]*\bhref\s*=\s*[\"'](?P<url>[^\"']*)[\"']", re.I)
HTML_IMG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _heading_slug(text: str) -> str:
    from markdown.extensions.toc import slugify

    text = ATTR_ID_RE.sub("", text)
    text = re.sub(r"\{:?[^}]*\}\s*$", "", text)
    text = re.sub(r"\s+#+\s*$", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("`", "").replace("*", "").replace("_", " ")
    return slugify(text, "-")


def collect_anchors(page: Page, extra_lines: list[str] = ()) -> None:
    seen: dict[str, int] = {}
    lines = prose_lines(page.lines[page.body_start:] + list(extra_lines))
    for line in lines:
        m = HEADING_RE.match(line)
        if m:
            explicit = ATTR_ID_RE.search(m.group("text"))
            if explicit:
                page.anchors.add(explicit.group("id"))
                continue
            slug = _heading_slug(m.group("text"))
            if slug in seen:
                seen[slug] += 1
                slug = f"{slug}_{seen[slug]}"
            else:
                seen[slug] = 0
            page.anchors.add(slug)
        for m in HTML_ID_RE.finditer(line):
            page.anchors.add(m.group("id"))
        for m in ATTR_ID_RE.finditer(line):
            page.anchors.add(m.group("id"))
    if page.kind and page.kind.name in ("module", "short-module"):
        page.anchors.update(FRAME_ANCHORS)


def check_links(page: Page, pages: dict[str, Page], docs: Path,
                lines: list[str] | None = None, path: str | None = None, first: int = 0) -> list[Problem]:
    """Links and images in `lines` (default: the page body), resolved from `page`."""
    out = []
    path = path or page.path
    src_lines = page.lines if lines is None else lines
    prose = prose_lines(src_lines)
    start = page.body_start if lines is None else first
    base = (docs / page.doc_path).parent
    for i in range(start, len(src_lines)):
        line, n = prose[i], i + 1
        if "](" not in line and "]:" not in line and "<" not in line:
            continue  # no link, image or HTML on this line
        targets = [(m.group("url").strip("<>"), "link") for m in LINK_RE.finditer(line)]
        targets += [(m.group("url"), "link") for m in REFDEF_RE.finditer(line)]
        targets += [(m.group("url"), "link") for m in HTML_HREF_RE.finditer(line)]
        for m in IMAGE_RE.finditer(line):
            alt, src = m.group("alt").strip(), m.group("src").strip("<>")
            if not alt:
                out.append(Problem(path, n, f"the image {src} has no alt text",
                                   "describe the image between the brackets: ![what it shows](...)"))
            targets.append((src, "image"))
        for m in HTML_IMG_RE.finditer(line):
            attrs = m.group("attrs")
            alt = re.search(r"\balt\s*=\s*[\"']([^\"']*)[\"']", attrs)
            srcm = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)[\"']", attrs)
            src = srcm.group(1) if srcm else "?"
            if not alt or not alt.group(1).strip():
                out.append(Problem(path, n, f"the image {src} has no alt text",
                                   'add alt="what it shows" to the <img> tag'))
            if srcm:
                targets.append((src, "image"))
        for url, what in targets:
            out.extend(_check_target(path, n, url, what, page, pages, docs, base))
    return out


def _check_target(path, n, url, what, page, pages, docs, base) -> list[Problem]:
    # (a case's links to its own steps are checked with its paths: checks/cases.py)
    if not url or SCHEME_RE.match(url) or url.startswith("//"):
        return []
    target, _, anchor = url.partition("#")
    if url.startswith("/"):
        return [Problem(path, n, f"the {what} {url} starts at the site root",
                        "use a path relative to this page, e.g. ../modules/interpol.md")]
    if not target:
        if anchor and anchor not in page.anchors and not (page.kind and page.kind.name == "case"):
            return [Problem(path, n, f'the {what} points to "#{anchor}", which is not a heading on this page',
                            _suggest(anchor, page.anchors) + "use the id of a heading on this page")]
        return []
    resolved = (base / target).resolve()
    try:
        rel_docs = resolved.relative_to(docs.resolve()).as_posix()
    except ValueError:
        return [Problem(path, n, f"the {what} {url} points outside docs/",
                        "point to a file under docs/")]
    if what == "image" or not target.endswith(".md"):
        if not resolved.is_file():
            if resolved.is_dir() or target.endswith((".html", "/")):
                return [Problem(path, n, f"the link {url} points to a folder or a built page",
                                "link to the Markdown file itself, e.g. ../modules/interpol.md")]
            return [Problem(path, n, f"the {what} {url} points to a file that does not exist",
                            f"check the file name; expected docs/{rel_docs}")]
        return []
    if rel_docs not in pages:
        here = posixpath.dirname(page.doc_path)
        near = {posixpath.relpath(p, here or "."): p for p in pages}
        return [Problem(path, n, f"the link {url} points to a page that does not exist",
                        _suggest(target, near) + f"check the file name; expected docs/{rel_docs}")]
    if anchor and anchor not in pages[rel_docs].anchors:
        return [Problem(path, n, f'the link {url} points to "#{anchor}", which is not a heading on that page',
                        _suggest(anchor, pages[rel_docs].anchors) + "use the id of a heading on that page")]
    return []
