"""The real course, built with --strict: no third-party asset, the lesson
frame, quizzes configured for trainees, nothing private published."""

import re

from course_fixture import REPO


def test_no_file_loads_anything_from_another_host(built_site):
    from courselib import htmlscan

    assert htmlscan.external_in_site(built_site) == []


def test_the_scanner_finds_every_kind_of_remote_load(tmp_path):
    from courselib import htmlscan

    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><img srcset="a.png 1x, //img.example/b.png 2x">'
        '<div style="background:url(https://bg.example/c.png)"></div><style>@import url("http://s.example/d.css");</style>'
        '<video poster="https://v.example/p.jpg"></video><a href="https://fine.example/">a link is no load</a>'
        '<script src="../assets/local.js"></script>', encoding="utf-8")
    (tmp_path / "b.css").write_text("body{background:url(//css.example/e.png)}", encoding="utf-8")
    assert [u for _, u in htmlscan.external_in_site(tmp_path)] == [
        "https://cdn.example/x.css", "//img.example/b.png", "https://bg.example/c.png",
        "http://s.example/d.css", "https://v.example/p.jpg", "//css.example/e.png"]


def test_nothing_private_is_published(built_site):
    leaked = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
              if p.suffix in (".py", ".po", ".yml", ".pyc") or p.name.startswith(".")]
    assert leaked == []
    assert not (built_site / "quizzes").exists()
    # nothing the theme override only includes (overrides/partials/) is published
    assert not (built_site / "partials").exists()
    overrides = {p.relative_to(REPO / "overrides").as_posix() for p in (REPO / "overrides").rglob("*") if p.is_file()}
    published = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    # (404.html is the theme's template for the "page not found" page MkDocs renders, not a copy)
    assert overrides & published == {"404.html"}
    assert "{%" not in (built_site / "404.html").read_text(encoding="utf-8")


def test_interpol_module_has_its_frame_and_quiz(built_site):
    html = (built_site / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    for anchor in ('id="objectives"', 'id="key-points"', 'id="sources"', 'id="review"'):
        assert anchor in html
    assert html.index('id="objectives"') < html.index('class="quiz"') < html.index('id="key-points"')
    assert "Last reviewed" in html
    assert len(re.findall(r'<div class="quiz"', html)) >= 8
    assert 'class="instrument instrument--' in html


def test_quizzes_are_configured_for_trainees(built_site):
    from importlib.resources import files

    html = (built_site / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    quiz_tags = re.findall(r'<div class="quiz"[^>]*>', html)
    assert quiz_tags
    for tag in quiz_tags:
        assert "data-show-correct" not in tag  # a wrong try does not reveal the answer
        assert "data-auto-submit" not in tag  # moving with the arrow keys does not submit
        assert "data-disable-after-submit" not in tag  # a trainee may try again
    assert "mkdocs-quiz-source" not in html  # no copy of the answers in comments
    confetti_lib = (files("mkdocs_quiz.js") / "vendor" / "js-confetti.browser.js").read_text()
    # scripts are files (overrides/hooks/external_scripts.py): read the ones the page loads
    scripts = "".join((built_site / "modules" / "interpol" / src).resolve().read_text(encoding="utf-8")
                      for src in re.findall(r'<script src="([^"]+)"', html))
    from courselib import inline_scripts

    inline = [m.group(1) for m in re.finditer(r"<script(?![^>]*\b(?:src|type=\"application/json\"))[^>]*>(.*?)</script>",
                                               html, re.S)]
    assert inline and all(body in inline_scripts.bodies() for body in inline)  # only the two hashed ones
    assert re.search(r"confetti:\s*false", scripts) and confetti_lib[:200] not in scripts + html
    html = html + scripts
    # the score texts a trainee reads are the course's own, respectful ones
    import json

    shown = json.loads(re.search(r"window\.mkdocsQuizTranslations\s*=\s*(\{.*?\});", html).group(1))
    for english in ("Better luck next time! Keep trying!", "Outstanding! You aced it!",
                    "Not bad, but there's room for improvement!"):
        assert shown[english] != english and "luck" not in shown[english]
    assert "<!-- objective" not in html


def test_every_option_in_the_course_has_feedback(built_site):
    for f in built_site.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        options = len(re.findall(r'<input type="(?:radio|checkbox)" name="answer"', html))
        feedback = len(re.findall(r'class="answer-feedback hidden"', html))
        assert options == feedback, f


def test_search_index_is_built(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"modules/interpol/"' in index.replace(" ", "")


def test_every_inline_script_is_allowed_by_a_hash_in_the_generated_csp(built_site):
    """Only the two scripts that must run before the first paint stay inline, the same
    on every page, and the nginx config (made from mkdocs.yml and the templates alone)
    allows exactly them; a build that needs another hash fails here."""
    from courselib import hosting, inline_scripts

    script_src = dict(d.strip().split(" ", 1) for d in hosting.CSP.split(";"))["script-src"].split()
    seen = set()
    for f in built_site.rglob("*.html"):
        for m in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", f.read_text(encoding="utf-8"), re.S):
            if "src=" in m.group("attrs") or 'type="application/json"' in m.group("attrs") or not m.group("body").strip():
                continue
            assert inline_scripts.csp_hash(m.group("body")) in script_src, f"{f}: inline script not allowed by the CSP"
            seen.add(m.group("body"))
    assert seen == set(inline_scripts.bodies()), "the pages should carry exactly the hashed scripts"


def test_properdocs_builds_the_same_pages(built_site, tmp_path):
    """The exit plan (README, "If MkDocs or Material stop"): ProperDocs, the maintained
    continuation of MkDocs 1.x, builds the course with its hooks and plugins, strict,
    into the same pages with the same text."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from courselib import buildspeed

    dest = tmp_path / "properdocs-site"
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-q",
                             "-f", "mkdocs.yml", "--site-dir", str(dest)], cwd=REPO, capture_output=True, text=True,
                            timeout=600, env=dict(os.environ, NO_MKDOCS_2_WARNING="true"))
    assert result.returncode == 0, result.stdout + result.stderr

    def pages(site):  # the English edition (one build; the others are in sq/ and sr-Latn/)
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                      if p.relative_to(site).parts[0] not in ("sq", "sr-Latn"))

    assert pages(dest) == pages(built_site)
    for rel in pages(built_site):
        ours = buildspeed.visible_text((built_site / rel).read_text(encoding="utf-8"))
        theirs = buildspeed.visible_text((dest / rel).read_text(encoding="utf-8"))
        assert ours == theirs, rel
