"""Hook: prepare the lesson frame: its anchors, and whether a review is due.

overrides/partials/lesson.html draws the objectives, key points, sources
and review date of a lesson page with fixed ids, so links such as
`interpol.md#objectives` are valid; MkDocs only sees ids in the Markdown,
so this hook adds those ids to the page's known anchors.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib.rules import FRAME_ANCHORS, review_due, today_from_env  # noqa: E402


def on_page_content(html, page, config, files):
    if isinstance(page.meta.get("objectives"), dict):
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(FRAME_ANCHORS)
        # The page says when its review is due; the build only reports it
        # (check_content), so a strict build never breaks with time alone.
        page.meta["review_due"] = review_due(page.meta.get("last_reviewed"), today_from_env())
    return html
