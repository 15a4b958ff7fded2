"""What a trainee's browser really fetches: the page sizes the speed budgets
of the course are about (README, "Speed"), measured in Debian's Chromium
against the real nginx configuration (gzip on), and the reference page
they are measured on.

Used by scripts/bench.py (which prints the figures beside the budgets) and
by tests/test_speed.py (which asserts them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import editions

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

# The budgets of issue 7, in bytes as transferred (gzip, with headers).
FIRST_VISIT_BUDGET = 90 * 1024
SECOND_PAGE_BUDGET = 12 * 1024
# The reference page: a module page of about this many words with this
# many questions, cut from the INTERPOL module (make_reference_course).
REFERENCE_WORDS = 2000
REFERENCE_QUESTIONS = 6
REFERENCE_SLUG = "interpol"
SEARCH_FILE_RE = re.compile(r"/search/search_index\.json|/workers/search\.[0-9a-f]+\.min\.js")


@dataclass
class Visit:
    url: str
    requests: list[tuple[str, int]] = field(default_factory=list)  # (url, bytes on the wire)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.requests)

    @property
    def search_requests(self) -> list[str]:
        return [u for u, _ in self.requests if SEARCH_FILE_RE.search(u)]


def spki_hash(certificate: Path) -> str:
    """The base64 SHA-256 of a certificate's public key, for Chromium's
    --ignore-certificate-errors-spki-list (the test CA is then trusted, and
    Chromium caches as it would on the academy's own certificate)."""
    cmd = (f"openssl x509 -in '{certificate}' -pubkey -noout | openssl pkey -pubin -outform der"
           " | openssl dgst -sha256 -binary | base64")
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True).stdout.strip()


def chromium_args(server) -> list[str]:
    return ["--no-sandbox", f"--ignore-certificate-errors-spki-list={spki_hash(server.certificate)}"]


def visit(page, cdp, url: str) -> Visit:
    """Open `url` in `page` and record every response's bytes on the wire
    until the network is idle. No click, no scroll, no typing."""
    seen: dict[str, str] = {}
    sizes: dict[str, int] = {}
    on_response = lambda e: seen.__setitem__(e["requestId"], e["response"]["url"])  # noqa: E731
    on_finished = lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))  # noqa: E731
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    result = Visit(url, [(seen.get(rid, "?"), n) for rid, n in sizes.items()])
    cdp.remove_listener("Network.responseReceived", on_response)
    cdp.remove_listener("Network.loadingFinished", on_finished)
    return result


def first_and_second(chromium, server, page_path: str, before_path: str) -> tuple[Visit, Visit]:
    """A first visit to `page_path` in a fresh browser; then, in another
    fresh browser, `before_path` first and `page_path` second. `chromium` is
    Playwright's browser type (playwright.chromium)."""
    browser = chromium.launch(executable_path=CHROMIUM, args=chromium_args(server))
    try:
        results = []
        for steps in ([page_path], [before_path, page_path]):
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            for path in steps:
                last = visit(page, cdp, server.url + path)
            results.append(last)
            context.close()
        return results[0], results[1]
    finally:
        browser.close()


# -- The reference page -------------------------------------------------------

def _words(text: str) -> int:
    return len(re.findall(r"[^\W_][\w'’.-]*", re.sub(r"<[^>]+>|\{\{[^}]*\}\}", " ", text)))


