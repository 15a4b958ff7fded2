"""Safe publishing: a release goes live only after it builds and passes its
checks, and stays live only if nginx then serves it whole; a failure leaves
the live site untouched (or switches back) and says why in one line; earlier
releases are kept for --rollback; every page carries a release stamp.

Also: a release bundle built here and installed by its own install.py with
nothing but the standard library; one run at a time; runs killed at named
points; a full disk; a typo in mkdocs.yml; and page loads under way while
releases are switched (zero failed requests).

Every run here is made under umask 027 (a hardened server), and nginx's
workers run as www-data, never root: files the installer left unreadable
would fail."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from course_fixture import REPO, make_course
from courselib import editions, hosting, releases
from courselib.nginx_server import Nginx, PageLoads, files_named, world_readable_dir

PY = sys.executable
SUB = hosting.load(REPO).prefix.strip("/")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="true")


def strict_umask():
    os.umask(0o027)


def publish(*args: str, every_edition: bool = False) -> subprocess.CompletedProcess:
    """publish.py; English only (COURSE_EDITIONS=en) unless every_edition: publishing is
    tested on one edition, and once (the first bundle) on all three, to spare the suite's time."""
    env = ENV if every_edition else dict(ENV, COURSE_EDITIONS="en")
    return subprocess.run([PY, str(REPO / "scripts" / "publish.py"), *args], capture_output=True, text=True,
                          timeout=600, env=env, preexec_fn=strict_umask)


