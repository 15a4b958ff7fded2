"""Safe publishing: a release goes live only after it builds and passes its
checks; a failure leaves the live site untouched and says why in one line;
earlier releases are kept for --rollback; every page carries a release stamp."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from course_fixture import REPO, make_course
from courselib import hosting

PY = sys.executable
SUB = hosting.load(REPO).prefix.strip("/")


def publish(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    return subprocess.run([PY, str(REPO / "scripts" / "publish.py"), *args], capture_output=True, text=True,
                          timeout=600, env=env)


def live(target: Path) -> str:
    return os.readlink(target / "current")


def test_publish_then_fail_then_roll_back(tmp_path):
    course = make_course(tmp_path / "course")
    target = tmp_path / "www"
    first = publish("--target", str(target), "--root", str(course))
    assert first.returncode == 0, first.stderr
    assert (target / "current").is_symlink()
    release1 = live(target)
    page = (target / "current" / SUB / "modules" / "sample" / "index.html").read_text(encoding="utf-8")
    stamp = json.loads((target / "current" / SUB / "release.json").read_text(encoding="utf-8"))
    assert f'Release {stamp["built"]} · {stamp["commit"]}' in page
    assert first.stdout == f"publish: release {Path(release1).name} is live at {target / 'current'}\n"

    # a trainer mistake: the build must not replace the live site
    sample = course / "docs" / "modules" / "sample.md"
    good = sample.read_text(encoding="utf-8")
    sample.write_text(good.replace("## ", "# ", 1), encoding="utf-8")
    broken = publish("--target", str(target), "--root", str(course))
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
    remote = publish("--target", str(target), "--root", str(course))
    assert remote.returncode == 1
    assert remote.stderr.startswith("publish: check failed: extra/remote.html loads a file from another host")
    assert live(target) == release1

    # a good second release, then back to the first
    (course / "docs" / "extra" / "remote.html").unlink()
    second = publish("--target", str(target), "--root", str(course))
    assert second.returncode == 0, second.stderr
    release2 = live(target)
    assert release2 != release1
    listing = publish("--target", str(target), "--list").stdout.splitlines()
    assert listing == [f"  {Path(release1).name}", f"* {Path(release2).name}"]
    back = publish("--target", str(target), "--rollback")
    assert back.returncode == 0 and live(target) == release1
    assert back.stdout == f"publish: rolled back; live release is now {Path(release1).name}\n"
    oldest = publish("--target", str(target), "--rollback")
    assert oldest.returncode == 1 and "no earlier release" in oldest.stderr
    assert live(target) == release1


def test_release_stamp_in_every_page_and_in_release_json(built_site):
    stamp = json.loads((built_site / "release.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", stamp["built"])
    assert re.fullmatch(r"[0-9a-f]{7,}(\+changes)?|unknown", stamp["commit"])
    for page in built_site.rglob("index.html"):
        assert f'Release {stamp["built"]} · {stamp["commit"]}' in page.read_text(encoding="utf-8"), page


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
