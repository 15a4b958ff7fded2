"""The few scripts that stay inline, and the CSP hashes that allow them.

Two tiny scripts must run before the page is drawn: Material's set-up of
its storage scope (overrides/partials/javascripts/base.html, the same on
every page) and its colour-scheme script (Material's
partials/javascripts/palette.html). Loading them as files costs a round
trip before the first paint, so they stay in the page and the
Content-Security-Policy allows exactly these two texts by their SHA-256
hash. Every other inline script is moved to a file by the
external_scripts hook. The hashes come from the templates alone, so the
nginx configuration is still generated from mkdocs.yml and the templates,
without a build, and a publish or rollback never needs an nginx reload.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT_RE = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script>", re.S)


def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def sources() -> list[Path]:
    return [REPO / "overrides" / "partials" / "javascripts" / "base.html",
            _material_templates() / "partials" / "javascripts" / "palette.html"]


@lru_cache(maxsize=None)
def bodies() -> tuple[str, ...]:
    """The exact text of each script that may stay inline."""
    out = []
    for path in sources():
        m = SCRIPT_RE.search(path.read_text(encoding="utf-8"))
        if not m or "{{" in m.group("body") or "{%" in m.group("body"):
            raise ValueError(f"{path}: expected one static <script> (its text is hashed for the CSP)")
        out.append(m.group("body"))
    return tuple(out)


def csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def csp_sources() -> list[str]:
    return [csp_hash(b) for b in bodies()]
