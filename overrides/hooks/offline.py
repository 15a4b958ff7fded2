"""Hook: the offline package (make package) uses the vendored iframe-worker.

Material's offline plugin (on when COURSE_OFFLINE=true) lets search run
from file:// with the iframe-worker shim, and adds a copy from a CDN unless
extra.polyfills already names a local one. This hook names the copy kept in
docs/assets/vendor/, before the plugin looks, so nothing is fetched.
"""

import os

from mkdocs.plugins import event_priority

SHIM = "assets/vendor/iframe-worker/shim.js"


@event_priority(100)
def on_config(config):
    if os.environ.get("COURSE_OFFLINE", "").lower() in ("1", "true", "yes"):
        config.extra["polyfills"] = [SHIM] + list(config.extra.get("polyfills") or [])
    return config
