#!/usr/bin/env python3
"""Install, switch, check and roll back releases of the course on a web server.

Standard library only, no network beyond the local check: this file is
copied into every release bundle as install.py, so a web server with no
internet and no Python packages can install a release (scripts/publish.py,
on a server that can build, uses the same code).

    install.py --target DIR                  install the bundle this file is in, then switch and check
    install.py --target DIR --no-activate    install only (several servers: install everywhere first)
    install.py --target DIR --list           releases: live, rolled back, when, by whom
    install.py --target DIR --rollback       back to the release that was live before
    install.py --target DIR --activate ID    make a chosen release live
    install.py --target DIR --compare-nginx /etc/nginx/sites-available/police-cooperation

Layout of DIR (nginx serves DIR/current):

    DIR/releases/<id>/<sub-path>/...   one folder per release, files 0644, folders 0755
    DIR/current -> releases/<id>       switched by one atomic rename
    DIR/meta/<id>.json                 manifest, own content-named files, nginx files
    DIR/releases.log                   who switched what, when (one JSON object a line)
    DIR/.lock                          one run at a time (pid and start time inside)

Files named by their content (*.HASH.js, *.HASH.css ...) of every kept
release are hard-linked into the release that goes live, so a page loaded
just before a switch, or served by a server still on another release, finds
every file it names. A release that is installed also gets its own such files
linked into the live one before anything switches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import fcntl
import gzip
import hashlib
import http.client
import json
import os
import pwd
import re
import shutil
import socket
import ssl
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Files named by their content: the same pattern as the nginx location that
# caches them for good (server/site.conf.template).
HASHED_RE = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(js|css|svg|png)$")
# Text files that get a pre-compressed copy beside them (nginx gzip_static).
GZIP_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")
GZIP_MIN = 256
FILE_MODE, DIR_MODE = 0o644, 0o755
PAUSE_ENV = "COURSE_PAUSE_AT"  # tests only: pause at a named point (see pause())


class Failed(Exception):
    """A step failed; the message is one line for the host."""


class CheckFailed(Failed):
    pass


def pause(point: str) -> None:
    """For tests only: when COURSE_PAUSE_AT names this point, say so on
    standard error and wait for a line on standard input (a test then kills
    the run, or lets it go on). Never a sleep."""
    if os.environ.get(PAUSE_ENV) == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        sys.stdin.readline()


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def who() -> str:
    try:
        name = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        name = str(os.getuid())
    sudo = os.environ.get("SUDO_USER")
    return f"{sudo} (as {name})" if sudo and sudo != name else name


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def manifest_of(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): sha256(p) for p in sorted(tree.rglob("*")) if p.is_file()}


def write_manifest(rows: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(rows.items()))


def read_manifest(text: str) -> dict[str, str]:
    rows = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line)
        if not m or ".." in Path(m.group(2)).parts or m.group(2).startswith("/"):
            raise Failed(f"SHA256SUMS:{n}: not a manifest line; the bundle is damaged, copy it again")
        rows[m.group(2)] = m.group(1)
    return rows


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


def disk_words(exc: OSError) -> str:
    """An OSError in the words of a host, with the file it happened on."""
    what = {errno.ENOSPC: "no space left on the disk", errno.EDQUOT: "the disk quota is used up",
            errno.EFBIG: "a file is larger than this user may write (ulimit -f)"}.get(exc.errno,
                                                                                   exc.strerror or str(exc))
    return what + (f" ({exc.filename})" if exc.filename else "")


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, FILE_MODE)
    os.replace(tmp, path)


# -- The target folder ------------------------------------------------------------

class Target:
    def __init__(self, path: Path):
        self.path = Path(path).absolute()
        self.releases = self.path / "releases"
        self.meta = self.path / "meta"
        self.current = self.path / "current"
        self.log_file = self.path / "releases.log"
        self.lock_file = self.path / ".lock"

    def prepare(self) -> None:
        for d in (self.path, self.releases, self.meta):
            d.mkdir(exist_ok=True, parents=d == self.path)
            os.chmod(d, DIR_MODE)

    # releases
    def ids(self) -> list[str]:
        """Whole releases, oldest install first."""
        if not self.releases.is_dir():
            return []
        names = [p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.endswith(".building")]
        return sorted(names, key=lambda n: (self.info(n).get("installed", ""), n))

    def unfinished(self) -> list[Path]:
        return sorted(self.releases.glob("*.building")) if self.releases.is_dir() else []

    def live(self) -> str | None:
        if not self.current.is_symlink():
            return None
        return Path(os.readlink(self.current)).name

    def info(self, rid: str) -> dict:
        try:
            return json.loads((self.meta / f"{rid}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def own_assets(self, rid: str) -> list[str]:
        info = self.info(rid)
        if "assets" in info:
            return info["assets"]
        tree = self.releases / rid
        return [p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() and HASHED_RE.search(p.name)]

    # log
    def log(self, action: str, **fields) -> None:
        entry = {"time": now(), "user": who(), "pid": os.getpid(), "action": action, **fields}
        with open(self.log_file, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(self.log_file, FILE_MODE)

    def history(self) -> list[dict]:
        try:
            lines = self.log_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue  # a line cut by a stop: the rest is still read
        return out

    def left_behind(self) -> dict[str, dict]:
        """Releases that were rolled back away from (or failed their check),
        and not chosen again since: never a rollback target."""
        bad: dict[str, dict] = {}
        for e in self.history():
            if e["action"] in ("rollback", "switched-back") and e.get("from"):
                bad[e["from"]] = e
            elif e["action"] == "live" and e.get("release") in bad and e.get("chosen"):
                bad.pop(e["release"])
        return bad


# -- One run at a time ------------------------------------------------------------

class Lock:
    """An exclusive lock on the target (flock: the kernel drops it when the
    holder dies, so a stale lock from a stopped run is simply taken over)."""

    def __init__(self, target: Target, what: str, wait: float):
        self.target, self.what, self.wait = target, what, wait
        self.f = None

    def __enter__(self):
        self.target.prepare()
        f = open(self.target.lock_file, "a+", encoding="utf-8")
        os.chmod(self.target.lock_file, FILE_MODE)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    f.seek(0)
                    holder = f.read().strip() or "an unknown run"
                    f.close()
                    raise Failed(f"another run is working on {self.target.path} ({holder}); waited "
                                 f"{self.wait:g} s: try again when it has finished")
                time.sleep(0.2)
        f.seek(0)
        previous = f.read().strip()
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}, {self.what}, started {now()} by {who()}\n")
        f.flush()
        self.f = f
        if previous:  # a holder that ended normally empties the file: this one was stopped
            self.target.log("lock-taken-over", stopped_run=previous)
        return self

    def __exit__(self, *exc):
        self.f.seek(0)
        self.f.truncate()
        self.f.flush()
        fcntl.flock(self.f, fcntl.LOCK_UN)
        self.f.close()


def clean_up(target: Target) -> list[str]:
    """Remove what a stopped run left: unfinished release folders and
    temporary links. Called with the lock held."""
    removed = []
    for p in target.unfinished():
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p.name)
    for p in list(target.path.glob(".current.*")) + list(target.meta.glob(".*.tmp")):
        p.unlink(missing_ok=True)
        removed.append(p.name)
    if removed:
        target.log("cleanup", removed=removed)
    return removed


# -- Installing a release -----------------------------------------------------------

def new_id(target: Target, stamp: str | None = None, commit: str = "nogit") -> str:
    """<UTC time>-<commit>, with -2, -3 ... when another release has it already."""
    base = f"{stamp or dt.datetime.now(dt.timezone.utc).strftime('%Y%m%dT%H%M%S')}-{commit}"
    rid, n = base, 1
    while (target.releases / rid).exists() or (target.releases / f"{rid}.building").exists():
        n += 1
        rid = f"{base}-{n}"
    return rid


try:  # on the machine that builds releases (requirements.lock); a bare web server has gzip only
    import zopfli.gzip as _zopfli
except ImportError:  # pragma: no cover - install.py in a bundle, standard library only
    _zopfli = None
_PACKED: dict[str, bytes] = {}


def pack(data: bytes, name: str) -> bytes:
    """The .gz nginx sends as it is (gzip_static). A file named by its content
    (styles, scripts: the same in every page's first visit, cached for a year)
    is packed with Zopfli when it is installed, 3-6 % smaller than gzip -9, once
    per content (kept in memory and in .cache/gzip/ beside the course); every
    other file with gzip -9. Both are plain gzip to the browser."""
    if _zopfli is None or not HASHED_RE.search(name):
        return gzip.compress(data, 9, mtime=0)
    key = hashlib.sha256(data).hexdigest()
    if key in _PACKED:
        return _PACKED[key]
    cache = Path(__file__).resolve().parent.parent.parent / ".cache" / "gzip" / f"{key}.gz"
    try:
        packed = cache.read_bytes()
        if gzip.decompress(packed) != data:
            raise ValueError(cache)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        packed = _zopfli.compress(data, numiterations=15)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(packed)
            os.replace(tmp, cache)
        except OSError:
            pass  # no cache where the course cannot write: packed again next time
    _PACKED[key] = packed
    return packed


def _gz_of(gz: Path, data: bytes) -> bool:
    """Whether `gz` exists and holds exactly `data`."""
    try:
        return gzip.decompress(gz.read_bytes()) == data
    except (OSError, EOFError, gzip.BadGzipFile):
        return False


def finish(target: Target, building: Path, rid: str, manifest: dict[str, str], extra: dict) -> Path:
    """Make a filled `<id>.building` folder a whole release: explicit modes
    (whatever the umask), a .gz beside each text file, then one rename."""
    for d, dirs, files in os.walk(building):
        os.chmod(d, DIR_MODE)
        for name in files:
            p = Path(d) / name
            if p.is_symlink():
                raise Failed(f"{p.relative_to(building)} is a symbolic link; a release holds plain files only")
            os.chmod(p, FILE_MODE)
            if name.endswith(GZIP_SUFFIXES) and p.stat().st_size >= GZIP_MIN:
                data = p.read_bytes()
                gz = p.with_name(name + ".gz")
                if _gz_of(gz, data):
                    os.chmod(gz, FILE_MODE)  # already packed where the release was built (a bundle)
                    continue
                packed = pack(data, name)
                if len(packed) < len(data):
                    _write(gz, packed)
                    os.chmod(gz, FILE_MODE)
    pause("stage")
    info = {"release": rid, "installed": now(), "installed_by": who(),
            "assets": sorted(n for n in manifest if HASHED_RE.search(n)), "files": len(manifest), **extra}
    write_atomic(target.meta / f"{rid}.json", json.dumps(info, indent=1))
    final = target.releases / rid
    os.rename(building, final)
    target.log("installed", release=rid, files=len(manifest))
    return final


def install_tree(target: Target, source: Path, rid: str, manifest: dict[str, str] | None, extra: dict) -> Path:
    """Copy `source` (a site tree as it sits under DIR/releases/<id>/) into
    a new release, checking each file against the manifest while copying."""
    if manifest is None:
        manifest = manifest_of(source)
    else:
        present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
        extra_files = sorted(present - set(manifest))
        if extra_files:
            raise Failed(f"the bundle has a file its manifest does not list ({extra_files[0]}); copy the bundle again")
    building = target.releases / f"{rid}.building"
    building.mkdir()
    try:
        for name, digest in manifest.items():
            src, dst = source / name, building / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            try:
                data = src.read_bytes()
            except FileNotFoundError:
                raise Failed(f"the bundle lacks {name}, which its manifest lists; copy the bundle again") from None
            if hashlib.sha256(data).hexdigest() != digest:
                raise Failed(f"{name} does not match its SHA-256 in the manifest; copy the bundle again")
            _write(dst, data)
        return finish(target, building, rid, manifest, extra)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def link_assets(target: Target, into: str, sources: list[str]) -> int:
    """Hard-link the content-named files of `sources` (and their .gz) into
    release `into` where missing. Adding files never changes a page."""
    dest = target.releases / into
    n = 0
    for rid in sources:
        if rid == into or not (target.releases / rid).is_dir():
            continue
        for name in target.own_assets(rid):
            for rel in (name, name + ".gz"):
                src, dst = target.releases / rid / rel, dest / rel
                if dst.exists() or not src.is_file():
                    continue
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(dst.parent, DIR_MODE)
                tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
                try:
                    os.link(src, tmp)
                except OSError:
                    shutil.copyfile(src, tmp)
                    os.chmod(tmp, FILE_MODE)
                os.replace(tmp, dst)
                n += 1
    return n


def switch(target: Target, rid: str | None) -> None:
    """Point DIR/current at a release in one atomic rename (None: no release)."""
    if rid is None:
        target.current.unlink(missing_ok=True)
        return
    tmp = target.path / f".current.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(f"releases/{rid}", tmp)
    os.replace(tmp, target.current)


# -- The check after a switch ------------------------------------------------------

class _Names(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = set((a.get("rel") or "").split())
        if tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.urls.append(a["href"])


def check_url_for(target: Target, rid: str, given: str | None) -> str:
    """The course's address to check: --check-url, else the one saved by an
    earlier --check-url, else site_url's path on this server (127.0.0.1)."""
    saved = target.path / "check-url"
    if given:
        write_atomic(saved, given + "\n")
        return given
    if saved.is_file():
        return saved.read_text(encoding="utf-8").strip()
    # a release from before this layout has no record: another release's address
    site_url = next((u for u in [target.info(r).get("site_url") for r in [rid, *reversed(target.ids())]] if u),
                    "https://localhost/")
    parts = urlsplit(site_url)
    return f"https://127.0.0.1{parts.path or '/'}#host={parts.hostname}"


def _get(url: str, host: str | None) -> tuple[int, bytes]:
    parts = urlsplit(url)
    ctx = ssl.create_default_context()
    # A check of what this server serves, on loopback: the certificate is
    # for the public name, and its trust is not what is checked here.
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    port = parts.port or (443 if parts.scheme == "https" else 80)
    sock = socket.create_connection((parts.hostname, port), timeout=10)
    try:
        if parts.scheme == "https":
            sock = ctx.wrap_socket(sock, server_hostname=host or parts.hostname)
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=10)
        conn.sock = sock
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                     headers={"Host": host or parts.netloc, "User-Agent": "course-release-check"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        sock.close()


def check_live(target: Target, rid: str, url: str) -> str:
    """Ask the server for the release's release.json and a module page with
    every file it names; each must be this release's, byte for byte."""
    host = None
    if "#host=" in url:
        url, host = url.split("#host=", 1)
    if not url.endswith("/"):
        url += "/"
    tree = target.releases / rid
    info = target.info(rid)
    if "path" in info:
        site = tree / info["path"].strip("/")
    else:  # a release from before this layout: its release.json says where the site is
        found = sorted(tree.glob("**/release.json"), key=lambda p: len(p.parts))
        site = found[0].parent if found else tree
    local = (site / "release.json").read_bytes() if (site / "release.json").is_file() else b""
    try:
        status, body = _get(url + "release.json", host)
        if status != 200:
            raise CheckFailed(f"{url}release.json answered {status}")
        try:
            served = json.loads(body).get("release")
        except ValueError:
            raise CheckFailed(f"{url}release.json is not the release's") from None
        if body != local:
            raise CheckFailed(f"{url}release.json is release {served}, not {rid} "
                              "(does nginx serve this folder's current?)")
        pause("check")
        pages = sorted(site.glob("modules/*/index.html")) or [site / "index.html"]
        page = pages[0].relative_to(site).as_posix()[: -len("index.html")]
        status, body = _get(url + page, host)
        if status != 200 or body != pages[0].read_bytes():
            raise CheckFailed(f"{url}{page} answered {status}" + ("" if status != 200 else " with another page"))
        names = _Names()
        names.feed(body.decode("utf-8", "replace"))
        for ref in names.urls:
            full = urljoin(url + page, ref)
            if urlsplit(full).netloc != urlsplit(url).netloc:
                continue
            status, _ = _get(full.split("#")[0], host)
            if status != 200:
                raise CheckFailed(f"{full} (named by {page}) answered {status}")
        return f"{url}{page} and its {len(names.urls)} files"
    except OSError as exc:
        raise CheckFailed(f"could not reach {url} ({exc.strerror or exc})") from None
    except http.client.HTTPException as exc:
        raise CheckFailed(f"{url} gave no proper answer ({exc.__class__.__name__})") from None


# -- Switching, with the check and the way back ------------------------------------------

def activate(target: Target, rid: str, *, action: str, check_url: str | None, check: bool,
             chosen: bool = False, keep: int = 5) -> str:
    """Make `rid` live: link the kept releases' content-named files into it,
    switch, check; on a failed check switch back and raise. With the lock held."""
    previous = target.live()
    kept = target.ids()
    link_assets(target, rid, kept)
    pause("before-switch")
    target.log("switching", release=rid, **{"from": previous, "why": action})
    switch(target, rid)
    pause("after-switch")
    if check:
        url = check_url_for(target, rid, check_url)
        try:
            what = check_live(target, rid, url)
        except CheckFailed as exc:
            switch(target, previous)
            target.log("switched-back", release=previous, **{"from": rid, "reason": str(exc)})
            back = f"switched back to {previous}" if previous else "no release is live (there was none before)"
            raise CheckFailed(f"check after the switch to {rid} failed: {exc}; {back}") from None
        target.log("live", release=rid, checked=what, chosen=chosen, why=action, **{"from": previous})
    else:
        target.log("live", release=rid, checked=None, chosen=chosen, why=action, **{"from": previous})
    prune(target, keep)
    return rid


def prune(target: Target, keep: int) -> None:
    if keep <= 0:
        return
    live = target.live()
    ids = target.ids()
    for old in ids[: max(0, len(ids) - keep)]:
        if old != live:
            shutil.rmtree(target.releases / old, ignore_errors=True)
            (target.meta / f"{old}.json").unlink(missing_ok=True)
            target.log("pruned", release=old)


def rollback_target(target: Target) -> str:
    live = target.live()
    ids = set(target.ids())
    bad = target.left_behind()
    if live is None:
        raise Failed(f"nothing to roll back: {target.current} does not point at a release")
    seen_live = [e["release"] for e in target.history() if e["action"] == "live" and e.get("release")]
    if not seen_live:  # a folder from before the log: by install order
        order = target.ids()
        seen_live = order[: order.index(live)] if live in order else []
    for rid in reversed(seen_live):
        if rid != live and rid in ids and rid not in bad:
            return rid
    skipped = sorted(r for r in bad if r in ids)
    hint = f" ({', '.join(skipped)} was rolled back away from; --activate ID chooses one)" if skipped else ""
    raise Failed(f"no earlier release to roll back to; {live} is live{hint}")


def rollback(target: Target, check_url: str | None, check: bool) -> str:
    rid = rollback_target(target)
    live = target.live()
    activate(target, rid, action="rollback", check_url=check_url, check=check, keep=0)
    target.log("rollback", release=rid, **{"from": live})
    return rid


def listing(target: Target) -> list[str]:
    live = target.live()
    hist = target.history()
    bad = target.left_behind()
    last_live = {e["release"]: e for e in hist if e["action"] == "live"}
    switching = [e for e in hist if e["action"] in ("switching", "live", "switched-back")]
    unchecked = bool(switching) and switching[-1]["action"] == "switching" and switching[-1].get("release") == live
    rows = []
    for rid in target.ids():
        info = target.info(rid)
        bits = [f"installed {info.get('installed', '?')} by {info.get('installed_by', '?')}"]
        if rid in last_live:
            e = last_live[rid]
            bits.append(f"made live {e['time']} by {e['user']}")
        if rid == live:
            bits.insert(0, "LIVE (its check did not finish: run --activate " + rid + ")" if unchecked else "LIVE")
        if rid in bad:
            e = bad[rid]
            how = "rolled back away from" if e["action"] == "rollback" else "failed its check, switched back"
            bits.append(f"{how} {e['time']} by {e['user']}")
        rows.append(("* " if rid == live else "  ") + rid + "  " + "; ".join(bits))
    for p in target.unfinished():
        rows.append(f"  {p.name}  unfinished (a stopped run); the next run removes it")
    if live and live not in target.ids():
        rows.append(f"! current points at {live}, which is not a whole release")
    return rows


def compare_nginx(target: Target, live_file: Path) -> str:
    rid = target.live()
    if rid is None:
        raise Failed(f"no release is live in {target.path}")
    shipped = target.info(rid).get("nginx", {})
    text = live_file.read_text(encoding="utf-8")
    for name, conf in shipped.items():
        if conf == text:
            return f"{live_file} is the nginx file {name} of the live release {rid}"
    names = ", ".join(sorted(shipped)) or "none"
    raise Failed(f"{live_file} differs from the live release's nginx files ({names}): copy the one that fits "
                 f"from {target.meta / (rid + '.json')} (or the bundle's nginx/), then nginx -t and reload")


# -- The installer (this file, as install.py in a bundle) ------------------------------

def bundle_dir() -> Path:
    return Path(__file__).resolve().parent


def install_bundle(target: Target, bundle: Path, *, activate_it: bool, check_url, check: bool, keep: int) -> str:
    release = json.loads((bundle / "release.json").read_text(encoding="utf-8"))
    rid = release["release"]
    manifest = read_manifest((bundle / "SHA256SUMS").read_text(encoding="utf-8"))
    if (target.releases / rid).is_dir():
        if target.info(rid).get("manifest_sha256") != sha256(bundle / "SHA256SUMS"):
            raise Failed(f"another release named {rid} is installed already; remove it or rebuild the bundle")
    else:
        nginx = {p.name: p.read_text(encoding="utf-8") for p in sorted((bundle / "nginx").glob("*.conf"))}
        install_tree(target, bundle / "site", rid, manifest,
                     {"site_url": release.get("site_url"), "path": release.get("path", "/"), "nginx": nginx,
                      "manifest_sha256": sha256(bundle / "SHA256SUMS"), "commit": release.get("commit")})
    live = target.live()
    if live:  # a server still on the live release can serve this one's files already
        link_assets(target, live, [rid])
    if activate_it:
        activate(target, rid, action="install", check_url=check_url, check=check, keep=keep)
    return rid


def main(argv: list[str] | None = None, prog: str = "install") -> int:
    p = argparse.ArgumentParser(prog=prog, description="Install a release bundle of the course (standard library "
                                "only, no network), or list, roll back or choose the live release.")
    p.add_argument("--target", type=Path, required=True, help="the publishing folder nginx serves (DIR/current)")
    p.add_argument("--bundle", type=Path, default=None, help="the unpacked bundle (default: the folder of this file)")
    p.add_argument("--no-activate", action="store_true", help="install only; make it live later with --activate")
    p.add_argument("--list", action="store_true", help="list the releases: live, rolled back, when, by whom")
    p.add_argument("--rollback", action="store_true", help="make the release that was live before live again")
    p.add_argument("--activate", metavar="ID", help="make this installed release live")
    p.add_argument("--compare-nginx", type=Path, metavar="FILE",
                   help="say whether FILE (the nginx file in use) is the one of the live release")
    p.add_argument("--check-url", help="the course's address to check after a switch "
                   "(default: the last one given, else site_url's path on https://127.0.0.1)")
    p.add_argument("--no-check", action="store_true", help="switch without the check (a folder nginx does not serve)")
    p.add_argument("--keep", type=int, default=5, help="releases to keep (default 5)")
    p.add_argument("--wait", type=float, default=60, help="seconds to wait for another run (default 60)")
    args = p.parse_args(argv)
    target = Target(args.target)
    try:
        if args.list:
            for row in listing(target):
                print(row)
            return 0
        if args.compare_nginx:
            print(f"{prog}: {compare_nginx(target, args.compare_nginx)}")
            return 0
        with Lock(target, prog, args.wait):
            clean_up(target)
            check = not args.no_check
            if args.rollback:
                rid = rollback(target, args.check_url, check)
                print(f"{prog}: rolled back; live release is now {rid}")
            elif args.activate:
                if not (target.releases / args.activate).is_dir():
                    raise Failed(f"no release {args.activate} in {target.releases} (see --list)")
                activate(target, args.activate, action="activate", check_url=args.check_url, check=check,
                         chosen=True, keep=0)
                print(f"{prog}: release {args.activate} is live")
            else:
                rid = install_bundle(target, args.bundle or bundle_dir(), activate_it=not args.no_activate,
                                     check_url=args.check_url, check=check, keep=args.keep)
                print(f"{prog}: release {rid} is " + ("installed, not live (--activate makes it live)"
                                                      if args.no_activate else "live"))
    except Failed as exc:
        live = target.live()
        tail = "" if isinstance(exc, CheckFailed) else "; the live site is unchanged" + (f" ({live})" if live else "")
        print(f"{prog}: {exc}{tail}", file=sys.stderr)
        return 1
    except OSError as exc:
        live = target.live()
        print(f"{prog}: {disk_words(exc)}; the live site is unchanged" + (f" ({live})" if live else ""),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(prog=Path(sys.argv[0]).stem))
