"""Trainee experience III (the rest of issue 17), in Debian's Chromium against
the real nginx configuration: a home page that lists everything with its time,
"Report a mistake" without a mail program, progress carried between devices,
the reading position kept, and a printable channel chooser."""

from __future__ import annotations

import re
import subprocess

import yaml
from course_fixture import REPO
from test_trainee_ii import PC, PHONE, SHOTS, answer, axe, nginx_url, open_page, shot  # noqa: F401  (fixtures)


def _front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def _nav_pages() -> list[str]:
    """The trainee's pages in the order of mkdocs.yml's nav, read with yaml (not courselib)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:"):])["nav"]
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                for v in item.values():
                    walk(v if isinstance(v, list) else [v])

    walk(nav)
    return [p for p in out if p.startswith(("modules/", "cases/"))]


def _time(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def test_the_home_page_lists_everything_with_its_time_and_the_total(open_page, nginx_url):
    pages = _nav_pages()
    expected = {}
    for p in pages:
        d = _front_matter(REPO / "docs" / p)["duration"]
        expected[p[:-3] + "/"] = d["reading"] + d["exercises"]
    assert len(expected) >= 30  # 20 modules (the assessment among them) and 10 cases
    for viewport, name in ((PHONE, "360"), (PC, "1280")):
        page = open_page(nginx_url + "", viewport)
        rows = page.evaluate("""() => [...document.querySelectorAll('.md-content table tr')]
            .filter(r => r.querySelector('td a'))
            .map(r => [r.querySelector('td a').getAttribute('href'), r.cells[r.cells.length - 1].innerText.trim()])""")
        found = {re.sub(r"^(\.\./|\./)", "", href): t for href, t in rows}
        assert {k: found.get(k) for k in expected} == {k: _time(v) for k, v in expected.items()}
        total = page.locator(".course-total").inner_text()
        assert f"about {_time(sum(expected.values()))}" in total
        modules = sum(v for k, v in expected.items() if k.startswith("modules/") and "assessment" not in k)
        assert f"({_time(modules)})" in total and 13 * 60 <= modules + expected["modules/course-assessment/"] <= 15 * 60
        assert page.get_by_role("heading", name="Case exercises").is_visible()
        assert page.get_by_role("heading", name="Course assessment").is_visible()
        page.locator(".course-total").scroll_into_view_if_needed()
        shot(page, f"home-contents-{name}")
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, f"home-top-{name}")
        assert axe(page) == []


def test_report_a_mistake_works_without_a_mail_program(open_page, nginx_url):
    address = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")
                             .split("\nextra:", 1)[1].split("\n# --", 1)[0].join(["extra:", ""]))
    address = address["extra"]["report_mistake"]
    for viewport, name in ((PHONE, "360"), (PC, "1280")):
        page = open_page(nginx_url + "modules/extradition/", viewport)
        page.get_by_role("link", name="Report a mistake on this page").click()
        page.wait_for_load_state()
        assert page.url.split("?")[0].endswith("/reference/report/")
        text = page.get_by_label("The text of your report")
        assert text.input_value().startswith(f"Page: {nginx_url}modules/extradition/\n")
        assert "What is wrong:" in text.input_value()
        assert page.locator(".course-report-address").inner_text().strip() == address
        text.fill(text.input_value().replace("What is wrong:", "What is wrong: the date in section 2"))
        mail = page.get_by_role("link", name="open a new e-mail to this address")
        # the click writes what was typed into the e-mail; no mail program needed to read it back
        page.evaluate("document.querySelector('.course-report-mail').addEventListener('click', e => e.preventDefault())")
        mail.click()
        href = mail.get_attribute("href")
        assert href.startswith(f"mailto:{address}?subject=") and "the%20date%20in%20section%202" in href
        page.get_by_role("button", name="Copy the text").click()
        assert page.locator(".course-report-copied").inner_text() != ""
        shot(page, f"report-{name}")
        assert axe(page) == []
    # a page address that is not one of the site's is not written into the report
    page = open_page(nginx_url + "reference/report/?page=https://elsewhere.example/x", PC)
    assert "elsewhere" not in page.get_by_label("The text of your report").input_value()


def test_each_long_module_opens_where_the_trainee_left_it_until_clear(open_page, nginx_url):
    for viewport, name in ((PHONE, "360"), (PC, "1280")):
        page = open_page(nginx_url + "modules/interpol/", viewport)
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(800)
        interpol_at = page.evaluate("scrollY")
        assert interpol_at > 1000
        page.goto(nginx_url + "modules/extradition/")  # another module, its own place
        assert page.evaluate("scrollY") == 0
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(800)
        extradition_at = page.evaluate("scrollY")
        # back by an ordinary link (the menu), not by "Continue"
        page.goto(nginx_url)
        with page.expect_navigation(wait_until="load"):
            page.locator(".md-nav--primary a.md-nav__link[href$='modules/interpol/']").first.evaluate("a => a.click()")
        page.wait_for_timeout(500)
        assert page.url.endswith("/modules/interpol/")
        assert abs(page.evaluate("scrollY") - interpol_at) < 120
        shot(page, f"interpol-place-{name}")
        page.goto(nginx_url + "modules/extradition/")
        page.wait_for_timeout(500)
        assert abs(page.evaluate("scrollY") - extradition_at) < 120
        # a link to a section goes to the section, not to the kept place
        page.goto(nginx_url + "modules/interpol/#key-points")
        page.wait_for_timeout(300)
        top = page.evaluate("document.getElementById('key-points').getBoundingClientRect().top")
        assert 0 <= top < 200
        page.once("dialog", lambda d: d.accept())
        page.get_by_role("button", name="Clear my answers on this computer").click()
        page.wait_for_load_state("load")
        assert "course-places-v1" not in page.evaluate("Object.keys(localStorage)")
        page.goto(nginx_url + "modules/extradition/")
        page.wait_for_timeout(300)
        assert page.evaluate("scrollY") == 0


def _progress_cell(page, key):
    return page.locator(f"[data-course-module='{key}']").inner_text()


def test_progress_goes_to_another_browser_as_a_code_and_a_damaged_code_is_refused(open_page, nginx_url):
    phone = open_page(nginx_url + "modules/interpol/", PHONE)
    quizzes = phone.locator("div.quiz")
    answer(quizzes.nth(0))
    answer(quizzes.nth(1), right=False)
    phone.wait_for_timeout(300)
    phone.goto(nginx_url + "progress/")
    mine = _progress_cell(phone, "modules/interpol/")
    assert "1 of" in mine and "In progress" in mine
    phone.get_by_role("button", name="Make my progress code").click()
    code = phone.get_by_label("Your progress code").input_value()
    assert re.fullmatch(r"KPC1-[A-Za-z0-9_-]+-[0-9a-f]{8}", code)
    phone.get_by_role("heading", name="Take your progress to another computer").scroll_into_view_if_needed()
    shot(phone, "progress-code-360")

    pc = open_page(nginx_url + "progress/", PC)  # another browser: its own storage
    assert "Not started" in _progress_cell(pc, "modules/interpol/")
    paste = pc.get_by_label("Paste a progress code from another computer")
    # damaged: one character changed, then one cut off; nothing changes, and it says why
    broken = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
    for bad in (broken, code[:-1], "hello"):
        paste.fill(bad)
        pc.get_by_role("button", name="Add this progress").click()
        assert "damaged or incomplete" in pc.locator(".course-import-result").inner_text()
        assert pc.evaluate("localStorage.getItem('course-progress-v1')") is None
    shot(pc, "progress-code-damaged-1280")
    # whole, with a line break from a messaging app: accepted, and the marks agree with the phone
    paste.fill(code[:30] + "\n" + code[30:])
    pc.get_by_role("button", name="Add this progress").click()
    assert pc.locator(".course-import-result").inner_text().startswith("Done: 2 answers")
    assert _progress_cell(pc, "modules/interpol/") == mine
    pc.reload()
    assert _progress_cell(pc, "modules/interpol/") == mine
    assert "course-mark--in-progress" in pc.locator(".md-nav--primary a[href$='modules/interpol/'] .course-mark").first.get_attribute("class")
    paste = pc.get_by_label("Paste a progress code from another computer")
    paste.fill(code)
    pc.get_by_role("button", name="Add this progress").click()
    assert "holds nothing that is not already here" in pc.locator(".course-import-result").inner_text()
    shot(pc, "progress-code-1280")
    assert axe(pc) == []


# -- On a PC the sidebars' titles never cover an item (issue 17, item 6) ------

_COVERED = """(sel) => {
  const side = document.querySelector(sel);
  const scroller = side.querySelector('.md-sidebar__scrollwrap');
  const view = scroller.getBoundingClientRect();
  const shown = el => { const r = el.getBoundingClientRect();
    return el.offsetParent !== null && r.height > 0 && r.bottom > view.top + 1 && r.top < view.bottom - 1 ? r : null; };
  const titles = [...side.querySelectorAll('.md-nav__title')].map(t => [t, shown(t)]).filter(x => x[1]);
  const links = [...side.querySelectorAll('a.md-nav__link, label.md-nav__link')]
    .filter(a => !a.closest('.md-nav__title')).map(a => [a, shown(a)]).filter(x => x[1]);
  const problems = [];
  for (const [a, r] of links) {
    for (const [t, tr] of titles) {
      const over = Math.min(r.bottom, tr.bottom) - Math.max(r.top, tr.top);
      if (over > 0.5 && Math.min(r.right, tr.right) > Math.max(r.left, tr.left))
        problems.push(`"${t.innerText.trim()}" covers ${Math.round(over)} px of "${a.innerText.trim()}"`);
    }
    // at the top of the link's visible part the trainee sees no title laid over it
    const top = Math.max(r.top, view.top) + 1, x = r.left + Math.min(20, r.width / 2);
    const hit = document.elementFromPoint(x, top);
    const title = hit && hit.closest('.md-nav__title');
    if (title && !title.contains(a))
      problems.push(`"${a.innerText.trim()}" is under the title "${title.innerText.trim()}" at its top`);
  }
  return {scrolled: scroller.scrollTop, titles: titles.length, links: links.length, problems};
}"""


def test_the_sidebar_titles_never_cover_an_item_when_the_sidebars_scroll(open_page, nginx_url):
    scrolled = {}
    for w, h in ((1280, 900), (1600, 900), (1280, 560)):
        page = open_page(nginx_url + "modules/choosing-a-channel/", {"width": w, "height": h})
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        for sel in (".md-sidebar--primary", ".md-sidebar--secondary"):
            for step in (40, 130, 240):  # item edges and titles meet at different places
                page.locator(sel + " .md-sidebar__scrollwrap").evaluate("(s, y) => { s.scrollTop = y; }", step)
                page.wait_for_timeout(100)
                report = page.evaluate(_COVERED, sel)
                assert report["links"] > 3
                assert report["problems"] == [], (w, h, sel, step, report)
                scrolled[(w, h, sel)] = max(scrolled.get((w, h, sel), 0), report["scrolled"])
        shot(page, f"sidebars-scrolled-{w}x{h}")
    # the check looked at sidebars that really scrolled: the menu at every size, the contents on a short screen
    assert all(scrolled[(w, h, ".md-sidebar--primary")] >= 200 for w, h in ((1280, 900), (1600, 900), (1280, 560)))
    assert scrolled[(1280, 560, ".md-sidebar--secondary")] > 0


# -- The chooser on one printed page (issue 17, item 4) ------------------------

def _chooser_rows() -> list[str]:
    """The first cell of every row of the chooser, read from its one source."""
    lines = (REPO / "docs" / ".snippets" / "chooser.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("|")]
    assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", rows[1])  # header, separator, then the rows
    return [r.strip("|").split("|")[0].strip() for r in rows[2:]]


def _pdf(pdf_bytes: bytes, name: str, pictures: bool = True) -> tuple[str, str]:
    """pdfinfo's and pdftotext's (poppler) reading of a PDF, kept with a picture of each page."""
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if pictures:
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(SHOTS / name)], check=True)
    return info, text


def test_the_chooser_prints_on_one_landscape_a4_page(open_page, nginx_url):
    rows = _chooser_rows()
    assert len(rows) >= 8
    # the module links to it right under the chooser's heading
    module = open_page(nginx_url + "modules/choosing-a-channel/", PC)
    link = module.locator("h2#the-chooser + p a")
    assert link.inner_text() == "Print the chooser on one page"
    link.click()
    module.wait_for_load_state()
    assert module.url.endswith("/reference/chooser/")
    for viewport, name in ((PHONE, "360"), (PC, "1280")):
        page = open_page(nginx_url + "reference/chooser/", viewport)
        cells = page.locator("article table tbody tr td:first-child").all_inner_texts()
        assert [re.sub(r"\s+", " ", c).strip() for c in cells] == rows  # the same table as the module's
        shot(page, f"chooser-page-{name}")
        page.screenshot(path=str(SHOTS / f"chooser-page-{name}-full.png"), full_page=True)
        info, text = _pdf(page.pdf(prefer_css_page_size=True), f"chooser-print-{name}")
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
        width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
        print(f"\nchooser printed from a {name} px window: {pages} page(s), {width:.0f} x {height:.0f} pt")
        assert pages == 1
        assert (round(width), round(height)) == (842, 595)  # A4 landscape
        flat = re.sub(r"\s+", " ", text)
        missing = [r for r in rows if r not in flat]
        assert missing == []
        assert "Formal routes depend on the partner state" in flat and "Each row is explained in the module" in flat
        assert "Ctrl+P" not in flat and "Report a mistake" not in flat and "Register of instruments" not in flat
    # the module itself still prints whole, on portrait pages, without the link
    module = open_page(nginx_url + "modules/choosing-a-channel/", PC)
    info, text = _pdf(module.pdf(prefer_css_page_size=True), "chooser-module-print", pictures=False)
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1)) > 5 and width < height
    flat = re.sub(r"\s+", " ", text)
    assert "The chooser" in flat and "Print the chooser on one page" not in flat
    for scheme in ("light", "dark"):
        page = open_page(nginx_url + "reference/chooser/", PC, scheme)
        assert axe(page) == [], scheme
