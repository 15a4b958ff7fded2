#!/usr/bin/env python3
"""Build the SCORM 1.2 package for the academy's LMS (Moodle: activity
"SCORM package"): dist/police-cooperation-scorm12.zip.

The package is the offline build of the course (COURSE_OFFLINE=true: every
link names a file, as an LMS serves files by exact path) with the package's
runtime (COURSE_SCORM=true, overrides/hooks/scorm.py), and imsmanifest.xml
at the root: one SCO per module, short module, case exercise and the course
assessment, in nav order, identifiers made from slugs
(scripts/courselib/scorm.py). The same course gives the same manifest.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import course, editions, interface, model, scorm, siteconfig  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "imsmanifest.xml"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's date: the same course gives the same zip listing


def build(root: Path, dest: Path, lang: str = "en") -> None:
    """The package's site for one language edition; it lands in dest/<lang>/ for sq and sr-Latn."""
    env = dict(os.environ, COURSE_OFFLINE="true", COURSE_SCORM="true", NO_MKDOCS_2_WARNING="true", COURSE_LANG=lang)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(dest)], cwd=root,
                            capture_output=True, text=True, timeout=900, env=env)
    if result.returncode != 0:
        lines = [l for l in (result.stdout + result.stderr).splitlines() if l.strip()]
        raise RuntimeError("build failed: " + (next((l for l in lines if "ERROR" in l or "WARNING" in l), lines[-1])
                                               if lines else "no output"))


def package(root: Path, output: Path, lang: str = "en") -> tuple[int, int]:
    cfg = siteconfig.load(root)
    mastery, problem = scorm.mastery_score(cfg.raw, (root / "mkdocs.yml").read_text(encoding="utf-8"))
    if problem:
        raise RuntimeError(str(problem))
    loaded = course.load(root)
    items = scorm.scos(loaded)
    if lang != editions.SOURCE:  # a translated page's SCO carries its translated title
        read = model.load(root)
        for item in items:
            src = read.page_in(item.doc_path, lang)
            data = src.fm.data if src is not None and src.fm is not None else {}
            item.title, item.description = (str(data.get("title") or item.title),
                                            str(data.get("description") or item.description))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(root, site, lang)
        site = site / editions.prefix(lang)
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        missing = [s.href for s in items if s.href not in files]
        if missing:
            raise RuntimeError(f"the build has no {missing[0]} for its SCO")
        title = interface.load(root, lang).t("site.name") if lang != editions.SOURCE else cfg.raw.get("site_name")
        text = scorm.manifest(str(title or "Course"), items, files, mastery)
        output.parent.mkdir(parents=True, exist_ok=True)
        part = output.with_suffix(output.suffix + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            z.writestr(zipfile.ZipInfo(MANIFEST, FIXED_TIME), text, zipfile.ZIP_DEFLATED)
            for rel in files:
                info = zipfile.ZipInfo(rel, FIXED_TIME)
                info.external_attr = 0o644 << 16
                z.writestr(info, (site / rel).read_bytes(), zipfile.ZIP_DEFLATED)
        os.replace(part, output)
    return len(items), len(files)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the SCORM 1.2 package (one SCO per module, case exercise "
                                            "and the course assessment) for the academy's LMS.")
    p.add_argument("-o", "--output", type=Path, default=ROOT / "dist" / "police-cooperation-scorm12.zip",
                   help="the zip to write (default: dist/police-cooperation-scorm12.zip)")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    p.add_argument("--lang", default="en", choices=editions.LANGUAGES,
                   help="the language edition to package (default en; the zip's name then ends in -<lang>)")
    args = p.parse_args(argv)
    if args.lang != editions.SOURCE and args.output == p.get_default("output"):
        args.output = args.output.with_name(f"police-cooperation-scorm12-{args.lang}.zip")
    try:
        count, files = package(args.root.resolve(), args.output.resolve(), args.lang)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"scorm: {exc}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size / 1024 / 1024
    print(f"scorm: wrote {args.output} ({count} SCOs, {files} files, {size:.1f} MB); "
          "upload it to the LMS as a SCORM package")
    return 0


if __name__ == "__main__":
    sys.exit(main())
