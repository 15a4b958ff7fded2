"""The course's quality bar, checked on every module (see issue text and
shared/style.md): length, objectives, key points, questions that teach,
a worked case, Kosovo's position, instruments named through the register."""

import re

import pytest
from courselib import editions, frontmatter, quizzes
from courselib.markdown_text import INSTRUMENT_RE, code_lines
from course_fixture import REPO

pytestmark = pytest.mark.dates  # run again a year and two years ahead (test_calendar.py)

# The English modules: a translation is held to its English page by the checker
# (same objectives, sources, questions and answers), not to English word counts.
MODULES = sorted(p for p in (REPO / "docs" / "modules").glob("*.md")
                 if not editions.is_translation(p.name)
                 and "kind: assessment" not in p.read_text(encoding="utf-8")[:200])
LIMITS = {"module": (1200, 2500, 6), "short-module": (800, 1500, 4)}


def body_words(text: str) -> int:
    fm = frontmatter.split(text)
    lines = text.splitlines()[fm.body_start:]
    # the pointer to the case exercises at the end is a list of links, not teaching text
    lines = [l for l, code in zip(lines, code_lines(lines))
             if not code and not l.startswith("Practise this in the case exercise")]
    body = INSTRUMENT_RE.sub("X", "\n".join(lines))
    body = re.sub(r"<!--.*?-->", " ", body)
    body = re.sub(r"\]\([^)]*\)", "] ", body)  # a link's address is not text a trainee reads
    return len(re.findall(r"[^\W_][\w'’./-]*", body))


@pytest.fixture(params=MODULES, ids=lambda p: p.stem)
def module(request):
    text = request.param.read_text(encoding="utf-8")
    fm = frontmatter.split(text)
    quiz_text = (REPO / "quizzes" / request.param.name).read_text(encoding="utf-8")
    questions, problems = quizzes.parse(request.param.name, quiz_text)
    assert problems == []
    return request.param.stem, text, fm.data, questions


def test_length_objectives_keypoints(module):
    slug, text, data, questions = module
    low, high, min_questions = LIMITS[data.get("kind", "module")]
    assert low <= body_words(text) <= high, slug
    assert 3 <= len(data["objectives"]) <= 6
    assert 3 <= len(data["keypoints"]) <= 6
    assert len(questions) >= min_questions


def test_questions_teach(module):
    slug, _, _, questions = module
    positions = set()
    for q in questions:
        assert 3 <= len(q.options) <= 5, (slug, q.line)
        for o in q.options:
            assert not re.search(r"\b(all|none) of the above\b", o.text, re.I), (slug, o.line)
            assert len(o.feedback.split()) >= 5, (slug, o.line)  # feedback that explains
        positions.add(next(i for i, o in enumerate(q.options) if o.correct))
        if sum(o.correct for o in q.options) > 1:
            assert "all that apply" in q.text.lower(), (slug, q.line)
    assert len(positions) >= 2, f"{slug}: the right answer is always in the same place"


def test_worked_case_kosovo_position_and_register(module):
    slug, text, data, _ = module
    assert re.search(r"^!!! example ", text, re.M), f"{slug}: no worked case"
    assert re.search(r"^[!?]{3}\+? kosovo ", text, re.M), f"{slug}: Kosovo's position is not stated"
    assert INSTRUMENT_RE.search(text), f"{slug}: names no instrument through the register"
    assert data["last_reviewed"]
    assert all(s["url"].startswith("https://") or s["url"].startswith("http://") for s in data["sources"])
