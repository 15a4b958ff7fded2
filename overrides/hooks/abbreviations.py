"""Hook: abbreviations that can be read on a phone and by keyboard.

The abbreviations file (docs/.snippets/abbreviations.md) makes every
acronym an <abbr title="...">; a title alone shows only under a mouse.
With Material's `content.tooltips` (mkdocs.yml) the expansion shows in a
tooltip on hover, on tap and on keyboard focus. This hook makes the first
use of each abbreviation on a page focusable (tabindex="0"), so a keyboard
reaches it once, not at every "EU" of the page.
"""

import re

ABBR_RE = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>')


def on_page_content(html, page, config, files):
    if "<abbr" not in html:
        return html
    seen = set()

    def first(m):
        if m.group("text") in seen:
            return m.group(0)
        seen.add(m.group("text"))
        return f'<abbr title="{m.group("title")}" tabindex="0">{m.group("text")}</abbr>'

    return ABBR_RE.sub(first, html)
