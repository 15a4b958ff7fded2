"""Two safety nets on the page as trainees receive it (its rendered HTML).

They catch whole families of mistakes that no single rule foresees:

- nothing is lost: every word of the page's Markdown (prose, headings,
  lists, tables, box titles and bodies, questions, options, feedback)
  appears in the rendered text, shown yet or not (hidden feedback,
  inactive tabs and collapsed boxes count, and so do alt and title);
- no syntax leaks: no Markdown or template syntax (!!!, ===, |---|, [^1],
  {{ }}, - [ ], *[ABBR]:, front matter, ...) is visible as text; text in
  <code> and <pre> is exempt, so the trainer guide can show syntax.

Each finding is mapped back to the Markdown line (of the page, or of the
quiz file embedded in it). `make check` renders pages with MkDocs'
own Markdown pipeline (courselib/render.py) and keeps the findings of
unchanged pages in .cache/; the build runs the same nets on every page
(overrides/hooks/safety_nets.py).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from ..markdown_text import GENERATE_RE, INSTRUMENT_RE, QUIZ_MARKER_RE, code_lines
from ..problems import Problem
from .markdown_rules import SNIPPET_RE, SNIPPETS_DIR

WORD_RE = re.compile(r"[^\W_]+")
# HTML elements a trainer may write on purpose: their tags are not text.
HTML_TAGS = set("""a abbr address article aside audio b bdi bdo blockquote br button caption cite code col
colgroup data dd del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i iframe
img input ins kbd label li main mark nav ol p picture pre q s samp script section small source span strong
style sub summary sup svg table tbody td tfoot th thead time tr track u ul var video wbr quiz""".split())
TAG_RE = re.compile(r"</?(?P<name>[A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
AUTOLINK_RE = re.compile(r"<(?:https?://|mailto:)[^>\s]*>")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]^]+\]:\s")
ABBR_DEF_RE = re.compile(r"^\s*\*\[[^\]]+\]\s*:")
FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\s]+\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^(\s*)\[\^[^\]\s]+\]:")
ATTR_LIST_RE = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")
INSTRUMENT_ANY_RE = re.compile(r"\{\{\s*instrument\s*:[^}]*\}\}")
BLOCK_START_RE = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*[\w-]+")
LIST_MARK_RE = re.compile(r"^(\s*)(?:\d+[.)]|[-*+])\s+(?:\[[ xX]?\]\s+)?")
FENCE_LINE_RE = re.compile(r"^\s*(?:`{3,}|~{3,})")

# Syntax that must never be visible as text: (pattern, what, fix).
LEAKS = [
    (re.compile(r"(?:!!!|\?\?\?)\+?\s*\S*(?:\s+[“”\"'‘’][^\n]*)?"),
     "a box (admonition) is shown as text",
     'write it as !!! note "Title" with straight double quotes, on a line of its own after a blank line, '
     "and indent the text of the box by 4 spaces"),
    (re.compile(r"===\+?\s*(?:\"[^\"\n]*\"|[“”][^\n]*)?"),
     "a content tab is shown as text",
     'write === "Title" (straight double quotes) on a line of its own after a blank line, '
     "and indent the tab's text by 4 spaces"),
    (re.compile(r"\|?\s*:?-{3,}:?\s*\|[\s|:-]*"),
     "a table is shown as text",
     "put a blank line before the table, and give the separator row (|---|) one cell for each heading"),
    (re.compile(r"\[\^[^\]\s]+\]:?"),
     "a footnote is shown as text",
     'define each footnote once, at the end of the page: "[^1]: the note", after a blank line'),
    (re.compile(r"\{\{[^}]*\}\}?|\{%[^%]*%?\}?"),
     "a placeholder in double braces is shown as text",
     "name an instrument as {{ instrument: ID }} with an id from data/instruments.yml, "
     "or replace the placeholder with the real text"),
    (re.compile(r"\*\[[^\]\n]+\]:[^\n]*"),
     "an abbreviation line is shown as text",
     "put abbreviations in docs/.snippets/abbreviations.md, one \"*[ABBR]: Full name\" per line"),
    (re.compile(r"(?:^|(?<=\s))(?:[-*+]\s*)?\[[ xX]\](?=\s)"),
     "a tick box is shown as text",
     "write questions in quizzes/<slug>.md, between <quiz> and </quiz>; elsewhere use a plain list"),
    (re.compile(r"\n[ \t]*[-*+][ \t]+\S[^\n]*"),
     "a list is shown as running text",
     "put a blank line before the list, and start each item with \"- \" at the start of a line"),
    (re.compile(r"\{[^{}\n]{1,60}\}"),
     "a placeholder in braces is shown as text",
     "replace it with the real text, or remove the braces"),
    (re.compile(r"<!--"),
     'a comment "<!--" is never closed, so it is shown as text',
     'close it with "-->", or remove it'),
    (re.compile(r"</?quiz>"),
     "a quiz tag is shown as text",
     "write <quiz> and </quiz> only in quizzes/<slug>.md, each on a line of its own"),
    (re.compile(r"\]\([^)\n]*\)?"),
     "a link is shown as text",
     "write [text](address) with no space between ] and ( and no space in the address"),
    (re.compile(r"(?:^|\n)[ \t]*#{2,6}[^\W\d_].*"),
     "a heading is shown as text",
     'put a space after the #s and a blank line before the heading, e.g. "## Title"'),
    (re.compile(r"(?<![\w*])\*\*(?=\S)[^*\n]*$|^[^*\n]*(?<=\S)\*\*(?![\w*])"),
     "bold marks (**) are shown as text",
     "put ** on both sides of the bold words, in the same paragraph"),
]
# Text that holds none of these holds no leak (each pattern above needs one of them): one
# search per text instead of one per pattern.
LEAK_TRIGGER_RE = re.compile(r"!!!|\?\?\?|===|-{3,}|\[\^|\{|\*\[|\[[ xX]\]|\n[ \t]*[-*+][ \t]|<!--|</?quiz>|\]\(|##|\*\*")
FRONT_MATTER_LEAK_RE = re.compile(
    r"(?:^|\s)(?:title|description|duration|objectives|keypoints|sources|last_reviewed|kind):\s.*?"
    r"(?:description|duration|objectives|keypoints|sources|last_reviewed|url):\s", re.S)


class _Text(HTMLParser):
    """The visible text of a page: text nodes and alt/title attributes, with
    and without what is in <code>/<pre> (exempt from the leak net)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []  # every text, for "nothing lost"
        self.prose: list[str] = []  # text outside code, for "no leaks"
        self._skip = 0  # inside <script>/<style>
        self._code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("code", "pre", "kbd", "samp"):
            self._code += 1
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.words.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("code", "pre", "kbd", "samp"):
            self._code = max(0, self._code - 1)

    def handle_data(self, data):
        if self._skip:
            return
        self.words.append(data)
        if not self._code:
            self.prose.append(data)


