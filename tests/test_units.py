"""Unit tests of the rule library (scripts/courselib)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from courselib import frontmatter, question_ids, quizzes, register
from courselib.markdown_text import code_lines, prose_lines
from course_fixture import REPO


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
                status="current", url="https://eur-lex.europa.eu/x", line=1)
    base.update(kw)
    return register.Instrument(**base)


def test_render_full_current_with_dates():
    html = register.render(_inst(applies_from=dt.date(2017, 5, 22)), {})
    assert "Directive X</a>" in html
    assert "(adopted 3 April 2014; applies from 22 May 2017)" in html
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
    assert "not adopted as of this page's last review" in register.render(
        _inst(status="proposed", adopted=dt.date(2023, 11, 28)), {})
    assert "not yet in force" in register.render(_inst(in_force="pending"), {})


def test_register_problems_have_lines(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "instruments.yml").write_text(
        "a:\n  name: A\n  kind: k\n  adopted: 2020-01-01\n  status: old\n  url: https://a\n"
        "b:\n  name: B\n  kind: k\n  adopted: 2020\n  status: superseded\n  replaced_by: zz\n  url: https://b\n")
    _, problems = register.load(tmp_path)
    assert [str(p) for p in problems] == [
        'data/instruments.yml:5: instrument "a" has status "old"; use one of: current, superseded, proposed',
        'data/instruments.yml:12: instrument "b" is replaced by "zz", which is not in the register; '
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
    assert 'data-instrument="eio-directive"' in out
    assert "`{{ instrument: eio-directive }}`" in out
    assert "```\n{{ instrument: x }}\n```" in out


def test_short_form_with_escaped_bar_works_in_table_cells():
    hook = _hook("instruments")
    hook.on_pre_build(SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml")))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"))
    out = hook.on_page_markdown("| a | {{ instrument: eio-directive \\| short }} |", page, None, None)
    assert 'data-instrument="eio-directive"' in out and "\\|" not in out


def test_render_names_the_act_each_date_records():
    treaty = _inst(adopted=None, opened=dt.date(2001, 11, 23), in_force=dt.date(2004, 7, 1))
    assert "(opened for signature 23 November 2001; in force 1 July 2004)" in register.render(treaty, {})
    deal = _inst(adopted=None, signed=dt.date(2020, 7, 27))
    assert "(signed 27 July 2020)" in register.render(deal, {})


def test_register_entry_without_any_date_is_refused(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "instruments.yml").write_text("a:\n  name: A\n  kind: k\n  status: current\n  url: https://a\n")
    _, problems = register.load(tmp_path)
    assert [str(p) for p in problems] == [
        'data/instruments.yml:1: instrument "a" has no date; add adopted:, opened: (for signature) or signed:, as YYYY-MM-DD']


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
    ("team@academy.example", "mailto:team@academy.example?subject=Mistake%20on%20the%20page%3A%20Extradition&amp;body="
     "Page%3A%20https%3A//c.example/x/modules/extradition/%0A%0AWhat%20is%20wrong%2C%20and%20the%20source%20that%20shows%20it%3A%0A"),
    ("https://help.example/form", "https://help.example/form?page=https%3A//c.example/x/modules/extradition/"),
    ("https://help.example/form?topic=course", "https://help.example/form?topic=course&amp;page=https%3A//c.example/x/modules/extradition/"),
])
def test_report_a_mistake_link_for_an_e_mail_or_a_web_address(address, link):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")))
    page = SimpleNamespace(url="modules/extradition/", title="Extradition", content="<p>Text</p>")
    config = SimpleNamespace(site_url="https://c.example/x/", extra={"report_mistake": address})
    html = env.get_template("partials/page-actions.html").render(page=page, config=config,
                                                                  course_question_pages={"modules/extradition/"})
    assert f'<a href="{link}">Report a mistake on this page</a>' in html
    assert "Clear my answers on this computer" in html
