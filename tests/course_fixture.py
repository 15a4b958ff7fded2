"""Build throw-away courses for tests: the small fixture course, with the
repository's real mkdocs.yml (its nav replaced), hooks, register and CSS,
and optionally a mistake overlaid on top."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
BASE = FIXTURES / "course"
MISTAKES = FIXTURES / "mistakes"
CASE = FIXTURES / "case"  # an example case exercise, with the nav that lists it
TRANSLATION = FIXTURES / "translation"  # the second module and its quiz in Albanian
TRANSLATED_PAGE = "docs/modules/second.sq.md"
GIT = ["git", "-c", "user.name=Course tests", "-c", "user.email=tests@course.invalid", "-c", "commit.gpgsign=false"]


def stamp(course: Path, page: str | None = None) -> None:
    """Record in a translated page (default: every translated page) the English
    versions it translates (scripts/translations.py stamp)."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from courselib import editions, translations

    pages = [page] if page else sorted(f.relative_to(course).as_posix() for f in (course / "docs").rglob("*.md")
                                       if editions.is_translation(f.name))
    for rel in pages:
        try:
            new, _ = translations.stamp(course, rel)
        except translations.StampError:
            if page:
                raise
            continue  # a mistake that stamp cannot take (a translation of nothing): the checker names it
        (course / rel).write_bytes(new.encode("utf-8"))


def commit_all(course: Path, message: str = "course") -> None:
    import subprocess

    if not (course / ".git").exists():
        subprocess.run(["git", "init", "-q", str(course)], check=True)
    subprocess.run(GIT + ["add", "-A"], cwd=course, check=True)
    subprocess.run(GIT + ["commit", "-q", "-m", message], cwd=course, check=True)


def real_config_without_nav() -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    head, sep, _ = text.partition("\nnav:")
    assert sep, "mkdocs.yml must end with its nav: section"
    # keep the comment line that introduces the nav out of the fixture
    return head.rstrip() + "\n"


def make_course(dest: Path, mistake: str | None = None, case: bool = False, translation: bool = False) -> Path:
    """Create a course in dest (with case=True, plus the example case of
    tests/fixtures/case/), then apply tests/fixtures/mistakes/<mistake>/:
    with-case (an empty file: start from the course with the example case),
    files/ (copied over the course), remove (paths to delete), nav.yml (replaces the nav),
    config-replace (a line of mkdocs.yml, then the line that replaces it).

    With translation=True (or a with-translation file), the Albanian
    translation of tests/fixtures/translation/ is added and stamped after the
    mistake is applied; when with-translation says "stamp-before", it is
    stamped and the course committed to a new git repository before the
    mistake is applied (a translation behind its English page)."""
    case = case or bool(mistake and (MISTAKES / mistake / "with-case").is_file())
    marker = MISTAKES / mistake / "with-translation" if mistake else None
    translation = translation or bool(marker and marker.is_file())
    stamp_before = bool(marker and marker.is_file() and "stamp-before" in marker.read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(BASE / "docs", dest / "docs")
    shutil.copytree(BASE / "quizzes", dest / "quizzes")
    shutil.copytree(REPO / "data", dest / "data")
    shutil.copytree(REPO / "docs" / ".snippets", dest / "docs" / ".snippets")
    shutil.copytree(REPO / "docs" / "assets" / "css", dest / "docs" / "assets" / "css")
    shutil.copy2(REPO / "docs" / "assets" / "images" / "favicon.svg", dest / "docs" / "assets" / "images")
    for name in ("overrides", "scripts"):
        (dest / name).symlink_to(REPO / name)
    nav = (BASE / "nav.yml").read_text(encoding="utf-8")
    if case:
        shutil.copytree(CASE / "docs", dest / "docs", dirs_exist_ok=True)
        nav = (CASE / "nav.yml").read_text(encoding="utf-8")
    if translation:
        shutil.copytree(TRANSLATION / "docs", dest / "docs", dirs_exist_ok=True)
        shutil.copytree(TRANSLATION / "quizzes", dest / "quizzes", dirs_exist_ok=True)
    if stamp_before:
        stamp(dest)
        commit_all(dest)
    if mistake:
        overlay = MISTAKES / mistake / "files"
        if overlay.is_dir():
            for f in overlay.rglob("*"):
                if f.is_file():
                    target = dest / f.relative_to(overlay)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, target)
        remove = MISTAKES / mistake / "remove"
        if remove.is_file():
            for rel in remove.read_text(encoding="utf-8").split():
                (dest / rel).unlink()
        nav_override = MISTAKES / mistake / "nav.yml"
        if nav_override.is_file():
            nav = nav_override.read_text(encoding="utf-8")
    config = real_config_without_nav()
    replace = MISTAKES / mistake / "config-replace" if mistake else None
    if replace and replace.is_file():  # first line: text of mkdocs.yml; second line: what replaces it
        old, new = replace.read_text(encoding="utf-8").split("\n")[:2]
        assert old in config, f"{replace}: {old!r} is not in mkdocs.yml"
        config = config.replace(old, new)
    (dest / "mkdocs.yml").write_text(config + nav, encoding="utf-8")
    if translation and not stamp_before:
        stamp(dest)
    return dest
