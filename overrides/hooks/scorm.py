"""Hook: the SCORM package build only (make scorm; COURSE_SCORM=true).

Off in every other build: the site as hosted and the offline zip stay as
they are. When on, it adds to every page the package's script and style
(overrides/scorm/sco.js and package.css, written into the build as
assets/scorm/), and marks each SCO page (courselib/scorm.py) with
<meta name="course-sco" content="SLUG" data-kind="KIND" data-mastery="80">: only such a page,
launched as that SCO, talks to the LMS. The style hides the site-wide
navigation (the LMS's table of contents moves between SCOs).
"""

import os
import posixpath
import sys
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent))
import _course  # noqa: E402,F401
from courselib import model, scorm  # noqa: E402

SOURCE = Path(__file__).resolve().parent.parent / "scorm"
ASSETS = ("assets/scorm/sco.js", "assets/scorm/package.css")
_scos: dict[str, scorm.Sco] = {}


def enabled() -> bool:
    return os.environ.get("COURSE_SCORM", "").lower() in ("1", "true", "yes")


def on_pre_build(config):
    _scos.clear()


def on_files(files, config):
    # MkDocs copies every theme file that is no template: overrides/scorm/
    # would be published as scorm/ in every build. It is never; the package
    # build adds it below, as assets/scorm/.
    for f in list(files):
        if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(SOURCE):
            files.remove(f)
    if not enabled():
        return files
    # the build's course model (read by the check_content hook in on_pre_build)
    loaded = model.current(Path(config.config_file_path).resolve().parent).course()
    _scos.update({s.doc_path: s for s in scorm.scos(loaded)})
    for rel in ASSETS:
        files.append(File.generated(config, rel, abs_src_path=str(SOURCE / posixpath.basename(rel))))
    return files


def on_post_page(output, page, config):
    if not enabled():
        return output
    base = posixpath.relpath(".", posixpath.dirname(page.file.dest_uri) or ".")
    tags = []
    sco = _scos.get(page.file.src_uri)
    if sco:
        mastery = ((config.extra.get("scorm") or {}).get("mastery_score"))
        tags.append(f'<meta name="course-sco" content="{sco.slug}" data-kind="{sco.kind}" data-mastery="{mastery}">')
    tags += [f'<link rel="stylesheet" href="{base}/{ASSETS[1]}">', f'<script src="{base}/{ASSETS[0]}"></script>']
    at = output.find("</head>")
    return output[:at] + "".join(tags) + output[at:] if at != -1 else output
