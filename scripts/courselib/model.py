"""The course, read once: every page with its front matter, every quiz file,
the register, the word list and mkdocs.yml.

The checker (rules.py), the build hooks and the generators share one
model per build: the check_content hook reads it in on_pre_build and keeps
it as the build's model (`set_current`); the other hooks take it from
`current()`. `make serve` reads it again for every rebuild, so an edit is
always seen. Nothing here judges the course; the rules do (courselib/checks/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import editions, frontmatter, names, quizzes, register, siteconfig
from .problems import Problem


@dataclass
class SourceFile:
    path: str  # relative to the repository, e.g. quizzes/interpol.md
    text: str
    lines: list[str]
    problem: Problem | None = None  # the file is not UTF-8


@dataclass
class PageSource(SourceFile):
    doc_path: str = ""  # relative to docs_dir, e.g. modules/interpol.md
    fm: frontmatter.FrontMatter | None = None
    fm_error: frontmatter.FrontMatterError | None = None


@dataclass
class CourseModel:
    root: Path
    cfg: siteconfig.SiteConfig | None
    cfg_problem: Problem | None
    pages: dict[str, PageSource] = field(default_factory=dict)  # by doc_path, sorted (English only)
    quiz_files: dict[str, SourceFile] = field(default_factory=dict)  # by slug, sorted (English only)
    # Translations (courselib/editions.py): never pages of their own.
    translations: dict[str, PageSource] = field(default_factory=dict)  # by doc_path: modules/interpol.sq.md
    quiz_translations: dict[str, SourceFile] = field(default_factory=dict)  # by file name: interpol.sq.md
    register: dict = field(default_factory=dict)
    register_problems: list[Problem] = field(default_factory=list)
    names: list = field(default_factory=list)
    name_history: list[str] = field(default_factory=list)
    name_problems: list[Problem] = field(default_factory=list)
    _questions: dict = field(default_factory=dict, repr=False)
    _course: object = field(default=None, repr=False)

    def page_in(self, doc_path: str, lang: str) -> PageSource | None:
        """The page as edition `lang` builds it: its translation when there is one, else English."""
        if lang != editions.SOURCE:
            t = self.translations.get(editions.translation_path(doc_path, lang))
            if t is not None:
                return t
        return self.pages.get(doc_path)

    def quiz_files_in(self, lang: str) -> dict[str, SourceFile]:
        """The quiz files edition `lang` embeds, by slug: the translation of each, when there is one."""
        if lang == editions.SOURCE:
            return self.quiz_files
        return {slug: self.quiz_translations.get(f"{slug}.{lang}.md", f) for slug, f in self.quiz_files.items()}

    @property
    def docs(self) -> Path:
        return self.root / (self.cfg.docs_dir if self.cfg else "docs")

    def questions(self, slug: str):
        """(questions, problems) of quizzes/<slug>.md, parsed once."""
        if slug not in self._questions:
            f = self.quiz_files[slug]
            self._questions[slug] = quizzes.parse(f.path, f.text)
        return self._questions[slug]

    def course(self):
        """The course as the generators and reports see it (courselib.course)."""
        if self._course is None:
            from . import course

            self._course = course.from_model(self)
        return self._course


def read(path: Path, rel: str) -> SourceFile:
    """The file's text; a file not in UTF-8 is reported, then read with
    replacement characters so the rest of the course is still checked."""
    data = path.read_bytes()
    try:
        text, problem = data.decode("utf-8-sig"), None  # as MkDocs reads it: a BOM is allowed
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("utf-8", errors="replace")
        problem = Problem(rel, line, "the file is not saved as UTF-8",
                          "save it again with UTF-8 encoding in your editor")
    return SourceFile(rel, text, text.splitlines(), problem)


def _config(root: Path):
    try:
        return siteconfig.load(root), None
    except Exception as exc:  # a broken mkdocs.yml is a trainer mistake too
        mark = getattr(exc, "problem_mark", None)
        return None, Problem("mkdocs.yml", (mark.line + 1) if mark else 1,
                             "mkdocs.yml cannot be read", "indent with spaces and close every quote")


def load(root: Path) -> CourseModel:
    root = Path(root).resolve()
    cfg, cfg_problem = _config(root)
    model = CourseModel(root=root, cfg=cfg, cfg_problem=cfg_problem)
    if cfg is None:
        return model
    docs = model.docs
    for f in sorted(docs.rglob("*.md")):
        doc_path = f.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in doc_path.split("/")):
            continue
        src = read(f, f.relative_to(root).as_posix())
        page = PageSource(src.path, src.text, src.lines, src.problem, doc_path=doc_path)
        try:
            page.fm = frontmatter.split(src.text)
        except frontmatter.FrontMatterError as err:
            page.fm_error = err
        (model.translations if editions.is_translation(doc_path) else model.pages)[doc_path] = page
    quiz_dir = root / "quizzes"
    if quiz_dir.is_dir():
        for f in sorted(quiz_dir.glob("*.md")):
            if editions.is_translation(f.name):
                model.quiz_translations[f.name] = read(f, f.relative_to(root).as_posix())
            else:
                model.quiz_files[f.stem] = read(f, f.relative_to(root).as_posix())
    model.register, model.register_problems = register.load(root)
    model.names, model.name_history, model.name_problems = names.load(root)
    return model


_current: CourseModel | None = None
_checked = False


def set_current(model: CourseModel, checked: bool = False) -> None:
    """Keep `model` as the one this build reads (the check_content hook).
    `checked`: the caller (`make check`, rendering pages) has already run
    the rules on it, so the hook need not run them again."""
    global _current, _checked
    _current, _checked = model, checked


def already_checked(root: Path) -> bool:
    return _checked and _current is not None and _current.root == Path(root).resolve()


def current(root: Path) -> CourseModel:
    """The model of the build under way; read afresh if there is none for `root`."""
    global _current
    root = Path(root).resolve()
    if _current is None or _current.root != root:
        _current = load(root)
    return _current
