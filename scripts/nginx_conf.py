#!/usr/bin/env python3
"""Write the nginx configuration for the course from mkdocs.yml.

The sub-path comes from site_url, the certificate paths, server name and
releases folder from extra.hosting, so they are set in one place. Without
options it prints server/police-cooperation.conf, the file shipped for
hosts; the options override single values, e.g. for a trial run on other
ports. With --standalone it also writes a complete nginx.conf that runs
from its own folder (used by the tests and by `make bench`).

Examples:
    python scripts/nginx_conf.py -o server/police-cooperation.conf
    python scripts/nginx_conf.py --standalone DIR --https-listen 127.0.0.1:8443 ...
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import hosting  # noqa: E402
from courselib.output import emit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write the course's nginx configuration from mkdocs.yml "
                                            "(site_url and extra.hosting).")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    p.add_argument("--http-listen", default="80", help="address:port for plain HTTP (default: 80)")
    p.add_argument("--https-listen", default="443", help="address:port for HTTPS (default: 443)")
    p.add_argument("--server-name", help="override extra.hosting.server_name")
    p.add_argument("--cert", help="override extra.hosting.tls_certificate")
    p.add_argument("--key", help="override extra.hosting.tls_certificate_key")
    p.add_argument("--releases", help="override extra.hosting.releases (nginx serves RELEASES/current)")
    p.add_argument("--standalone", type=Path, metavar="DIR",
                   help="also write DIR/nginx.conf, a complete configuration that runs from DIR")
    p.add_argument("-o", "--output", type=Path, help="write the site configuration here (default: the screen)")
    args = p.parse_args(argv)
    try:
        conf = hosting.render_site_conf(args.root.resolve(), args.http_listen, args.https_listen, args.server_name,
                      args.cert, args.key, args.releases)
    except (hosting.HostingError, OSError, KeyError, ValueError) as exc:
        print(f"nginx_conf: {exc}", file=sys.stderr)
        return 1
    if args.standalone:
        print(hosting.write_standalone(args.standalone, conf, args.root.resolve()))
    else:
        emit(conf, args.output, "nginx_conf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
