"""Case exercises: the reading of a case and its path analysis
(scripts/courselib/cases.py), on small cases written here."""

from __future__ import annotations

import textwrap

from course_fixture import CASE
from courselib import cases


def _case(body: str):
    text = "---\ntitle: T\n---\n" + textwrap.dedent(body).strip("\n") + "\n"
    lines = text.splitlines()
    return cases.parse("docs/cases/t.md", lines, 3)


def _messages(body: str) -> list[str]:
    return [f"{p.line}: {p.what}" for p in cases.problems(_case(body))]


STEP = '<div class="case-step" id="{id}" markdown>\n{cons}**{q}**\n\n{choices}\n</div>\n'
END = '<div class="case-ending {rating}" id="{id}" markdown>\n{cons}\n\n**Debrief.** {debrief}\n</div>\n'
LINK = "See [a section](../modules/x.md#y)."


def step(id, *targets, cons="What followed.\n\n", q="What now?"):
    return STEP.format(id=id, cons=cons, q=q, choices="\n".join(f"- [Go to {t}](#{t})" for t in targets))


def end(id, rating="best", cons="It ended.", debrief=LINK):
    return END.format(id=id, rating=rating, cons=cons, debrief=debrief)


def test_the_fixture_case_reads_into_steps_endings_and_choices():
    lines = (CASE / "docs" / "cases" / "wanted-abroad.md").read_text(encoding="utf-8").splitlines()
    case = cases.parse("docs/cases/wanted-abroad.md", lines, 12)
    assert [b.id for b in case.steps] == ["start", "phone", "notice", "handover"]
    assert [(b.id, b.rating) for b in case.endings] == [
        ("extradition", "best"), ("late-request", "acceptable"), ("poor-wait", "poor")]
    start = case.by_id["start"]
    assert start.question == "What do you do first?" and start.consequence == []
    assert [(c.text, c.target) for c in start.choices] == [
        ("Ask for an INTERPOL notice through UNMIK", "notice"),
        ("Phone a German police officer you met on a course", "phone")]
    assert lines[start.choices[0].line - 1].startswith("- [Ask for an INTERPOL notice")
    assert case.by_id["phone"].consequence_text.startswith("Your contact is friendly")
    assert case.by_id["extradition"].debrief_text.startswith("**Debrief.** A notice asks")
    assert [b.id for b in case.best_path()] == ["start", "notice", "extradition"]
    assert "A court in Pristina" in "\n".join(t for _, t in case.situation)
    assert cases.problems(case) == []


def test_a_clean_small_case_has_no_problem():
    body = step("start", "a", "b", cons="") + step("a", "win", "start") + step("b", "lose", "a") \
        + end("win") + end("lose", "poor")
    assert _messages(body) == []


def test_reachability_a_step_nobody_leads_to():
    body = step("start", "win", "lose", cons="") + step("island", "win", "lose") + end("win") + end("lose", "poor")
    assert _messages(body) == ['10: no path from "start" reaches the step "island"']


def test_a_loop_with_no_way_out_is_a_path_that_never_ends():
    body = step("start", "win", "a", cons="") + step("a", "b", "b") + step("b", "a", "a") + end("win")
    msgs = _messages(body)
    assert len(msgs) == 1 and msgs[0].startswith('10: a path never ends: no choice of the steps "a" and "b"')


def test_a_loop_with_a_way_out_is_fine():
    body = step("start", "a", "b", cons="") + step("a", "b", "win") + step("b", "a", "start") + end("win")
    assert _messages(body) == []


def test_no_best_ending_and_ending_without_rating_or_debrief():
    body = step("start", "x", "y", cons="") + end("x", "poor") + \
        '<div class="case-ending" id="y" markdown>\nIt ended.\n</div>\n'
    msgs = _messages(body)
    assert '15: the ending "y" does not say how good it is' in msgs
    assert "10: the case has no best ending" in msgs


def test_choice_counts_are_two_to_four():
    one = step("start", "win", cons="") + end("win")
    five = step("start", "win", "win", "win", "win", "win", cons="") + end("win")
    assert _messages(one) == ['5: the step "start" has 1 choice']
    assert _messages(five) == ['5: the step "start" has 5 choices']


def test_a_choice_must_be_one_link_to_an_existing_block():
    body = step("start", "win", "nowhere", cons="") + end("win")
    body = body.replace("- [Go to win](#win)", "- [Go to win](#win) and more")
    msgs = _messages(body)
    assert '7: a choice of the step "start" is not a single link to a step' in msgs
    assert '8: a choice leads to "#nowhere", which is no step or ending of this case' in msgs


def test_target_without_consequence_and_duplicate_ids():
    body = step("start", "a", "win", cons="") + step("a", "win", "start", cons="") + end("win") + end("win")
    msgs = _messages(body)
    assert '10: the step "a" has no consequence: nothing says what followed the choice on line 7' in msgs
    assert '21: the id "win" is used twice (also on line 16)' in msgs


def test_ending_needs_a_debrief_that_links_a_module_section():
    body = step("start", "a", "b", cons="") + end("a", debrief="No link here.") + \
        '<div class="case-ending poor" id="b" markdown>\nIt ended.\n</div>\n'
    msgs = _messages(body)
    assert '13: the debrief of "a" links no module section' in msgs
    assert '15: the ending "b" has no debrief' in msgs


