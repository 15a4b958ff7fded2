import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")

from dates import course_today  # noqa: E402

# One "today" for every build, check and scaffold the tests start (tests/dates.py).
os.environ["COURSE_TODAY"] = course_today(REPO).isoformat()
ARTIFACTS = REPO / "tests" / "artifacts"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the expected messages of the mistake fixtures (a reviewed change of wording)")


def _assert_built(results):
    for r in results:
        assert r.returncode == 0, r.stdout + r.stderr


@pytest.fixture(scope="session")
def editions_course(tmp_path_factory):
    """The course the Albanian and Serbian editions are built from: the repository itself."""
    return REPO


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, editions_course):
    """The real course, every edition built once with --strict: English in the
    folder, the others in <folder>/sq/ and <folder>/sr-Latn/ (make build)."""
    from site_server import build_editions

    dest = tmp_path_factory.mktemp("site")
    _assert_built(build_editions(dest, translated_root=editions_course))
    return dest


# The release stamp of the offline build below (COURSE_RELEASE_COMMIT, COURSE_BUILT).
RELEASE = {"COURSE_RELEASE_COMMIT": "0123abcdef", "COURSE_BUILT": "2026-12-01"}


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    """The real course built for file:// (COURSE_OFFLINE=true, every link names a file),
    with a fixed release stamp; the book's PDF is printed from it."""
    from site_server import build_site

    dest = tmp_path_factory.mktemp("offline") / "site"
    result = build_site(dest, env=dict(RELEASE, COURSE_OFFLINE="true"))
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def site_url(built_site):
    from site_server import Server

    with Server(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    from site_server import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make system-deps`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page; a screenshot is kept in tests/artifacts/ when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
