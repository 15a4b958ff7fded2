"""Hook: publish nothing the course's theme override only includes.

MkDocs copies every file of the theme folders that is not a template into
the site, so overrides/partials/course.js (included into each page by
main.html, never loaded by name) would be published as
site/partials/course.js. Files under overrides/partials/ are Jinja
includes: they are dropped from the site. Material's own assets, which its
scripts load by name, and licence files stay.
"""

from pathlib import Path

PARTIALS = Path(__file__).resolve().parents[1] / "partials"


def on_files(files, config):
    for f in list(files):
        if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(PARTIALS):
            files.remove(f)
    return files