def install(bundle: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The bundle's own install.py, isolated from every installed package (-I -S)."""
    return subprocess.run([PY, "-I", "-S", str(bundle / "install.py"), *args], capture_output=True, text=True,
                          timeout=300, env=env or ENV, preexec_fn=strict_umask, stdin=subprocess.DEVNULL)


def live(target: Path) -> str:
    return os.readlink(target / "current")


@pytest.fixture
def www():
    d = world_readable_dir("course-publish-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def nginx(www, tmp_path):
    """nginx serving the publishing folder `www` as the shipped server file does."""
    with Nginx(None, tmp_path / "nginx", releases=www) as server:
        yield server


def test_publish_then_fail_then_roll_back(tmp_path, www, nginx):
    course = make_course(tmp_path / "course")
    target = www
    check = ("--check-url", nginx.url)
    first = publish("--target", str(target), "--root", str(course), *check)
    assert first.returncode == 0, first.stderr
    assert (target / "current").is_symlink()
    release1 = live(target)
    page = (target / "current" / SUB / "modules" / "sample" / "index.html").read_text(encoding="utf-8")
    stamp = json.loads((target / "current" / SUB / "release.json").read_text(encoding="utf-8"))
    assert f'Release {stamp["built"]} · {stamp["commit"]}' in page
    assert stamp["release"] == Path(release1).name
    assert first.stdout == f"publish: release {Path(release1).name} is live at {target / 'current'}\n"
    # under umask 027 every file is still readable by nginx's workers, and has its .gz
    files = [p for p in (target / release1).rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in files)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o755 for p in (target / release1).rglob("*") if p.is_dir())
    assert (target / release1 / SUB / "modules" / "sample" / "index.html.gz").is_file()

    # a trainer mistake: the build must not replace the live site
    sample = course / "docs" / "modules" / "sample.md"
    good = sample.read_text(encoding="utf-8")
    sample.write_text(good.replace("## ", "# ", 1), encoding="utf-8")
    broken = publish("--target", str(target), "--root", str(course), *check)
    assert broken.returncode == 1
    lines = broken.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("publish: content check failed: docs/modules/sample.md:")
    assert lines[0].endswith(f"; the live site is unchanged ({Path(release1).name})")
    assert live(target) == release1
    assert not list((target / "releases").glob("*.building"))

    # a file that loads from another host passes the build but not the checks
    sample.write_text(good, encoding="utf-8")
    (course / "docs" / "extra").mkdir()
    (course / "docs" / "extra" / "remote.html").write_text(
        '<html><head><script src="https://cdn.example.org/x.js"></script></head></html>', encoding="utf-8")
    remote = publish("--target", str(target), "--root", str(course), *check)
    assert remote.returncode == 1
    assert remote.stderr.startswith("publish: check failed: extra/remote.html loads a file from another host")
    assert live(target) == release1

    # a good second release, then back to the first
    (course / "docs" / "extra" / "remote.html").unlink()
    second = publish("--target", str(target), "--root", str(course), *check)
    assert second.returncode == 0, second.stderr
    release2 = live(target)
    assert release2 != release1
    listing = publish("--target", str(target), "--list").stdout.splitlines()
    assert [row[:2] + row[2:].split("  ")[0] for row in listing] == [f"  {Path(release1).name}", f"* {Path(release2).name}"]
    assert "LIVE" in listing[1] and "made live" in listing[1]
    back = publish("--target", str(target), "--rollback", *check)
    assert back.returncode == 0 and live(target) == release1
    assert back.stdout == f"publish: rolled back; live release is now {Path(release1).name}\n"
    oldest = publish("--target", str(target), "--rollback", *check)
    assert oldest.returncode == 1 and "no earlier release" in oldest.stderr
    assert live(target) == release1
    assert len(oldest.stderr.splitlines()) == 1
    listing = publish("--target", str(target), "--list").stdout
    assert re.search(rf"{Path(release2).name}  .*rolled back away from", listing)
    # the log says who switched what and when
    log = [json.loads(l) for l in (target / "releases.log").read_text(encoding="utf-8").splitlines()]
    assert [e["action"] for e in log if e["action"] in ("live", "rollback")] == ["live", "live", "live", "rollback"]
    assert all(e["user"] and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", e["time"]) for e in log)


def test_release_stamp_in_every_page_and_in_release_json(built_site):
    stamp = json.loads((built_site / "release.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", stamp["built"])
    assert re.fullmatch(r"[0-9a-f]{7,}(\+changes)?|unknown", stamp["commit"])
    for page in built_site.rglob("index.html"):
        # every edition (site/sq/, site/sr-Latn/) carries the same stamp, in its own words
        assert f'{stamp["built"]} · {stamp["commit"]}' in page.read_text(encoding="utf-8"), page


def test_template_text_is_never_published(tmp_path):
    course = make_course(tmp_path / "course")
    page = course / "docs" / "modules" / "second.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Routes\n", "## Routes\n\nTODO say who signs.\n"),
                    encoding="utf-8")
    target = tmp_path / "www"
    refused = publish("--target", str(target), "--root", str(course))
    assert refused.returncode != 0
    assert 'template text is left in: docs/modules/second.md:17: warning: template text "TODO"' in refused.stderr
    assert not (target / "current").exists()


# -- Bundles: build anywhere, install offline ------------------------------------------

def _restyle(course: Path, colour: str) -> None:
    """A release whose content-named style sheet differs (a new hash)."""
    css = course / "docs" / "assets" / "css" / "course.css"  # the style sheet every page loads
    css.write_text(css.read_text(encoding="utf-8") + f"\n.md-footer {{ border-top: 1px solid {colour}; }}\n",
                   encoding="utf-8")


def _unpack(archive: Path, dest: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    folder = dest / archive.name[: -len(".tar.gz")]
    # as if unpacked by a user with umask 077: the installer must set the modes itself
    for p in [folder, *folder.rglob("*")]:
        os.chmod(p, 0o700 if p.is_dir() else 0o600)
    return folder


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Three bundles of the fixture course that differ in a content-named file."""
    tmp = tmp_path_factory.mktemp("bundles")
    course = make_course(tmp / "course")
    out = []
    for n, colour in enumerate(("", "#123456", "#654321")):
        if colour:
            _restyle(course, colour)
        made = publish("--bundle", str(tmp / "out"), "--root", str(course), every_edition=n == 0)
        assert made.returncode == 0, made.stderr
        archive = Path(re.match(r"publish: wrote (\S+) \(SHA-256 [0-9a-f]{64}\)$", made.stdout.strip()).group(1))
        out.append(_unpack(archive, tmp / f"unpacked{n}"))
    return out


def _rid(bundle: Path) -> str:
    return json.loads((bundle / "release.json").read_text(encoding="utf-8"))["release"]


def _assets(bundle: Path) -> set[str]:
    return {p.name for p in (bundle / "site").rglob("*") if p.is_file() and releases.HASHED_RE.search(p.name)}


def test_bundle_holds_what_a_server_needs_and_no_gz(bundles):
    a = bundles[0]
    assert sorted(p.name for p in a.iterdir()) == ["README.txt", "SHA256SUMS", "install.py", "nginx", "release.json",
                                                   "site"]
    assert sorted(p.name for p in (a / "nginx").iterdir()) == sorted(hosting.SHIPPED)
    manifest = releases.read_manifest((a / "SHA256SUMS").read_text(encoding="utf-8"))
    assert manifest == releases.manifest_of(a / "site")
    # .gz files are made on the server (MkDocs makes sitemap.xml.gz itself)
    # (one per language edition: courselib/editions.py)
    assert sorted(n for n in manifest if n.endswith(".gz")) == sorted(
        f"{SUB}/{editions.prefix(lang)}sitemap.xml.gz" for lang in editions.LANGUAGES)
    assert json.loads((a / "release.json").read_text(encoding="utf-8"))["path"] == "/" + SUB + "/"
    # the installer is the standard library only
    imports = set(re.findall(r"^(?:from|import) (\w+)", (a / "install.py").read_text(encoding="utf-8"), re.M))
    assert imports <= set(sys.stdlib_module_names) | {"__future__"}, imports
    assert _assets(bundles[0]) != _assets(bundles[1]) != _assets(bundles[2])


def test_bundle_installs_offline_then_rolls_back_never_to_a_release_rolled_back_from(bundles, www, nginx):
    a, b, c = bundles
    check = ("--target", str(www), "--check-url", nginx.url)
    first = install(a, *check)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"install: release {_rid(a)} is live\n"
    assert live(www) == f"releases/{_rid(a)}"
    tree = www / "releases" / _rid(a)
    assert all(stat.S_IMODE(p.stat().st_mode) == (0o755 if p.is_dir() else 0o644) for p in tree.rglob("*"))
    assert b.stat().st_mode & 0o077 == 0  # the bundle itself was unreadable to others
    assert install(b, *check).returncode == 0 and live(www) == f"releases/{_rid(b)}"
    back = install(b, *check, "--rollback")
    assert back.stdout == f"install: rolled back; live release is now {_rid(a)}\n"
    assert install(c, *check).returncode == 0 and live(www) == f"releases/{_rid(c)}"
    # by date the previous release is b, which was rolled back away from: never again
    again = install(c, *check, "--rollback")
    assert again.returncode == 0 and live(www) == f"releases/{_rid(a)}", again.stderr
    listing = install(a, "--target", str(www), "--list").stdout
    assert re.search(rf"^\* {_rid(a)}  LIVE", listing, re.M)
    assert re.search(rf"^  {_rid(b)}  .*rolled back away from", listing, re.M)
    # a chosen release may be made live again
    chosen = install(a, *check, "--activate", _rid(b))
    assert chosen.returncode == 0 and live(www) == f"releases/{_rid(b)}", chosen.stderr
    # the nginx file in use is compared with the live release's
    conf = www.parent / f"{www.name}-nginx.conf"
    conf.write_text((b / "nginx" / "police-cooperation.conf").read_text(encoding="utf-8"), encoding="utf-8")
    same = install(a, "--target", str(www), "--compare-nginx", str(conf))
    assert same.returncode == 0 and "is the nginx file police-cooperation.conf of the live release" in same.stdout
    conf.write_text("server {}\n", encoding="utf-8")
    differs = install(a, "--target", str(www), "--compare-nginx", str(conf))
    assert differs.returncode == 1 and len(differs.stderr.splitlines()) == 1 and "copy the one" in differs.stderr
    conf.unlink()


def test_a_damaged_bundle_is_refused_in_one_line(bundles, www, nginx, tmp_path):
    a, b = bundles[0], bundles[1]
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    bad = tmp_path / "bad"
    shutil.copytree(b, bad)
    page = bad / "site" / SUB / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    result = install(bad, *check)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr == (f"install: {SUB}/index.html does not match its SHA-256 in the manifest; copy the bundle "
                             f"again; the live site is unchanged ({_rid(a)})\n")
    assert live(www) == f"releases/{_rid(a)}" and not list((www / "releases").glob("*.building"))


def _paused(cmd: list[str], point: str) -> subprocess.Popen:
    """Start a run that stops at a named point (COURSE_PAUSE_AT) and wait
    until it says it is there."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(ENV, COURSE_PAUSE_AT=point), start_new_session=True, preexec_fn=strict_umask)
    line = proc.stderr.readline()
    assert line == f"paused at {point}\n", line + proc.stderr.read()
    return proc


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)


def _one_whole_release(www: Path) -> str:
    """The live site is exactly one whole release: current points at a
    finished folder whose release.json names it and whose files match."""
    rid = Path(live(www)).name
    tree = www / "releases" / rid
    assert tree.is_dir() and not rid.endswith(".building")
    assert json.loads((tree / SUB / "release.json").read_text(encoding="utf-8"))["release"] == rid
    info = json.loads((www / "meta" / f"{rid}.json").read_text(encoding="utf-8"))
    assert all((tree / name).is_file() for name in info["assets"])
    return rid


def test_check_after_the_switch_fails_then_switches_back(bundles, www, nginx):
    a, b = bundles[0], bundles[1]
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    # b's style sheet becomes unreadable to nginx's workers after its install
    run = _paused([PY, "-I", "-S", str(b / "install.py"), *check], "before-switch")
    sheet = next(p for p in (www / "releases" / _rid(b) / SUB / "assets" / "css").glob("course.*.css")
                 if p.name in _assets(b))
    os.chmod(sheet, 0o600)
    out, err = run.communicate("\n", timeout=120)
    assert run.returncode == 1
    assert err.startswith(f"install: check after the switch to {_rid(b)} failed: ")
    assert f"assets/css/{sheet.name} (named by modules/" in err and "answered 403" in err
    assert err.endswith(f"; switched back to {_rid(a)}\n") and len(err.splitlines()) == 1
    assert live(www) == f"releases/{_rid(a)}"
    listing = install(a, "--target", str(www), "--list").stdout
    assert re.search(rf"^  {_rid(b)}  .*failed its check, switched back", listing, re.M)
    # a rollback never goes to it
    assert "no earlier release" in install(a, *check, "--rollback").stderr


def test_one_run_at_a_time_and_a_stopped_run_is_cleaned_up(bundles, www, nginx):
    a, b, c = bundles
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    holder = _paused([PY, "-I", "-S", str(b / "install.py"), *check], "before-switch")
    other = install(c, *check, "--wait", "1")
    assert other.returncode == 1 and len(other.stderr.splitlines()) == 1
    assert re.fullmatch(rf"install: another run is working on {re.escape(str(www))} \(pid {holder.pid}, install, "
                        r"started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by \S+.*\); waited 1 s: try again when it has "
                        rf"finished; the live site is unchanged \({_rid(a)}\)\n", other.stderr), other.stderr
    _kill(holder)
    # the dead run's lock is taken over at once, its leftovers cleaned
    after = install(c, *check, "--wait", "1")
    assert after.returncode == 0, after.stderr
    assert _one_whole_release(www) == _rid(c)


@pytest.mark.parametrize("point", ["stage", "before-switch", "after-switch", "check"])
def test_killed_install_leaves_one_whole_release(bundles, www, nginx, point):
    a, b = bundles[0], bundles[1]
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    _kill(_paused([PY, "-I", "-S", str(b / "install.py"), *check], point))
    rid = _one_whole_release(www)
    assert rid == (_rid(a) if point in ("stage", "before-switch") else _rid(b))
    listing = install(a, "--target", str(www), "--list").stdout
    assert re.search(rf"^\* {rid}  LIVE", listing, re.M), listing
    if point == "stage":
        assert f"{_rid(b)}.building  unfinished" in listing
    if point in ("after-switch", "check"):
        assert "its check did not finish" in listing  # the truth: live, but not checked
    # the next run cleans up and succeeds
    again = install(b, *check)
    assert again.returncode == 0, again.stderr
    assert _one_whole_release(www) == _rid(b)
    assert not list((www / "releases").glob("*.building")) and not list(www.glob(".current.*"))
    assert "unfinished" not in install(a, "--target", str(www), "--list").stdout


def test_killed_publish_during_the_build(tmp_path, www, nginx):
    course = make_course(tmp_path / "course")
    args = ["--target", str(www), "--root", str(course), "--check-url", nginx.url]
    assert publish(*args).returncode == 0
    first = Path(live(www)).name
    _kill(_paused([PY, str(REPO / "scripts" / "publish.py"), *args], "build"))
    assert _one_whole_release(www) == first
    assert len(list((www / "releases").glob("*.building"))) == 1
    assert "unfinished" in publish("--target", str(www), "--list").stdout
    again = publish(*args)
    assert again.returncode == 0, again.stderr
    assert not list((www / "releases").glob("*.building"))
    assert _one_whole_release(www) != first


def test_release_ids_are_unique_within_the_same_second(www):
    t = releases.Target(www)
    t.prepare()
    ids = []
    for _ in range(3):
        rid = releases.new_id(t, "20261203T090000", "abc1234")
        (t.releases / f"{rid}.building").mkdir()
        ids.append(rid)
    assert ids == ["20261203T090000-abc1234", "20261203T090000-abc1234-2", "20261203T090000-abc1234-3"]


def test_full_disk_fails_in_one_line_and_leaves_the_live_site(bundles, tmp_path, nginx):
    a, b = bundles[0], bundles[1]
    size = sum(p.stat().st_size for p in (a / "site").rglob("*") if p.is_file())
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={int(size * 1.6) // 1024}k,mode=755", "tmpfs", str(disk)],
        capture_output=True).returncode == 0
    try:
        env = ENV
        cmd_prefix = []
        if not mounted:  # not root: a file-size limit stands in for the full disk
            cmd_prefix = ["bash", "-c", f"ulimit -f {int(size * 0.5) // 1024}; exec \"$@\"", "--"]
        target = disk / "www"
        first = subprocess.run([*cmd_prefix, PY, "-I", "-S", str(a / "install.py"), "--target", str(target),
                                "--no-check"], capture_output=True, text=True, env=env, timeout=120,
                               stdin=subprocess.DEVNULL)
        assert first.returncode == 0, first.stderr
        second = subprocess.run([*cmd_prefix, PY, "-I", "-S", str(b / "install.py"), "--target", str(target),
                                 "--no-check"], capture_output=True, text=True, env=env, timeout=120,
                                stdin=subprocess.DEVNULL)
        assert second.returncode == 1
        assert len(second.stderr.splitlines()) == 1, second.stderr
        assert re.fullmatch(rf"install: (no space left on the disk|a file is larger than this user may write \(ulimit -f\)) \(\S+\); the live site is "
                            rf"unchanged \({_rid(a)}\)\n", second.stderr), second.stderr
        assert _one_whole_release(target) == _rid(a)
        assert not list((target / "releases").glob("*.building"))
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)
    assert mounted, "ran with `ulimit -f` instead of a full tmpfs (not root)"