def visible_text(page_html: str) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(page_html)
    parser.close()
    return parser.words, parser.prose


def source_lines(path: str, lines: list[str], body_start: int, quiz_files,
                 snippets: tuple[str, Path] | None = None) -> list[tuple[str, int, str]]:
    """(path, line, text) of what the page shows: its body, with each quiz
    marker replaced by the lines of its quiz file (as embed_quizzes does), and
    each --8<-- "name.md" by the lines of that shared text (as
    pymdownx.snippets does). `snippets`: the shared texts' folder, as a path
    for messages ("docs/.snippets") and on the disk."""
    out = []
    code = code_lines(lines)
    for i in range(body_start, len(lines)):
        line = lines[i]
        m = None if code[i] else QUIZ_MARKER_RE.search(line)
        sm = SNIPPET_RE.match(line) if snippets else None
        if m and m.group("slug") in quiz_files:
            qf = quiz_files[m.group("slug")]
            out += [(qf.path, k + 1, text) for k, text in enumerate(qf.lines)]
        elif sm and (snippets[1] / sm.group("name")).is_file():
            shared = (snippets[1] / sm.group("name")).read_text(encoding="utf-8").splitlines()
            out += [(f"{snippets[0]}/{sm.group('name')}", k + 1, text) for k, text in enumerate(shared)]
        else:
            out.append((path, i + 1, line))
    return out


