"""Every content rule of the course.

`check_course()` reads the repository (mkdocs.yml, docs/, quizzes/, the
register) without building, and returns the problems a trainer must fix.
The build hook, `make check` and the tests all call it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, names, quizzes, register, siteconfig
from .markdown_text import (ANY_BRACES_RE, GENERATE_RE, INSTRUMENT_RE, OBJECTIVE_RE, QUIZ_MARKER_RE,
                            code_lines, prose_lines)
from .problems import Problem

# ---------------------------------------------------------------------------
# Page kinds and their front matter
# ---------------------------------------------------------------------------

# Keys that Material and mkdocs-quiz read, allowed on every page.
THEME_KEYS = ("template", "hide", "search", "quiz")
LESSON_REQUIRED = ("title", "description", "duration", "objectives", "keypoints", "sources",
                   "last_reviewed")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    quiz_required: bool = False

    @property
    def allowed(self) -> tuple[str, ...]:
        return ("kind",) + self.required + self.optional + THEME_KEYS


KINDS = {
    "home": Kind("home", "home page", ("title", "description")),
    "module": Kind("module", "module", LESSON_REQUIRED, quiz_required=True),
    "short-module": Kind("short-module", "short module", LESSON_REQUIRED, quiz_required=True),
    "assessment": Kind("assessment", "course assessment", ("title", "description", "last_reviewed"),
                       ("duration",), quiz_required=True),
    "reference": Kind("reference", "reference page", ("title", "description"),
                      ("sources", "last_reviewed")),
    "trainer": Kind("trainer", "trainer page", ("title", "description"),
                    ("sources", "last_reviewed")),
}
# Where a page's kind comes from when its front matter does not say.
KIND_BY_FOLDER = {"modules": "module", "reference": "reference", "trainers": "trainer"}

# What a page may ask to be generated with <!-- generate: NAME -->
# (see courselib/generate.py).
GENERATED_SECTIONS = ("timetable", "objectives-map", "answer-keys", "register", "checker-messages", "progress",
                      "key-points", "book")

# The closed list of box types (admonitions) a page may use.
ADMONITION_TYPES = ("note", "info", "tip", "warning", "danger", "example", "question", "quote",
                    "kosovo", "legal-basis")
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
QUIZ_PAGE_KEYS = ("enabled",)
SOURCE_KEYS = ("title", "url", "note")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Anchors the lesson frame template adds to every lesson page.
FRAME_ANCHORS = ("objectives", "key-points", "sources", "review")
REVIEW_DUE_DAYS = 365
TODO_RE = re.compile(r"\bTODO\b")
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}")
HTML_ID_RE = re.compile(r"\bid\s*=\s*[\"'](?P<id>[^\"']+)[\"']")
ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)(?P<rest>.*)$")
LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<url><[^>]*>|[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)")
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]*>|[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\)")
REFDEF_RE = re.compile(r"^\s{0,3}\[(?P<ref>[^\]^][^\]]*)\]:\s*(?P<url>\S+)")
HTML_HREF_RE = re.compile(r"<a\s[^>]*\bhref\s*=\s*[\"'](?P<url>[^\"']*)[\"']", re.I)
HTML_IMG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
REMOTE_EMBED_RE = re.compile(
    r"<(?P<tag>iframe|video|audio|source|track|object|embed|script|link|img|image|use)\b[^>]*?"
    r"\b(?P<attr>src|srcset|href|data|poster|xlink:href)\s*=\s*[\"'](?P<url>[^\"']*)[\"']",
    re.I)
CSS_REMOTE_RE = re.compile(r"(?:@import\s+|url\()\s*[\"']?(?P<url>(?:https?:)?//[^\"')\s]+)", re.I)
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class Page:
    path: str  # relative to the repository, e.g. docs/modules/interpol.md
    doc_path: str  # relative to docs_dir, e.g. modules/interpol.md
    lines: list[str]
    fm: frontmatter.FrontMatter | None
    kind: Kind | None
    body_start: int  # 0-based
    anchors: set[str] = field(default_factory=set)
    markers: list[tuple[str, int]] = field(default_factory=list)  # (slug, line)

    @property
    def slug(self) -> str:
        return Path(self.doc_path).stem

    @property
    def objectives(self) -> dict:
        if self.fm and isinstance(self.fm.data.get("objectives"), dict):
            return self.fm.data["objectives"]
        return {}


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"? ' if close else ""


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

def _kind_for(doc_path: str, data: dict) -> str | None:
    if "kind" in data:
        return data["kind"]
    if doc_path == "index.md":
        return "home"
    top = doc_path.split("/", 1)[0]
    return KIND_BY_FOLDER.get(top) if "/" in doc_path else None


def check_front_matter(page: Page, today: dt.date) -> list[Problem]:
    fm, p = page.fm, page.path
    data = fm.data
    out: list[Problem] = []
    kind_name = _kind_for(page.doc_path, data)
    if kind_name is None:
        out.append(Problem(p, 1, "the page does not say what kind of page it is",
                           "add \"kind:\" with one of: " + ", ".join(KINDS)))
        return out
    if kind_name not in KINDS:
        out.append(Problem(p, fm.line_of("kind"), f'unknown page kind "{kind_name}"',
                           _suggest(str(kind_name), KINDS) + "use one of: " + ", ".join(KINDS)))
        return out
    kind = KINDS[kind_name]
    page.kind = kind
    for key in data:
        if key not in kind.allowed:
            out.append(Problem(p, fm.line_of(key), f'unknown key "{key}" for a {kind.label}',
                               _suggest(str(key), kind.allowed) + "allowed keys: " + ", ".join(kind.allowed)))
    for key in kind.required:
        if key not in data or data[key] in (None, "", [], {}):
            out.append(Problem(p, fm.line_of(key) if key in data else 1,
                               f'the {kind.label} has no "{key}"', _how_to_write(key)))
    for key in ("title", "description"):
        if key in data and data[key] not in (None, "") and not isinstance(data[key], str):
            out.append(Problem(p, fm.line_of(key), f'"{key}" must be text', "write it on one line after the colon"))
    if "duration" in data and data["duration"] not in (None, ""):
        d = data["duration"]
        ok = isinstance(d, dict) and set(d) <= {"reading", "exercises"} and "reading" in d and all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in d.values())
        if not ok:
            out.append(Problem(p, fm.line_of("duration"), "duration is not in minutes for reading and exercises",
                               "write it as: duration: {reading: 30, exercises: 10}"))
    if isinstance(data.get("objectives"), list):
        out.append(Problem(p, fm.line_of("objectives"), "objectives are a list without ids",
                           'give each objective a short id, e.g. "  notices: Tell what each notice asks for", '
                           "so a question can name it"))
    elif data.get("objectives") not in (None, "", {}):
        objs = data["objectives"]
        if not isinstance(objs, dict):
            out.append(Problem(p, fm.line_of("objectives"), "objectives must be \"id: text\" lines",
                               'write e.g. "  notices: Tell what each notice asks for" under objectives:'))
        else:
            for oid, text in objs.items():
                line = fm.line_of("objectives", oid)
                if not ID_RE.match(str(oid)):
                    out.append(Problem(p, line, f'objective id "{oid}" is not plain kebab-case',
                                       "use lowercase letters, digits and hyphens, e.g. red-notice"))
                if not isinstance(text, str) or not text.strip():
                    out.append(Problem(p, line, f'objective "{oid}" has no text',
                                       "write what the trainee will be able to do after the colon"))
    if "keypoints" in data and data["keypoints"] not in (None, "", []):
        kp = data["keypoints"]
        if not isinstance(kp, list) or not all(isinstance(k, str) and k.strip() for k in kp):
            out.append(Problem(p, fm.line_of("keypoints"), "keypoints must be a list of sentences",
                               'write each key point on its own line starting with "  - "'))
    if "sources" in data and data["sources"] not in (None, "", []):
        src = data["sources"]
        if not isinstance(src, list):
            out.append(Problem(p, fm.line_of("sources"), "sources must be a list",
                               'write each source as "  - title: ..." with "    url: https://..." under it'))
        else:
            for idx, s in enumerate(src):
                line = fm.line_of("sources", idx)
                if not isinstance(s, dict) or not s.get("title"):
                    out.append(Problem(p, line, "a source has no title",
                                       'write it as "  - title: ..." with "    url: https://..." under it'))
                    continue
                for k in s:
                    if k not in SOURCE_KEYS:
                        out.append(Problem(p, line, f'source "{s["title"]}" has an unknown key "{k}"',
                                           _suggest(str(k), SOURCE_KEYS) + "use: " + ", ".join(SOURCE_KEYS)))
                url = s.get("url")
                if not url:
                    out.append(Problem(p, line, f'source "{s["title"]}" has no URL',
                                       'add "    url: https://..." with the official address'))
                elif not str(url).startswith(("https://", "http://")):
                    out.append(Problem(p, line, f'source "{s["title"]}" has a URL that is not a web address',
                                       "give the full official address, starting with https://"))
    if "last_reviewed" in data and data["last_reviewed"] not in (None, ""):
        lr = data["last_reviewed"]
        line = fm.line_of("last_reviewed")
        if isinstance(lr, dt.datetime) or not isinstance(lr, dt.date):
            out.append(Problem(p, line, f'last_reviewed "{lr}" is not a date',
                               "write the date as YYYY-MM-DD, e.g. 2026-11-20"))
        elif lr > today:
            out.append(Problem(p, line, f"last_reviewed {lr.isoformat()} is in the future",
                               "write the date the page was actually reviewed"))
        elif (today - lr).days > REVIEW_DUE_DAYS and kind.name in ("module", "short-module"):
            out.append(Problem(p, line, f"last reviewed {lr.isoformat()}, more than 12 months ago",
                               "check the page against its sources and update last_reviewed", warning=True))
    if "hide" in data:
        h = data["hide"]
        if not isinstance(h, list) or any(v not in HIDE_VALUES for v in h):
            out.append(Problem(p, fm.line_of("hide"), "hide lists something the theme does not know",
                               "use a list of: " + ", ".join(HIDE_VALUES)))
    if "quiz" in data:
        qz = data["quiz"]
        if not isinstance(qz, dict) or any(k not in QUIZ_PAGE_KEYS for k in qz):
            out.append(Problem(p, fm.line_of("quiz"), "quiz settings are set once for the whole course",
                               "remove the quiz: key (only \"quiz: {enabled: false}\" is allowed on a page)"))
    if "search" in data:
        s = data["search"]
        if not isinstance(s, dict) or any(k not in ("exclude", "boost", "terms") for k in s):
            out.append(Problem(p, fm.line_of("search"), "search settings are not understood",
                               "use search: {boost: 2}, search: {exclude: true} or search: {terms: [MLA, EIO]}"))
        elif "terms" in s and (not isinstance(s["terms"], list) or not s["terms"]
                               or any(not isinstance(t, (str, int)) or not str(t).strip() for t in s["terms"])):
            out.append(Problem(p, fm.line_of("search"), "search terms must be a list of words",
                               "write them in square brackets, e.g. search: {terms: [MLA, EIO]}"))
    return out


def _how_to_write(key: str) -> str:
    return {
        "title": 'add "title: ..." with the page title',
        "description": 'add "description: ..." with one sentence saying what the page is for',
        "duration": 'add "duration: {reading: 30, exercises: 10}" (minutes)',
        "objectives": 'add "objectives:" with lines "  id: what the trainee will be able to do"',
        "keypoints": 'add "keypoints:" with lines "  - one key point"',
        "sources": 'add "sources:" with "  - title: ..." and "    url: https://..."',
        "last_reviewed": 'add "last_reviewed: YYYY-MM-DD" with the date the page was checked',
    }.get(key, f'add "{key}: ..."')


# ---------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------

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


def check_instruments(path: str, n: int, line: str, register_ids: set[str]) -> list[Problem]:
    out = []
    for m in ANY_BRACES_RE.finditer(line):
        im = INSTRUMENT_RE.fullmatch(m.group(0))
        if not im:
            out.append(Problem(path, n, f'"{m.group(0)}" is not understood',
                               "name an instrument as {{ instrument: ID }}, with an ID from data/instruments.yml"))
            continue
        ident, form = im.group("id"), im.group("form")
        if ident not in register_ids:
            out.append(Problem(path, n, f'unknown instrument "{ident}"',
                               _suggest(ident, register_ids) + "use an id from data/instruments.yml, or add the instrument there"))
        if form and form not in register.FORMS:
            out.append(Problem(path, n, f'unknown instrument form "{form}"',
                               "write {{ instrument: ID }} or {{ instrument: ID | short }}"))
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
    if not url or SCHEME_RE.match(url) or url.startswith("//"):
        return []
    target, _, anchor = url.partition("#")
    if url.startswith("/"):
        return [Problem(path, n, f"the {what} {url} starts at the site root",
                        "use a path relative to this page, e.g. ../modules/interpol.md")]
    if not target:
        if anchor and anchor not in page.anchors:
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


# ---------------------------------------------------------------------------
# The whole course
# ---------------------------------------------------------------------------

def _read(path: Path, rel: str) -> tuple[str, Problem | None]:
    """The file's text; a file not in UTF-8 is reported, then read with
    replacement characters so the rest of the course is still checked."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return data.decode("utf-8", errors="replace"), Problem(
            rel, line, "the file is not saved as UTF-8", "save it again with UTF-8 encoding in your editor")


