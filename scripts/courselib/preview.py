"""The live preview (`make serve`) shows a mistake in the browser, not only
in the terminal, and keeps serving until it is mended.

In a build, the course's hooks stop the build with `path:line: what; fix`.
Under `mkdocs serve` they report the lines here instead; the preview hook
(overrides/hooks/preview.py) then builds a page that lists them, in place of
every page of the site, and the browser reloads when a rebuild mends them.
This page exists only in the preview: it is never built or published.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

serving = False
problems: list[str] = []

LINE_RE = re.compile(r"^(?P<path>[\w./-]+):(?P<line>\d+): (?P<rest>.+)$")


def start(command: str) -> None:
    global serving
    serving = command == "serve"


def report(lines) -> None:
    problems.extend(str(line) for line in lines)


def _epoch() -> int:
    from mkdocs.livereload import _timestamp
    return _timestamp()


# Asks the preview server for a newer build, as MkDocs' own live reload does,
# and reloads the page when there is one.
POLL = """(function () {
  var epoch = %d;
  function poll() {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) { location.reload(); }
      else { setTimeout(poll, this.status === 200 ? 0 : 3000); }
    };
    req.open("GET", "/livereload/" + epoch + "/" + Date.now());
    req.send();
  }
  poll();
})();"""

STYLE = """body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff;color:#1a1a1a}
main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.5rem;color:#b00020}
li{margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #b00020;background:#fdf2f2;list-style:none}
ul{padding:0}code{font:15px/1.4 ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}
.fix{display:block;margin-top:.25rem}.what{font-weight:600;display:block}"""


def page(lines: list[str]) -> str:
    items = []
    for line in lines:
        m = LINE_RE.match(line.strip())
        if m:
            what, _, fix = m.group("rest").partition("; ")
            items.append(f'<li><code>{html.escape(m.group("path"))}</code>, line {m.group("line")}'
                         f'<span class="what">{html.escape(what)}</span>'
                         + (f'<span class="fix">How to fix it: {html.escape(fix)}</span>' if fix else "")
                         + "</li>")
        elif line.strip():
            items.append(f"<li>{html.escape(line.strip())}</li>")
    n = len(items)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>The course has {n} mistake{'s' * (n != 1)} to fix</title><style>{STYLE}</style></head>"
            f"<body><main><h1>The course has {n} mistake{'s' * (n != 1)} to fix</h1>"
            "<p>The preview shows the course again as soon as you save the fix. "
            "<code>make check</code> prints the same lines.</p>"
            f"<ul>{''.join(items)}</ul></main><script>{POLL % _epoch()}</script></body></html>\n")


def write(site_dir, lines: list[str]) -> None:
    """Put the page listing `lines` in place of every page of the preview."""
    site = Path(site_dir)
    site.mkdir(parents=True, exist_ok=True)
    text = page(lines)
    for f in [site / "404.html", site / "index.html", *site.rglob("*.html")]:
        f.write_text(text, encoding="utf-8")