def _words_of_markdown(rows: list[tuple[str, int, str]]) -> list[list[str]]:
    """For each row, the words a reader must find on the page."""
    text = "\n".join(r[2] for r in rows)
    # closed comments hide their text on purpose; an unclosed <!-- does not count
    text = COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    fences = code_lines(lines)
    words = []
    for line, fence in zip(lines, fences):
        if fence and FENCE_LINE_RE.match(line):
            words.append([])  # ``` and its language are not shown
            continue
        if not fence:
            if REF_DEF_RE.match(line) or ABBR_DEF_RE.match(line) or "--8<--" in line:
                words.append([])
                continue
            line = FOOTNOTE_DEF_RE.sub(r"\1", line)
            line = BLOCK_START_RE.sub(r"\1", line)  # the box type is shown only without a title
            line = LIST_MARK_RE.sub(r"\1", line)
            line = INSTRUMENT_ANY_RE.sub(" ", line)
            line = LINK_TARGET_RE.sub("] ", line)
            line = FOOTNOTE_REF_RE.sub(" ", line)
            line = ATTR_LIST_RE.sub(" ", line)
            line = AUTOLINK_RE.sub(" ", line)
            line = TAG_RE.sub(lambda m: " " if m.group("name").lower() in HTML_TAGS else m.group(0), line)
            line = html.unescape(line)
        words.append([w.lower() for w in WORD_RE.findall(line)])
    return words


def nothing_lost(rows, page_html: str, seen=None) -> Problem | None:
    """The first Markdown line with a word that is not on the rendered page.
    `seen`: visible_text(page_html), when the caller has it already."""
    texts, _ = seen or visible_text(page_html)
    left = Counter(w.lower() for t in texts for w in WORD_RE.findall(html.unescape(t)))
    for (path, line, _), words in zip(rows, _words_of_markdown(rows)):
        missing = []
        for w in words:
            if left[w] > 0:
                left[w] -= 1
            else:
                missing.append(w)
        if missing:
            shown = ", ".join(f'"{w}"' for w in dict.fromkeys(missing[:3]))
            return Problem(path, line, f"words of this line do not reach the page ({shown})",
                           "something on this line or above hides them: a <!-- never closed with -->, "
                           "a <word> in angle brackets (write it in `backticks`), or a box, tab, list or "
                           "option the Markdown cannot read")
    return None


def syntax_leaks(rows, page_html: str, page_path: str, seen=None) -> list[Problem]:
    """Markdown or template syntax visible as text, at its Markdown line (one per line)."""
    _, prose = seen or visible_text(page_html)
    found: dict[tuple[str, int], Problem] = {}
    if any(FRONT_MATTER_LEAK_RE.search(text) for text in prose):
        found[(page_path, 1)] = Problem(page_path, 1, "the front matter is shown as text on the page",
                                        'start the file with "---" on the very first line (nothing before it, '
                                        'not even a space) and close it with "---" at the start of a line')
        return list(found.values())
    seen_kinds = set()
    for text in prose:
        if not LEAK_TRIGGER_RE.search(text):
            continue
        for pattern, what, fix in LEAKS:
            for m in pattern.finditer(text):
                leak = m.group(0).strip()
                if not leak or what in seen_kinds:
                    continue
                seen_kinds.add(what)  # one message for each kind of leak on a page
                path, line, source = _where(rows, leak, page_path)
                found.setdefault((path, line), Problem(path, line, f'{what}: "{_short(source or leak)}"', fix))
    return sorted(found.values(), key=lambda p: (p.path, p.line))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _where(rows, leak: str, page_path: str) -> tuple[str, int, str]:
    """The Markdown line the leaked text comes from: (path, line, its text)."""
    want = " ".join(leak.split())
    for key in (want, want[:12], want[:4], want[:3]):
        if not key:
            continue
        for path, line, text in rows:
            if key in " ".join(html.unescape(text).split()):
                return path, line, text.strip()
    return page_path, rows[0][1] if rows else 1, ""


def check_page(path: str, lines: list[str], body_start: int, quiz_files, page_html: str,
               snippets: tuple[str, Path] | None = None) -> list[Problem]:
    """Both nets on one page: `lines` of the Markdown file at `path` (its body
    starts at index `body_start`), `page_html` as MkDocs rendered it;
    `snippets` as source_lines takes it."""
    rows = source_lines(path, lines, body_start, quiz_files, snippets)
    seen = visible_text(page_html)
    leaks = syntax_leaks(rows, page_html, path, seen)
    if leaks:
        return leaks  # a leak usually loses words too: one mistake, one message
    lost = nothing_lost(rows, page_html, seen)
    return [lost] if lost else []


# -- make check: render only the pages changed since the last check ---------

