"""The suite does not rot: the tests that read dates pass with the wall clock
a year and two years ahead.

Every test takes "today" from tests/dates.py (never the clock). This test
proves it: it runs the date-reading tests (marked `dates`) again under
Debian's faketime, which moves the clock of every process they start
(builds, the checker, the scaffold, git) by a year, then by two.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from course_fixture import REPO

FAKETIME = shutil.which("faketime")
SHIFTS = ("+365d", "+730d")


def _faked(shift: str, *cmd: str, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, COURSE_CALENDAR_SHIFT=shift)
    return subprocess.run([FAKETIME, "-f", shift, *cmd], cwd=REPO, capture_output=True, text=True, env=env, **kw)


@pytest.mark.parametrize("shift", SHIFTS)
def test_date_reading_tests_pass_with_the_clock_moved_ahead(shift, tmp_path):
    assert FAKETIME, "Debian's faketime is missing: run `make system-deps`"
    days = int(shift.strip("+d"))
    clock = _faked(shift, sys.executable, "-c", "import time; print(time.time())", timeout=60)
    assert clock.returncode == 0, clock.stderr
    assert float(clock.stdout) - time.time() > (days - 1) * 86400, "faketime did not move the clock"
    result = _faked(shift, sys.executable, "-m", "pytest", "-q", "-x", "-m", "dates", "-p", "no:cacheprovider",
                    "--basetemp", str(tmp_path / "t"), timeout=1500)
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
    assert result.returncode == 0, f"with the clock {shift}:\n{tail}"
    assert " passed" in tail and " failed" not in tail
