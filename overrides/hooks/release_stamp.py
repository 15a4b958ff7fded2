"""Hook: stamp the build with the date and commit it was made from.

Every page shows the stamp in its footer (overrides/partials/copyright.html)
and the site holds the same in release.json, so staff can see what is live
after a publish or a rollback. COURSE_RELEASE_COMMIT and COURSE_BUILT
(YYYY-MM-DD) override the values, e.g. when building from an exported tree
without Git.
"""

import datetime as dt
import json
import os
import subprocess
from pathlib import Path


def _git(root, *args):
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    commit = os.environ.get("COURSE_RELEASE_COMMIT") or _git(root, "rev-parse", "--short=10", "HEAD") or "unknown"
    if commit != "unknown" and not os.environ.get("COURSE_RELEASE_COMMIT") and _git(root, "status", "--porcelain", "--untracked-files=no"):
        commit += "+changes"  # built from a tree with uncommitted edits
    built = os.environ.get("COURSE_BUILT") or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    config.extra["release"] = {"built": built, "commit": commit}
    return config


def on_post_build(config):
    stamp = dict(config.extra["release"], site_url=config.site_url or "")
    Path(config.site_dir, "release.json").write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
