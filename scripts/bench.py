#!/usr/bin/env python3
"""Print the course's performance figures (what `make bench` runs).

Build time of the real course and of a generated 200-module course; the
weight of one module page (its HTML and every file it loads, raw and gzip)
and of the search index; then, in Debian's Chromium against the real nginx
configuration (gzip on), what a trainee's browser fetches on a first visit
and on a second module page, beside the budgets, and Lighthouse's scores
(mobile preset, median of three runs); last, a load test with wrk, with
and without the .gz files publishing writes (gzip_static), and page loads
(each page, then every file it names) while releases are switched, with
their failed requests (there should be none).
The speed budgets are measured on the reference page (the INTERPOL module
cut to about 2,000 words and 6 questions, see courselib/transfer.py) and,
for comparison, on the whole INTERPOL module. A case exercise is weighed
against the same module budgets: the course's first case, or, while the
course has none, the three-step case scripts/new_case.py writes, in a copy
of the course. Figures are printed here; tests/test_speed.py asserts the
budgets.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

REPO = Path(__file__).resolve().parents[1]
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
sys.path.insert(0, str(REPO / "scripts"))


def build(course: Path, dest: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    start = time.perf_counter()
    result = subprocess.run([MKDOCS, "build", "--strict", "--site-dir", str(dest)], cwd=course,
                            capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{course}: the build failed:\n{result.stderr[-2000:]}")
    return took


def page_weight(site: Path, page: str) -> list[tuple[str, int, int]]:
    """(file, raw bytes, gzip bytes) for the page and every file it loads by itself."""
    html_path = site / page / "index.html"
    files = [html_path]
    from courselib import htmlscan

    base = "/" + page + "/"
    for _tag, url in htmlscan.fetched(html_path.read_text(encoding="utf-8")):
        if urlparse(url).scheme:
            continue
        target = site / urljoin(base, url).split("?")[0].lstrip("/")
        if target.is_file() and target not in files:
            files.append(target)
            if target.suffix == ".css":
                for ref in htmlscan.css_fetched(target.read_text(encoding="utf-8")):
                    sub = (target.parent / ref.split("?")[0]).resolve()
                    if sub.is_file() and sub not in files:
                        files.append(sub)
    return [(f.relative_to(site).as_posix(), f.stat().st_size, len(gzip.compress(f.read_bytes(), 9)))
            for f in files]


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="modules/interpol", help="module page to weigh (default modules/interpol)")
    parser.add_argument("--modules", type=int, default=200, help="size of the synthetic course (default 200)")
    parser.add_argument("--big", type=int, default=500,
                        help="size of the synthetic course whose peak build memory is printed (default 500)")
    parser.add_argument("--seconds", type=int, default=10, help="how long the load test runs (default 10)")
    parser.add_argument("--no-load", action="store_true", help="skip the load test (wrk against nginx)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser and Lighthouse figures")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    args = parser.parse_args(argv)
    from make_synthetic_course import make

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real = build(REPO, tmp / "site")
        pages = len(list((tmp / "site").rglob("index.html")))
        synthetic = make(tmp / "synthetic", args.modules)
        synth = build(synthetic, tmp / "synthetic-site")
        print(f"build time, real course ({pages} pages):         {real:6.1f} s")
        print(f"build time, synthetic course ({args.modules} modules): {synth:6.1f} s")
        from courselib import buildspeed

        buildspeed.build_figures(tmp, synthetic_modules=args.big)
        buildspeed.edition_figures(tmp)
        rows = page_weight(tmp / "site", args.page)
        print(f"\nweight of {args.page}/ (HTML and every file it loads):")
        for name, raw, gz in rows:
            print(f"  {name:60} {kb(raw):>10} raw {kb(gz):>10} gzip")
        print(f"  {'total':60} {kb(sum(r[1] for r in rows)):>10} raw {kb(sum(r[2] for r in rows)):>10} gzip")
        index = tmp / "site" / "search" / "search_index.json"
        print(f"\nsearch index: {kb(index.stat().st_size)} raw, {kb(len(gzip.compress(index.read_bytes(), 9)))} gzip")
        case_page, case_site = case_figures(tmp)
        if not args.no_browser:
            browser_figures(tmp, args.page, args.lighthouse_runs)
            case_browser_figures(tmp, case_site, case_page, args.page)
        if not args.no_load:
            load(tmp / "site", tmp / "nginx", args.page, args.seconds)
            swap_load(tmp / "site", tmp / "swap", args.seconds)
    return 0


def case_figures(tmp: Path) -> tuple[str, Path]:
    """Print a case page's weight; return (its page, the site it is in)."""
    import shutil

    from courselib import model
    from new_case import create

    course = model.load(REPO).course()
    site = tmp / "site"
    if course.cases:
        page = course.cases[0].doc_path[:-3]
        where = "the course's first case"
    else:
        copy = tmp / "case-course"
        for name in ("docs", "quizzes", "data", "overrides", "scripts", "mkdocs.yml"):
            src = REPO / name
            (shutil.copytree if src.is_dir() else shutil.copyfile)(src, copy / name)
        page = "cases/" + create(copy, "Bench case exercise").stem
        site = tmp / "case-site"
        build(copy, site)
        where = "the course has no case yet: new_case.py's three-step case"
    rows = page_weight(site, page)
    print(f"\nweight of the case exercise {page}/ ({where}):")
    for name, raw, gz in rows:
        print(f"  {name:60} {kb(raw):>10} raw {kb(gz):>10} gzip")
    print(f"  {'total':60} {kb(sum(r[1] for r in rows)):>10} raw {kb(sum(r[2] for r in rows)):>10} gzip")
    return page, site


