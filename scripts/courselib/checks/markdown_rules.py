"""The Markdown of the page body, as Python-Markdown and pymdown-extensions
read it: boxes, tabs, tables, lists, headings, code blocks, comments,
footnotes, links, pictures, and what a page may not hold (scripts, styles,
frames, event handlers). Each rule says what the trainer typed and how to
write it; the safety nets (rendered.py) catch what no rule foresees.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import editions
from ..markdown_text import FENCE_RE, QUIZ_MARKER_RE, strip_inline_code
from ..problems import Problem
from .common import Page, suggest

BOX_RE = re.compile(r"^(?P<indent>[ ]*)(?P<marks>!!!|\?\?\?\+?)(?P<rest>.*)$")
TAB_RE = re.compile(r"^(?P<indent>[ ]*)===(?P<flags>[+!]*)(?P<rest>.*)$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})(?:\s+(?P<text>.*))?$")
ITEM_RE = re.compile(r"^(?P<indent>[ ]*)(?:[-*+]|\d{1,2}[.)])[ \t]+\S")
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
RAW_TAG_RE = re.compile(r"<\s*(?P<tag>script|style|iframe|object|embed)\b", re.I)
HANDLER_RE = re.compile(r"<[a-zA-Z][^>]*?\s(?P<attr>on[a-z]+)\s*=", re.I)
FOOTNOTE_REF_RE = re.compile(r"\[\^(?P<id>[^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\s*\[\^(?P<id>[^\]\s]+)\]:")
LINK_TARGET_RE = re.compile(r"\]\((?P<target>[^)]*)\)")
BARE_URL_RE = re.compile(r"(?<![(<\"'=])\bhttps?://[^\s)>\]]+")
LOCAL_RE = re.compile(r"\b(?:https?://)?(?:localhost|127\.0\.0\.1)(?::\d+)?(?:/[^\s)\]>\"']*)?", re.I)
CURLY = "“”„‟‘’‚‛«»"
# Pictures travel over a slow intranet, often to a phone: at most this many bytes each.
IMAGE_LIMIT_KB = 300
ABBR_LINE_RE = re.compile(r"^\*\[[^\]\s][^\]]*\] ?: *\S.*$")  # as the abbr extension reads it
# A shared piece of text, included with --8<-- "name.md" (pymdownx.snippets reads
# such a line anywhere, code blocks too) from the folder below (base_path in mkdocs.yml).
SNIPPET_RE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(?P<q>["'])(?P<name>.+?)(?P=q)\s*$""")
SNIPPETS_DIR = ".snippets"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _hidden(lines: list[str], start: int) -> tuple[list[bool], list[Problem], int | None, int | None]:
    """Lines inside fenced code or a closed comment; the opening line of a
    fence or a comment that is never closed."""
    hidden = [False] * len(lines)
    fence, fence_line, comment_line = None, None, None
    for i in range(start, len(lines)):
        line = lines[i]
        if fence is not None:
            hidden[i] = True
            m = FENCE_RE.match(line)
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence) \
                    and not line[m.end():].strip():
                fence = None
            continue
        if comment_line is not None:
            hidden[i] = True
            opens, closes = line.find("<!--"), line.find("-->")
            if opens >= 0 and (closes < 0 or opens < closes):
                break  # another comment opens before this one is closed: this one is never closed
            if closes >= 0:
                comment_line = None
            continue
        m = FENCE_RE.match(line)
        if m:
            fence, fence_line, hidden[i] = m.group("fence"), i, True
            continue
        text = strip_inline_code(line)
        pos = text.rfind("<!--")
        if pos >= 0 and "-->" not in text[pos:]:
            comment_line = i
    return hidden, [], (fence_line if fence is not None else None), comment_line


