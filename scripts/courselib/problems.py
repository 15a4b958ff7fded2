"""A problem found in the course, as a trainer reads it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based line in that file
    what: str  # what is wrong
    fix: str  # how to fix it
    warning: bool = False  # reported, but does not fail the build

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.what}; {self.fix}"
