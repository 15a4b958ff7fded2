"""Every script has --help, exits non-zero on failure, and does its job."""

import os
import subprocess
import sys

import pytest
from course_fixture import REPO

pytestmark = pytest.mark.dates  # run again a year and two years ahead (test_calendar.py)

SCRIPTS = sorted(p.name for p in (REPO / "scripts").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_help(script):
    result = subprocess.run([sys.executable, str(REPO / "scripts" / script), "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "usage:" in result.stdout


def test_synthetic_course_passes_the_content_rules(tmp_path):
    made = subprocess.run([sys.executable, str(REPO / "scripts" / "make_synthetic_course.py"),
                           str(tmp_path / "syn"), "--modules", "5"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert len(list((tmp_path / "syn" / "docs" / "modules").glob("*.md"))) == 5
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "check_content.py"), "--today", os.environ["COURSE_TODAY"]],
                           cwd=tmp_path / "syn", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_synthetic_course_refuses_zero_modules(tmp_path):
    made = subprocess.run([sys.executable, str(REPO / "scripts" / "make_synthetic_course.py"),
                           str(tmp_path / "syn"), "--modules", "0"], capture_output=True, text=True)
    assert made.returncode == 1 and "at least 1" in made.stderr