def check_markdown(page: Page, docs: Path) -> list[Problem]:
    lines, p, start = page.lines, page.path, page.body_start
    out: list[Problem] = []
    hidden, _, open_fence, open_comment = _hidden(lines, start)
    if open_fence is not None:
        # the quiz marker in the unclosed block still counts: one mistake, one message
        page.markers += [(qm.group("slug"), k + 1) for k in range(open_fence + 1, len(lines))
                         for qm in QUIZ_MARKER_RE.finditer(lines[k])]
        out.append(Problem(p, open_fence + 1, "this code block (```) is never closed, so the rest of the page "
                           "is shown as code", "add a line with ``` after the last line of code"))
    if open_comment is not None:
        out.append(Problem(p, open_comment + 1, 'this comment "<!--" is never closed',
                           'close it with "-->" (on the same or a later line), or remove it'))
    prose = [("" if hidden[i] else strip_inline_code(lines[i])) for i in range(len(lines))]

    def nxt(i: int) -> int | None:
        return next((k for k in range(i + 1, len(lines)) if prose[k].strip() or hidden[k]), None)

    last_level, in_list, list_indent, blank_before = 1, False, 0, True
    footnotes_used: dict[str, int] = {}
    footnotes_defined = set()
    in_quiz = False  # a quiz written in the page is reported once (blocks.py)
    for i in range(start, len(lines)):
        raw, line, n = lines[i], prose[i], i + 1
        if line.strip() == "<quiz>":
            in_quiz = True
        if in_quiz:
            in_quiz = line.strip() != "</quiz>"
            continue
        if hidden[i]:
            blank_before = False
            continue
        if not line.strip():
            blank_before = True
            continue
        prev = prose[i - 1] if i > start else ""
        ind = _indent(line)

        # boxes (admonitions and collapsible boxes)
        m = BOX_RE.match(line)
        if m:
            out += _box(p, lines, prose, i, m, nxt)
        m = TAB_RE.match(line)
        if m:
            out += _tab(p, prose, i, m, nxt)

        # headings: one level at a time
        hm = HEADING_RE.match(line)
        if hm and hm.group("text") is not None:
            level = len(hm.group("hashes"))
            if level > last_level + 1 and level > 1:
                out.append(Problem(p, n, f"this heading jumps from level {last_level} to level {level} "
                                   f"({'#' * last_level} to {'#' * level})",
                                   f"use {'#' * (last_level + 1)} here: headings go down one level at a time"))
            last_level = level
        elif re.match(r"^#{2,6}[^#\s]", line):
            out.append(Problem(p, n, "a heading has no space after its #s, so it is shown as text",
                               f'write "{line[:len(line) - len(line.lstrip("#"))]} {line.lstrip("#").strip()}"'))

        # tables: a blank line before, and as many separator cells as headings
        if TABLE_RULE_RE.match(line) and "|" in line and i > start and TABLE_ROW_RE.match(prev):
            head, rule = _cells(prev), _cells(line)
            if len(head) != len(rule):
                out.append(Problem(p, n, f"the table's separator row has {len(rule)} cells but its heading row "
                                   f"has {len(head)}", f"give the separator row one |---| cell for each heading "
                                   f"({len(head)})"))
            before = prose[i - 2] if i - 2 >= start else ""
            if before.strip() and not TABLE_ROW_RE.match(before) and not BOX_RE.match(before) \
                    and not TAB_RE.match(before):
                out.append(Problem(p, n - 1, "the table has no blank line before it, so it is shown as text",
                                   "put a blank line between the text above and the table"))

        # lists: a blank line before, and sub-items indented by 4
        if ITEM_RE.match(line) and not TABLE_ROW_RE.match(line) and not hm:
            if not in_list and not blank_before and prev.strip() and not (
                    BOX_RE.match(prev) or TAB_RE.match(prev) or HEADING_RE.match(prev) or ITEM_RE.match(prev)):
                out.append(Problem(p, n, "the list has no blank line before it, so it runs into the text above",
                                   "put a blank line between the text and the list"))
            elif in_list and list_indent < ind < list_indent + 4:
                out.append(Problem(p, n, f"this sub-item is indented by {ind - list_indent} spaces, so it is "
                                   "not shown as a sub-item", "indent it by 4 spaces under its item"))
            if not in_list or ind < list_indent:
                list_indent = ind
            in_list = True
        elif blank_before and ind <= list_indent:
            in_list = False

        # what a page may not hold
        for tm in RAW_TAG_RE.finditer(line):
            if not re.search(r"\b(?:src|data)\s*=\s*[\"'](?:https?:)?//", line):  # remote: reported apart
                out.append(Problem(p, n, f"a page may not hold <{tm.group('tag').lower()}>",
                                   "remove it: pages carry text, pictures and links only (the site runs no "
                                   "script, style or frame from a page; ask the maintainers for a feature)"))
        for hm2 in HANDLER_RE.finditer(line):
            out.append(Problem(p, n, f'a page may not hold an event handler ({hm2.group("attr")}=)',
                               "remove it: the site runs no script from a page"))

        # footnotes
        dm = FOOTNOTE_DEF_RE.match(line)
        if dm:
            footnotes_defined.add(dm.group("id"))
        for fm in FOOTNOTE_REF_RE.finditer(line[dm.end():] if dm else line):
            footnotes_used.setdefault(fm.group("id"), n)

        # links and web addresses
        targets = [lm.group("target") for lm in LINK_TARGET_RE.finditer(line)]
        for t in targets:
            addr = re.sub(r"""\s+["'(].*$""", "", t.strip())
            if not addr.startswith("<") and " " in addr.strip():
                out.append(Problem(p, n, f'the link address "{addr.strip()}" has a space in it, so the link is '
                                   "shown as text", "rename the file without spaces (use hyphens), "
                                   "and write the address without spaces"))
        lm = LOCAL_RE.search(line)
        if lm:
            out.append(Problem(p, n, f'"{lm.group(0)}" is the preview on your own computer, not the course',
                               "link to the page's Markdown file instead, e.g. [Europol](../modules/europol.md)"))
        elif not FOOTNOTE_DEF_RE.match(line) and not re.match(r"^\s{0,3}\[[^\]]+\]:", line):
            bare = BARE_URL_RE.search(LINK_TARGET_RE.sub("]", line))
            if bare and not re.search(r"<[^>]*" + re.escape(bare.group(0)), line):
                out.append(Problem(p, n, f"the web address {bare.group(0)} is not a link (trainees see the bare "
                                   "address)", f"write it as a link with a name: [name of the page]({bare.group(0)})"))
        blank_before = False
    for ident, n in footnotes_used.items():
        if ident not in footnotes_defined:
            out.append(Problem(p, n, f"the footnote [^{ident}] is never defined, so it is shown as text",
                               f'add "[^{ident}]: the note" at the end of the page, after a blank line'))
    out += _images(page, prose, docs)
    out += _snippets(page, docs)
    return out


