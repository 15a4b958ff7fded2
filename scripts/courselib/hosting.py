"""Hosting settings, read from mkdocs.yml: the site URL (whose path is the
sub-path the course is served under) and extra.hosting (server name,
certificate paths, releases folder). scripts/nginx_conf.py and
scripts/publish.py use these, so the sub-path is set in one place."""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import string
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

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
HSTS = "max-age=31536000"
# Every page, redirect and error carries these (README, "For hosts", lists
# them; tests/test_hosting.py compares the three).
SECURITY_HEADERS = [
    ("Content-Security-Policy", CSP),
    ("Strict-Transport-Security", HSTS),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
]


# The templates are code: the same for any course folder (--root).
TEMPLATES = Path(__file__).resolve().parents[2] / "server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# nginx 1.25.1 brought `http2 on;` and deprecated `listen ... http2`.
HTTP2_DIRECTIVE_SINCE = (1, 25, 1)


@dataclass
class Hosting:
    site_url: str
    prefix: str  # "/training/cooperation/"
    server_name: str
    tls_certificate: str
    tls_certificate_key: str
    releases: str
    check_url: str | None = None


class HostingError(Exception):
    pass


def load(root: Path) -> Hosting:
    try:
        cfg = siteconfig.load(Path(root))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"mkdocs.yml:{mark.line + 1}" if mark else "mkdocs.yml"
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise HostingError(f"{where}: {what}; fix the line (indentation, a missing ':' or quote)") from None
    except OSError as exc:
        raise HostingError(f"mkdocs.yml: {exc.strerror}") from None
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
                   releases=str(h["releases"]), check_url=h.get("check_url") or None)


def nginx_version(nginx: str = NGINX) -> tuple[int, ...] | None:
    """The installed nginx's version, or None when there is none."""
    try:
        out = subprocess.run([nginx, "-v"], capture_output=True, text=True, timeout=10).stderr
    except OSError:
        return None
    m = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(x) for x in m.groups()) if m else None


def _listens(value, default_v6: str | None) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    if default_v6 and len(items) == 1 and items[0].isdigit():  # "443": IPv4 and IPv6
        items.append(f"[::]:{items[0]}")
    return items


def _headers(hsts: bool, indent: str) -> str:
    rows = [("Content-Security-Policy", CSP)]
    if hsts:
        rows.append(("Strict-Transport-Security", HSTS))
    rows += [(k, v) for k, v in SECURITY_HEADERS if k not in ("Content-Security-Policy", "Strict-Transport-Security")]
    return "\n".join(f'{indent}add_header {k} "{v}" always;' for k, v in rows)


def _edition_404s(prefix: str) -> str:
    """Each language edition (courselib/editions.py) shows its own "page not found"."""
    from . import editions

    return "\n".join(f"        location {prefix}{editions.prefix(lang)} {{\n"
                     f"            error_page 404 {prefix}{editions.prefix(lang)}404.html;\n"
                     "        }" for lang in editions.TRANSLATED)


def render_locations(root: Path, releases: str | None = None, hsts: bool = False) -> str:
    h = load(root)
    text = string.Template((TEMPLATES / "locations.conf.template").read_text(encoding="utf-8")).substitute(
        prefix=h.prefix, prefix_no_slash=h.prefix.rstrip("/") or "/", releases=releases or h.releases,
        headers=_headers(hsts, " " * 8), editions=_edition_404s(h.prefix))
    if h.prefix == "/":  # served at the root: no redirect to itself
        text = re.sub(r"    # The course's path without its trailing slash\.\n    location = / \{\n.*?\n    \}\n", "",
                      text, flags=re.S)
    return text


