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


def _version(text: str):
    if text == "auto":
        return hosting.nginx_version() or hosting.HTTP2_DIRECTIVE_SINCE
    try:
        return tuple(int(x) for x in text.split("."))
    except ValueError:
        raise SystemExit(f"nginx_conf: --nginx-version {text}: give a version such as 1.22.1, or auto") from None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write the course's nginx configuration from mkdocs.yml "
                                            "(site_url and extra.hosting).")
    p.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    p.add_argument("--shape", choices=("server", "locations"), default="server",
                   help="server: a server file for a hostname of its own (default); locations: a snippet to "
                        "include in the server {} of a hostname that serves other sites")
    p.add_argument("--http-listen", action="append", help="address:port for plain HTTP, repeatable (default: 80 and [::]:80)")
    p.add_argument("--https-listen", action="append", help="address:port for HTTPS, repeatable (default: 443 and [::]:443)")
    p.add_argument("--nginx-version", default="1.25.1", help="the nginx the file is for: 1.25.1 and later take "
                   "`http2 on;`, earlier ones (Debian 12: 1.22.1) `listen ... http2`; `auto` asks the installed "
                   "nginx (default: 1.25.1)")
    p.add_argument("--server-name", help="override extra.hosting.server_name")
    p.add_argument("--cert", help="override extra.hosting.tls_certificate")
    p.add_argument("--key", help="override extra.hosting.tls_certificate_key")
    p.add_argument("--releases", help="override extra.hosting.releases (nginx serves RELEASES/current)")
    p.add_argument("--standalone", type=Path, metavar="DIR",
                   help="also write DIR/nginx.conf, a complete configuration that runs from DIR (workers never as root)")
    p.add_argument("--shipped", type=Path, metavar="DIR", help="write every shipped file (server file for nginx "
                   "1.25.1+, for nginx 1.22, location snippet) into DIR, e.g. server/")
    p.add_argument("-o", "--output", type=Path, help="write the configuration here (default: the screen)")
    args = p.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.shipped:
            for name, text in hosting.shipped_confs(root).items():
                (args.shipped / name).write_text(text, encoding="utf-8")
                print(f"nginx_conf: wrote {args.shipped / name}")
            return 0
        if args.shape == "locations":
            conf = hosting.render_snippet(root, args.releases)
        else:
            conf = hosting.render_site_conf(root, args.http_listen or "80", args.https_listen or "443",
                                            args.server_name, args.cert, args.key, args.releases,
                                            version=_version(args.nginx_version))
        if args.standalone:
            print(hosting.write_standalone(args.standalone, conf, root))
        else:
            emit(conf, args.output, "nginx_conf")
    except (hosting.HostingError, OSError, KeyError, ValueError) as exc:
        print(f"nginx_conf: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