def today_from_env() -> dt.date:
    """The date review dates are checked against: COURSE_TODAY (YYYY-MM-DD)
    when set, so tests and builds can fix it; otherwise today."""
    value = os.environ.get("COURSE_TODAY", "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return dt.date.today()


def review_due(last_reviewed, today: dt.date) -> bool:
    return (isinstance(last_reviewed, dt.date) and not isinstance(last_reviewed, dt.datetime)
            and (today - last_reviewed).days > REVIEW_DUE_DAYS)


REPORT_ADDRESS_RE = re.compile(r"^(?:[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+|https?://[^\s]+)$")


def check_report_address(cfg) -> list[Problem]:
    """extra.report_mistake: where "Report a mistake on this page" writes to."""
    value = (cfg.raw.get("extra") or {}).get("report_mistake")
    if value is None or REPORT_ADDRESS_RE.match(str(value)):
        return []
    text = (cfg.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next((n for n, l in enumerate(text, 1) if l.strip().startswith("report_mistake:")), 1)
    return [Problem("mkdocs.yml", line, f'report_mistake "{value}" is neither an e-mail address nor a web address',
                    "write one address, e.g. report_mistake: course-team@kosovopolice.example, "
                    "or a web address starting with https://")]


def check_mastery_score(cfg) -> list[Problem]:
    """extra.scorm.mastery_score: the SCORM package's pass mark for the assessment."""
    from .scorm import mastery_score

    _, problem = mastery_score(cfg.raw, (cfg.root / "mkdocs.yml").read_text(encoding="utf-8"))
    return [problem] if problem else []


def check_course(root: Path, today: dt.date | None = None) -> list[Problem]:
    root = Path(root).resolve()
    today = today or today_from_env()
    problems: list[Problem] = []
    try:
        cfg = siteconfig.load(root)
    except Exception as exc:  # a broken mkdocs.yml is a trainer mistake too
        mark = getattr(exc, "problem_mark", None)
        return [Problem("mkdocs.yml", (mark.line + 1) if mark else 1,
                        "mkdocs.yml cannot be read", "indent with spaces and close every quote")]
    problems += check_report_address(cfg)
    problems += check_mastery_score(cfg)
    docs = root / cfg.docs_dir
    instruments, reg_problems = register.load(root)
    problems += reg_problems
    register_ids = set(instruments)

    # 1. read every page
    pages: dict[str, Page] = {}
    for f in sorted(docs.rglob("*.md")):
        rel_doc = f.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in rel_doc.split("/")):
            continue
        rel = f.relative_to(root).as_posix()
        text, prob = _read(f, rel)
        if prob:
            problems.append(prob)
        lines = text.splitlines()
        try:
            fm = frontmatter.split(text)
        except frontmatter.FrontMatterError as err:
            if not prob:
                problems.append(Problem(rel, err.line, err.what, err.fix))
            # still read the body, so its links, anchors and quiz marker count
            page = Page(rel, rel_doc, lines, None, None, frontmatter.body_start(lines))
            check_body(page, register_ids)
            pages[rel_doc] = page
            continue
        page = Page(rel, rel_doc, lines, fm, None, fm.body_start)
        problems += check_front_matter(page, today)
        pages[rel_doc] = page

    # 2. quiz files
    quiz_dir = root / "quizzes"
    quiz_files: dict[str, tuple[str, list[str]]] = {}
    if quiz_dir.is_dir():
        for f in sorted(quiz_dir.glob("*.md")):
            rel = f.relative_to(root).as_posix()
            text, prob = _read(f, rel)
            if prob:
                problems.append(prob)
            quiz_files[f.stem] = (rel, text.splitlines())

    # 3. page bodies (markers, boxes, instruments), then anchors
    for page in pages.values():
        if page.fm is None:
            continue
        problems += check_body(page, register_ids)
    for page in pages.values():
        extra = []
        for slug, _ in page.markers:
            if slug in quiz_files:
                extra += quiz_files[slug][1]
        collect_anchors(page, extra)

    # 4. links and images, in pages and in the quizzes they embed
    for page in pages.values():
        if page.fm is None:
            continue
        problems += check_links(page, pages, docs)

    # 5. nav
    nav = cfg.nav_paths()
    for doc_path, page in pages.items():
        if doc_path not in nav:
            problems.append(Problem(page.path, 1, "the page is not in the navigation",
                                    f'add "{doc_path}" under nav: in mkdocs.yml, in the right section'))
    for doc_path, line in cfg.nav:
        if doc_path not in pages:
            problems.append(Problem("mkdocs.yml", line, f'nav names "{doc_path}", which does not exist',
                                    f"create {cfg.docs_dir}/{doc_path} or remove the line"))

    # 6. markers and quiz files
    embedded: dict[str, list[tuple[Page, int]]] = {}
    for page in pages.values():
        for slug, line in page.markers:
            if slug not in quiz_files:
                problems.append(Problem(page.path, line, f'the quiz file quizzes/{slug}.md does not exist',
                                        _suggest(slug, quiz_files) + "create it, or correct the name in the marker"))
                continue
            embedded.setdefault(slug, []).append((page, line))
    for slug, (rel, _lines) in quiz_files.items():
        uses = embedded.get(slug, [])
        if not uses:
            problems.append(Problem(rel, 1, "this quiz file is embedded in no page",
                                    f"add <!-- quiz: {slug} --> to its module, or delete the file"))
        for page, line in uses[1:]:
            problems.append(Problem(page.path, line, f"quizzes/{slug}.md is already embedded in {uses[0][0].path}",
                                    "embed each quiz file once; remove this marker"))
    for page in pages.values():
        if page.kind and page.kind.quiz_required and not page.markers:
            problems.append(Problem(page.path, page.body_start + 1, f"the {page.kind.label} has no quiz",
                                    f"add a section \"## Check your understanding\" with <!-- quiz: {page.slug} -->"))

    # 7. questions: syntax, objectives, links
    modules_by_slug = {p.slug: p for p in pages.values()
                       if p.kind and p.kind.name in ("module", "short-module")}
    tested: dict[str, set[str]] = {}
    unsure: set[str] = set()
    for slug, (rel, lines) in quiz_files.items():
        questions, qprobs = quizzes.parse(rel, "\n".join(lines))
        problems += qprobs
        for i, line in enumerate(prose_lines(lines)):
            problems += check_instruments(rel, i + 1, line, register_ids)
        host = embedded.get(slug, [(None, 0)])[0][0]
        if host is None or host.fm is None or isinstance(host.fm.data.get("objectives"), list):
            continue  # embedded nowhere, or the page's front matter is broken: fix that first
        problems += check_links(host, pages, docs, lines=lines, path=rel)
        objective_problems = []
        for q in questions:
            objective_problems += _check_objective(rel, q, host, modules_by_slug, tested)
        problems += objective_problems
        if qprobs or objective_problems:
            unsure.add(host.slug)  # fix the questions first; then see what is untested
    for page in modules_by_slug.values():
        if not page.markers or page.slug in unsure:
            continue
        for oid in page.objectives:
            if oid not in tested.get(page.slug, set()):
                problems.append(Problem(page.path, page.fm.line_of("objectives", oid),
                                        f'objective "{oid}" is tested by no question',
                                        f"add a question to quizzes/{page.markers[0][0]}.md preceded by "
                                        f"<!-- objective: {oid} -->, or remove the objective"))

    # 8. template text left in ("TODO"): a warning, so a new module passes at once
    for rel, lines in [(p.path, p.lines) for p in pages.values()] + list(quiz_files.values()):
        code = code_lines(lines)
        for i, line in enumerate(prose_lines(lines)):
            if not code[i] and TODO_RE.search(line):
                problems.append(Problem(rel, i + 1, "template text \"TODO\" is still here",
                                        "replace it with the real text", warning=True))

    # 9. official names in running text (data/names.yml)
    name_list, history, name_problems = names.load(root)
    problems += name_problems
    texts = [(p.path, p.lines, p.body_start) for p in pages.values() if p.fm is not None]
    texts += [(rel, lines, 0) for rel, lines in quiz_files.values()]
    for rel, lines, first in texts:
        prose = prose_lines(lines)
        for i in range(first, len(lines)):
            if prose[i]:
                problems += names.check_line(rel, i + 1, prose[i], name_list, history)

    # 10. titles are unique
    seen_titles: dict[str, Page] = {}
    for page in pages.values():
        if page.fm is None or not isinstance(page.fm.data.get("title"), str):
            continue
        t = page.fm.data["title"].strip().casefold()
        if t in seen_titles:
            problems.append(Problem(page.path, page.fm.line_of("title"),
                                    f'the title "{page.fm.data["title"]}" is already used by {seen_titles[t].path}',
                                    "give each page its own title"))
        else:
            seen_titles[t] = page

    return sorted(set(problems), key=lambda p: (p.path, p.line, p.what))


def _check_objective(rel, q, host, modules_by_slug, tested) -> list[Problem]:
    if not q.objective:
        where = host.path if host is not None and host.objectives else "the module's front matter"
        return [Problem(rel, q.line, "this question names no objective",
                        f"add <!-- objective: ID --> on the line before <quiz>, with an id from objectives in {where}")]
    ref = q.objective
    if "/" in ref:
        mod_slug, oid = ref.split("/", 1)
    else:
        if host is None or not host.objectives:
            return [Problem(rel, q.objective_line, f'objective "{ref}" does not say its module',
                            "write <!-- objective: MODULE/ID -->, e.g. interpol/red-notice")]
        mod_slug, oid = host.slug, ref
    mod = modules_by_slug.get(mod_slug)
    if mod is None:
        return [Problem(rel, q.objective_line, f'objective "{ref}" names a module that does not exist',
                        _suggest(mod_slug, modules_by_slug) + "use the file name of a module under docs/modules/")]
    if oid not in mod.objectives:
        return [Problem(rel, q.objective_line, f'objective "{oid}" is not an objective of {mod.path}',
                        _suggest(oid, mod.objectives) + "use one of: " + ", ".join(mod.objectives))]
    tested.setdefault(mod_slug, set()).add(oid)
    return []
