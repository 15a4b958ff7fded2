"""What the rules share: the page being checked, and "did you mean"."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import frontmatter
FRAME_ANCHORS = ("objectives", "key-points", "sources", "review")



@dataclass
class Page:
    path: str  # relative to the repository, e.g. docs/modules/interpol.md
    doc_path: str  # relative to docs_dir, e.g. modules/interpol.md
    lines: list[str]
    fm: frontmatter.FrontMatter | None
    kind: "Kind | None"  # noqa: F821 (front_matter.Kind)
    body_start: int  # 0-based
    anchors: set[str] = field(default_factory=set)
    markers: list[tuple[str, int]] = field(default_factory=list)  # (slug, line)

    @property
    def slug(self) -> str:
        return Path(self.doc_path).stem

    @property
    def objectives(self) -> dict:
        if self.fm and isinstance(self.fm.data.get("objectives"), dict):
            return self.fm.data["objectives"]
        return {}

    @property
    def is_lesson(self) -> bool:
        return bool(self.kind and self.kind.name in ("module", "short-module"))


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"? ' if close else ""


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