def render_site_conf(root: Path, http_listen="80", https_listen="443", server_name=None, cert=None, key=None,
                     releases=None, version: tuple[int, ...] | None = HTTP2_DIRECTIVE_SINCE) -> str:
    """The server file. `version`: the nginx it is for (the http2 form); the
    default, the shipped file, is for nginx 1.25.1 and later."""
    h = load(root)
    http_listens = _listens(http_listen, "v6")
    https_listens = _listens(https_listen, "v6")
    port = https_listens[0].rsplit(":", 1)[-1]
    modern = version is None or tuple(version) >= HTTP2_DIRECTIVE_SINCE
    values = {
        "nginx_form": ("For nginx 1.25.1 and later (`http2 on;`); Debian 12's nginx 1.22 takes the file "
                       "police-cooperation-nginx1.22.conf." if modern else
                       "For nginx before 1.25.1, e.g. Debian 12's 1.22 (`listen ... http2`); "
                       "later versions take police-cooperation.conf."),
        "http_listen_lines": "\n".join(f"    listen {a};" for a in http_listens),
        "https_listen_lines": "\n".join(f"    listen {a} ssl{'' if modern else ' http2'};" for a in https_listens),
        "http2_line": "\n    http2 on;" if modern else "",
        "https_port_suffix": "" if port == "443" else f":{port}",
        "server_name": server_name or h.server_name,
        "tls_certificate": cert or h.tls_certificate, "tls_certificate_key": key or h.tls_certificate_key,
        "prefix": h.prefix, "releases": releases or h.releases,
        "headers": _headers(True, "    "),
        "root_redirect": ("" if h.prefix == "/" else
                          f"    # The server's root leads to the course.\n    location = / {{\n"
                          f"        return 302 {h.prefix};\n    }}"),
        "locations": render_locations(root, releases, hsts=True).rstrip("\n"),
    }
    text = string.Template((TEMPLATES / "site.conf.template").read_text(encoding="utf-8")).substitute(values)
    return re.sub(r"\n{3,}", "\n\n", text.replace("\n\n\n", "\n\n"))


def render_snippet(root: Path, releases: str | None = None) -> str:
    text = string.Template((TEMPLATES / "locations-only.conf.template").read_text(encoding="utf-8"))
    return text.substitute(prefix=load(root).prefix, locations=render_locations(root, releases, hsts=False).rstrip("\n")) + "\n"


# The files `make nginx-conf` writes into server/ and every release carries.
SHIPPED = {
    "police-cooperation.conf": lambda root: render_site_conf(root),
    "police-cooperation-nginx1.22.conf": lambda root: render_site_conf(root, version=(1, 22, 1)),
    "police-cooperation-locations.conf": lambda root: render_snippet(root),
}


def shipped_confs(root: Path) -> dict[str, str]:
    return {name: make(root) for name, make in SHIPPED.items()}


def worker_user() -> str | None:
    """Who nginx's workers run as when nginx is started by root: never root."""
    for user, group in (("www-data", "www-data"), ("nobody", "nogroup"), ("nobody", "nobody")):
        try:
            pwd.getpwnam(user)
            grp.getgrnam(group)
            return f"{user} {group}"
        except KeyError:
            continue
    return None


def write_standalone(dest: Path, site_conf: str, root: Path, extra_http: str = "") -> Path:
    """DIR/nginx.conf: a complete configuration that runs from DIR (tests,
    bench, a trial). Started by root, its workers run as www-data (never root),
    so the files they serve must be readable by others, as on a real server."""
    dest = dest.resolve()
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    (dest / "site.conf").write_text(site_conf, encoding="utf-8")
    user = worker_user() if os.geteuid() == 0 else None
    if os.geteuid() == 0 and user is None:
        raise HostingError("no unprivileged user (www-data or nobody) to run nginx's workers as")
    main = string.Template((TEMPLATES / "standalone.conf.template").read_text(encoding="utf-8")).substitute(
        prefix_dir=str(dest), site_conf=str(dest / "site.conf"), extra_http=extra_http,
        user_line=f"user {user};\n" if user else "")
    (dest / "nginx.conf").write_text(main, encoding="utf-8")
    return dest / "nginx.conf"
