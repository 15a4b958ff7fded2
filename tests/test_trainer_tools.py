"""Trainers' tools: the new-module scaffold, review dates and the review
report, the generated trainer pages, and the Moodle (GIFT) export checked
with an independent GIFT parser."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from course_fixture import REPO, make_course
from dates import SUITE_TODAY, course_today
from courselib import course as course_mod
from courselib.rules import check_course
from site_server import build_site

pytestmark = pytest.mark.dates  # run again a year and two years ahead (test_calendar.py)

PY = sys.executable
TODAY = SUITE_TODAY  # fixture courses
COURSE_TODAY = course_today(REPO)  # the real course


def run(script: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(REPO / "scripts" / script), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


# --- new_module.py ---------------------------------------------------------

@pytest.fixture
def fixture_course(tmp_path):
    course = make_course(tmp_path / "course")
    # a nav with comments and a tag, which the scaffold must leave alone
    cfg = course / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("  - Modules:\n", "  # Teaching modules, in course order\n  - Modules:\n")
    text = text.replace("      - modules/second.md\n", "      - modules/second.md  # keep this comment\n")
    cfg.write_text(text, encoding="utf-8")
    return course


def test_new_module_creates_files_nav_and_passes_the_check(fixture_course):
    before = (fixture_course / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    result = run("new_module.py", "Bashkëpunimi policor", "--section", "modules", "--root", str(fixture_course),
                 "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    slug = "bashkepunimi-policor"
    for rel in (f"docs/modules/{slug}.md", f"quizzes/{slug}.md", f"docs/trainers/notes/{slug}.md"):
        assert (fixture_course / rel).is_file(), rel
    after = (fixture_course / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    # every old line is still there, in order, and the module follows the section's last item
    added = [l for l in after if l not in before]
    assert added == [f"      - modules/{slug}.md", "  - Trainer notes:", f"      - trainers/notes/{slug}.md"]
    i = after.index("      - modules/second.md  # keep this comment")
    assert after[i + 1] == f"      - modules/{slug}.md"
    assert "  # Teaching modules, in course order" in after
    problems = check_course(fixture_course, TODAY)
    assert [p for p in problems if not p.warning] == []
    assert any('template text "TODO"' in p.what for p in problems)
    fm = (fixture_course / f"docs/modules/{slug}.md").read_text(encoding="utf-8")
    assert 'title: "Bashkëpunimi policor"' in fm and f"last_reviewed: {TODAY.isoformat()}" in fm
    # and it builds
    built = build_site(fixture_course / "site", root=fixture_course)
    assert built.returncode == 0, built.stdout + built.stderr


def test_new_module_keeps_a_colon_or_hash_in_the_title_and_refuses_markup(fixture_course):
    title = 'Europol: the agency #2 "in short"'
    made = run("new_module.py", title, "--section", "Modules", "--root", str(fixture_course),
               "--today", TODAY.isoformat())
    assert made.returncode == 0, made.stdout + made.stderr
    from courselib import frontmatter
    page = frontmatter.split((fixture_course / "docs/modules/europol-the-agency-2-in-short.md").read_text(encoding="utf-8"))
    notes = frontmatter.split((fixture_course / "docs/trainers/notes/europol-the-agency-2-in-short.md").read_text(encoding="utf-8"))
    assert page.data["title"] == title and page.warnings == []
    assert notes.data["title"] == f"Trainer notes: {title}"
    assert [p for p in check_course(fixture_course, TODAY) if not p.warning] == []
    before = (fixture_course / "mkdocs.yml").read_text(encoding="utf-8")
    for bad, says in (("Witness <protection>", "Markdown or template marks"), ("x\u200by", "invisible character"),
                      ("::", "cannot make a file name")):
        refused = run("new_module.py", bad.encode().decode("unicode_escape"), "--section", "Modules",
                      "--root", str(fixture_course))
        assert refused.returncode == 1 and says in refused.stderr, refused.stderr
    assert (fixture_course / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_new_module_refuses_an_existing_slug_or_title(fixture_course):
    ok = run("new_module.py", "Witness protection", "--section", "Modules", "--root", str(fixture_course))
    assert ok.returncode == 0, ok.stderr
    again = run("new_module.py", "Witness Protection!", "--section", "Modules", "--root", str(fixture_course))
    assert again.returncode == 1
    assert again.stderr == ('new_module: a module named "witness-protection" already exists '
                            "(docs/modules/witness-protection.md); choose another title, or --slug\n")
    title = run("new_module.py", "Sample module", "--section", "Modules", "--slug", "other",
                "--root", str(fixture_course))
    assert title.returncode == 1
    assert title.stderr == ('new_module: the title "Sample module" is already used by docs/modules/sample.md; '
                            "choose another title\n")


def test_new_module_names_the_sections_when_one_is_unknown(fixture_course):
    before = (fixture_course / "mkdocs.yml").read_text(encoding="utf-8")
    result = run("new_module.py", "Witness protection", "--section", "Instrumnets", "--root", str(fixture_course))
    assert result.returncode == 1
    assert result.stderr == ('new_module: mkdocs.yml has no navigation section "Instrumnets"; use one of: '
                             "Modules, Reference (or add the section under nav: first)\n")
    assert (fixture_course / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (fixture_course / "docs/modules/witness-protection.md").exists()


def test_slugs_are_plain_ascii():
    from new_module import slugify
    assert slugify("Bashkëpunimi policor") == "bashkepunimi-policor"
    assert slugify("Krimi i organizuar & korrupsioni") == "krimi-i-organizuar-korrupsioni"
    assert slugify("  Çështjet e ekstradimit  ") == "ceshtjet-e-ekstradimit"


def test_new_module_on_the_real_course_passes_make_check(tmp_path):
    copy = tmp_path / "course"
    for name in ("docs", "quizzes", "data", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, copy / name)
    (copy / "scripts").symlink_to(REPO / "scripts")
    result = run("new_module.py", "Witness protection", "--section", "Instruments", "--root", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    nav = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - modules/joint-investigation-teams.md\n      - modules/witness-protection.md\n" in nav
    assert "          - trainers/notes/witness-protection.md" in nav
    assert [p for p in check_course(copy, COURSE_TODAY) if not p.warning] == []


# --- review dates -----------------------------------------------------------

def test_overdue_review_warns_and_the_page_says_so_without_failing_the_build(tmp_path):
    course = make_course(tmp_path / "course")
    late_day = (TODAY + dt.timedelta(days=400)).isoformat()
    check = subprocess.run([PY, str(REPO / "scripts" / "check_content.py"), "--today", late_day],
                           cwd=course, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert ("docs/modules/second.md:12: warning: last reviewed 2026-11-20, more than 12 months ago; "
            "check the page against its sources and update last_reviewed") in check.stdout
    late = build_site(tmp_path / "late", root=course, today=late_day)
    assert late.returncode == 0, late.stdout + late.stderr
    assert "more than 12 months ago" in late.stdout + late.stderr
    assert "Review due." in (tmp_path / "late" / "modules" / "second" / "index.html").read_text(encoding="utf-8")
    fresh = build_site(tmp_path / "fresh", root=course, today=TODAY.isoformat())
    assert fresh.returncode == 0
    assert "Review due." not in (tmp_path / "fresh" / "modules" / "second" / "index.html").read_text(encoding="utf-8")


def test_review_report_lists_modules_by_date_and_non_current_instruments():
    c = course_mod.load(REPO)
    lessons = [m for m in c.modules if m.kind in course_mod.LESSON_KINDS]
    # a day when every module is due, and one when none is: both from the course's own dates
    all_due = (max(m.last_reviewed for m in lessons) + dt.timedelta(days=400)).isoformat()
    none_due = (min(m.last_reviewed for m in lessons) + dt.timedelta(days=1)).isoformat()
    result = run("review_report.py", "--today", all_due)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    rows = [l for l in out.splitlines() if re.match(r"^\d{4}-\d\d-\d\d  ", l)]
    assert len(rows) == len(lessons)
    assert [r[:10] for r in rows] == sorted(r[:10] for r in rows)
    assert f"{len(lessons)} modules; {len(lessons)} due for review." in out
    for m in lessons:
        for s in m.sources:
            assert s["url"] in out
    superseded = [(m, i) for m in lessons for i in m.instruments if c.register[i].status != "current"]
    assert superseded, "the course names no superseded instrument: the report's second part is untested"
    for m, ident in superseded:
        assert f"({ident}): " in out
    due = run("review_report.py", "--today", all_due, "--fail-if-due")
    assert due.returncode == 1
    assert run("review_report.py", "--today", none_due, "--fail-if-due").returncode == 0


def _course_with_a_plan(tmp_path: Path, ends: str, status_checked: str) -> Path:
    """The fixture course, with one more register entry: a plan with a period."""
    course = make_course(tmp_path / "course")
    reg = course / "data" / "instruments.yml"
    reg.write_text(reg.read_text(encoding="utf-8") + (
        "\nplan-2024:\n  name: EU Plan 2024-2026\n  kind: Commission communication\n  adopted: 2024-03-01\n"
        f"  ends: {ends}\n  status: current\n  status_checked: {status_checked}\n"
        "  url: https://eur-lex.europa.eu/plan\n"), encoding="utf-8")
    return course


def test_a_period_that_ends_after_its_check_warns_and_is_reported_but_never_fails_the_build(tmp_path):
    """Time alone never breaks the build: the plan was current when checked;
    on a later day make check warns, the report lists it, the build passes."""
    course = _course_with_a_plan(tmp_path, ends="2027-06", status_checked=TODAY.isoformat())
    later = "2027-07-01"
    check = subprocess.run([PY, str(REPO / "scripts" / "check_content.py"), "--today", later],
                           cwd=course, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    line = next(n for n, l in enumerate((course / "data" / "instruments.yml").read_text().splitlines(), 1)
                if l == "  ends: 2027-06")
    assert (f'data/instruments.yml:{line}: warning: instrument "plan-2024": its period ended in June 2027, '
            "after its status was last checked on 3 December 2026") in check.stdout
    report = run("review_report.py", "--root", str(course), "--today", later)
    assert report.returncode == 0, report.stderr
    assert f"data/instruments.yml:{line}: plan-2024: PERIOD ENDED June 2027, after its last check on 3 December 2026" \
        in report.stdout
    # on the day it was checked, nothing to say
    same_day = run("review_report.py", "--root", str(course), "--today", TODAY.isoformat())
    assert "plan-2024" not in same_day.stdout.split("3. Register entries")[1]
    build = build_site(tmp_path / "site", root=course, today=later)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "its period ended in June 2027" in build.stdout + build.stderr


def test_review_report_lists_register_checks_that_are_due():
    instruments = course_mod.load(REPO).register
    newest = max(i.status_checked for i in instruments.values())
    oldest = min(i.status_checked for i in instruments.values())
    # 6 months and a day after the newest check, every entry is due
    all_due = run("review_report.py", "--today", (newest + dt.timedelta(days=190)).isoformat())
    out = all_due.stdout.split("3. Register entries")[1]
    for ident in instruments:
        assert f": {ident}: checked " in out, ident
    assert f"{len(instruments)} checked too long ago." in out
    moving = [i for i in instruments.values() if i.status == "proposed"]
    assert moving, "the register has no proposal: the 3-month rule is untested on the real course"
    # 3 months and a few days after the oldest check: only what is still moving
    soon = oldest + dt.timedelta(days=95)
    some = run("review_report.py", "--today", soon.isoformat()).stdout.split("3. Register entries")[1]
    for i in moving:
        if i.status_checked == oldest:
            assert f": {i.id}: checked {oldest.isoformat()}, more than 3 months ago (proposed)" in some
    assert "more than 6 months ago" not in some


# --- generated pages ---------------------------------------------------------

def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_generated_trainer_pages(built_site):
    c = course_mod.load(REPO)
    timetable = (built_site / "trainers" / "timetable" / "index.html").read_text(encoding="utf-8")
    total = sum(m.minutes for m in c.modules)
    assert f"{total // 60} h {total % 60:02d} min of study" in _text(timetable)
    for m in c.modules:
        assert f'href="../../{m.doc_path[:-3]}/"' in timetable, m.slug
    keys = _text((built_site / "trainers" / "answer-keys" / "index.html").read_text(encoding="utf-8"))
    questions = sum(len(m.questions) for m in c.modules)
    assert keys.count("Right:") == sum(sum(o.correct for o in q.options) for m in c.modules for q in m.questions)
    assert questions > 50
    objectives = (built_site / "trainers" / "objectives" / "index.html").read_text(encoding="utf-8")
    assert "<td>NO QUESTION</td>" not in objectives and "NO QUESTION" in objectives
    for m in c.modules:
        for oid in m.objectives:
            assert f"<code>{oid}</code>" in objectives
    register_page = _text((built_site / "reference" / "instruments" / "index.html").read_text(encoding="utf-8"))
    assert f"{len(c.register)} instruments" in register_page
    for heading in ("Current", "Superseded"):
        assert f" {heading} " in register_page
    guide = (built_site / "trainers" / "index.html").read_text(encoding="utf-8")
    assert guide.count(">Example</label>") >= 8 and guide.count(">Syntax</label>") >= 8
    assert 'unknown box type "warnign"' in guide


def test_answer_keys_are_left_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(d["location"].startswith("trainers/answer-keys/") for d in index["docs"])


# --- GIFT export ---------------------------------------------------------------

NODE = shutil.which("node")


def parse_gift(path: Path) -> list[dict]:
    assert NODE and (REPO / "node_modules" / "gift-pegjs").is_dir(), "run `make install` (npm packages)"
    result = subprocess.run([NODE, str(REPO / "tests" / "node" / "parse_gift.js"), str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_gift_export_matches_the_source_questions(tmp_path):
    from export_gift import plain
    out = tmp_path / "course.gift"
    result = run("export_gift.py", "-o", str(out))
    assert result.returncode == 0, result.stderr
    parsed = parse_gift(out)
    c = course_mod.load(REPO)
    mods = [m for m in c.modules if m.questions]
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    assert categories == [f"$course$/International police cooperation/{m.title}" for m in mods]
    questions = [p for p in parsed if p["type"] != "Category"]
    source = [(m, i, q) for m in mods for i, q in enumerate(m.questions, 1)]
    assert len(questions) == len(source)
    for got, (m, i, q) in zip(questions, source):
        assert got["type"] == "MC"
        assert got["title"].startswith(f"{m.slug} Q{i}")
        assert got["stem"]["text"] == plain(q.text, c.register)
        assert len(got["choices"]) == len(q.options)
        right = sum(o.correct for o in q.options)
        for choice, o in zip(got["choices"], q.options):
            assert choice["text"]["text"] == plain(o.text, c.register)
            assert choice["feedback"]["text"] == plain(o.feedback, c.register)
            assert _norm(choice["feedback"]["text"]) and len(choice["feedback"]["text"].split()) >= 5
            if right == 1:
                assert choice["isCorrect"] == o.correct
            else:
                share = round(100 / right, 5) if o.correct else -round(100 / (len(q.options) - right), 5)
                assert choice["weight"] == pytest.approx(share, abs=1e-4)
        if right > 1:
            assert sum(ch["weight"] for ch in got["choices"]) == pytest.approx(0, abs=1e-3)


def test_gift_escapes_special_characters_and_shares_marks(tmp_path):
    course = make_course(tmp_path / "course")
    (course / "quizzes" / "second.md").write_text("""<!-- objective: routes -->