def case_browser_figures(tmp: Path, site: Path, page: str, module: str) -> None:
    from courselib import transfer
    from courselib.nginx_server import Nginx
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, Nginx(site, tmp / "nginx-case") as server:
        first, second = transfer.first_and_second(pw.chromium, server, page + "/", module + "/")
        print(f"  case exercise {page}/, against the module budgets:")
        print(f"    first visit, no interaction ({sum(1 for _, n in first.requests if n)} files): {kb(first.total):>9} "
              f"(budget {kb(transfer.FIRST_VISIT_BUDGET)}): {_verdict(first.total, transfer.FIRST_VISIT_BUDGET)}")
        print(f"    after {module}/ ({sum(1 for _, n in second.requests if n)} files): {kb(second.total):>9} "
              f"(budget {kb(transfer.SECOND_PAGE_BUDGET)}): {_verdict(second.total, transfer.SECOND_PAGE_BUDGET)}")


def _verdict(value: float, budget: float) -> str:
    return "within budget" if value <= budget else "OVER BUDGET"


def browser_figures(tmp: Path, page: str, runs: int) -> None:
    from courselib import transfer
    from courselib.nginx_server import Nginx
    from playwright.sync_api import sync_playwright

    reference = transfer.make_reference_course(tmp / "reference")
    build(reference, tmp / "reference-site")
    ref_html = (tmp / "reference-site" / page / "index.html").read_text(encoding="utf-8")
    real_html = (tmp / "site" / page / "index.html").read_text(encoding="utf-8")
    before = "modules/europol" if page != "modules/europol" else "modules/interpol"
    print("\nspeed budgets: bytes on the wire (gzip from nginx, headers included), Debian's Chromium:")
    fcp: dict[str, float] = {}
    with sync_playwright() as pw:
        for label, site, html in (("reference page", tmp / "reference-site", ref_html),
                                  ("whole module", tmp / "site", real_html)):
            with Nginx(site, tmp / f"nginx-{label[:3]}") as server:
                first, second = transfer.first_and_second(pw.chromium, server, page + "/", before + "/")
                questions = html.count('<div class="quiz"')
                print(f"  {label}: {page}/, {transfer.page_words(html)} words, {questions} questions")
                print(f"    first visit, no interaction ({sum(1 for _, n in first.requests if n)} files): {kb(first.total):>9} "
                      f"(budget {kb(transfer.FIRST_VISIT_BUDGET)}): {_verdict(first.total, transfer.FIRST_VISIT_BUDGET)}")
                print(f"    search files fetched before first use of search: {len(first.search_requests)} (budget 0): "
                      f"{_verdict(len(first.search_requests), 0)}")
                print(f"    second module page, after {before}/ ({sum(1 for _, n in second.requests if n)} files): {kb(second.total):>9} "
                      f"(budget {kb(transfer.SECOND_PAGE_BUDGET)}): "
                      f"{_verdict(second.total, transfer.SECOND_PAGE_BUDGET)}")
                if runs:
                    lh = transfer.lighthouse(server, server.url + page + "/", runs=runs, workdir=tmp)
                    med = lh["median"]
                    print(f"    Lighthouse, mobile preset, median of {runs}: performance {med['performance']:g} "
                          f"(aim 100), accessibility {med['accessibility']:g}, best practices "
                          f"{med['best-practices']:g}, SEO {med['seo']:g} (budget 100 each)")
                    for audit, value in sorted(lh["failed"].items()):
                        print(f"      below 1 in some run: {audit} {value}")
                    fcp[label] = lh["fcp_ms"]
        if runs and (tmp / "b-stock").is_dir():
            # Stock Material (the course's stock twin, no course hooks), the same page behind the same nginx.
            with Nginx(tmp / "b-stock", tmp / "nginx-stock") as server:
                lh = transfer.lighthouse(server, server.url + page + "/", runs=runs, workdir=tmp)
            print(f"  first contentful paint, Lighthouse mobile, median of {runs}: course {fcp['whole module']:.0f} ms, "
                  f"stock Material {lh['fcp_ms']:.0f} ms (target: no worse than stock): "
                  f"{'within target' if fcp['whole module'] <= lh['fcp_ms'] * 1.02 else 'OVER TARGET'}; "
                  f"stock performance score {lh['median']['performance']:g}")


