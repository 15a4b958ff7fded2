"""The last step of the scripts that make a text (export_gift, review_report,
nginx_conf): write it to the file given with -o and say so, or to standard
output."""

from __future__ import annotations

import sys
from pathlib import Path


def emit(text: str, output: Path | None, tool: str, what: str = "") -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        print(f"{tool}: wrote {what + ' to ' if what else ''}{output}")
    else:
        sys.stdout.write(text)
