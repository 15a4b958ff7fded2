"""Glossary terms: an anchor for each term, and a search entry for each.

The glossary is a Markdown definition list (a term on one line, its
definition on the next lines, each starting with ":   "). At build time
(overrides/hooks/glossary.py) every term gets an anchor made from its own
words, the way MkDocs makes heading anchors:

    European Arrest Warrant (EAW)   ->  reference/glossary/#european-arrest-warrant-eaw

so pages and search can link to one term. The glossary file itself is not
changed. Search (overrides/hooks/search_terms.py) adds one entry per term,
titled with the term, so "EAW" finds the glossary entry, not just the page.
"""

from __future__ import annotations

import html as htmllib
import re

from markdown.extensions.toc import slugify

from .markdown_text import code_lines

DEFINITION_RE = re.compile(r"^:\s{1,3}\S")
ATTRS_RE = re.compile(r"\{\s*[:#][^}]*\}\s*$")
TERM_RE = re.compile(r'<dt id="(?P<id>[^"]+)">(?P<term>.*?)</dt>\s*(?P<dds>(?:<dd>.*?</dd>\s*)+)', re.S)
TAG_RE = re.compile(r"<[^>]+>")
BR_RE = re.compile(r"<br\s*/?>", re.I)


def term_anchor(term: str) -> str:
    return slugify(term, "-")


def anchor_terms(markdown: str) -> str:
    """Give each term of each definition list an anchor ({ #slug }, attr_list)."""
    lines = markdown.split("\n")
    code = code_lines(lines)
    seen: set[str] = set()
    for i in range(len(lines) - 1):
        line = lines[i]
        if code[i] or not line.strip() or line[0].isspace() or ATTRS_RE.search(line):
            continue
        if not DEFINITION_RE.match(lines[i + 1]) or DEFINITION_RE.match(line):
            continue
        slug = base = term_anchor(line.strip())
        n = 1
        while slug in seen:
            n += 1
            slug = f"{base}_{n}"
        seen.add(slug)
        lines[i] = f"{line.rstrip()} {{ #{slug} }}"
    return "\n".join(lines)


def _text(fragment: str) -> str:
    fragment = BR_RE.sub(" ", fragment)  # an edition's term: the three languages, one a line
    return " ".join(htmllib.unescape(TAG_RE.sub("", fragment)).split())


def term_entries(html: str, location: str) -> list[dict]:
    """One search entry per anchored term: {location, title, text}."""
    return [{"location": f"{location}#{m.group('id')}", "title": _text(m.group("term")),
             "text": _text(m.group("dds"))} for m in TERM_RE.finditer(html)]
