"""How fast the course builds, checks and previews (figures for `make bench`).

This machine is shared and noisy, so every figure is printed beside one
measured in the same run (a ratio) or as the CPU time the build itself
used, and no test ever asserts a time. Used by scripts/bench.py only.
"""

from __future__ import annotations

import gzip
import os
import pstats
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build process and its children
    max_rss_mb: float


def build(course: Path, dest: Path, profile: Path | None = None, env_extra: dict | None = None) -> Run:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", **(env_extra or {}))
    cmd = [MKDOCS, "build", "--strict", "-q", "--site-dir", str(dest)]
    if profile:
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{course}: the build failed:\n{err[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best_of(n: int, course: Path, dest: Path) -> Run:
    runs = [build(course, dest) for _ in range(n)]
    return min(runs, key=lambda r: r.cpu)


def course_code_share(profile: Path, root: Path = REPO) -> tuple[float, list[tuple[str, float]]]:
    """Share of a profiled build spent in the course's hooks (and the checker
    and courselib code they call), and the hooks' times, largest first."""
    stats = pstats.Stats(str(profile))
    total = max(v[3] for v in stats.stats.values())
    hooks = str(root / "overrides" / "hooks")
    rows: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items():
        if filename.startswith(hooks) and name.startswith("on_"):
            key = f"{Path(filename).stem}.{name}"
            rows[key] = rows.get(key, 0.0) + cumtime
    return sum(rows.values()) / total, sorted(rows.items(), key=lambda kv: -kv[1])


def check_time(root: Path = REPO, runs: int = 3, *flags: str) -> Run:
    """scripts/check_content.py with `flags`, best of `runs` by CPU time."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(root / "scripts" / "check_content.py"), "-q", *flags], cwd=root,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _status, usage = os.wait4(proc.pid, 0)
        run = Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        best = run if best is None or run.cpu < best.cpu else best
    return best


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def edit_to_preview(work: Path, page: str = "docs/modules/interpol.md", edits: int = 3,
                    timeout: float = 120.0) -> list[float]:
    """Under `mkdocs serve` on a copy of the course: seconds from saving a change
    to a module until the served page shows it, for each of `edits` saves."""
    copy = work / "course"
    for name in ("docs", "quizzes", "data", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, copy / name)
    for name in ("overrides", "scripts"):
        (copy / name).symlink_to(REPO / name)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    proc = subprocess.Popen([MKDOCS, "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"], cwd=copy, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from . import hosting

    url = f"http://127.0.0.1:{port}{hosting.load(copy).prefix}{page[len('docs/'):-len('.md')]}/"
    times = []
    try:
        deadline = time.monotonic() + timeout * 3
        while "</html>" not in _get(url):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        source = copy / page
        for i in range(edits):
            time.sleep(1.5)  # let the watcher settle after the last build
            marker = f"previewmarker{i}x{os.getpid()}"
            text = source.read_text(encoding="utf-8")
            text = re.sub(r"(\n## [^\n]+\n\n)", rf"\1{marker} ", text, count=1)
            start = time.monotonic()
            source.write_text(text, encoding="utf-8")
            while marker not in _get(url):
                if time.monotonic() - start > timeout:
                    raise RuntimeError("the preview never showed the change")
                time.sleep(0.1)
            times.append(time.monotonic() - start)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times


class _Visible(HTMLParser):
    """The text a reader gets from a page's article (no scripts, styles or markup)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of a page's article, as a reader gets it."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def weight_floor(html: str) -> tuple[int, int]:
    """(gzip bytes of the page's HTML, gzip bytes of its visible article text alone)."""
    text = visible_text(html)
    return len(gzip.compress(html.encode("utf-8"), 9)), len(gzip.compress(text.encode("utf-8"), 9))


def edition_figures(tmp: Path, runs: int = 2, course: Path = REPO) -> tuple[dict, float]:
    """Print each language edition's build time and the full build (every edition,
    as `make build` runs them) against the English build: target at most 2.5x.
    Returns ({lang: best Run}, the ratio)."""
    from . import editions

    best: dict = {}
    for _ in range(runs):  # interleaved, so every edition sees the same machine
        for lang in editions.LANGUAGES:
            run = build(course, tmp / "b-editions", env_extra={"COURSE_LANG": lang})
            if lang not in best or run.cpu < best[lang].cpu:
                best[lang] = run
    en = best[editions.SOURCE]
    print(f"\nlanguage editions (CPU seconds of each build, best of {runs}; wall time beside):")
    for lang, run in best.items():
        print(f"  {lang:8} {run.cpu:6.2f} s CPU ({run.wall:5.1f} s wall): {run.cpu / en.cpu:.2f}x English")
    # The full build as `make build` runs it: English, then the others side by side.
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        build(course, tmp / "b-full", env_extra={"COURSE_LANG": editions.SOURCE})
        procs = [subprocess.Popen([MKDOCS, "build", "--strict", "-q", "--site-dir", str(tmp / "b-full")], cwd=course,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="true", COURSE_LANG=lang),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for lang in editions.TRANSLATED]
        if any(p.wait() != 0 for p in procs):
            raise SystemExit(f"{course}: an edition's build failed (run make build)")
        walls.append(time.perf_counter() - start)
    full_cpu = sum(r.cpu for r in best.values())
    ratio = min(walls) / en.wall
    print(f"  full build, every edition (make build: English, then {' and '.join(editions.TRANSLATED)} side by "
          f"side): {min(walls):5.1f} s wall, {ratio:.2f}x the English build's wall time (target at most 2.5x): "
          f"{'within target' if ratio <= 2.5 else 'OVER TARGET'}; {full_cpu:.2f} s CPU in all, "
          f"{full_cpu / en.cpu:.2f}x English's")
    return best, ratio


def build_figures(tmp: Path, synthetic_modules: int = 500) -> None:
    """Print the build-speed figures of issue 'fast builds' beside their targets."""
    sys.path.insert(0, str(REPO / "scripts"))
    from make_synthetic_course import make, make_stock, markdown_words

    stock = make_stock(tmp / "stock")
    # Both builds render the same text: the twin holds it written out (quizzes, generated
    # sections, instrument names), so its Markdown is the measure of the work for both.
    words_real = words_stock = markdown_words(stock)
    real_runs, stock_runs = [], []
    for i in range(3):  # interleaved, so both see the same machine
        real_runs.append(build(REPO, tmp / "b-real"))
        stock_runs.append(build(stock, tmp / "b-stock"))
    real = min(real_runs, key=lambda r: r.cpu)
    base = min(stock_runs, key=lambda r: r.cpu)
    per_real = real.cpu / words_real * 1000
    per_stock = base.cpu / words_stock * 1000
    ratio = per_real / per_stock
    print("\nbuild speed (CPU seconds of the build process, best of 3, interleaved; wall time beside):")
    print(f"  real course:      {real.cpu:6.2f} s CPU ({real.wall:5.1f} s wall), {words_real:,} words rendered: "
          f"{per_real:.3f} s per 1,000 words")
    print(f"  stock twin:       {base.cpu:6.2f} s CPU ({base.wall:5.1f} s wall), {words_stock:,} words: "
          f"{per_stock:.3f} s per 1,000 words (no course hooks; quizzes and instruments inlined)")
    print(f"  ratio per 1,000 words: {ratio:.2f}x (target at most 1.2x): "
          f"{'within target' if ratio <= 1.2 else 'OVER TARGET'}")
    prof = tmp / "build.prof"
    build(REPO, tmp / "b-prof", profile=prof)
    share, rows = course_code_share(prof)
    print(f"  share of build time in the course's own code (hooks, checker, courselib; profiled): "
          f"{share:.0%} (target at most 25%): {'within target' if share <= 0.25 else 'OVER TARGET'}")
    for name, secs in rows[:5]:
        print(f"    {name:40} {secs:6.2f} s (profiled)")
    rules = check_time(REPO, 3, "--no-render")
    nets = check_time(REPO, 3)  # the nets re-render only pages changed since the last check (.cache/)
    full = check_time(REPO, 3, "--spelling")
    print(f"  make check on the real course: the rules {rules.cpu:.2f} s CPU ({rules.wall:.2f} s wall; target under "
          f"1 s): {'within target' if rules.cpu < 1 else 'OVER TARGET'}; with the safety nets, nothing changed since "
          f"the last check: {nets.cpu:.2f} s; all of make check (nets and spelling): {full.cpu:.2f} s CPU "
          f"({full.wall:.2f} s wall)")
    try:
        previews = edit_to_preview(tmp / "serve")
        best = min(previews)
        print("  edit-to-preview under make serve (save, then poll the page): "
              + ", ".join(f"{t:.1f} s" for t in previews)
              + f"; best {best:.1f} s (target at most 3 s): {'within target' if best <= 3 else 'OVER TARGET'}")
    except RuntimeError as exc:
        print(f"  edit-to-preview: not measured ({exc})")
    synthetic = make(tmp / f"synthetic-{synthetic_modules}", synthetic_modules)
    big = build(synthetic, tmp / "b-synthetic")
    print(f"  synthetic course of {synthetic_modules} modules: {big.cpu:.1f} s CPU ({big.wall:.1f} s wall), "
          f"peak memory {big.max_rss_mb:.0f} MB")
    html = (tmp / "b-real" / "modules" / "interpol" / "index.html").read_text(encoding="utf-8")
    page_gz, floor_gz = weight_floor(html)
    print(f"  modules/interpol/ HTML: {page_gz / 1024:.1f} KB gzip against {floor_gz / 1024:.1f} KB gzip of its "
          f"visible text alone: {page_gz / floor_gz:.2f}x its floor (target at most 1.6x)")