MESSAGE_RE = re.compile(r"^(?P<path>[\w./-]+):(?P<line>\d+): (?P<what>.+?); (?P<fix>.+)$")


def _render_error(page, message: str) -> list[Problem]:
    """A hook's own `path:line: what; fix` lines, or one line saying the page
    could not be rendered."""
    found = [Problem(m.group("path"), int(m.group("line")), m.group("what"), m.group("fix"))
             for m in map(MESSAGE_RE.match, message.splitlines()) if m]
    return found or [Problem(page.path, page.body_start + 1,
                             f"the page cannot be rendered ({' '.join(message.split())[:200]})",
                             "fix the Markdown this names; if it names nothing you wrote, "
                             "report it to the course maintainers")]


def snippet_folder(model) -> tuple[str, Path]:
    """The shared texts' folder (docs/.snippets), for source_lines."""
    folder = model.docs / SNIPPETS_DIR
    return folder.relative_to(model.root).as_posix(), folder


CACHE = Path(".cache") / "rendered-pages.json"
SHARED = ("mkdocs.yml", "data", "docs/.snippets", "overrides/hooks", "scripts/courselib")


def _fingerprint(root: Path) -> str:
    h = hashlib.sha256()
    for name in SHARED:
        base = root / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        for f in files:
            if "__pycache__" in f.parts:
                continue
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    try:
        from importlib.metadata import version
        h.update(version("mkdocs-quiz").encode() + version("mkdocs").encode() + version("markdown").encode())
    except Exception:
        pass
    return h.hexdigest()


def _page_key(shared: str, page, model) -> str:
    h = hashlib.sha256(shared.encode())
    h.update(page.doc_path.encode() + b"\0" + "\n".join(page.lines).encode())
    for slug, _ in page.markers:
        if slug in model.quiz_files:
            h.update(b"\0" + "\n".join(model.quiz_files[slug].lines).encode())
    if "<!-- generate:" in "\n".join(page.lines):  # generated from the whole course
        for src in list(model.pages.values()) + list(model.quiz_files.values()):
            h.update(b"\0" + src.text.encode())
        fixtures = model.root / "tests" / "fixtures" / "mistakes"  # the checker's messages
        for f in sorted(fixtures.glob("*/*")) if fixtures.is_dir() else []:
            if f.is_file():
                h.update(f.as_posix().encode() + f.read_bytes())
    return h.hexdigest()


def check_rendered_pages(model, pages: dict, skip: set[str]) -> list[Problem]:
    """Both nets on every page whose other problems are fixed (`skip`: the
    paths that still have some), re-rendering only pages changed since the
    last check."""
    from .. import render

    cache_file = model.root / CACHE
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    shared = _fingerprint(model.root)
    todo, keys, problems = [], {}, []
    for doc_path, page in pages.items():
        if page.fm is None or page.path in skip or any(
                model.quiz_files[s].path in skip for s, _ in page.markers if s in model.quiz_files):
            continue
        named = [m.group("id") for src in [page.lines] + [model.quiz_files[s].lines for s, _ in page.markers
                                                          if s in model.quiz_files]
                 for line in src for m in INSTRUMENT_RE.finditer(line)]
        if any(ident not in model.register for ident in named):
            continue  # names a register entry that is broken: reported once, on the register
        if skip and any(m and m.group("name") == "book" for m in map(GENERATE_RE.match, page.lines)):
            continue  # the book holds every module: it waits until their problems are fixed
        keys[doc_path] = _page_key(shared, page, model)
        hit = cache.get(doc_path)
        if hit and hit.get("key") == keys[doc_path]:
            problems += [Problem(**p) for p in hit["problems"]]
        else:
            todo.append(doc_path)
    rendered = render.render(model, todo)
    for doc_path, page_html in rendered.items():
        page = pages[doc_path]
        if isinstance(page_html, render.RenderError):
            found = _render_error(page, page_html)
        else:
            found = check_page(page.path, page.lines, page.body_start, model.quiz_files, page_html,
                               snippet_folder(model))
        problems += found
        cache[doc_path] = {"key": keys[doc_path], "problems": [p.__dict__ for p in found]}
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(cache, indent=0, sort_keys=True), encoding="utf-8")
        tmp.replace(cache_file)
    except OSError:
        pass  # a read-only tree is checked in full next time
    return problems