def _snippets(page: Page, docs: Path) -> list[Problem]:
    """Each --8<-- "name.md" names a file in docs/.snippets/: a missing one stops
    the build inside pymdownx.snippets with a traceback."""
    out = []
    folder = docs / SNIPPETS_DIR
    for i in range(page.body_start, len(page.lines)):
        m = SNIPPET_RE.match(page.lines[i])
        if not m or (folder / m.group("name")).is_file():
            continue
        # Offer the shared texts of the page's own language (chooser.md for an
        # English page, chooser.sq.md for an Albanian one), never the abbreviations.
        lang = editions.split(page.path)[1]
        shared = sorted(f.name for f in folder.glob("*.md")
                        if editions.split(f.name) != ("abbreviations.md", lang)
                        and editions.split(f.name)[1] == lang) if folder.is_dir() else []
        out.append(Problem(page.path, i + 1, f'the shared text "{m.group("name")}" is not in docs/{SNIPPETS_DIR}/, '
                           "so the page cannot be built",
                           suggest(m.group("name"), shared) + ("use one of: " + ", ".join(shared) if shared
                                                               else f"put the file in docs/{SNIPPETS_DIR}/")))
    return out


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


def _box(p, lines, prose, i, m, nxt) -> list[Problem]:
    out = []
    n, rest = i + 1, m.group("rest")
    words = rest.strip()
    typ, _, title = words.partition(" ")
    title = title.strip()
    if title and title[0] in CURLY:
        out.append(Problem(p, n, f"the box title {title} is in curly quotes, so the box is shown as text",
                           f'use straight double quotes: {m.group("marks")} {typ} "{title.strip(CURLY)}"'))
        return out
    if title and title[0] == "'":
        out.append(Problem(p, n, f"the box title {title} is in single quotes",
                           f'use double quotes: {m.group("marks")} {typ} "{title.strip(chr(39))}"'))
    elif title and title[0] != '"' and not re.fullmatch(r"[\w-]+(?: +[\w-]+)*", title):
        out.append(Problem(p, n, f"the box title {title} is not in quotes",
                           f'put it in double quotes: {m.group("marks")} {typ} "{title}"'))
        return out
    elif title and title[0] != '"':
        out.append(Problem(p, n, f'the box title "{title}" is not in quotes, so the box shows "{typ.title()}" '
                           "instead", f'put it in double quotes: {m.group("marks")} {typ} "{title}"'))
    k = nxt(i)
    box_ind = len(m.group("indent"))
    if k is None or not prose[k].strip():
        return out
    ind = _indent(prose[k])
    if ind <= box_ind:
        out.append(Problem(p, k + 1, "this text is not indented under the box above, so the box is empty",
                           "indent the box's text by 4 spaces"))
    elif ind < box_ind + 4:
        out.append(Problem(p, k + 1, f"the box's text is indented by {ind - box_ind} spaces, so it is shown "
                           "outside the box", "indent it by exactly 4 spaces"))
    return out