def test_headings_in_steps_and_a_missing_start_and_an_unclosed_block():
    assert _messages(step("first", "w", "w", cons="## Giveaway\n\n") + end("w")) == [
        '5: a heading inside the step "first" would show in the table of contents and give the case away',
        '4: the case has no first step with id "start"']
    unclosed = _messages(step("start", "w", "w", cons="") + end("w").replace("</div>\n", ""))
    assert '10: the ending "w" is never closed' in unclosed


def test_a_case_shown_in_a_code_fence_is_not_read():
    body = step("start", "w", "v", cons="") + end("w") + end("v", "poor") + \
        "```markdown\n" + step("start", "x", cons="") + "```\n"
    assert _messages(body) == []


# -- scripts/new_case.py ---------------------------------------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from course_fixture import REPO, make_course  # noqa: E402
from courselib.rules import check_course  # noqa: E402
from dates import SUITE_TODAY, course_today  # noqa: E402
from site_server import build_site  # noqa: E402


def run_new_case(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "new_case.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_new_case_help_says_what_it_does():
    helped = run_new_case("--help")
    assert helped.returncode == 0
    text = " ".join(helped.stdout.split())
    assert "three-step example" in text and '"Case exercises"' in text and "--slug" in text


def test_new_case_scaffolds_a_case_that_passes_the_check_and_builds(tmp_path):
    course = make_course(tmp_path / "course")
    before = (course / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    made = run_new_case("Një server në Holandë", "--root", str(course), "--today", SUITE_TODAY.isoformat())
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.splitlines()[0] == "created docs/cases/nje-server-ne-holande.md"
    after = (course / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    # no "Policing in Kosovo" and no "Course assessment" here: the section goes at the end
    assert [l for l in after if l not in before] == ["  - Case exercises:", "      - cases/nje-server-ne-holande.md"]
    problems = check_course(course, SUITE_TODAY)
    assert [str(p) for p in problems if not p.warning] == []
    assert any('template text "TODO"' in p.what for p in problems)
    lines = (course / "docs/cases/nje-server-ne-holande.md").read_text(encoding="utf-8").splitlines()
    case = cases.parse("docs/cases/nje-server-ne-holande.md", lines, lines.index("---", 1) + 1)
    assert len(case.steps) == 3 and sorted(b.rating for b in case.endings) == ["acceptable", "best", "poor"]
    assert "  - sample/red-notice" in lines  # the first objective of the first module, until changed
    again = run_new_case("Another case", "--root", str(course))
    assert again.returncode == 0, again.stderr
    nav = (course / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - cases/nje-server-ne-holande.md\n      - cases/another-case.md" in nav
    refused = run_new_case("Another case!", "--root", str(course))
    assert refused.returncode == 1
    assert refused.stderr == ('new_case: a case named "another-case" already exists (docs/cases/another-case.md); '
                              "choose another title, or --slug\n")
    built = build_site(tmp_path / "site", root=course)
    assert built.returncode == 0, built.stdout + built.stderr
    assert 'class="case-play"' in (tmp_path / "site/cases/another-case/index.html").read_text(encoding="utf-8")


def test_new_case_on_the_real_course_opens_the_section_after_policing_in_kosovo(tmp_path):
    copy = tmp_path / "course"
    for name in ("docs", "quizzes", "data", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, copy / name)
    (copy / "scripts").symlink_to(REPO / "scripts")
    had_section = "  - Case exercises:\n" in (copy / "mkdocs.yml").read_text(encoding="utf-8")
    made = run_new_case("A test case for the scaffold", "--root", str(copy))
    assert made.returncode == 0, made.stdout + made.stderr
    nav = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    if not had_section:
        assert ("      - modules/public-order-at-international-events.md\n  - Case exercises:\n"
                "      - cases/a-test-case-for-the-scaffold.md\n  - Course assessment:") in nav
    assert "cases/a-test-case-for-the-scaffold.md" in nav
    assert [str(p) for p in check_course(copy, course_today(REPO)) if not p.warning] == []


# -- The course's own cases (issue 18: 4 to 8 decision points, at least three endings) --------

def test_the_course_cases_have_four_to_eight_steps_three_endings_and_a_link_from_a_module():
    from courselib import model

    m = model.load(REPO)
    course = m.course()
    for c in course.cases:
        steps, endings = len(c.case.steps), len(c.case.endings)
        assert 4 <= steps <= 8, f"{c.path}: {steps} decision points; a course case has 4 to 8"
        assert endings >= 3, f"{c.path}: {endings} endings; a course case has at least three"
        assert c.case.best_path(), f"{c.path}: no path reaches a best ending"
        modules = {tag.partition("/")[0] for tag in c.practises}
        linked = [slug for slug in modules if f"cases/{c.slug}.md" in m.pages[f"modules/{slug}.md"].text]
        assert linked, f"{c.path}: no module it practises ({', '.join(sorted(modules))}) links to it"


def test_a_long_choice_may_wrap_onto_an_indented_line():
    body = step("start", "win", "lose", cons="") + end("win") + end("lose", "poor")
    body = body.replace("- [Go to win](#win)", "- [Send the formal request for the data\n  through the Ministry](#win)")
    case = _case(body)
    assert [(c.text, c.target, c.line) for c in case.by_id["start"].choices] == [
        ("Send the formal request for the data through the Ministry", "win", 7), ("Go to lose", "lose", 9)]
    assert cases.problems(case) == []
