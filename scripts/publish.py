#!/usr/bin/env python3
"""Publish the course safely; or make a release bundle for a server with no
internet; or list, roll back or choose the live release.

    publish.py --target DIR              build, check, install, switch DIR/current, check it through nginx
    publish.py --bundle OUT              build and check, then write OUT/police-cooperation-<id>.tar.gz
                                         (install it on the server with its own install.py)
    publish.py --target DIR --list       the releases: live, rolled back, when, by whom
    publish.py --target DIR --rollback   back to the release that was live before
    publish.py --target DIR --activate ID  make a chosen release live

Layout (nginx serves DIR/current; the sub-path comes from site_url):

    DIR/releases/<release id>/training/cooperation/index.html ...
    DIR/current -> releases/<release id>

A release is built into a fresh folder, checked (content rules, strict
build, then the built files: home page, 404 page, release stamp, nothing
loaded from another host), given explicit file modes and a .gz beside each
text file, and only then made live by replacing the `current` link in one
atomic rename. Then its release.json and a module page with every file it
names are fetched through nginx; if that fails, the previous release is
switched back at once. If anything fails, one line says why. One run at a
time per DIR (a lock). The switching is courselib/releases.py, the same code
as a bundle's install.py.

For tests only: COURSE_PAUSE_AT=<point> (build, stage, before-switch,
after-switch, check) makes a run stop at that point, say "paused at <point>"
on standard error and wait for a line on standard input, so that a test can
kill it there (tests/test_publish.py). Nothing waits by sleeping.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import editions, hosting, htmlscan, releases  # noqa: E402
from courselib.releases import Failed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _first_error(text: str) -> str:
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for l in lines:
        if l.startswith(("ERROR", "WARNING")) or re.match(r"^[\w./-]+:\d+: ", l):
            return re.sub(r"^(ERROR|WARNING)\s+-\s+", "", l)
    return lines[-1] if lines else "no output"


def published_editions() -> tuple[str, ...]:
    """Every language edition (courselib/editions.py), English first. COURSE_EDITIONS="en"
    (space-separated) limits a run to some: the tests of publishing itself use it."""
    chosen = os.environ.get("COURSE_EDITIONS", "").split()
    unknown = [lang for lang in chosen if lang not in editions.LANGUAGES]
    if unknown:
        raise Failed(f"COURSE_EDITIONS names {unknown[0]!r}; use some of {' '.join(editions.LANGUAGES)}")
    return tuple(lang for lang in editions.LANGUAGES if lang in chosen) if chosen else editions.LANGUAGES


def check_built(site: Path) -> None:
    for lang in published_editions():  # every edition, each with its own home, 404 and search
        for rel in ("index.html", "404.html", "release.json", "search/search_index.json"):
            if not (site / editions.prefix(lang) / rel).is_file():
                raise Failed(f"check failed: the built site has no {editions.prefix(lang)}{rel}")
    remote = htmlscan.external_in_site(site)
    if remote:
        rel, url = remote[0]
        raise Failed(f"check failed: {rel} loads a file from another host ({url[:60]})")


def commit_of(root: Path) -> str:
    out = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=root, capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "nogit"


def build_checked(root: Path, site: Path, mkdocs: str, rid: str, h: hosting.Hosting) -> None:
    """Content rules, strict build into `site`, the built files' checks; then
    the release id in release.json (the check after a switch reads it)."""
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), "--root", str(root), "-q"],
                           capture_output=True, text=True, timeout=300)
    if check.returncode != 0:
        raise Failed(f"content check failed: {_first_error(check.stdout + check.stderr)}")
    todo = [line for line in check.stdout.splitlines() if 'template text "TODO"' in line]
    if todo:  # a warning while writing; never published
        raise Failed(f"template text is left in: {todo[0]}")
    # Every language edition, published together: English into the site,
    # then each other edition into site/<lang>/ (courselib/editions.py).
    stamp: dict = {}  # one release stamp for every edition: English's
    for lang in published_editions():
        env = dict(os.environ, NO_MKDOCS_2_WARNING="true", COURSE_LANG=lang, **stamp)
        with tempfile.TemporaryFile("w+") as out:
            proc = subprocess.Popen([mkdocs, "build", "--strict", "--site-dir", str(site)], cwd=root,
                                    stdout=out, stderr=subprocess.STDOUT, text=True, env=env)
            if lang == editions.SOURCE:
                releases.pause("build")
            try:
                code = proc.wait(timeout=900)
            except BaseException:
                proc.kill()
                raise
            out.seek(0)
            if code != 0:
                raise Failed(f"build failed: {_first_error(out.read())}")
        if lang == editions.SOURCE and (site / "release.json").is_file():
            built = json.loads((site / "release.json").read_text(encoding="utf-8"))
            stamp = {"COURSE_BUILT": built["built"], "COURSE_RELEASE_COMMIT": built["commit"]}
    check_built(site)
    stamp = json.loads((site / "release.json").read_text(encoding="utf-8"))
    stamp.update(release=rid, path=h.prefix)
    (site / "release.json").write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def nginx_files(root: Path) -> dict[str, str]:
    return {name: text for name, text in hosting.shipped_confs(root).items()}


def publish(root: Path, target: Path, keep: int, mkdocs: str, check_url: str | None, check: bool, wait: float) -> str:
    h = hosting.load(root)
    t = releases.Target(target)
    with releases.Lock(t, "publish", wait):
        releases.clean_up(t)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        rid = releases.new_id(t, stamp, commit_of(root))
        building = t.releases / f"{rid}.building"
        building.mkdir()
        try:
            site = building / h.prefix.strip("/")
            build_checked(root, site, mkdocs, rid, h)
            manifest = releases.manifest_of(building)
            releases.finish(t, building, rid, manifest,
                            {"site_url": h.site_url, "path": h.prefix, "nginx": nginx_files(root)})
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        live = t.live()
        if live:
            releases.link_assets(t, live, [rid])
        releases.activate(t, rid, action="publish", check_url=check_url or h.check_url, check=check, keep=keep)
    return rid


INSTALL_README = """Police cooperation course, release {rid}