def test_a_typo_in_mkdocs_yml_gives_one_line_from_every_host_command(tmp_path):
    course = make_course(tmp_path / "course")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_url:", "site_url", 1), encoding="utf-8")
    commands = {
        "publish": [PY, str(REPO / "scripts" / "publish.py"), "--root", str(course)],
        "list": [PY, str(REPO / "scripts" / "publish.py"), "--root", str(course), "--list"],
        "rollback": [PY, str(REPO / "scripts" / "publish.py"), "--root", str(course), "--rollback"],
        "bundle": [PY, str(REPO / "scripts" / "publish.py"), "--root", str(course), "--bundle", str(tmp_path / "o")],
        "nginx-conf": [PY, str(REPO / "scripts" / "nginx_conf.py"), "--root", str(course)],
    }
    for name, cmd in commands.items():
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=ENV)
        assert r.returncode == 1, name
        assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1, (name, r.stderr)
        assert re.match(r"(publish|nginx_conf): mkdocs\.yml:\d+: ", r.stderr), (name, r.stderr)


# -- Zero failed requests while releases are switched ------------------------------------

def test_a_page_loaded_before_a_switch_gets_its_files_after_it(bundles, www, nginx):
    """Deterministic: the files a page of release a names are still served
    after the switch to b, and b's after the rollback to a."""
    a, b = bundles[0], bundles[1]
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    import http.client

    def get(path):
        conn = http.client.HTTPSConnection(nginx.host, nginx.https_port, context=nginx.ssl_context(), timeout=10)
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()

    page = f"/{SUB}/modules/sample/"
    names_a = files_named(nginx.base + page, get(page)[1].decode())
    assert install(b, *check).returncode == 0
    names_b = files_named(nginx.base + page, get(page)[1].decode())
    assert set(names_a) != set(names_b)
    assert [(n, get(n)[0]) for n in names_a if get(n)[0] != 200] == []
    assert install(b, *check, "--rollback").returncode == 0
    assert [(n, get(n)[0]) for n in names_b if get(n)[0] != 200] == []


