"""The course as data: its modules in navigation order, with their front
matter, questions and the instruments they name.

Reports, the generated trainer pages (timetable, objectives map, answer
keys, register page) and the exports all read the course from here, so
nothing is written twice. Call this on a course that passes the checker;
pages whose front matter cannot be read are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, quizzes, register, siteconfig
from .markdown_text import INSTRUMENT_RE, QUIZ_MARKER_RE, code_lines

LESSON_KINDS = ("module", "short-module")
# Case exercises (docs/cases/, `kind: case`): read like the other course
# pages once the checker knows the kind; the SCORM package makes each one a
# SCO and the book prints it as a handout.
CASE_KINDS = ("case",)
COURSE_KINDS = LESSON_KINDS + ("assessment",) + CASE_KINDS


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
    root: Path = Path(".")

    @property
    def is_case(self) -> bool:
        return self.kind in CASE_KINDS

    @property
    def body(self) -> str:
        """The page's Markdown after its front matter (read from the file)."""
        lines = read_text(self.root / self.path).splitlines()
        return "\n".join(lines[frontmatter.body_start(lines):])

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


def _instruments_in(lines: list[str]) -> list[tuple[str, int]]:
    found = []
    for i, (line, code) in enumerate(zip(lines, code_lines(lines))):
        if not code:
            found += [(m.group("id"), i + 1) for m in INSTRUMENT_RE.finditer(line)]
    return found


def load(root: Path) -> Course:
    root = Path(root).resolve()
    cfg = siteconfig.load(root)
    docs = root / cfg.docs_dir
    instruments, _ = register.load(root)
    quiz_files = {}
    for f in sorted((root / "quizzes").glob("*.md")):
        text = f.read_text(encoding="utf-8", errors="replace")
        questions, _ = quizzes.parse(f"quizzes/{f.name}", text)
        quiz_files[f.stem] = (f"quizzes/{f.name}", questions, text.splitlines())
    modules = []
    for doc_path, _line in cfg.nav:
        section = cfg.sections.get(doc_path, "")
        f = docs / doc_path
        if not f.is_file():
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        try:
            fm = frontmatter.split(text)
        except frontmatter.FrontMatterError:
            continue
        data = fm.data
        kind = data.get("kind") or ("module" if doc_path.startswith("modules/") else None)
        if kind not in COURSE_KINDS:
            continue
        if kind in LESSON_KINDS and not isinstance(data.get("objectives"), dict):
            continue
        lines = text.splitlines()
        rel = f.relative_to(root).as_posix()
        lr = data.get("last_reviewed")
        m = Module(slug=Path(doc_path).stem, path=rel, doc_path=doc_path, section=section, kind=kind,
                   title=str(data.get("title", "")), description=str(data.get("description", "")),
                   duration=data.get("duration") or {}, objectives=data.get("objectives") or {},
                   sources=data.get("sources") or [], root=root,
                   keypoints=[str(k) for k in data.get("keypoints") or [] if k is not None],
                   last_reviewed=lr if isinstance(lr, dt.date) and not isinstance(lr, dt.datetime) else None)
        for ident, n in _instruments_in(lines):
            m.instruments.setdefault(ident, (rel, n))
        marker = next((mm.group("slug") for line in lines for mm in QUIZ_MARKER_RE.finditer(line)), None)
        if marker in quiz_files:
            qpath, questions, qlines = quiz_files[marker]
            m.quiz_path, m.questions = qpath, questions
            for ident, n in _instruments_in(qlines):
                m.instruments.setdefault(ident, (qpath, n))
        modules.append(m)
    return Course(root=root, docs_dir=cfg.docs_dir, modules=modules, register=instruments,
                  quiz_files={k: (v[0], v[1]) for k, v in quiz_files.items()})


def objective_ref(question, host_slug: str) -> tuple[str, str] | None:
    """(module slug, objective id) that a question tests."""
    if not question.objective:
        return None
    if "/" in question.objective:
        mod, oid = question.objective.split("/", 1)
        return mod, oid
    return host_slug, question.objective

