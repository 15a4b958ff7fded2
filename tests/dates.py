"""The one "today" of the test suite: never the wall clock.

- Fixture courses (tests/fixtures/) are checked against SUITE_TODAY.
- The real course is checked against the newest date the course itself
  records (a page's last_reviewed, a register entry's status_checked), or
  SUITE_TODAY if that is earlier. A trainer who reviews a page tomorrow
  moves it; the calendar never does.

conftest.py puts course_today() into COURSE_TODAY, so every build, check
and scaffold a test starts sees the same date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

SUITE_TODAY = dt.date(2026, 12, 3)
DATE_KEYS_RE = re.compile(r"^\s*(?:last_reviewed|status_checked)\s*:\s*[\"']?(\d{4}-\d\d-\d\d)", re.M)


def recorded_dates(root: Path) -> list[dt.date]:
    found = []
    for folder, pattern in (("docs", "*.md"), ("data", "*.yml")):
        for f in sorted((Path(root) / folder).rglob(pattern)):
            for m in DATE_KEYS_RE.finditer(f.read_text(encoding="utf-8", errors="replace")):
                try:
                    found.append(dt.date.fromisoformat(m.group(1)))
                except ValueError:
                    pass
    return found


def course_today(root: Path) -> dt.date:
    return max([SUITE_TODAY, *recorded_dates(root)])