def make_reference_course(dest: Path, words: int = REFERENCE_WORDS, questions: int = REFERENCE_QUESTIONS) -> Path:
    """A copy of the course in which the INTERPOL module is cut to about
    `words` words on the page (text, questions and frame) and its first
    `questions` questions: the page the speed budgets speak of."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    # tests/fixtures: the trainer guide's table of checker messages is made from them
    for name in ("mkdocs.yml", "docs", "quizzes", "data", "tests/fixtures"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, symlinks=True)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    for name in ("overrides", "scripts"):
        (dest / name).symlink_to(REPO / name)

    english = _cut(dest, f"{REFERENCE_SLUG}.md", words, questions)
    # Its translations are cut to the same questions and the same rule for
    # words, and recorded as translations of the cut English files (up to
    # date), so the budgets are measured on a real translated page too.
    for lang in editions.TRANSLATED:
        name = editions.translation_path(f"{REFERENCE_SLUG}.md", lang)
        if (dest / "docs" / "modules" / name).is_file() and (dest / "quizzes" / name).is_file():
            _cut(dest, name, words, questions, chosen=english["chosen"], stamp=english["blobs"])
    return dest


def _cut(dest: Path, name: str, words: int, questions: int, chosen: list[int] | None = None,
         stamp: dict[str, str] | None = None) -> dict:
    quiz_path = dest / "quizzes" / name
    blocks = re.findall(r"(<!-- objective: (\S+) -->\s*<quiz>.*?</quiz>)", quiz_path.read_text(encoding="utf-8"), re.S)
    if chosen is None:
        # Every objective keeps a question (others link to them); then the first ones.
        chosen = []
        for i, (_, oid) in enumerate(blocks):
            if oid not in {blocks[j][1] for j in chosen}:
                chosen.append(i)
        chosen += [i for i in range(len(blocks)) if i not in chosen][: max(0, questions - len(chosen))]
    kept = [blocks[i] for i in sorted(chosen)]
    quiz_text = "\n\n".join(b for b, _ in kept) + "\n"
    quiz_path.write_text(quiz_text, encoding="utf-8")

    page_path = dest / "docs" / "modules" / name
    _, front, body = page_path.read_text(encoding="utf-8").split("---\n", 2)
    budget = words - _words(front) - sum(_words(b) for b, _ in kept)
    # Every heading stays (other pages link to them); text is kept, in
    # order, until the page has its words.
    out, used = [], 0
    for block in body.split("\n\n"):
        if block.lstrip().startswith("#") or "<!-- quiz:" in block:
            out.append(block)
        elif used + _words(block) <= budget:
            out.append(block)
            used += _words(block)
        else:
            budget = used  # stop adding text
    for path, blob in (stamp or {}).items():
        front = re.sub(rf"(\n\s+{re.escape(path)}:\s*)\"?[0-9a-f]{{40}}\"?", rf'\g<1>"{blob}"', front)
    page_text = "---\n" + front + "---\n" + "\n\n".join(out)
    page_path.write_text(page_text, encoding="utf-8")
    return {"chosen": chosen, "blobs": {f"docs/modules/{name}": editions.blob_id(page_text),
                                        f"quizzes/{name}": editions.blob_id(quiz_text)}}


def page_words(html: str) -> int:
    """Words a reader sees in the article of a built page."""
    article = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", article.group(1) if article else html, flags=re.S)
    return len(re.sub(r"<[^>]+>", " ", text).split())


# -- Lighthouse ---------------------------------------------------------------

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(server, url: str, runs: int = 3, workdir: Path | None = None) -> dict:
    """Lighthouse's mobile preset (its default) in Debian's Chromium, `runs`
    times; the median score (0-100) of each category, the median first
    contentful paint (ms), and the audits that failed in any run."""
    import json
    import os
    import statistics
    import tempfile

    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make node-deps`")
    flags = " ".join(["--headless=new"] + chromium_args(server))
    scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    fcp: list[float] = []
    failed: dict[str, str] = {}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for i in range(runs):
            out = Path(tmp) / f"run{i}.json"
            # Lighthouse sometimes fails to record a trace (NO_NAVSTART, NO_FCP)
            # on a busy machine: that is no score, so that run is made again.
            for attempt in range(3):
                out.unlink(missing_ok=True)
                result = subprocess.run(
                    [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                     "--only-categories=" + ",".join(CATEGORIES), f"--chrome-flags={flags}"],
                    env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300)
                if result.returncode == 0 and out.exists():
                    report = json.loads(out.read_text(encoding="utf-8"))
                    if not report.get("runtimeError"):
                        break
            else:
                raise RuntimeError(f"Lighthouse failed three times on {url}:\n{result.stderr[-2000:]}")
            fcp.append(report["audits"]["first-contentful-paint"]["numericValue"])
            for c in CATEGORIES:
                cat = report["categories"][c]
                scores[c].append(round((cat["score"] or 0) * 100))
                for ref in cat["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                        failed[f"{c}/{ref['id']}"] = audit.get("displayValue") or audit.get("title", "")
    return {"median": {c: statistics.median(v) for c, v in scores.items()}, "runs": scores, "failed": failed,
            "fcp_ms": statistics.median(fcp)}
