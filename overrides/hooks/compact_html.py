"""Hook: drop the indentation of each line of the finished HTML, and its blank lines.

Material's templates indent deeply; on a module page of 2,000 words that
is about 1 KB after gzip, for every page a trainee opens. Only leading
whitespace and empty lines are removed, never inside <pre> or <textarea>,
and a line break stays a line break, so the page renders exactly as before.
"""

import re

from mkdocs.plugins import event_priority

KEEP_RE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
INDENT_RE = re.compile(r"\n[ \t]+")
BLANK_LINES_RE = re.compile(r"\n{2,}")
# Material's announcement bar, always written, empty: the course has no announcement
# (Material's script looks the bar up and does nothing when it is absent).
EMPTY_ANNOUNCE = '<div data-md-component="announce">\n</div>\n'
# The logo link's title repeats its aria-label (the site's name): a hover tip only.
LOGO_TITLE_RE = re.compile(r'(<a href="[^"]*") title="[^"]*"( class="md-header__button md-logo")')
# The "Next" link's aria-label repeats what the link says ("Next" and the title):
# without it the link's name is its own text, the same words. The "Previous" link
# keeps its label: on a phone Material hides its text and shows only the arrow.
FOOTER_LABEL_RE = re.compile(r'( class="md-footer__link md-footer__link--next") aria-label="[^"]*"')


def compact(html: str) -> str:
    parts = KEEP_RE.split(html)
    # split() with two groups yields: text, whole match, tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(BLANK_LINES_RE.sub("\n", INDENT_RE.sub("\n", parts[i])).replace(EMPTY_ANNOUNCE, "", 1))
        out[-1] = FOOTER_LABEL_RE.sub(r"\1", LOGO_TITLE_RE.sub(r"\1\2", out[-1], count=1), count=1)
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


@event_priority(-200)
def on_post_page(output, page, config):
    return compact(output)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    return compact(output_content) if template_name == "404.html" else output_content
