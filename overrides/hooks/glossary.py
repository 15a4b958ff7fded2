"""Hook: every term of the glossary gets an anchor (scripts/courselib/glossary_anchors.py),
so a page, a search result or a trainer can link to one term:
reference/glossary/#european-arrest-warrant-eaw. The glossary file is
not changed; the anchor is made from the term's own words."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import glossary_anchors as glossary  # noqa: E402

GLOSSARY = "reference/glossary.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != GLOSSARY:
        return markdown
    return glossary.anchor_terms(markdown)
