"""Translations for trainers: the editions' file rule (courselib/editions.py),
the record of the English version a translation was made from and the stamp
that writes it (courselib/translations.py, scripts/translations.py), the
review report and the GIFT export of the translated questions, and the
glossary's one data source (courselib/glossary_terms.py).

The checker's messages about translations are goldens in
tests/fixtures/mistakes/translation-*/ (tests/test_messages.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from course_fixture import REPO, TRANSLATED_PAGE, commit_all, make_course, stamp
from dates import SUITE_TODAY

from courselib import editions, glossary, glossary_anchors, glossary_terms, model, question_ids, quizzes
from courselib import translations as tr

PY = sys.executable
TODAY = SUITE_TODAY.isoformat()


def run(script: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(REPO / "scripts" / script), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


# --- courselib/editions.py ---------------------------------------------------------


@pytest.mark.parametrize("path, english, lang", [
    ("docs/modules/interpol.sq.md", "docs/modules/interpol.md", "sq"),
    ("modules/choosing-a-channel.sr-Latn.md", "modules/choosing-a-channel.md", "sr-Latn"),
    ("index.sr-Latn.md", "index.md", "sr-Latn"),
    ("quizzes/europol.sq.md", "quizzes/europol.md", "sq"),
    ("docs/modules/interpol.md", "docs/modules/interpol.md", "en"),
    ("docs/modules/interpol.al.md", "docs/modules/interpol.al.md", "en"),  # not a course language
    ("docs/modules/interpol.sr-latn.md", "docs/modules/interpol.sr-latn.md", "en"),  # the case matters
    ("docs\\modules\\interpol.sq.md", "docs/modules/interpol.md", "sq"),
])
def test_split_names_the_english_file_and_the_language(path, english, lang):
    assert editions.split(path) == (english, lang)
    assert editions.is_translation(path) == (lang != "en")
    assert editions.english_of(path) == english


def test_translation_path_is_the_inverse_of_split():
    for lang in editions.TRANSLATED:
        for english in ("docs/modules/interpol.md", "index.md", "quizzes/kosovo-channels.md"):
            t = editions.translation_path(english, lang)
            assert t == english[:-3] + f".{lang}.md"
            assert editions.split(t) == (english, lang)
    assert editions.translation_path("docs/index.md", "en") == "docs/index.md"
    with pytest.raises(ValueError, match="unknown language 'sr'"):
        editions.translation_path("docs/index.md", "sr")
    with pytest.raises(ValueError, match="not a Markdown file"):
        editions.translation_path("data/glossary.yml", "sq")


@pytest.mark.parametrize("data", [b"", b"plain ASCII\n", "Ekstradimi · Ekstradicija – ç ë š đ\r\n".encode(),
                                  bytes(range(256))])
def test_blob_id_is_what_git_hash_object_prints(data, tmp_path):
    f = tmp_path / "file"
    f.write_bytes(data)
    git = subprocess.run(["git", "hash-object", str(f)], capture_output=True, text=True, check=True)
    assert editions.blob_id(data) == git.stdout.strip()
    if data.isascii():
        assert editions.blob_id(data.decode()) == git.stdout.strip()


def test_prefix_places_each_edition():
    assert editions.prefix("en") == "" and editions.prefix("sq") == "sq/" and editions.prefix("sr-Latn") == "sr-Latn/"


# --- file names that look like a translation ----------------------------------------


@pytest.mark.parametrize("path, code", [
    ("docs/modules/interpol.al.md", "al"), ("docs/modules/interpol.sr.md", "sr"),
    ("quizzes/europol.sr-Cyrl.md", "sr-Cyrl"), ("docs/index.sr_Latn.md", "sr_Latn"),
    ("docs/modules/interpol.en.md", "en"), ("docs/modules/interpol.SQ.md", "SQ"),
    ("docs/modules/interpol.sq.md", None), ("docs/modules/interpol.sr-Latn.md", None),
    ("docs/modules/interpol.md", None), ("docs/notes.v2.md", None), ("docs/notes.old.md", None),
    ("docs/reference/2024.md", None),
])
def test_lookalike_language_suffixes(path, code):
    assert tr.lookalike_language(path) == code


def test_near_language():
    assert [tr.near_language(c) for c in ("al", "sr", "sr-Cyrl", "sr_Latn", "SQ", "de")] == \
        ["sq", "sr-Latn", "sr-Latn", "sr-Latn", "sq", ""]


# --- stamp: the front matter edited line by line --------------------------------------

A = "a" * 40
B = "b" * 40
C = "c" * 40
PAGE = """---
title: Moduli   # the title
objectives:
  routes: Rruga