def _wrk(url: str, seconds: int) -> tuple[str, str, str, str]:
    import shutil
    out = subprocess.run([shutil.which("wrk"), "-t", "2", "-c", "32", "-d", f"{seconds}s", "-H", "Accept-Encoding: gzip",
                          url], capture_output=True, text=True, timeout=seconds + 30).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (rps.group(1) if rps else "0", total.group(1) if total else "?", errors.group(1) if errors else "none",
            non2xx.group(1) if non2xx else "0")


def load(site: Path, work: Path, page: str, seconds: int) -> None:
    """wrk against the real nginx configuration on loopback, bounded in time:
    with the .gz files publishing writes (gzip_static), then without them
    (nginx compresses each answer itself)."""
    import shutil

    if not shutil.which("wrk"):
        print("\nload: wrk is not installed (make system-deps installs it)")
        return
    from courselib.nginx_server import Nginx

    print(f"\nload, {page}/ over HTTPS with gzip from nginx on loopback (wrk, 2 threads, 32 connections, {seconds} s each):")
    figures = {}
    with Nginx(site, work / "gz") as server:
        url = f"{server.url}{page}/"
        figures["with"] = _wrk(url, seconds)
        for gz in (server.releases / "releases").rglob("*.gz"):
            if gz.name != "sitemap.xml.gz":
                gz.unlink()
        figures["without"] = _wrk(url, seconds)
    for label, (rps, total, errors, non2xx) in figures.items():
        print(f"  {label:7} the .gz files (gzip_static): {float(rps):9.0f} requests/s   requests: {total}   "
              f"errors: {errors}; non-2xx/3xx: {non2xx}")
    base = float(figures["without"][0]) or 1
    print(f"  gzip_static: {float(figures['with'][0]) / base:.1f}x the requests/s of compressing on the fly (target 5x)")


def _restyled(site: Path, dest: Path, n: int) -> Path:
    """A copy of the built site whose course style sheet has another content
    hash (as a rebuild with a changed style sheet has), named in every page."""
    import hashlib
    import shutil

    shutil.copytree(site, dest)
    css = next(p for p in (dest / "assets" / "css").glob("course.*.css"))
    text = css.read_text(encoding="utf-8") + f"\n/* release {n} */\n"
    new = f"course.{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
    (css.parent / new).write_text(text, encoding="utf-8")
    css.unlink()
    for html in dest.rglob("*.html"):
        t = html.read_text(encoding="utf-8")
        if css.name in t:
            html.write_text(t.replace(css.name, new), encoding="utf-8")
    return dest


def swap_load(site: Path, work: Path, seconds: int) -> None:
    """Page loads (each page, then every file it names) by a few clients
    while releases with different content-named files are installed, rolled
    back and chosen, each switch checked through nginx."""
    from courselib import hosting, releases
    from courselib.nginx_server import Nginx, PageLoads, world_readable_dir

    prefix = hosting.load(REPO).prefix
    variants = [_restyled(site, work / f"variant{n}", n) for n in range(3)]
    www = world_readable_dir("course-bench-")
    switches = 0
    try:
        with Nginx(None, work / "swap", releases=www) as server:
            t = releases.Target(www)
            ids = []

            def put(tree: Path) -> str:
                with releases.Lock(t, "bench", 30):
                    rid = releases.new_id(t, commit="bench")
                    building = t.releases / f"{rid}.building"
                    import shutil
                    shutil.copytree(tree, building / prefix.strip("/"))
                    (building / prefix.strip("/") / "release.json").write_text(json.dumps({"release": rid}))
                    releases.finish(t, building, rid, releases.manifest_of(building), {"path": prefix})
                    live = t.live()
                    if live:
                        releases.link_assets(t, live, [rid])
                    releases.activate(t, rid, action="bench", check_url=server.url, check=True, keep=5)
                return rid

            ids.append(put(variants[0]))
            deadline = time.monotonic() + seconds
            with PageLoads(server, ["modules/interpol/", "", "modules/europol/"], connections=3,
                           limit=seconds + 120) as load:
                n = 1
                while time.monotonic() < deadline or switches < 6:
                    if n % 3 == 0:
                        with releases.Lock(t, "bench", 30):
                            releases.rollback(t, server.url, True)
                    else:
                        ids.append(put(variants[n % 3]))
                    switches += 1
                    n += 1
                figures = load.stop()
    finally:
        import shutil
        shutil.rmtree(www, ignore_errors=True)
    print(f"\npage loads while releases are switched (3 clients, each page then every file it names, "
          f"{figures.seconds:.0f} s):")
    print(f"  switches (install or rollback, each checked): {switches}   page loads: {figures.pages}   "
          f"requests: {figures.requests} ({figures.requests / max(figures.seconds, 0.001):.0f}/s)")
    print(f"  non-2xx: {len(figures.non_2xx)}   socket errors: {len(figures.socket_errors)}   "
          f"releases seen: {len(figures.releases_seen)}")
    for line in (figures.non_2xx + figures.socket_errors)[:5]:
        print(f"    {line}")


if __name__ == "__main__":
    sys.exit(main())