Install on the web server (Python 3 only, no network, no packages), as the
user who owns the releases folder (not root):

    python3 install.py --target {releases}

It checks every file against SHA256SUMS, installs the release with explicit
file modes, switches DIR/current atomically, then fetches release.json and a
module page through the local nginx; if that fails it switches back.
    python3 install.py --target {releases} --list
    python3 install.py --target {releases} --rollback
    python3 install.py --target {releases} --activate ID
nginx/ holds the nginx files of this release; see README, "For hosts".
"""


def bundle(root: Path, out: Path, mkdocs: str) -> Path:
    h = hosting.load(root)
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    base = rid = f"{stamp}-{commit_of(root)}"
    n = 1
    while (out / f"police-cooperation-{rid}.tar.gz").exists():
        n += 1
        rid = f"{base}-{n}"
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        folder = Path(tmp) / f"police-cooperation-{rid}"
        site = folder / "site" / h.prefix.strip("/")
        build_checked(root, site, mkdocs, rid, h)
        (folder / "SHA256SUMS").write_text(releases.write_manifest(releases.manifest_of(folder / "site")),
                                           encoding="utf-8")
        shutil.copyfile(site / "release.json", folder / "release.json")
        (folder / "nginx").mkdir()
        for name, text in nginx_files(root).items():
            (folder / "nginx" / name).write_text(text, encoding="utf-8")
        shutil.copyfile(Path(releases.__file__), folder / "install.py")
        (folder / "README.txt").write_text(INSTALL_README.format(rid=rid, releases=h.releases), encoding="utf-8")
        dest = out / f"police-cooperation-{rid}.tar.gz"
        part = dest.with_name(dest.name + ".part")

        def normal(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o755 if info.isdir() or info.name.endswith("install.py") else 0o644
            return info

        with tarfile.open(part, "w:gz") as tar:
            tar.add(folder, arcname=folder.name, filter=normal)
        os.replace(part, dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build, check and atomically publish the course into TARGET (then check "
                                            "it through nginx); or write a release bundle for an offline server; "
                                            "or list, roll back or choose the live release.")
    p.add_argument("--target", type=Path, help="the publishing folder (default: extra.hosting.releases in mkdocs.yml)")
    p.add_argument("--bundle", type=Path, metavar="OUT", help="write a release bundle into OUT instead of publishing")
    p.add_argument("--rollback", action="store_true", help="make the release that was live before live again")
    p.add_argument("--activate", metavar="ID", help="make this kept release live")
    p.add_argument("--list", action="store_true", help="list the releases: live, rolled back, when, by whom")
    p.add_argument("--check-url", help="the course's address to check after a switch (default: extra.hosting."
                                       "check_url, else site_url's path on https://127.0.0.1)")
    p.add_argument("--no-check", action="store_true", help="switch without the check (a folder nginx does not serve)")
    p.add_argument("--keep", type=int, default=5, help="how many releases to keep (default: 5)")
    p.add_argument("--wait", type=float, default=60, help="seconds to wait for another run on TARGET (default: 60)")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    args = p.parse_args(argv)
    root = args.root.resolve()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    target = None
    try:
        if args.bundle:
            path = bundle(root, args.bundle, mkdocs)
            print(f"publish: wrote {path} (SHA-256 {releases.sha256(path)})")
            return 0
        target = (args.target or Path(hosting.load(root).releases)).absolute()
        t = releases.Target(target)
        check = not args.no_check
        if args.list:
            for row in releases.listing(t):
                print(row)
            return 0
        if args.rollback or args.activate:
            check_url = args.check_url
            if check_url is None and args.target is None:
                check_url = hosting.load(root).check_url
            with releases.Lock(t, "rollback" if args.rollback else "activate", args.wait):
                releases.clean_up(t)
                if args.rollback:
                    r = releases.rollback(t, check_url, check)
                    print(f"publish: rolled back; live release is now {r}")
                else:
                    if not (t.releases / args.activate).is_dir():
                        raise Failed(f"no release {args.activate} in {t.releases} (see --list)")
                    releases.activate(t, args.activate, action="activate", check_url=check_url, check=check,
                                      chosen=True, keep=0)
                    print(f"publish: release {args.activate} is live")
            return 0
        r = publish(root, target, args.keep, mkdocs, args.check_url, check, args.wait)
    except releases.CheckFailed as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 1
    except Failed as exc:
        cur = releases.Target(target).live() if target else None
        print(f"publish: {exc}; the live site is unchanged" + (f" ({cur})" if cur else ""), file=sys.stderr)
        return 1
    except hosting.HostingError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 1
    except (OSError, subprocess.SubprocessError) as exc:
        cur = releases.Target(target).live() if target else None
        what = releases.disk_words(exc) if isinstance(exc, OSError) else str(exc)
        print(f"publish: {what}; the live site is unchanged" + (f" ({cur})" if cur else ""), file=sys.stderr)
        return 1
    print(f"publish: release {r} is live at {target / 'current'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
