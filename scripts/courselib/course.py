"""The course as data: its modules in navigation order, with their front
matter, questions and the instruments they name, and its case exercises.

Reports, the generated trainer pages (timetable, objectives map, answer
keys, register page) and the exports all read the course from here, so
nothing is written twice. Call this on a course that passes the checker;
pages whose front matter cannot be read are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import cases
from .markdown_text import INSTRUMENT_RE, QUIZ_MARKER_RE, code_lines

LESSON_KINDS = ("module", "short-module")
COURSE_KINDS = LESSON_KINDS + ("assessment",)
# Case exercises (docs/cases/, `kind: case`) are kept apart, in
# `Course.cases`: they have no questions of their own. The SCORM package
# makes each one a SCO and the book prints it as a handout.
CASE_KIND = "case"


def read_text(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


@dataclass
class Module:
    slug: str
    path: str  # relative to the course root, e.g. docs/modules/interpol.md
    doc_path: str  # relative to docs/, e.g. modules/interpol.md
    section: str
    kind: str
    title: str
    description: str
    duration: dict
    objectives: dict
    sources: list
    last_reviewed: dt.date | None
    keypoints: list = field(default_factory=list)
    quiz_path: str | None = None
    questions: list = field(default_factory=list)
    instruments: dict = field(default_factory=dict)  # id -> first line (path, line)
    body: str = ""  # the page's Markdown after its front matter
    nav_index: int = 0  # its place in `nav:` (among modules and cases alike)
    is_case = False

    @property
    def minutes(self) -> int:
        d = self.duration if isinstance(self.duration, dict) else {}
        return int(d.get("reading") or 0) + int(d.get("exercises") or 0)


@dataclass
class CaseExercise:
    slug: str
    path: str  # relative to the course root, e.g. docs/cases/fugitive-in-germany.md
    doc_path: str  # relative to docs/, e.g. cases/fugitive-in-germany.md
    title: str
    practises: list  # "module/objective" tags
    case: object  # courselib.cases.Case
    description: str = ""
    section: str = ""
    sources: list = field(default_factory=list)
    last_reviewed: dt.date | None = None
    body: str = ""  # the page's Markdown after its front matter
    nav_index: int = 0  # its place in `nav:` (among modules and cases alike)
    duration: dict = field(default_factory=dict)
    kind = CASE_KIND
    is_case = True

    @property
    def minutes(self) -> int:
        d = self.duration if isinstance(self.duration, dict) else {}
        return int(d.get("reading") or 0) + int(d.get("exercises") or 0)


@dataclass
class Course:
    root: Path
    docs_dir: str
    modules: list[Module]
    register: dict
    quiz_files: dict  # slug -> (path, questions)
    cases: list[CaseExercise] = field(default_factory=list)  # in navigation order

    def in_nav_order(self) -> list:
        """The modules, the case exercises and the assessment, in `nav:` order."""
        return sorted(self.modules + self.cases, key=lambda p: p.nav_index)


def _instruments_in(lines: list[str]) -> list[tuple[str, int]]:
    found = []
    for i, (line, code) in enumerate(zip(lines, code_lines(lines))):
        if not code:
            found += [(m.group("id"), i + 1) for m in INSTRUMENT_RE.finditer(line)]
    return found


def load(root) -> Course:
    """The course of the repository at `root` (or of a model already read)."""
    from . import model as model_mod

    m = root if isinstance(root, model_mod.CourseModel) else model_mod.load(root)
    return m.course()


def from_model(m) -> Course:
    cfg = m.cfg
    quiz_files = {}
    for slug, f in m.quiz_files.items():
        quiz_files[slug] = (f.path, m.questions(slug)[0], f.lines)
    modules, case_list = [], []
    for nav_index, (doc_path, _line) in enumerate(cfg.nav if cfg else []):
        section = cfg.sections.get(doc_path, "")
        page = m.pages.get(doc_path)
        if page is None or page.fm is None:
            continue
        data = page.fm.data
        lr = data.get("last_reviewed")
        lr = lr if isinstance(lr, dt.date) and not isinstance(lr, dt.datetime) else None
        body = "\n".join(page.lines[page.fm.body_start:])
        if cases.is_case(doc_path, data):
            tags = data.get("practises")
            case_list.append(CaseExercise(
                slug=Path(doc_path).stem, path=page.path, doc_path=doc_path, title=str(data.get("title", "")),
                practises=[str(t) for t in tags] if isinstance(tags, list) else [],
                case=cases.parse(page.path, page.lines, page.fm.body_start),
                description=str(data.get("description", "")), section=section,
                sources=data.get("sources") if isinstance(data.get("sources"), list) else [],
                last_reviewed=lr, body=body, nav_index=nav_index,
                duration=data.get("duration") if isinstance(data.get("duration"), dict) else {}))
            continue
        kind = data.get("kind") or ("module" if doc_path.startswith("modules/") else None)
        if kind not in COURSE_KINDS:
            continue
        if kind in LESSON_KINDS and not isinstance(data.get("objectives"), dict):
            continue
        lines, rel = page.lines, page.path
        keypoints = data.get("keypoints") if isinstance(data.get("keypoints"), list) else []
        mod = Module(slug=Path(doc_path).stem, path=rel, doc_path=doc_path, section=section, kind=kind,
                     title=str(data.get("title", "")), description=str(data.get("description", "")),
                     duration=data.get("duration") or {}, objectives=data.get("objectives") or {},
                     sources=data.get("sources") or [], last_reviewed=lr,
                     keypoints=[str(k) for k in keypoints if k is not None], body=body, nav_index=nav_index)
        for ident, n in _instruments_in(lines):
            mod.instruments.setdefault(ident, (rel, n))
        marker = next((mm.group("slug") for line, code in zip(lines, code_lines(lines)) if not code
                       for mm in QUIZ_MARKER_RE.finditer(line)), None)  # a marker shown in code is no quiz
        if marker in quiz_files:
            qpath, questions, qlines = quiz_files[marker]
            mod.quiz_path, mod.questions = qpath, questions
            for ident, n in _instruments_in(qlines):
                mod.instruments.setdefault(ident, (qpath, n))
        modules.append(mod)
    return Course(root=m.root, docs_dir=cfg.docs_dir if cfg else "docs", modules=modules, register=m.register,
                  quiz_files={k: (v[0], v[1]) for k, v in quiz_files.items()}, cases=case_list)


def objective_ref(question, host_slug: str) -> tuple[str, str] | None:
    """(module slug, objective id) that a question tests."""
    if not question.objective:
        return None
    if "/" in question.objective:
        mod, oid = question.objective.split("/", 1)
        return mod, oid
    return host_slug, question.objective

