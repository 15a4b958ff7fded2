"""Hook: draw a case exercise (docs/cases/) from its plain Markdown.

The trainer writes steps and endings as blocks (courselib/cases.py reads
them). This hook marks up the parts so the page can be played and printed:

- the consequence at the top of a step or ending: <div class="case-consequence">;
- the question and its choices: <div class="case-decision">;
- an ending's rating ("Best ending") before its <div class="case-debrief">,
  and a link back to the start after it;
- a line at the top saying how to play.

Without JavaScript the whole case shows, step after step, and each choice is
a link to a place on the page (the Back button goes back a step). With
JavaScript, partials/case.js shows one step at a time (main.html includes
it on case pages only, marked here with page.meta["case_exercise"]). No
heading is added, so nothing of a step or an ending reaches the table of
contents or a search result title. The checker has already refused a
broken case, so this hook only reads a case that passes.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import cases, interface  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    if not cases.is_case(page.file.src_uri, page.meta):
        return markdown
    page.meta["case_exercise"] = True
    ui = interface.current(Path(config.config_file_path).resolve().parent)  # the edition's words
    lines = markdown.split("\n")
    case = cases.parse(page.file.src_uri, lines, 0)
    before: dict[int, list[str]] = {}  # 1-based line -> lines to put before it
    after: dict[int, list[str]] = {}

    def wrap(first: int, last: int, cls: str):
        before.setdefault(first, []).extend([f'<div class="{cls}" markdown>', ""])
        after.setdefault(last, []).extend(["", "</div>"])

    for b in case.blocks:
        if b.consequence:
            wrap(b.consequence[0][0], b.consequence[-1][0], "case-consequence")
        if b.kind == "step" and b.question_line and b.end_line:
            last = b.end_line - 1  # the question, then its choices, to the block's last line
            while last > b.question_line and not lines[last - 1].strip():
                last -= 1
            wrap(b.question_line, last, "case-decision")
        if b.kind == "ending" and b.debrief:
            rating = b.rating or "poor"
            before.setdefault(b.debrief[0][0], []).extend(
                [f'<p class="case-rating case-rating--{rating}">{ui.t("case." + rating)}</p>', ""])
            last = max(n for n, t in b.debrief if t.strip())
            wrap(b.debrief[0][0], last, "case-debrief")
            after.setdefault(last, []).extend(
                ["", f'<p class="case-again"><a href="#{cases.START}">{ui.t("case.again")}</a></p>'])
    out = []
    start = case.blocks[0].line if case.blocks else len(lines) + 1
    for n, line in enumerate(lines, 1):
        if n == start:
            out += ['<div class="case-play" markdown>', ""]
        out += before.get(n, [])
        out.append(line)
        out += after.get(n, [])
    if case.blocks:
        out += ["", "</div>"]
    return f'<p class="case-how">{ui.t("case.how")}</p>' + "\n\n" + "\n".join(out)
