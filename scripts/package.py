#!/usr/bin/env python3
"""Build the offline package: a zip of the course that works when opened
from disk (file://), e.g. from a USB stick in a classroom, with search and
quizzes working and nothing fetched from anywhere.

The zip holds one folder, police-cooperation/, with index.html (open it in
a browser) and SHA256SUMS, the SHA-256 checksum of every other file
(check with: cd police-cooperation && sha256sum -c SHA256SUMS). Every
language edition is in it: English at the top, the others in sq/ and
sr-Latn/, each its own build with its own search index (Material's offline
plugin packs the index of the edition it builds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import editions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "police-cooperation"


def build(root: Path, dest: Path) -> None:
    """Every edition, for file://: English into dest, then each other into dest/<lang>/."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    stamp: dict = {}  # one release stamp for every edition: English's
    for lang in editions.LANGUAGES:
        env = dict(os.environ, COURSE_OFFLINE="true", NO_MKDOCS_2_WARNING="true", COURSE_LANG=lang, **stamp)
        result = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(dest)], cwd=root,
                                capture_output=True, text=True, timeout=900, env=env)
        if result.returncode != 0:
            lines = [l for l in (result.stdout + result.stderr).splitlines() if l.strip()]
            raise RuntimeError(f"build of the {lang} edition failed: " +
                               (next((l for l in lines if "ERROR" in l or "WARNING" in l), lines[-1])
                                if lines else "no output"))
        if lang == editions.SOURCE:
            built = json.loads((dest / "release.json").read_text(encoding="utf-8"))
            stamp = {"COURSE_BUILT": built["built"], "COURSE_RELEASE_COMMIT": built["commit"]}


def manifest(site: Path) -> str:
    rows = []
    for f in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = f.relative_to(site).as_posix()
        if rel != "SHA256SUMS":
            rows.append(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {rel}")
    return "\n".join(rows) + "\n"


def package(root: Path, output: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / FOLDER
        build(root, site)
        (site / "SHA256SUMS").write_text(manifest(site), encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        part = output.with_suffix(output.suffix + ".part")
        count = 0
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for f in sorted(p for p in site.rglob("*") if p.is_file()):
                z.write(f, f"{FOLDER}/{f.relative_to(site).as_posix()}")
                count += 1
        os.replace(part, output)
    return count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the offline package: a zip that works from file://, "
                                            "with a SHA-256 manifest of every file.")
    p.add_argument("-o", "--output", type=Path, default=ROOT / "dist" / "police-cooperation-offline.zip",
                   help="the zip to write (default: dist/police-cooperation-offline.zip)")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    args = p.parse_args(argv)
    try:
        count = package(args.root.resolve(), args.output.resolve())
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size / 1024 / 1024
    print(f"package: wrote {args.output} ({count} files, {size:.1f} MB); open {FOLDER}/index.html from it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
