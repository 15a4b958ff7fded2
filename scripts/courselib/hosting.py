"""Hosting settings, read from mkdocs.yml: the site URL (whose path is the
sub-path the course is served under) and extra.hosting (server name,
certificate paths, releases folder). scripts/nginx_conf.py and
scripts/publish.py use these, so the sub-path is set in one place."""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import inline_scripts, siteconfig

# The Content-Security-Policy the server sends. No host other than the
# server itself; no 'unsafe-inline' for scripts (the build moves inline
# scripts into files, but for two tiny ones that must run before the first
# paint, allowed by their hash: courselib/inline_scripts.py); styles may be
# inline (Material sets style attributes).
CSP = ("default-src 'none'; script-src 'self' " + " ".join(inline_scripts.csp_sources()) + "; "
       "style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
       "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
       "object-src 'none'")


@dataclass
class Hosting:
    site_url: str
    prefix: str  # "/training/cooperation/"
    server_name: str
    tls_certificate: str
    tls_certificate_key: str
    releases: str


class HostingError(Exception):
    pass


def load(root: Path) -> Hosting:
    cfg = siteconfig.load(Path(root))
    raw = cfg.raw
    url = str(raw.get("site_url") or "")
    if not url:
        raise HostingError('mkdocs.yml has no site_url; set it to the address the course is published at, '
                           'e.g. "https://intranet.example/training/cooperation/"')
    prefix = urlsplit(url).path or "/"
    if not prefix.endswith("/"):
        prefix += "/"
    h = (raw.get("extra") or {}).get("hosting") or {}
    missing = [k for k in ("server_name", "tls_certificate", "tls_certificate_key", "releases") if not h.get(k)]
    if missing:
        raise HostingError(f"mkdocs.yml: extra.hosting lacks {', '.join(missing)}")
    return Hosting(site_url=url, prefix=prefix, server_name=str(h["server_name"]),
                   tls_certificate=str(h["tls_certificate"]), tls_certificate_key=str(h["tls_certificate_key"]),
                   releases=str(h["releases"]))


def render_site_conf(root: Path, http_listen="80", https_listen="443", server_name=None, cert=None, key=None,
           releases=None) -> str:
    h = load(root)
    port = https_listen.rsplit(":", 1)[-1]
    values = {
        "http_listen": http_listen, "https_listen": https_listen,
        "https_port_suffix": "" if port == "443" else f":{port}",
        "server_name": server_name or h.server_name,
        "tls_certificate": cert or h.tls_certificate, "tls_certificate_key": key or h.tls_certificate_key,
        "releases": releases or h.releases,
        "prefix": h.prefix, "prefix_no_slash": h.prefix.rstrip("/") or "/",
        "csp": CSP,
    }
    text = string.Template((Path(root) / "server" / "site.conf.template").read_text(encoding="utf-8")).substitute(values)
    if h.prefix == "/":  # served at the root: no redirect from "/" to itself
        text = text.replace("    location = / {\n        return 302 /;\n    }\n", "")
    return text


def write_standalone(dest: Path, site_conf: str, root: Path) -> Path:
    """DIR/nginx.conf: a complete configuration that runs from DIR (tests, bench, a trial)."""
    dest = dest.resolve()
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    (dest / "site.conf").write_text(site_conf, encoding="utf-8")
    main = string.Template((Path(root) / "server" / "standalone.conf.template").read_text(encoding="utf-8")).substitute(
        prefix_dir=str(dest), site_conf=str(dest / "site.conf"),
        # nginx started by root runs its workers as "nobody"; keep root so they can read the files
        user_line="user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else "")
    (dest / "nginx.conf").write_text(main, encoding="utf-8")
    return dest / "nginx.conf"
