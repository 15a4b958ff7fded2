"""Hosting settings, read from mkdocs.yml: the site URL (whose path is the
sub-path the course is served under) and extra.hosting (server name,
certificate paths, releases folder). scripts/nginx_conf.py and
scripts/publish.py use these, so the sub-path is set in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import siteconfig

# The Content-Security-Policy the server sends. No host other than the
# server itself; no 'unsafe-inline' for scripts (the build moves inline
# scripts into files); styles may be inline (Material sets style attributes).
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
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
