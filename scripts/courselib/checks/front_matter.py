"""Front matter: what kind of page this is, and the keys that kind may have."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .. import frontmatter
from ..problems import Problem
from .common import ID_RE, Page, suggest as _suggest

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
    "case": Kind("case", "case exercise", ("title", "description", "duration", "practises", "sources",
                                           "last_reviewed")),
}
# Where a page's kind comes from when its front matter does not say.
KIND_BY_FOLDER = {"modules": "module", "reference": "reference", "trainers": "trainer", "cases": "case"}
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
QUIZ_PAGE_KEYS = ("enabled",)
SOURCE_KEYS = ("title", "url", "note")
REVIEW_DUE_DAYS = 365
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _kind_for(doc_path: str, data: dict) -> str | None:
    if "kind" in data:
        return data["kind"]
    if doc_path == "index.md":
        return "home"
    top = doc_path.split("/", 1)[0]
    return KIND_BY_FOLDER.get(top) if "/" in doc_path else None


def check_front_matter(page: Page, today: dt.date, extra_keys: tuple[str, ...] = ()) -> list[Problem]:
    """`extra_keys`: keys this page may have beyond its kind's (a translation's
    `translation:`, checks/translations.py)."""
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
    allowed = kind.allowed + tuple(extra_keys)
    for key in data:
        if key not in allowed:
            out.append(Problem(p, fm.line_of(key), f'unknown key "{key}" for a {kind.label}',
                               _suggest(str(key), allowed) + "allowed keys: " + ", ".join(allowed)))
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
        colon = [i for i, k in enumerate(kp) if isinstance(k, dict) and len(k) == 1] if isinstance(kp, list) else []
        if colon:
            (key, value), = kp[colon[0]].items()
            out.append(Problem(p, fm.line_of("keypoints", colon[0]),
                               'this key point has ": " in it, which YAML reads as "key: value"',
                               f'put the whole key point in double quotes: - "{key}: {value}"'))
        elif not isinstance(kp, list) or not all(isinstance(k, str) and k.strip() for k in kp):
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
        if isinstance(lr, str) and DATE_RE.match(lr.strip()):
            out.append(Problem(p, line, "last_reviewed is in quotes, so it is read as text, not as a date",
                               f"remove the quotes: last_reviewed: {lr.strip()}"))
        elif isinstance(lr, dt.datetime) or not isinstance(lr, dt.date):
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
        "practises": 'add "practises:" with lines "  - module-slug/objective-id"',
    }.get(key, f'add "{key}: ..."')


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


def read_pages(model, today: dt.date) -> tuple[dict[str, Page], list[Problem]]:
    """Every page with its kind, and what is wrong with its front matter.

    A page whose front matter cannot be read is still returned (fm None),
    so its links, anchors and quiz marker count."""
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for doc_path, src in model.pages.items():
        if src.problem:
            problems.append(src.problem)
        if src.fm is None:
            err = src.fm_error
            if not src.problem:
                problems.append(Problem(src.path, err.line, err.what, err.fix))
            pages[doc_path] = Page(src.path, doc_path, src.lines, None, None, frontmatter.body_start(src.lines))
            continue
        page = Page(src.path, doc_path, src.lines, src.fm, None, src.fm.body_start)
        problems += [Problem(src.path, line, what, fix, warning=True) for line, what, fix in src.fm.warnings]
        problems += check_front_matter(page, today)
        pages[doc_path] = page
    return pages, problems
