"""Unit tests of the rule library (scripts/courselib)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from courselib import frontmatter, glossary, question_ids, quizzes, register
from courselib.markdown_text import code_lines, prose_lines
from course_fixture import REPO
from dates import SUITE_TODAY

pytestmark = pytest.mark.dates  # run again a year and two years ahead (test_calendar.py)


def test_code_lines_cover_fences_of_either_kind_and_length():
    # a shorter fence inside a longer one does not close it (CommonMark)
    lines = ["a", "````md", "<!-- quiz: x -->", "```", "still code", "````", "b", "~~~", "c", "~~~", "d"]
    assert code_lines(lines) == [False, True, True, True, True, True, False, True, True, True, False]


def test_prose_lines_blank_inline_code_and_keep_length():
    span = "`{{ instrument: x }}`"
    assert prose_lines([f"see {span} here"]) == ["see " + " " * len(span) + " here"]


def test_front_matter_records_key_and_item_lines():
    text = "---\ntitle: T\nobjectives:\n  a: A\n  b: B\nsources:\n  - title: S\n    url: https://x\n---\nbody\n"
    fm = frontmatter.split(text)
    assert fm.line_of("title") == 2
    assert fm.line_of("objectives", "b") == 5
    assert fm.line_of("sources", 0) == 7
    assert fm.body_start == 9


@pytest.mark.parametrize("text,line,what", [
    ("no front matter\n", 1, "the page has no front matter"),
    ("---\ntitle: x\n", 1, "the front matter is never closed"),
    ("---\ntitle: x\nhide:\n\t- toc\n---\n", 4, "front matter uses a tab to indent"),
    ("---\ntitle: 'x\nb: c\n---\n", 2, "front matter has a quote that is never closed"),
    ("---\nlast_reviewed: 2026-02-30\n---\n", 2, '"2026-02-30" is not a real date'),
])
def test_front_matter_errors_name_the_line(text, line, what):
    with pytest.raises(frontmatter.FrontMatterError) as err:
        frontmatter.split(text)
    assert (err.value.line, err.value.what) == (line, what)


def test_quiz_parse_reads_options_feedback_and_objective():
    text = ("<!-- objective: red -->\n<quiz>\nQ?\n- [ ] a\n  > no\n- [x] b\n  > yes\n  > really\n"
            "\nMore explanation.\n</quiz>\n")
    questions, problems = quizzes.parse("q.md", text)
    assert problems == []
    (q,) = questions
    assert (q.line, q.objective, q.objective_line, q.text) == (2, "red", 1, "Q?")
    assert [(o.text, o.correct, o.feedback) for o in q.options] == [("a", False, "no"), ("b", True, "yes\nreally")]
    assert q.explanation == "More explanation."


def test_quiz_in_code_fence_is_not_parsed():
    questions, problems = quizzes.parse("q.md", "```\n<quiz>\n```\n")
    assert questions == [] and problems == []


def test_fill_in_the_blank_is_refused():
    _, problems = quizzes.parse("q.md", "<!-- objective: a -->\n<quiz>\n2+2 = [[4]]\n</quiz>\n")
    assert [p.what for p in problems] == ["this quiz uses fill-in-the-blank [[...]]"]


def test_register_of_the_course_loads_cleanly():
    instruments, problems = register.load(REPO)
    assert problems == []
    assert instruments["europol-regulation"].status == "current"


def test_every_superseded_instrument_names_a_known_replacement():
    instruments, _ = register.load(REPO)
    for inst in instruments.values():
        if inst.status == "superseded":
            assert inst.replaced_by in instruments, inst.id


def _inst(**kw):
    base = dict(id="x", name="Directive X", kind="EU directive", adopted=dt.date(2014, 4, 3),
                status="current", url="https://eur-lex.europa.eu/x", line=1, status_checked=dt.date(2026, 12, 3))
    base.update(kw)
    return register.Instrument(**base)


def test_render_full_current_with_dates():
    html = register.render(_inst(applies_from=dt.date(2017, 5, 22)), {})
    assert "Directive X</a>" in html
    assert "(adopted 3 April 2014; applies from 22 May 2017; status checked 3 December 2026)" in html
    assert "instrument--current" in html


def test_render_superseded_always_says_so_with_replacement_even_short():
    new = _inst(id="new", name="Directive (EU) 2024/1260", short="Directive 2024/1260",
                adopted=dt.date(2024, 4, 24))
    old = _inst(status="superseded", replaced_by="new", superseded_from="2026-11")
    reg = {"x": old, "new": new}
    for form in ("full", "short"):
        html = register.render(old, reg, form)
        assert "<strong>superseded</strong> by" in html
        assert "Directive 2024/1260</a> from November 2026" in html


def test_render_proposed_and_pending():
    proposed = _inst(status="proposed", adopted=dt.date(2023, 11, 28))
    assert ("(proposed 28 November 2023; <strong>proposed</strong>, not adopted; status checked 3 December 2026)"
            in register.render(proposed, {}))
    assert "(<strong>proposed</strong>, not adopted)" in register.render(proposed, {}, "short")
    assert "not yet in force" in register.render(_inst(in_force="pending"), {})


def test_register_problems_have_lines(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "instruments.yml").write_text(
        "a:\n  name: A\n  kind: k\n  adopted: 2020-01-01\n  status: old\n  url: https://a\n  status_checked: 2026-12-03\n"
        "b:\n  name: B\n  kind: k\n  adopted: 2020\n  status: superseded\n  replaced_by: zz\n  url: https://b\n"
        "  status_checked: 2026-12-03\n")
    _, problems = register.load(tmp_path)
    assert [str(p) for p in problems] == [
        'data/instruments.yml:5: instrument "a" has status "old"; use one of: current, superseded, proposed, ended, extended',
        'data/instruments.yml:13: instrument "b" is replaced by "zz", which is not in the register; '
        "add that instrument to the register, or correct the id",
    ]


def _hook(name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, REPO / "overrides" / "hooks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_embed_hook_expands_markers_but_not_in_code(tmp_path):
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "q.md").write_text("<!-- objective: a -->\n<quiz>\nQ?\n- [x] a\n  > y\n</quiz>\n")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"))
    md = "Text\n\n<!-- quiz: q -->\n\n```\n<!-- quiz: q -->\n```\n"
    out = _hook("embed_quizzes").on_page_markdown(md, page, config, None)
    assert out.count("<quiz>") == 1
    assert "<!-- objective" not in out
    assert "```\n<!-- quiz: q -->\n```" in out


def test_instrument_hook_leaves_code_alone():
    hook = _hook("instruments")
    hook.on_pre_build(SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml")))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"))
    md = "The {{ instrument: eio-directive | short }} and `{{ instrument: eio-directive }}`\n```\n{{ instrument: x }}\n```"
    out = hook.on_page_markdown(md, page, None, None)
    eio = register.load(REPO)[0]["eio-directive"]
    assert f'<a href="{eio.url}">{eio.short}</a>' in out
    assert "`{{ instrument: eio-directive }}`" in out
    assert "```\n{{ instrument: x }}\n```" in out


def test_short_form_with_escaped_bar_works_in_table_cells():
    hook = _hook("instruments")
    hook.on_pre_build(SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml")))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"))
    out = hook.on_page_markdown("| a | {{ instrument: eio-directive \\| short }} |", page, None, None)
    eio = register.load(REPO)[0]["eio-directive"]
    assert f'<a href="{eio.url}">{eio.short}</a>' in out and "\\|" not in out


def test_render_names_the_act_each_date_records():
    treaty = _inst(adopted=None, opened=dt.date(2001, 11, 23), in_force=dt.date(2004, 7, 1))
    assert "(opened for signature 23 November 2001; in force 1 July 2004; status" in register.render(treaty, {})
    deal = _inst(adopted=None, signed=dt.date(2020, 7, 27))
    assert "(signed 27 July 2020; status checked 3 December 2026)" in register.render(deal, {})


def test_register_entry_without_any_date_is_refused(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "instruments.yml").write_text(
        "a:\n  name: A\n  kind: k\n  status: current\n  url: https://a\n  status_checked: 2026-12-03\n")
    _, problems = register.load(tmp_path)
    assert [str(p) for p in problems] == [
        'data/instruments.yml:1: instrument "a" has no date; add adopted:, opened: (for signature) or signed:, as YYYY-MM-DD']


# --- register: dates of checks and periods (fixed dates, never the wall clock) ---

def test_last_day_of_a_year_a_month_or_a_day():
    assert register.last_day(2025) == dt.date(2025, 12, 31)
    assert register.last_day("2024-02") == dt.date(2024, 2, 29)
    assert register.last_day("2025-12") == dt.date(2025, 12, 31)
    assert register.last_day(dt.date(2025, 6, 14)) == dt.date(2025, 6, 14)


def test_months_before_counts_calendar_months_and_clamps_the_day():
    assert register.months_before(dt.date(2026, 12, 3), 6) == dt.date(2026, 6, 3)
    assert register.months_before(dt.date(2026, 2, 15), 3) == dt.date(2025, 11, 15)
    assert register.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert register.months_before(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)


def _plan(**kw):
    return _inst(**{"name": "Plan 2021-2025", "kind": "Commission communication", "ends": 2025, **kw})


def test_a_period_that_ended_before_the_check_cannot_be_current():
    assert register._contradictions(_plan(status_checked=dt.date(2026, 1, 1)))
    assert register._contradictions(_plan(status="extended", extended_to="2026-06",
                                          status_checked=dt.date(2026, 7, 1)))
    # the day the period ends is still inside it
    assert not register._contradictions(_plan(status_checked=dt.date(2025, 12, 31)))
    assert not register._contradictions(_plan(status="ended", status_checked=dt.date(2026, 1, 1)))
    assert not register._contradictions(_plan(status="extended", extended_to=2027,
                                              status_checked=dt.date(2026, 1, 1)))


def test_a_period_that_ended_since_the_check_is_a_warning_never_an_error():
    checked_in_time = _plan(status_checked=dt.date(2025, 11, 24))
    assert not register.ended_since_check(checked_in_time, dt.date(2025, 12, 31))
    assert register.ended_since_check(checked_in_time, dt.date(2026, 1, 1))
    problems = register.currency_problems({"x": checked_in_time}, SUITE_TODAY)
    assert [p.warning for p in problems] == [True]
    assert "its period ended in 2025, after its status was last checked on 24 November 2025" in problems[0].what
    # ended, or checked after the end: nothing to say
    assert register.currency_problems({"x": _plan(status="ended", status_checked=dt.date(2025, 11, 24))},
                                      SUITE_TODAY) == []
    assert register.currency_problems({"x": _plan(status="ended")}, SUITE_TODAY) == []


def test_a_check_after_today_is_an_error():
    problems = register.currency_problems({"x": _inst(status_checked=dt.date(2026, 12, 4))}, SUITE_TODAY)
    assert [(p.warning, p.what) for p in problems] == [
        (False, 'instrument "x": status_checked 2026-12-04 is after today')]


@pytest.mark.parametrize("fields,checked,due", [
    ({}, dt.date(2026, 6, 3), None),                      # exactly 6 months: not yet
    ({}, dt.date(2026, 6, 2), 6),
    ({"status": "proposed"}, dt.date(2026, 9, 3), None),  # exactly 3 months
    ({"status": "proposed"}, dt.date(2026, 9, 2), 3),
    ({"in_force": "pending"}, dt.date(2026, 9, 2), 3),
    ({"in_force": dt.date(2027, 1, 1)}, dt.date(2026, 9, 2), 3),   # not yet in force
    ({"applies_from": "2027-07"}, dt.date(2026, 9, 2), 3),        # not yet applying
    ({"in_force": dt.date(2026, 1, 1)}, dt.date(2026, 9, 2), None),
    ({"reported_by": "a blog"}, dt.date(2026, 9, 2), 3),
])
def test_checks_are_due_after_6_months_or_3_for_what_is_still_moving(fields, checked, due):
    assert register.check_due(_inst(status_checked=checked, **fields), SUITE_TODAY) == due


def test_render_ended_extended_and_reported():
    ended = _plan(status="ended")
    assert "(adopted 3 April 2014; <strong>ended</strong> 2025; status checked 3 December 2026)" in register.render(ended, {})
    assert "(<strong>ended</strong> 2025)" in register.render(ended, {}, "short")
    ext = _plan(status="extended", extended_to=dt.date(2027, 6, 14), extended_by="Council Decision (CFSP) 2025/1")
    assert ("<strong>extended</strong> to 14 June 2027 by Council Decision (CFSP) 2025/1"
            in register.render(ext, {}, "short"))
    assert "<strong>extended</strong>)" in register.render(_plan(status="extended"), {}, "short")
    new = _inst(id="new", name="Directive (EU) 2026/1", reported_by="a blog")
    old = _inst(status="superseded", replaced_by="new")
    assert "reported in secondary sources only, official text not seen" in register.render(new, {}, "short")
    assert ("Directive (EU) 2026/1</a>, reported in secondary sources only"
            in register.render(old, {"new": new, "x": old}, "short"))
    # the short form never shows the check date
    assert "status checked" not in register.render(_inst(), {}, "short")


def test_every_register_entry_has_been_checked_and_none_is_stale_on_the_suite_day():
    instruments, problems = register.load(REPO)
    assert problems == []
    assert all(isinstance(i.status_checked, dt.date) for i in instruments.values())
    assert [str(p) for p in register.currency_problems(instruments, SUITE_TODAY)] == []


# --- glossary coverage ----------------------------------------------------------

GLOSSARY_MD = """---
title: Glossary
---

