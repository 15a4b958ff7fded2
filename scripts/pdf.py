#!/usr/bin/env python3
"""Print the whole course as one book: dist/police-cooperation.pdf.

Builds the offline site (COURSE_OFFLINE=true, every link names a file),
opens its book page (docs/reference/book.md, generated from the modules)
from disk in Debian's Chromium and prints it to PDF: A4, each module on a
new page, and on every page the page number, the release stamp (date and
commit of the build) and the line "Training material, not legal advice or
an order". Nothing is fetched from anywhere.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from package import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
BOOK = "reference/book.html"  # the offline build names every page by its file
NOT_ADVICE = "Training material, not legal advice or an order."


def footer(site: Path) -> str:
    """The line at the foot of every page: what was printed, and the page number."""
    stamp = json.loads((site / "release.json").read_text(encoding="utf-8"))
    release = html.escape(f"International Police Cooperation · release {stamp['built']} ({stamp['commit']})")
    return ('<div style="font-size:7.5pt;font-family:sans-serif;color:#333;width:100%;margin:0 15mm;'
            f'display:flex;justify-content:space-between;gap:8mm"><div>{release}<br>{html.escape(NOT_ADVICE)}</div>'
            '<div style="white-space:nowrap">Page <span class="pageNumber"></span> of '
            '<span class="totalPages"></span></div></div>')


def print_pdf(site: Path, output: Path) -> None:
    from playwright.sync_api import sync_playwright

    book = site / BOOK
    if not book.is_file():
        raise RuntimeError(f"the build has no {BOOK}: is reference/book.md in the nav?")
    output.parent.mkdir(parents=True, exist_ok=True)
    part = output.with_suffix(output.suffix + ".part")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            # Only files of the build itself: anything else would be a request to another host.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(book.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            # Closed boxes (???) print open.
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            page.pdf(path=str(part), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=footer(site),
                     margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
        finally:
            browser.close()
    os.replace(part, output)


def make(root: Path, output: Path, site: Path | None = None) -> None:
    if site is not None:
        print_pdf(site, output)
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(root, site)
        print_pdf(site, output)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Print the whole course (the book page) to an A4 PDF with page "
                                            "numbers, the release stamp and the not-legal-advice line.")
    p.add_argument("-o", "--output", type=Path, default=ROOT / "dist" / "police-cooperation.pdf",
                   help="the PDF to write (default: dist/police-cooperation.pdf)")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    p.add_argument("--site", type=Path, help="print from this offline build (COURSE_OFFLINE=true) instead of "
                                            "building one")
    args = p.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"pdf: {CHROMIUM} is missing; run `make system-deps`", file=sys.stderr)
        return 1
    try:
        make(args.root.resolve(), args.output.resolve(), args.site.resolve() if args.site else None)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"pdf: {exc}", file=sys.stderr)
        return 1
    print(f"pdf: wrote {args.output} ({args.output.stat().st_size / 1024 / 1024:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