<quiz>
Which ratio: 1 {of} 2 = half, and what does ~ or # mean? (select all that apply)
- [x] "A {b}" = c
  > Right: braces {kept}, equals = kept, hash # kept.
- [x] x ~ y
  > Right. A tilde ~ stays a tilde here.
- [ ] http://example.org/a#b
  > No. A URL with a colon: and hash # is plain text here.
- [ ] Nothing at all
  > No. Ticking nothing gives no marks at all.
</quiz>
""", encoding="utf-8")
    out = tmp_path / "second.gift"
    result = run("export_gift.py", "--module", "second", "-o", str(out), "--root", str(course))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "1 \\{of\\} 2 \\= half" in text and "~%50%" in text and "~%-50%" in text
    q = [p for p in parse_gift(out) if p["type"] == "MC"][0]
    assert q["stem"]["text"] == "Which ratio: 1 {of} 2 = half, and what does ~ or # mean? (select all that apply)"
    assert [c["text"]["text"] for c in q["choices"]] == ['"A {b}" = c', "x ~ y", "http://example.org/a#b", "Nothing at all"]
    assert [c["weight"] for c in q["choices"]] == [50, 50, -50, -50]
    assert q["choices"][0]["feedback"]["text"] == "Right: braces {kept}, equals = kept, hash # kept."


def test_gift_export_refuses_an_unknown_module():
    result = run("export_gift.py", "--module", "interpl")
    assert result.returncode == 1
    assert result.stderr.startswith('export_gift: no module "interpl" with questions; use one of: kosovo-channels, ')
