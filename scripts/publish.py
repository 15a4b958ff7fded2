#!/usr/bin/env python3
"""Publish the course safely, or roll back to the previous release.

    publish.py --target DIR            build, check, then switch DIR/current
    publish.py --target DIR --rollback point DIR/current at the previous release
    publish.py --target DIR --list     list the releases, marking the live one

Layout (nginx serves DIR/current; the sub-path comes from site_url):

    DIR/releases/<release id>/training/cooperation/index.html ...
    DIR/current -> releases/<release id>

A release is built into a fresh folder, checked (content rules, strict
build, then the built files: home page, 404 page, release stamp, nothing
loaded from another host), and only then made live by replacing the
`current` link in one atomic rename. If anything fails, the live site is
untouched and the reason is printed in one line. Earlier releases are kept
(--keep, default 5) for --rollback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import hosting, htmlscan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class Failed(Exception):
    """A step failed; the message is one line for the host."""


def _first_error(text: str) -> str:
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for l in lines:
        if l.startswith(("ERROR", "WARNING")) or re.match(r"^[\w./-]+:\d+: ", l):
            return re.sub(r"^(ERROR|WARNING)\s+-\s+", "", l)
    return lines[-1] if lines else "no output"


def check_built(site: Path) -> None:
    for rel in ("index.html", "404.html", "release.json", "search/search_index.json"):
        if not (site / rel).is_file():
            raise Failed(f"check failed: the built site has no {rel}")
    remote = htmlscan.external_in_site(site)
    if remote:
        rel, url = remote[0]
        raise Failed(f"check failed: {rel} loads a file from another host ({url[:60]})")


def release_id(root: Path) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    commit = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=root, capture_output=True, text=True)
    return f"{stamp}-{commit.stdout.strip() or 'nogit'}" if commit.returncode == 0 else f"{stamp}-nogit"


def releases(target: Path) -> list[Path]:
    d = target / "releases"
    return sorted(p for p in d.iterdir() if p.is_dir() and not p.name.endswith(".building")) if d.is_dir() else []


def live(target: Path) -> Path | None:
    cur = target / "current"
    return (target / os.readlink(cur)).resolve() if cur.is_symlink() else None


def switch(target: Path, release: Path) -> None:
    """Point target/current at release in one atomic rename."""
    tmp = target / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(release, target), tmp)
    os.replace(tmp, target / "current")


def publish(root: Path, target: Path, keep: int, mkdocs: str) -> Path:
    h = hosting.load(root)
    target.mkdir(parents=True, exist_ok=True)
    rid = release_id(root)
    building = target / "releases" / f"{rid}.building"
    site = building / h.prefix.strip("/")
    try:
        check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), "--root", str(root), "-q"],
                               capture_output=True, text=True, timeout=300)
        if check.returncode != 0:
            raise Failed(f"content check failed: {_first_error(check.stdout + check.stderr)}")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
        build = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(site)], cwd=root,
                               capture_output=True, text=True, timeout=900, env=env)
        if build.returncode != 0:
            raise Failed(f"build failed: {_first_error(build.stdout + build.stderr)}")
        check_built(site)
        final = target / "releases" / rid
        building.rename(final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    switch(target, final)
    for old in releases(target)[:-keep] if keep > 0 else []:
        if old != final:
            shutil.rmtree(old, ignore_errors=True)
    return final


def rollback(target: Path) -> Path:
    rels = releases(target)
    cur = live(target)
    if cur is None or cur not in rels:
        raise Failed(f"nothing to roll back: {target}/current does not point at a release")
    i = rels.index(cur)
    if i == 0:
        raise Failed(f"no earlier release to roll back to; {cur.name} is the oldest kept")
    switch(target, rels[i - 1])
    return rels[i - 1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build, check and atomically publish the course into TARGET; "
                                            "or roll back to the previous release.")
    p.add_argument("--target", type=Path, help="the publishing folder (default: extra.hosting.releases in mkdocs.yml)")
    p.add_argument("--rollback", action="store_true", help="make the previous release live again")
    p.add_argument("--list", action="store_true", help="list the releases kept, marking the live one")
    p.add_argument("--keep", type=int, default=5, help="how many releases to keep (default: 5)")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    args = p.parse_args(argv)
    root = args.root.resolve()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    try:
        target = (args.target or Path(hosting.load(root).releases)).resolve()
        if args.list:
            cur = live(target)
            for r in releases(target):
                print(("* " if r == cur else "  ") + r.name)
            return 0
        if args.rollback:
            r = rollback(target)
            print(f"publish: rolled back; live release is now {r.name}")
            return 0
        r = publish(root, target, args.keep, mkdocs)
    except Failed as exc:
        cur = live(args.target.resolve()) if args.target else None
        print(f"publish: {exc}; the live site is unchanged" + (f" ({cur.name})" if cur else ""), file=sys.stderr)
        return 1
    except (hosting.HostingError, OSError, subprocess.SubprocessError) as exc:
        print(f"publish: {exc}; the live site is unchanged", file=sys.stderr)
        return 1
    print(f"publish: release {r.name} is live at {target / 'current'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
