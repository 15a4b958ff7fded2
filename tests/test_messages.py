"""Every trainer mistake ends in the exact golden message, from `make check`
(scripts/check_content.py) and from `mkdocs build --strict` alike.

Each folder under tests/fixtures/mistakes/ holds one mistake applied to the
small fixture course, and expected.txt, the exact lines a trainer sees.
Change wording on purpose with: pytest tests/test_messages.py --update-goldens
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from course_fixture import MISTAKES, REPO, make_course
from dates import SUITE_TODAY

TODAY = SUITE_TODAY.isoformat()
MISTAKE_NAMES = sorted(p.name for p in MISTAKES.iterdir() if p.is_dir())
# The checker's messages read dates; of the builds, those of the date mistakes do
# (test_calendar.py runs the tests marked `dates` again with the clock moved ahead).
BUILD_CASES = [pytest.param(n, marks=pytest.mark.dates) if "date" in n else n for n in MISTAKE_NAMES]
PY = sys.executable


def run_check(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(REPO / "scripts" / "check_content.py"), "--today", TODAY, *args],
                          cwd=course, capture_output=True, text=True, timeout=60)


def only_warnings(name: str) -> bool:
    """A fixture whose golden holds warnings only: reported, and the course still builds."""
    lines = (MISTAKES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    return bool(lines) and all(": warning: " in line for line in lines)


@pytest.mark.dates
@pytest.mark.parametrize("name", MISTAKE_NAMES)
def test_check_reports_the_golden_message(name, tmp_path, request):
    course = make_course(tmp_path / "course", mistake=name)
    result = run_check(course)
    golden = MISTAKES / name / "expected.txt"
    if request.config.getoption("--update-goldens"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.returncode == (0 if only_warnings(name) else 1), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == golden.read_text(encoding="utf-8")
    for line in result.stdout.splitlines():
        assert re.match(r"^[\w./-]+:\d+: .+; .+$", line), line


@pytest.mark.dates
def test_clean_fixture_course_passes(tmp_path):
    course = make_course(tmp_path / "course")
    result = run_check(course)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "no problems" in result.stderr


@pytest.mark.parametrize("name", BUILD_CASES)
def test_strict_build_fails_with_the_same_message(name, tmp_path):
    course = make_course(tmp_path / "course", mistake=name)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", NO_COLOR="1")
    warned = only_warnings(name)
    build = subprocess.run([str(Path(PY).parent / "mkdocs"), "build", "--strict", *([] if warned else ["-q"])],
                           cwd=course, capture_output=True, text=True, timeout=120, env=env)
    out = build.stdout + build.stderr
    assert (build.returncode == 0) if warned else (build.returncode != 0), out
    assert "Traceback" not in out
    expected = (MISTAKES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    for line in expected:
        if ": warning: " in line and not warned:
            continue
        assert line in out, f"build output lacks {line!r}:\n{out}"


def test_paths_limit_the_report(tmp_path):
    course = make_course(tmp_path / "course", mistake="broken-link")
    only_quizzes = run_check(course, "quizzes")
    assert only_quizzes.returncode == 0 and only_quizzes.stdout == ""
    page = run_check(course, "docs/modules/second.md")
    assert page.returncode == 1 and "docs/modules/second.md:" in page.stdout


def test_help_and_bad_root(tmp_path):
    helped = subprocess.run([PY, str(REPO / "scripts" / "check_content.py"), "--help"],
                            capture_output=True, text=True)
    assert helped.returncode == 0
    assert "path:line" in " ".join(helped.stdout.split()) and "PATH" in helped.stdout
    nowhere = subprocess.run([PY, str(REPO / "scripts" / "check_content.py"), "--root", str(tmp_path)],
                             capture_output=True, text=True)
    assert nowhere.returncode == 2
    assert "no mkdocs.yml here" in nowhere.stderr


def test_spelling_is_checked_by_make_check_with_the_markdown_line(tmp_path):
    """codespell reads the English sources; code and web addresses are not prose, a word
    in data/spelling-words.txt is right, and each finding is one course-style line."""
    course = make_course(tmp_path / "course")
    page = course / "docs" / "modules" / "second.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("## ")) + 2
    lines[n:n] = ["Officers recieve the reply. The box `!!! warnign` is shown as code.",
                  "See https://example.org/recieve and the CARIN network.", ""]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = run_check(course)
    assert plain.returncode == 0, plain.stdout  # the build's checks do not read spelling
    result = run_check(course, "--spelling")
    assert result.returncode == 1
    assert result.stdout == (f'docs/modules/second.md:{n + 1}: "recieve" may be misspelled; did you mean '
                             f'"receive"? if "recieve" is right, add it to data/spelling-words.txt\n')