last_reviewed: 2026-11-20
{block}---

## Rrugët {{#routes}}
"""


def test_stamp_adds_the_block_and_touches_nothing_else():
    text = PAGE.format(block="")
    new = tr.stamp_text(text, {"docs/modules/x.md": A, "quizzes/x.md": B})
    assert new == PAGE.format(block=f"translation:\n  from:\n    docs/modules/x.md: {A}\n    quizzes/x.md: {B}\n"
                                    "  reviewed_by: null\n  reviewed_on: null\n")


def test_stamp_updates_entries_in_place_keeping_comments_and_other_keys():
    block = (f"translation:\n  reviewed_by: \"A. Reviewer, lawyer\"   # who\n  from:   # by the script\n"
             f"    # the page first\n    docs/modules/x.md: {A}   # old\n    quizzes/gone.md: {B}\n\n"
             f"  reviewed_on: 2026-11-30\n")
    new = tr.stamp_text(PAGE.format(block=block), {"docs/modules/x.md": C, "quizzes/x.md": B})
    assert new == PAGE.format(block=(
        f"translation:\n  reviewed_by: \"A. Reviewer, lawyer\"   # who\n  from:   # by the script\n"
        f"    # the page first\n    docs/modules/x.md: {C}   # old\n    quizzes/x.md: {B}\n\n"
        f"  reviewed_on: 2026-11-30\n"))


def test_stamp_adds_from_to_a_block_without_it_and_keeps_crlf():
    text = PAGE.format(block="translation:\n    reviewed_by: null\n    reviewed_on: null\n").replace("\n", "\r\n")
    new = tr.stamp_text(text, {"docs/modules/x.md": A})
    assert new == PAGE.format(block=f"translation:\n    from:\n      docs/modules/x.md: {A}\n"
                                    "    reviewed_by: null\n    reviewed_on: null\n").replace("\n", "\r\n")


def test_stamp_replaces_a_flow_mapping_under_from():
    new = tr.stamp_text(PAGE.format(block="translation:\n  from: {}\n  reviewed_by: null\n  reviewed_on: null\n"),
                        {"docs/modules/x.md": A})
    assert f"  from:\n    docs/modules/x.md: {A}\n  reviewed_by: null\n" in new


def test_stamp_quotes_an_id_yaml_would_read_as_a_number():
    digits = "1234567890" * 4
    new = tr.stamp_text(PAGE.format(block=""), {"docs/modules/x.md": digits})
    assert f'    docs/modules/x.md: "{digits}"\n' in new
    assert yaml.safe_load(new.split("---\n")[1])["translation"]["from"] == {"docs/modules/x.md": digits}
    rec, problems = tr.read_record({"translation": {"from": {"docs/modules/x.md": 0}}})
    assert problems[0].what.startswith('translation: from: has "docs/modules/x.md: 0", which is not')


def test_stamp_refuses_what_it_cannot_edit_safely():
    with pytest.raises(tr.StampError, match="written on one line"):
        tr.stamp_text(PAGE.format(block="translation: {from: {}}\n"), {"docs/modules/x.md": A})
    with pytest.raises(tr.StampError, match="no front matter"):
        tr.stamp_text("## Rrugët\n", {"docs/modules/x.md": A})


def test_stamp_records_the_page_and_its_quiz_and_stores_the_blobs(tmp_path):
    course = make_course(tmp_path / "course", translation=True)
    commit_all(course)
    english = (course / "docs/modules/second.md").read_bytes()
    (course / "docs/modules/second.md").write_bytes(english + b"\nA new paragraph.\n")  # not committed
    new, sources = tr.stamp(course, TRANSLATED_PAGE)
    assert list(sources) == ["docs/modules/second.md", "quizzes/second.md"]
    assert sources["docs/modules/second.md"] == editions.blob_id(english + b"\nA new paragraph.\n")
    assert tr.git_blob(course, sources["docs/modules/second.md"]).endswith("A new paragraph.\n")
    data = yaml.safe_load(new.split("---\n")[1])
    assert data["translation"]["from"] == sources and data["translation"]["reviewed_by"] is None


# --- behind: which English lines changed -----------------------------------------------


def test_changed_ranges_name_lines_of_the_new_text():
    old = "\n".join(f"line {i}" for i in range(1, 21))
    new_lines = old.split("\n")
    new_lines[4] = "changed 5"
    new_lines[9:11] = ["changed 10", "changed 11"]
    del new_lines[15]  # line 16 removed: marked where it was
    new_lines.append("added at the end")
    ranges = tr.changed_ranges(old, "\n".join(new_lines))
    assert ranges == [(5, 5), (10, 11), (16, 16), (20, 20)]
    assert tr.describe_ranges(ranges) == "line 5, lines 10-11 and 2 more"
    assert tr.describe_ranges(ranges[:2]) == "line 5 and lines 10-11"


def test_read_record_reports_what_is_malformed():
    rec, problems = tr.read_record({"translation": {"from": {"docs/x.md": "abc"}, "reviewed_by": "X",
                                                    "extra": 1}})
    assert [p.what for p in problems] == [
        'unknown key "extra" under translation:',
        'translation: from: has "docs/x.md: abc", which is not an English file and its 40-character version id',
        "reviewed_by: is set but reviewed_on: is not"]
    rec, problems = tr.read_record({"translation": {"from": {"docs/x.md": A}, "reviewed_by": None,
                                                    "reviewed_on": None}})
    assert problems == [] and rec.sources == {"docs/x.md": A} and rec.reviewed_by is None
    assert tr.read_record({})[0].present is False


# --- scripts/translations.py ------------------------------------------------------------


@pytest.fixture
def translated_course(tmp_path):
    course = make_course(tmp_path / "course", translation=True)
    commit_all(course)
    return course


def test_help():
    result = run("translations.py", "--help")
    assert result.returncode == 0
    for word in ("stamp", "status", "diff", "glossary-merge"):
        assert word in result.stdout


def test_status_diff_and_stamp_follow_an_english_change(translated_course):
    course = translated_course
    status = run("translations.py", "--root", str(course), "status", cwd=course)
    assert status.returncode == 0, status.stderr
    terms = glossary_terms.load(REPO)[0]  # the fixture course uses the course's own glossary data

    def done(lang):
        return sum(1 for t in terms if lang in t.texts)

    assert status.stdout.splitlines() == [
        "docs/modules/second.sq.md: up to date (not reviewed by a native speaker)",
        f"Glossary: {len(terms)} terms; translated: {done('sq')} in sq, {done('sr-Latn')} in sr-Latn; 0 behind",
        "Untranslated pages (built from English with a notice): 3 of 4 in sq, 4 of 4 in sr-Latn"]
    page = course / "docs/modules/second.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    n = lines.index("## Routes")  # line n + 1, then a blank line
    lines.insert(n + 2, "Since 2026 the route has a new step.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = run("translations.py", "--root", str(course), "status", cwd=course)
    assert status.stdout.splitlines()[0] == (
        f"docs/modules/second.sq.md: behind: docs/modules/second.md changed since it was translated "
        f"(line {n + 3}) (not reviewed by a native speaker)")
    diff = run("translations.py", "--root", str(course), "diff", TRANSLATED_PAGE, cwd=course)
    assert diff.returncode == 0, diff.stderr
    assert "+Since 2026 the route has a new step." in diff.stdout
    assert diff.stdout.startswith("--- docs/modules/second.md (translated version)")
    stamp = run("translations.py", "--root", str(course), "stamp", TRANSLATED_PAGE, cwd=course)
    assert stamp.returncode == 0, stamp.stderr
    assert stamp.stdout.startswith("docs/modules/second.sq.md: stamped as the translation of docs/modules/second.md (")
    assert run("translations.py", "--root", str(course), "status", cwd=course).stdout.startswith(
        "docs/modules/second.sq.md: up to date")
    again = run("translations.py", "--root", str(course), "stamp", TRANSLATED_PAGE, cwd=course)
    assert "already stamped" in again.stdout
    same = run("translations.py", "--root", str(course), "diff", TRANSLATED_PAGE, cwd=course)
    assert same.returncode == 0 and "up to date" in same.stdout


def test_diff_says_plainly_when_git_lacks_the_translated_version(tmp_path):
    course = make_course(tmp_path / "course", translation=True)  # no git repository at all
    page = course / "docs/modules/second.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    diff = run("translations.py", "--root", str(course), "diff", TRANSLATED_PAGE, cwd=course)
    assert diff.returncode == 1
    assert "git does not have the version of docs/modules/second.md that was translated" in diff.stdout
    status = run("translations.py", "--root", str(course), "status", cwd=course)
    assert "(git does not have the version translated, so the changed lines are not known)" in status.stdout


def test_stamp_refuses_what_is_not_a_translated_page(translated_course):
    course = translated_course
    for path, says in [("docs/modules/second.md", "is not a translation"),
                       ("quizzes/second.sq.md", "is a quiz file: stamp the translated page that embeds it"),
                       ("docs/modules/sample.sq.md", "does not exist")]:
        result = run("translations.py", "--root", str(course), "stamp", path, cwd=course)
        assert result.returncode == 1
        assert result.stderr.startswith(f"{path}:1: cannot stamp: ") and says in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_review_report_lists_translations_behind_and_not_reviewed(translated_course):
    course = translated_course
    page = course / "docs/modules/second.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    result = run("review_report.py", "--root", str(course), "--today", TODAY, cwd=course)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("4. Translations", 1)[1]
    assert "docs/modules/second.sq.md: docs/modules/second.md changed since it was translated (lines " in section
    assert "docs/modules/second.sq.md: not reviewed by a native speaker" in section
    assert "1 translations; 1 behind; 1 not reviewed." in section


# --- export_gift.py --lang ---------------------------------------------------------------


def test_gift_export_of_the_translated_questions_keeps_the_english_names(translated_course, tmp_path):
    from test_trainer_tools import parse_gift

    course = translated_course
    english_out, sq_out = tmp_path / "en.gift", tmp_path / "sq.gift"
    assert run("export_gift.py", "--root", str(course), "-o", str(english_out)).returncode == 0
    result = run("export_gift.py", "--root", str(course), "--lang", "sq", "-o", str(sq_out))
    assert result.returncode == 0, result.stderr
    english = [q for q in parse_gift(english_out) if q["type"] == "MC"]
    got = parse_gift(sq_out)
    assert [q["title"] for q in got if q["type"] == "Category"] == [
        "$course$/International police cooperation (sq)/Moduli i dytë"]
    translated = [q for q in got if q["type"] == "MC"]
    assert [q["title"] for q in translated] == [q["title"] for q in english if q["title"].startswith("second ")]
    source, _ = quizzes.parse("quizzes/second.sq.md", (course / "quizzes/second.sq.md").read_text(encoding="utf-8"))
    assert translated[0]["stem"]["text"] == source[0].text.strip()
    assert [c["isCorrect"] for c in translated[0]["choices"]] == [o.correct for o in source[0].options]
    ids = question_ids.ids_for(quizzes.parse("quizzes/second.md",
                                             (course / "quizzes/second.md").read_text(encoding="utf-8"))[0])
    assert f"// {ids[0]}\n::second Q1 (second/routes)::" in sq_out.read_text(encoding="utf-8")
    none = run("export_gift.py", "--root", str(course), "--lang", "sr-Latn")
    assert none.returncode == 1
    assert none.stderr.startswith("export_gift: no translated questions in sr-Latn for any module")


# --- the glossary's one data source -------------------------------------------------------


def test_the_real_glossary_data_keeps_every_anchor():
    entries, problems = glossary_terms.load(REPO)
    assert problems == [] and len(entries) > 100
    page = (REPO / "docs/reference/glossary.md").read_text(encoding="utf-8")
    assert glossary_terms.MARKER in page and ":   " not in page  # the terms live in the data file only
    anchored = glossary_anchors.anchor_terms(glossary_terms.render(entries, "en"))
    ids = [line.rsplit("{ #", 1)[1][:-2] for line in anchored.splitlines() if line.endswith(" }")]
    assert ids == [e.id for e in entries]
    assert all(e.id == glossary_anchors.term_anchor(e.term) for e in entries)
    assert "European Arrest Warrant (EAW)" in glossary_terms.english_terms(REPO)


ENTRIES = [
    glossary_terms.Entry("extradition", "E to I", {
        "en": {"term": "Extradition", "definition": "Handing over a person.\nSee [MLA](../modules/mla.md)."},
        "sq": {"term": "Ekstradimi", "definition": "Dorëzimi i një personi."},
        "sr-Latn": {"term": "Ekstradicija", "definition": ""}}),
    glossary_terms.Entry("joint-investigation-team-jit", "J to P", {
        "en": {"term": "Joint investigation team (JIT)", "definition": "A team."}}),
]


def _html(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=["def_list", "attr_list"])


def test_english_render_is_the_definition_list_it_always_was():
    assert glossary_terms.render(ENTRIES, "en") == (
        "## E to I\n\nExtradition\n:   Handing over a person.\n    See [MLA](../modules/mla.md).\n\n"
        "## J to P\n\nJoint investigation team (JIT)\n:   A team.")


def test_edition_render_gives_three_terms_and_the_readers_definition():
    md_sq = glossary_terms.render(ENTRIES, "sq")
    html = _html(md_sq)
    assert ('<dt id="extradition"><span lang="en">Extradition</span><br><span lang="sq">Ekstradimi</span> · '
            '<span lang="sr-Latn">Ekstradicija</span></dt>') in html
    assert "<dd>Dorëzimi i një personi.</dd>" in html
    assert '<h2 id="e-to-i" lang="en">E to I</h2>' in html
    # no Serbian definition (and no translation at all for the JIT): English, marked as such
    html_sr = _html(glossary_terms.render(ENTRIES, "sr-Latn"))
    assert '<dd><span lang="en">Handing over a person.\nSee <a href="../modules/mla.md">MLA</a>.</span></dd>' in html_sr
    assert '<dt id="joint-investigation-team-jit"><span lang="en">Joint investigation team (JIT)</span></dt>' in html_sr
    # the search hook reads each term, in every language, as one entry
    entries = glossary_anchors.term_entries(html, "reference/glossary/")
    assert entries[0]["title"] == "Extradition Ekstradimi · Ekstradicija"
    assert entries[0]["location"] == "reference/glossary/#extradition"


def test_edition_comes_from_course_lang(monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "sr-Latn")
    assert glossary_terms.edition() == "sr-Latn"
    monkeypatch.setenv("COURSE_LANG", "")
    assert glossary_terms.edition() == "en"


def test_dump_and_load_round_trip(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / glossary_terms.TERMS_PATH).write_text(glossary_terms.dump(ENTRIES), encoding="utf-8")
    loaded, problems = glossary_terms.load(tmp_path)
    assert problems == []
    assert [(e.id, e.section, e.texts) for e in loaded] == [(e.id, e.section, e.texts) for e in ENTRIES]


def test_glossary_merge_adds_a_language_and_refuses_unknown_ids(tmp_path):
    course = make_course(tmp_path / "course")
    (course / glossary_terms.TERMS_PATH).write_text(glossary_terms.dump(ENTRIES), encoding="utf-8")
    before = (course / glossary_terms.TERMS_PATH).read_text(encoding="utf-8")
    bad = tmp_path / "sr.yml"
    bad.write_text("extradition: {term: Ekstradicija, definition: Predaja lica.}\n"
                   "joint-investigation-team: {term: Zajednički istražni tim}\n", encoding="utf-8")
    result = run("translations.py", "--root", str(course), "glossary-merge", str(bad), "--lang", "sr-Latn")
    assert result.returncode == 1
    assert result.stderr == (f'{bad}:2: unknown glossary id "joint-investigation-team"; did you mean '
                             f'"joint-investigation-team-jit"? use the ids of data/glossary-terms.yml '
                             "(nothing was merged)\n")
    assert (course / glossary_terms.TERMS_PATH).read_text(encoding="utf-8") == before
    good = tmp_path / "sr-good.yml"
    good.write_text("joint-investigation-team-jit:\n  term: Zajednički istražni tim (JIT)\n"
                    "  definition: |-\n    Tim.\n    Drugi red.\n", encoding="utf-8")
    result = run("translations.py", "--root", str(course), "glossary-merge", str(good), "--lang", "sr-Latn")
    assert result.returncode == 0, result.stderr
    entries, problems = glossary_terms.load(course)
    assert problems == []
    assert entries[1].texts["sr-Latn"] == {"term": "Zajednički istražni tim (JIT)", "definition": "Tim.\nDrugi red.",
                                           "from": glossary_terms.english_version(entries[1])}
    assert entries[0].texts["sq"]["term"] == "Ekstradimi"  # the others are kept
    lines = (course / glossary_terms.TERMS_PATH).read_text(encoding="utf-8").splitlines()
    assert [lines[p.line - 1] for p in glossary_terms.behind(entries)] == ["  sq:", "  sr-Latn:"]  # never merged
    # the English definition changes: the merged translation is behind, at its line
    text = (course / glossary_terms.TERMS_PATH).read_text(encoding="utf-8").replace("A team.", "A joint team.")
    (course / glossary_terms.TERMS_PATH).write_text(text, encoding="utf-8")
    entries, _ = glossary_terms.load(course)
    late = [p for p in glossary_terms.behind(entries) if "JIT" in p.what]
    assert [(p.line, p.warning) for p in late] == [(text.splitlines().index("  sr-Latn:", 20) + 1, True)]
    assert str(late[0]) == (
        f'data/glossary-terms.yml:{late[0].line}: warning: the sr-Latn translation of "Joint investigation team (JIT)" '
        "is behind: its English term or definition changed since it was translated; translate it again and merge it "
        "with scripts/translations.py glossary-merge FILE --lang sr-Latn")


def test_glossary_data_problems_have_a_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / glossary_terms.TERMS_PATH).write_text(
        "- id: extradition\n  section: E to I\n  en: {term: Extradition, definition: x}\n"
        "- id: extradition-request\n  section: E to I\n  en: {term: Extradition, definition: y}\n"
        "- id: mla\n  section: J to P\n  en: {term: MLA, definition: z}\n  sr: {term: MLA}\n",
        encoding="utf-8")
    _, problems = glossary_terms.load(tmp_path)
    assert [(p.line, p.what) for p in problems] == [
        (4, 'the id "extradition-request" is not the anchor of the English term "Extradition"'),
        (7, 'unknown key "sr" in the entry "MLA"')]


def test_glossary_coverage_reads_the_data_file(tmp_path):
    (tmp_path / "docs" / ".snippets").mkdir(parents=True)
    (tmp_path / "docs" / "reference").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / ".snippets" / "abbreviations.md").write_text(
        "*[JIT]: Joint investigation team\n*[SIS]: Schengen Information System\n", encoding="utf-8")
    (tmp_path / "docs" / "reference" / "glossary.md").write_text(
        "---\ntitle: Glossary\n---\n\n<!-- generate: glossary -->\n", encoding="utf-8")
    (tmp_path / glossary_terms.TERMS_PATH).write_text(glossary_terms.dump(ENTRIES), encoding="utf-8")
    found = [p for p in glossary.check(tmp_path) if not p.warning]
    assert [p.what for p in found] == ['"SIS" (Schengen Information System) has no entry in the glossary']
    assert found[0].fix.startswith("add it to data/glossary-terms.yml, or")


# --- the course model --------------------------------------------------------------------


def test_the_model_keeps_translations_apart_from_pages(tmp_path):
    course = make_course(tmp_path / "course", translation=True)
    (course / "docs/modules/second.al.md").write_text("x\n", encoding="utf-8")
    m = model.load(course)
    assert "modules/second.sq.md" not in m.pages and "second.sq" not in m.quiz_files
    assert list(m.translations) == ["modules/second.sq.md"]
    assert list(m.quiz_translations) == ["second.sq.md"]
    assert [s.path for s in m.strays] == ["docs/modules/second.al.md"]
    assert m.page_in("modules/second.md", "sq").path == TRANSLATED_PAGE
    assert m.page_in("modules/sample.md", "sq").path == "docs/modules/sample.md"
    assert m.quiz_files_in("sq")["second"].path == "quizzes/second.sq.md"


def test_a_clean_translated_course_passes_the_checker(tmp_path):
    course = make_course(tmp_path / "course", translation=True)
    result = subprocess.run([PY, str(REPO / "scripts/check_content.py"), "--today", TODAY], cwd=course,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_spelling_reads_english_only(tmp_path):
    """codespell would read Albanian and Serbian words as English misspellings."""
    from courselib import spelling

    course = make_course(tmp_path / "course", translation=True)
    entries = [glossary_terms.Entry("extradition", "E to I", {
        "en": {"term": "Extradition", "definition": "Officers recieve the person."},
        "sq": {"term": "Ekstradimi", "definition": "Officers recieve (a word codespell flags, in Albanian text)."}})]
    (course / glossary_terms.TERMS_PATH).write_text(glossary_terms.dump(entries), encoding="utf-8")
    (course / "data" / "interface").mkdir(exist_ok=True)
    (course / "data" / "interface" / "sq.yml").write_text("clear: recieve\n", encoding="utf-8")
    (course / "data" / "quiz-sq.po").write_text('msgid "x"\nmsgstr "recieve"\n', encoding="utf-8")
    page = course / TRANSLATED_PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nrecieve\n", encoding="utf-8")
    found = [(p.path, p.line) for p in spelling.check(course)]
    assert found == [("data/glossary-terms.yml", 13)], found
    assert "recieve" in (course / glossary_terms.TERMS_PATH).read_text(encoding="utf-8").splitlines()[12]


def test_a_link_to_a_glossary_term_is_checked_in_english_and_in_translations(tmp_path):
    """The glossary's terms are generated from data/glossary-terms.yml: their ids
    are anchors of the glossary page and of its translations."""
    course = make_course(tmp_path / "course", translation=True)
    (course / "docs/reference/glossary.md").write_text(
        "---\ntitle: Glossary\ndescription: The terms.\n---\n\n<!-- generate: glossary -->\n", encoding="utf-8")
    (course / "docs/reference/glossary.sq.md").write_text(
        "---\ntitle: Fjalori\ndescription: Termat.\n---\n\n<!-- generate: glossary -->\n", encoding="utf-8")
    nav = (course / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      - reference/terms.md\n", "      - reference/terms.md\n      - reference/glossary.md\n")
    (course / "mkdocs.yml").write_text(nav, encoding="utf-8")
    stamp(course, "docs/reference/glossary.sq.md")
    page = course / "docs/modules/second.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a red notice](../reference/glossary.md#red-notice) "
                    "and [a warrant](../reference/glossary.md#no-such-term).\n", encoding="utf-8")
    stamp(course)
    result = subprocess.run([PY, str(REPO / "scripts/check_content.py"), "--today", TODAY, "--no-render"],
                            cwd=course, capture_output=True, text=True, timeout=120)
    lines = [l for l in result.stdout.splitlines() if ": warning: " not in l]
    assert len(lines) == 1 and '"#no-such-term", which is not a heading on that page' in lines[0], result.stdout


def test_a_translation_records_the_shared_texts_its_english_page_includes():
    """choosing-a-channel includes the chooser (--8<-- "chooser.md"): a change to that
    shared text makes its translations behind, like a change to the page itself."""
    from courselib import translations

    sources = translations.english_sources(REPO, "docs/modules/choosing-a-channel.sq.md")
    assert sources == ["docs/modules/choosing-a-channel.md", "quizzes/choosing-a-channel.md",
                       "docs/.snippets/chooser.md"]
    assert translations.english_sources(REPO, "docs/reference/chooser.sr-Latn.md") == [
        "docs/reference/chooser.md", "docs/.snippets/chooser.md"]
