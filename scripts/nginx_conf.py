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
import os
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courselib import hosting  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "server"


def render(root: Path, http_listen="80", https_listen="443", server_name=None, cert=None, key=None,
           releases=None) -> str:
    h = hosting.load(root)
    port = https_listen.rsplit(":", 1)[-1]
    values = {
        "http_listen": http_listen, "https_listen": https_listen,
        "https_port_suffix": "" if port == "443" else f":{port}",
        "server_name": server_name or h.server_name,
        "tls_certificate": cert or h.tls_certificate, "tls_certificate_key": key or h.tls_certificate_key,
        "releases": releases or h.releases,
        "prefix": h.prefix, "prefix_no_slash": h.prefix.rstrip("/") or "/",
        "csp": hosting.CSP,
    }
    text = string.Template((SERVER / "site.conf.template").read_text(encoding="utf-8")).substitute(values)
    if h.prefix == "/":  # served at the root: no redirect from "/" to itself
        text = text.replace("    location = / {\n        return 302 /;\n    }\n", "")
    return text


def write_standalone(dest: Path, site_conf: str) -> Path:
    dest = dest.resolve()
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    (dest / "site.conf").write_text(site_conf, encoding="utf-8")
    main = string.Template((SERVER / "standalone.conf.template").read_text(encoding="utf-8")).substitute(
        prefix_dir=str(dest), site_conf=str(dest / "site.conf"),
        # nginx started by root runs its workers as "nobody"; keep root so they can read the files
        user_line="user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else "")
    (dest / "nginx.conf").write_text(main, encoding="utf-8")
    return dest / "nginx.conf"


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
        conf = render(args.root.resolve(), args.http_listen, args.https_listen, args.server_name,
                      args.cert, args.key, args.releases)
    except (hosting.HostingError, OSError, KeyError, ValueError) as exc:
        print(f"nginx_conf: {exc}", file=sys.stderr)
        return 1
    if args.standalone:
        print(write_standalone(args.standalone, conf))
    elif args.output:
        args.output.write_text(conf, encoding="utf-8")
        print(f"nginx_conf: wrote {args.output}")
    else:
        sys.stdout.write(conf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