def _tab(p, prose, i, m, nxt) -> list[Problem]:
    n, rest = i + 1, m.group("rest")
    if not re.fullmatch(r' +"[^"]*" *', rest):
        title = rest.strip().strip('"' + CURLY)
        return [Problem(p, n, "a content tab's title must be in straight double quotes after === and a space",
                        f'write === "{title or "Title"}"')]
    k = nxt(i)
    if k is not None and prose[k].strip() and _indent(prose[k]) < len(m.group("indent")) + 4 \
            and not TAB_RE.match(prose[k]):
        return [Problem(p, k + 1, "this text is not indented under the tab above, so the tab is empty",
                        "indent the tab's text by 4 spaces")]
    return []


IMAGE_SRC_RE = re.compile(r"!\[[^\]]*\]\((?P<src><[^>]*>|[^)\s]+)")


def _images(page: Page, prose: list[str], docs: Path) -> list[Problem]:
    out = []
    here = (docs / page.doc_path).parent
    for i, line in enumerate(prose):
        for m in IMAGE_SRC_RE.finditer(line):
            src = m.group("src").strip("<>").split("#")[0].split("?")[0]
            if not src or "://" in src or src.startswith("//"):
                continue
            f = (here / src).resolve()
            if f.is_file() and f.stat().st_size > IMAGE_LIMIT_KB * 1024:
                kb = f.stat().st_size // 1024
                out.append(Problem(page.path, i + 1, f"the picture {src} is {kb} KB; the limit is "
                                   f"{IMAGE_LIMIT_KB} KB, for a slow intranet and phones",
                                   "save it smaller: SVG for diagrams, JPEG for photos, at most 1600 pixels wide"))
    return out


def check_abbreviations(root: Path, docs: Path) -> list[Problem]:
    """Every line of docs/.snippets/abbreviations.md is *[ABBR]: Full name."""
    f = docs / ".snippets" / "abbreviations.md"
    if not f.is_file():
        return []
    rel = f.relative_to(root).as_posix()
    out = []
    for i, line in enumerate(f.read_text(encoding="utf-8-sig", errors="replace").splitlines()):
        if line.strip() and not ABBR_LINE_RE.match(line) and not line.startswith("<!--"):
            out.append(Problem(rel, i + 1, "this line of the abbreviations file is not an abbreviation",
                               'write it as *[ABBR]: Full name, one per line'))
    return out