def test_two_servers_on_different_releases_serve_each_others_files(bundles, tmp_path):
    """Install everywhere first (--no-activate), then switch server by server."""
    a, b = bundles[0], bundles[1]
    www1, www2 = world_readable_dir("course-s1-"), world_readable_dir("course-s2-")
    try:
        with Nginx(None, tmp_path / "n1", releases=www1) as s1, Nginx(None, tmp_path / "n2", releases=www2) as s2:
            for www, s in ((www1, s1), (www2, s2)):
                assert install(a, "--target", str(www), "--check-url", s.url).returncode == 0
                staged = install(b, "--target", str(www), "--no-activate")
                assert staged.stdout == f"install: release {_rid(b)} is installed, not live (--activate makes it live)\n"
            assert install(a, "--target", str(www1), "--check-url", s1.url, "--activate", _rid(b)).returncode == 0
            import http.client
            conn = http.client.HTTPSConnection(s1.host, s1.https_port, context=s1.ssl_context(), timeout=10)
            page = f"/{SUB}/modules/sample/"
            conn.request("GET", page)
            names = files_named(s1.base + page, conn.getresponse().read().decode())
            missing = []
            for n in names:  # the balancer sent these to the server still on release a
                c2 = http.client.HTTPSConnection(s2.host, s2.https_port, context=s2.ssl_context(), timeout=10)
                c2.request("GET", n)
                status = c2.getresponse().status
                if status != 200:
                    missing.append((n, status))
            assert missing == []
            assert Path(live(www2)).name == _rid(a)
    finally:
        shutil.rmtree(www1, ignore_errors=True)
        shutil.rmtree(www2, ignore_errors=True)


def test_zero_failed_requests_while_releases_are_switched(bundles, www, nginx):
    """A few clients load module pages and every file each names while
    releases with different content-named files are installed, rolled back
    and chosen; it stops by itself."""
    a, b, c = bundles
    check = ("--target", str(www), "--check-url", nginx.url)
    assert install(a, *check).returncode == 0
    pages = ["modules/sample/", "", "modules/sample/"]
    steps = [(b, ()), (b, ("--rollback",)), (c, ()), (c, ("--rollback",)), (a, ("--activate", _rid(b))),
             (a, ("--activate", _rid(c)))]
    with PageLoads(nginx, pages, connections=3, limit=120) as load:
        for bundle, extra in steps:
            r = install(bundle, *check, *extra)
            assert r.returncode == 0, r.stderr
        figures = load.stop()
    print(f"\nswitches: {len(steps)}, page loads: {figures.pages}, requests: {figures.requests}, "
          f"non-2xx: {len(figures.non_2xx)}, socket errors: {len(figures.socket_errors)}")
    assert figures.non_2xx == [] and figures.socket_errors == []
    assert figures.pages >= 10
    assert len(figures.releases_seen) >= 2, figures.releases_seen