## A to D

Joint investigation team (JIT)
:   A team.

Europol National Unit
:   The office.

- a list item
:   not a term
"""


def test_glossary_terms_are_the_definition_list_terms():
    assert glossary.glossary_terms(GLOSSARY_MD) == ["Joint investigation team (JIT)", "Europol National Unit"]


@pytest.mark.parametrize("abbr,expansion,covered", [
    ("JIT", "joint investigation team", True),              # the abbreviation, as a whole word
    ("ENU", "Europol National Unit", True),                 # its expansion
    ("NCB", "National Central Bureau (INTERPOL)", False),   # remark in brackets ignored; still absent
    ("IT", "information technology", False),                # not inside "JIT"
])
def test_an_abbreviation_is_covered_by_its_name_or_its_expansion(abbr, expansion, covered):
    terms = glossary.glossary_terms(GLOSSARY_MD)
    assert glossary.covered(glossary.Abbreviation(abbr, expansion, 1), terms) is covered


def test_glossary_check_skips_everyday_words_and_plurals(tmp_path):
    (tmp_path / "docs" / ".snippets").mkdir(parents=True)
    (tmp_path / "docs" / "reference").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / ".snippets" / "abbreviations.md").write_text(
        "*[EU]: European Union\n*[SIS]: Schengen Information System\n*[SISs]: more\n", encoding="utf-8")
    (tmp_path / "docs" / "reference" / "glossary.md").write_text(GLOSSARY_MD, encoding="utf-8")
    (tmp_path / "data" / "glossary.yml").write_text("everyday: [EU]\n", encoding="utf-8")
    assert [(p.path, p.line, p.what) for p in glossary.check(tmp_path)] == [
        ("docs/.snippets/abbreviations.md", 2, '"SIS" (Schengen Information System) has no entry in the glossary')]
    (tmp_path / "data" / "glossary.yml").write_text("everyday: EU\n", encoding="utf-8")
    assert [p.what for p in glossary.check(tmp_path)][0] == "everyday: is not a list of abbreviations"


QUIZ_HTML = ('<div class="quiz"  id="quiz-{n}">\n<a href="#quiz-{n}" class="quiz-header-link">#</a>\n'
             '<div class="quiz-question" id="quiz-{n}-question"><p>{q}</p></div>\n<form class="quiz-form">'
             '<fieldset aria-labelledby="quiz-{n}-question"><div><input type="radio" name="answer" value="0" '
             'id="quiz-{n}-0"><label for="quiz-{n}-0">{a}</label></div></fieldset></form></div>\n')


def _quiz_page(questions):
    return "<p>Intro</p>" + "".join(QUIZ_HTML.format(n=i, q=q, a=a) for i, (q, a) in enumerate(questions))


def _quiz_source(questions):
    return "\n".join(f"<!-- objective: o -->\n<quiz>\n{q}\n- [x] {a}\n  > why\n- [ ] not {a}\n  > why\n</quiz>\n"
                     for q, a in questions)


def _names(questions):
    parsed, problems = quizzes.parse("quizzes/x.md", _quiz_source(questions))
    assert not problems
    return question_ids.ids_for(parsed)


def test_questions_are_named_by_their_own_source_so_an_edit_moves_no_other_answer():
    qs = [("Who issues a Red Notice?", "The General Secretariat"), ("What is SIENA?", "Europol's network"),
          ("What is a JIT?", "A team of two states or more")]
    ids = _names(qs)
    assert len(set(ids)) == 3 and all(i.startswith("q-") and len(i) == 10 for i in ids)
    # a new question first, and the wording of the last one changed
    edited = _names([("New?", "Yes")] + qs[:2] + [("What is a JIT, exactly?", qs[2][1])])
    assert edited[1:3] == ids[:2] and edited[3] != ids[2]
    # white space and line breaks are not wording
    assert _names([("Who issues  a\nRed Notice?", "The General Secretariat")])[0] == ids[0]
    # the same question twice on one page still gets two names
    assert _names([qs[0], qs[0]]) == [ids[0], ids[0] + "-2"]


def test_a_page_gets_the_names_of_the_quiz_files_it_embeds_in_order(tmp_path):
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "a.md").write_text(_quiz_source([("A1?", "x"), ("A2?", "y")]))
    (tmp_path / "quizzes" / "b.md").write_text(_quiz_source([("B1?", "z")]))
    page = "Text\n<!-- quiz: b -->\n```\n<!-- quiz: a -->\n```\n<!-- quiz: a -->\n"
    assert question_ids.page_ids(tmp_path, page) == _names([("B1?", "z"), ("A1?", "x"), ("A2?", "y")])


def test_the_progress_hook_writes_the_courselib_names_into_the_page():
    hook = _hook("progress")
    qs = [("Who issues a Red Notice?", "The General Secretariat"), ("What is SIENA?", "Europol's network")]
    names = _names(qs)
    html, ids = hook.rename_questions(_quiz_page(qs), names)
    assert ids == names and "quiz-0" not in html and f'href="#{ids[0]}"' in html and f'id="{ids[1]}-0"' in html
    with pytest.raises(ValueError):
        hook.rename_questions(_quiz_page(qs), names[:1])


def test_compact_html_keeps_preformatted_text():
    hook = _hook("compact_html")
    html = "<div>\n    <p>\n      Text\n    </p>\n<pre><code>  indented\n    more</code></pre>\n  <textarea>\n  x</textarea>\n</div>"
    assert hook.compact(html) == ("<div>\n<p>\nText\n</p>\n<pre><code>  indented\n    more</code></pre>\n"
                                  "<textarea>\n  x</textarea>\n</div>")


@pytest.mark.parametrize("address,link", [
    # an e-mail address: the report page, which works without a mail program (partials/report.html)
    ("team@academy.example", "../../reference/report/?page=modules/extradition/"),
    ("https://help.example/form", "https://help.example/form?page=https%3A//c.example/x/modules/extradition/"),
    ("https://help.example/form?topic=course", "https://help.example/form?topic=course&amp;page=https%3A//c.example/x/modules/extradition/"),
])
def test_report_a_mistake_link_for_an_e_mail_or_a_web_address(address, link):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")))
    env.filters["url"] = lambda path: "../../" + path  # MkDocs' filter, from modules/extradition/
    from courselib import interface
    env.globals["t"] = interface.load(REPO, "en").t  # the interface's words (hooks/editions.py)
    page = SimpleNamespace(url="modules/extradition/", title="Extradition", content="<p>Text</p>",
                           file=SimpleNamespace(src_uri="modules/extradition.md"))
    config = SimpleNamespace(site_url="https://c.example/x/", extra={"report_mistake": address})
    html = env.get_template("partials/page-actions.html").render(page=page, config=config,
                                                                  course_question_pages={"modules/extradition/"})
    assert f'<a href="{link}">Report a mistake on this page</a>' in html
    assert "Clear my answers on this computer" in html


# --- one course model, YAML parsed once ------------------------------------

def test_yaml_errors_read_the_same_whichever_loader_is_installed():
    import yaml
    from courselib import yamlload

    assert hasattr(yaml, "CSafeLoader"), "PyYAML was installed without libyaml: builds are slow"
    bad = "title: Interpol\ndescription: \"never closed\nlast_reviewed: 2026-11-20\n"
    errors = []
    for fast in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(yaml.YAMLError) as exc:
            yamlload.compose_and_load(bad, fast=fast)
        errors.append(str(exc.value))
    assert errors[0] == errors[1]
    node, data = yamlload.compose_and_load("a: 1\nb: [x, y]\n")
    assert data == {"a": 1, "b": ["x", "y"]} and node.value[1][0].start_mark.line == 1


def test_the_checker_and_the_generators_share_one_reading_of_the_course():
    from course_fixture import REPO
    from courselib import model
    from courselib.rules import check_course

    m = model.load(REPO)
    assert check_course(m, dt.date(2026, 12, 3)) == check_course(REPO, dt.date(2026, 12, 3))
    c = m.course()
    assert c is m.course()  # made once per model
    first = c.modules[0]
    assert first.questions is m.questions(first.quiz_path.split("/")[-1][:-3])[0]


def test_a_byte_order_mark_is_read_as_mkdocs_reads_it(tmp_path):
    from courselib import model
    f = tmp_path / "page.md"
    f.write_bytes("\ufeff---\ntitle: T\n---\nText\n".encode("utf-8"))
    src = model.read(f, "docs/page.md")
    assert src.problem is None and not src.text.startswith("\ufeff")
    assert frontmatter.split(src.text).data == {"title": "T"}
    assert frontmatter.split("\ufeff---\ntitle: T\n---\n").data == {"title": "T"}


def test_yaml_mistakes_are_worded_alike_with_either_loader():
    import yaml
    from courselib import yamlload
    text = "title: Europol: the agency\n"
    for fast in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        with pytest.raises(yaml.YAMLError) as err:
            yamlload.compose_and_load(text, fast=fast)
        assert (err.value.problem, err.value.problem_mark.line) == ("mapping values are not allowed here", 0)


def test_make_check_renders_only_the_pages_changed_since_the_last_check(tmp_path, monkeypatch):
    from course_fixture import make_course
    from courselib import render
    from courselib.rules import check_course
    course = make_course(tmp_path / "course")
    asked = []
    real = render.render
    monkeypatch.setattr(render, "render", lambda model, paths: asked.append(sorted(paths)) or real(model, paths))
    assert check_course(course, render=True) == []
    assert "modules/second.md" in asked[-1] and (course / ".cache" / "rendered-pages.json").is_file()
    assert check_course(course, render=True) == []
    assert asked[-1] == []  # nothing changed: nothing rendered
    page = course / "docs" / "modules" / "second.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Routes\n", "## Routes\n\nSent on {date}.\n"),
                    encoding="utf-8")
    problems = check_course(course, render=True)
    assert asked[-1] == ["modules/second.md"]
    assert [(p.path, p.line) for p in problems] == [("docs/modules/second.md", 17)]
    assert "placeholder in braces" in problems[0].what


def test_the_leak_net_exempts_code():
    from courselib.checks.rendered import syntax_leaks
    rows = [("docs/p.md", 5, "Write `!!! note` or `{{ instrument: x }}`.")]
    assert syntax_leaks(rows, "<p>Write <code>!!! note</code> or <code>{{ instrument: x }}</code>.</p>", "docs/p.md") == []
    found = syntax_leaks(rows, "<p>Write !!! note or x.</p>", "docs/p.md")
    assert [(p.line, p.what.split(":")[0]) for p in found] == [(5, "a box (admonition) is shown as text")]


def test_option_lines_mkdocs_quiz_would_not_read_are_named():
    from courselib.quizzes import not_an_option
    said = {line: (not_an_option(line, nxt) or ("",))[0] for line, nxt in [
        ("- [x] fine", None), ("+ [x] plus", None), ("-  [x] two spaces", None), ("- [xx] box", None),
        ("[x] no dash", None), ("- [ ]", "  the text"), ("- [ ]", None), ("See [1] above", None)]}
    assert said["- [x] fine"] == "" and said["See [1] above"] == ""
    assert said["+ [x] plus"].startswith('this option starts with "+"')
    assert "more than one space" in said["-  [x] two spaces"]
    assert said["- [xx] box"] == 'option box "[xx]" is not understood'
    assert said["[x] no dash"].startswith('this option has no "-"')
    assert said["- [ ]"] in ("the option's text is on the next line", "this option has no text")


def test_the_preview_page_lists_each_mistake_escaped(tmp_path):
    from courselib import preview
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "index.html").write_text("old page", encoding="utf-8")
    preview.write(tmp_path, ['docs/a.md:3: a <b> "box"; write it as "x"', "something else broke"])
    page = (tmp_path / "modules" / "index.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "404.html").read_text(encoding="utf-8")
    assert "The course has 2 mistakes to fix" in page and "&lt;b&gt;" in page and "<b>" not in page
    assert "docs/a.md</code>, line 3" in page and "How to fix it: write it as &quot;x&quot;" in page
    assert '"/livereload/" + epoch' in page


def test_every_leak_pattern_needs_the_trigger_the_nets_search_first():
    """The leak net searches each text once for LEAK_TRIGGER_RE and runs its patterns only
    where that matches: every example a pattern finds must contain the trigger."""
    from courselib.checks.rendered import LEAK_TRIGGER_RE, LEAKS

    examples = ['!!! note "x"', "??? tip", '=== "Tab"', "| --- | --- |", "[^1]", "{{ instrument: x }}", "{% x %}",
                "*[EU]: European Union", "- [ ] option", "\n- item", "{placeholder}", "<!-- open", "<quiz>",
                "](../x.md)", "\n##Heading", "**bold", "bold**"]
    for text in examples:
        hits = [what for pattern, what, _ in LEAKS if pattern.search(text)]
        assert hits, text
        assert LEAK_TRIGGER_RE.search(text), text


def _typed_mentions(body: list[str]) -> list[tuple[int, str]]:
    from courselib.checks.common import Page
    from courselib.checks.instrument_mentions import check_typed_mentions

    instruments, _ = register.load(REPO)
    page = Page("docs/modules/x.md", "modules/x.md", ["---", "title: X", "---", *body],
                fm=SimpleNamespace(data={}), kind=None, body_start=3)
    return [(p.line - 3, p.what.split('"')[1]) for p in check_typed_mentions(page, instruments)]


def test_first_typed_mention_is_reported_once_per_instrument():
    body = ["The Europol Regulation applies.", "The Europol Regulation again.",
            "{{ instrument: europol-regulation | short }}", "The Budapest Convention, then the",
            "{{ instrument: budapest-convention }}."]
    assert _typed_mentions(body) == [(1, "Europol Regulation"), (4, "Budapest Convention")]


def test_typed_mentions_after_the_register_or_outside_prose_pass():
    body = ["## The Europol Regulation", '!!! note "Europol Regulation"', "`Europol Regulation`",
            "[Europol Regulation](https://eur-lex.europa.eu/eli/reg/2016/794/oj)",
            "<!-- the Europol Regulation -->", "```", "Europol Regulation", "```",
            "the {{ instrument: europol-regulation }} and then the Europol Regulation",
            "UNCAC and TFEU are too short to match; europol regulation is another case."]
    assert _typed_mentions(body) == []


def test_typed_mentions_match_the_longest_name_and_respect_the_opt_out():
    body = ["The Second Additional Protocol to the 1959 Convention is newer.",
            "Law No. 04/L-031 was replaced. <!-- typed: kosovo-law-04-l-031 -->",
            "Law No. 04/L-031 is named here."]
    assert _typed_mentions(body) == [(1, "Second Additional Protocol to the 1959 Convention"),
                                     (3, "Law No. 04/L-031")]
