"""The page body: headings, boxes, tables, markers, and nothing fetched from elsewhere."""

from __future__ import annotations

import re

from ..markdown_text import GENERATE_RE, OBJECTIVE_RE, QUIZ_MARKER_RE, code_lines, prose_lines
from ..problems import Problem
from .common import Page, suggest as _suggest
from .links import IMAGE_RE
from .register_refs import check_instruments

# What a page may ask to be generated with <!-- generate: NAME -->
# (see courselib/generate.py).
GENERATED_SECTIONS = ("timetable", "objectives-map", "answer-keys", "register", "checker-messages", "progress",
                      "case-keys", "key-points", "book", "contents", "chooser-note", "glossary")

# The closed list of box types (admonitions) a page may use.
ADMONITION_TYPES = ("note", "info", "tip", "warning", "danger", "example", "question", "quote",
                    "kosovo", "legal-basis")
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)(?P<rest>.*)$")
REMOTE_EMBED_RE = re.compile(
    r"<(?P<tag>iframe|video|audio|source|track|object|embed|script|link|img|image|use)\b[^>]*?"
    r"\b(?P<attr>src|srcset|href|data|poster|xlink:href)\s*=\s*[\"'](?P<url>[^\"']*)[\"']",
    re.I)
CSS_REMOTE_RE = re.compile(r"(?:@import\s+|url\()\s*[\"']?(?P<url>(?:https?:)?//[^\"')\s]+)", re.I)


def check_body(page: Page, register_ids: set[str]) -> list[Problem]:
    out: list[Problem] = []
    lines = page.lines
    code = code_lines(lines)
    prose = prose_lines(lines)
    for i in range(page.body_start, len(lines)):
        if code[i]:
            continue
        raw, line, n = lines[i], prose[i], i + 1
        if re.match(r"^#\s", line):
            out.append(Problem(page.path, n, "the page has a level-1 heading",
                               "remove it: the title comes from \"title:\" in the front matter; use ## for sections"))
        for m in QUIZ_MARKER_RE.finditer(raw):
            page.markers.append((m.group("slug"), n))
        if "<quiz>" in line:
            out.append(Problem(page.path, n, "a quiz is written inside the page",
                               "move it to quizzes/<slug>.md and embed it with <!-- quiz: <slug> -->"))
        gm = GENERATE_RE.match(raw)
        if gm and gm.group("name") not in GENERATED_SECTIONS:
            out.append(Problem(page.path, n, f'unknown generated section "{gm.group("name")}"',
                               _suggest(gm.group("name"), GENERATED_SECTIONS) + "use one of: " + ", ".join(GENERATED_SECTIONS)))
        if (TABLE_ROW_RE.match(line) and i + 1 < len(lines) and TABLE_RULE_RE.match(prose[i + 1])
                and any(not c.strip() for c in line.strip().strip("|").split("|"))):
            out.append(Problem(page.path, n, "a table has an empty heading cell",
                               "write a heading in every cell of the first row (e.g. \"Point\"): "
                               "a screen reader reads it out for each cell below"))
        if OBJECTIVE_RE.match(raw):
            out.append(Problem(page.path, n, "an objective marker stands outside a quiz file",
                               "put <!-- objective: ID --> in quizzes/<slug>.md, on the line before <quiz>"))
        m = ADMONITION_RE.match(line)
        if m:
            rest = m.group("rest").strip()
            words = re.split(r"\s+", rest.split('"', 1)[0].strip()) if rest else []
            typ = words[0] if words and words[0] else ""
            if not typ:
                out.append(Problem(page.path, n, "a box (admonition) has no type",
                                   "write its type after the marks, e.g. !!! note; types: " + ", ".join(ADMONITION_TYPES)))
            elif typ not in ADMONITION_TYPES:
                out.append(Problem(page.path, n, f'unknown box type "{typ}"',
                                   _suggest(typ, ADMONITION_TYPES) + "use one of: " + ", ".join(ADMONITION_TYPES)))
        out.extend(check_instruments(page.path, n, line, register_ids))
        out.extend(check_remote(page.path, n, raw))
    return out


def check_remote(path: str, n: int, raw: str) -> list[Problem]:
    """Anything a browser would fetch from another host (img, iframe, video, srcset, CSS)."""
    out = []
    for m in REMOTE_EMBED_RE.finditer(raw):
        url = m.group("url")
        urls = [u.strip().split(" ")[0] for u in url.split(",")] if m.group("attr").lower() == "srcset" else [url]
        for u in urls:
            if u.startswith(("http://", "https://", "//")):
                out.append(Problem(path, n, f"<{m.group('tag')}> loads {u} from another host",
                                   "save the file under docs/assets/ and point to it there: the site makes no request to another host"))
    for m in CSS_REMOTE_RE.finditer(raw):
        out.append(Problem(path, n, f"a style loads {m.group('url')} from another host",
                           "save the file under docs/assets/ and point to it there"))
    for m in IMAGE_RE.finditer(raw):
        src = m.group("src").strip("<>")
        if src.startswith(("http://", "https://", "//")):
            out.append(Problem(path, n, f"the image {src} is loaded from another host",
                               "save the image under docs/assets/images/ and link it there"))
    return out
