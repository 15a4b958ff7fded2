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


def real_config_without_nav() -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    head, sep, _ = text.partition("\nnav:")
    assert sep, "mkdocs.yml must end with its nav: section"
    # keep the comment line that introduces the nav out of the fixture
    return head.rstrip() + "\n"


def make_course(dest: Path, mistake: str | None = None, case: bool = False) -> Path:
    """Create a course in dest (with case=True, plus the example case of
    tests/fixtures/case/), then apply tests/fixtures/mistakes/<mistake>/:
    with-case (an empty file: start from the course with the example case),
    files/ (copied over the course), remove (paths to delete), nav.yml (replaces the nav),
    config-replace (a line of mkdocs.yml, then the line that replaces it)."""
    case = case or bool(mistake and (MISTAKES / mistake / "with-case").is_file())
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
    return dest
