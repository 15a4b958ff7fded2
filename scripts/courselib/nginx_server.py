"""A real nginx (Debian's package) serving a built course over HTTPS, with a
throw-away CA and certificate made by openssl, on loopback. Started with its
own prefix and the configuration scripts/nginx_conf.py writes; stopped by PID."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import hosting, releases

REPO = Path(__file__).resolve().parents[2]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def make_certificates(dest: Path, hosts: list[str]) -> tuple[Path, Path, Path]:
    """A CA, and a server certificate it signs for the given IPs/names."""
    dest.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, csr, crt = (dest / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    san = ",".join(f"IP:{h}" if h[0].isdigit() or ":" in h else f"DNS:{h}" for h in hosts)

    def ossl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)

    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "2",
         "-subj", "/CN=Course test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={hosts[0]}")
    ext = dest / "server.ext"
    ext.write_text(f"subjectAltName={san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
         "-out", str(crt), "-days", "2", "-extfile", str(ext))
    return ca, crt, key


def ipv6_loopback() -> bool:
    """Whether ::1 can be bound here (some containers have no IPv6)."""
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def world_readable_dir(prefix: str) -> Path:
    """A fresh folder under /tmp that nginx's workers (www-data) can enter:
    a pytest folder (mode 0700) cannot be served."""
    d = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    os.chmod(d, 0o755)
    return d


def install_site(site: Path, target: Path) -> str:
    """Install a built site as a release of `target` the way publish.py
    does (explicit modes, .gz files) and make it live, without the check."""
    t = releases.Target(target)
    prefix = hosting.load(REPO).prefix
    with releases.Lock(t, "test", 10):
        rid = releases.new_id(t, commit="test")
        building = t.releases / f"{rid}.building"
        shutil.copytree(site, building / prefix.strip("/"), symlinks=False)
        releases.finish(t, building, rid, releases.manifest_of(building), {"path": prefix})
        releases.activate(t, rid, action="test", check_url=None, check=False, keep=0)
    return rid


def start(conf: Path, host: str, port: int) -> None:
    """Test, start (as a daemon with its own prefix) and wait for a port."""
    test = subprocess.run([NGINX, "-t", "-p", str(conf.parent), "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    subprocess.run([NGINX, "-p", str(conf.parent), "-c", str(conf)], check=True, timeout=30)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)


def stop(conf: Path) -> None:
    """Stop the nginx started with `conf`, by the PID it wrote."""
    pid_file = conf.parent / "nginx.pid"
    if pid_file.is_file():
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGQUIT)
        for _ in range(50):
            try:
                os.kill(pid, 0)
                time.sleep(0.1)
            except ProcessLookupError:
                break


class Nginx:
    """nginx serving `site` (installed into a fresh publishing folder), or an
    existing publishing folder `releases` as it is. shape "server" is the
    shipped server file; "locations" the snippet inside a plain server."""

    def __init__(self, site: Path | None, workdir: Path, host: str = "127.0.0.1", http_port: int | None = None,
                 https_port: int | None = None, releases: Path | None = None, ipv6: bool | None = None):
        self.host = host
        self.http_port = http_port or free_port(host)
        self.https_port = https_port or free_port(host)
        self.workdir = workdir
        self.prefix = hosting.load(REPO).prefix
        self._own = None
        if releases is None:
            self._own = world_readable_dir("course-www-")
            releases = self._own
            install_site(site, releases)
        self.releases = releases
        # IPv6 on ::1 as well, on the same ports, where the machine has it.
        self.ipv6 = ipv6_loopback() if ipv6 is None else ipv6
        if self.ipv6:
            with socket.socket(socket.AF_INET6) as s:
                try:
                    s.bind(("::1", self.https_port))
                    s.close()
                    with socket.socket(socket.AF_INET6) as s2:
                        s2.bind(("::1", self.http_port))
                except OSError:
                    self.ipv6 = False
        self.ca, self.certificate, key = make_certificates(workdir / "tls", [host, "localhost", "::1"])
        self.key = key
        http = [f"{host}:{self.http_port}"] + ([f"[::1]:{self.http_port}"] if self.ipv6 else [])
        https = [f"{host}:{self.https_port}"] + ([f"[::1]:{self.https_port}"] if self.ipv6 else [])
        conf = hosting.render_site_conf(REPO, http, https, server_name="_", cert=str(self.certificate), key=str(key),
                                        releases=str(releases), version=hosting.nginx_version())
        self.conf = hosting.write_standalone(workdir / "nginx", conf, REPO)
        self.base = f"https://{host}:{self.https_port}" if self.https_port != 443 else f"https://{host}"
        self.url = self.base + self.prefix

    def test_config(self) -> subprocess.CompletedProcess:
        return subprocess.run([NGINX, "-t", "-p", str(self.conf.parent), "-c", str(self.conf)],
                              capture_output=True, text=True)

    def __enter__(self):
        start(self.conf, self.host, self.https_port)
        return self

    def reload(self) -> None:
        pid = int((self.conf.parent / "nginx.pid").read_text().strip())
        os.kill(pid, signal.SIGHUP)

    def __exit__(self, *exc):
        stop(self.conf)
        if self._own:
            shutil.rmtree(self._own, ignore_errors=True)

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))


# -- Page loads under way while releases are switched -------------------------------------

class _Named(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {"stylesheet", "icon", "preload"}:
            self.urls.append(a["href"])


def files_named(page_url: str, html: str) -> list[str]:
    """Same-site files a page names (scripts, style sheets, icons, images), as paths."""
    p = _Named()
    p.feed(html)
    out = []
    for u in p.urls:
        full = urlsplit(urljoin(page_url, u))
        if not full.netloc or full.netloc == urlsplit(page_url).netloc:
            out.append(full.path)
    return out


@dataclass
class LoadFigures:
    pages: int = 0
    requests: int = 0
    non_2xx: list = field(default_factory=list)
    socket_errors: list = field(default_factory=list)
    releases_seen: set = field(default_factory=set)
    seconds: float = 0.0

    @property
    def failures(self) -> int:
        return len(self.non_2xx) + len(self.socket_errors)


class PageLoads:
    """A few browser-like clients, each over its own keep-alive HTTPS
    connection, loading module pages and then every file each page names,
    until stop() or `limit` seconds (it always stops by itself). Only to the
    given loopback server."""

    def __init__(self, server: "Nginx", pages: list[str], connections: int = 4, limit: float = 30.0):
        assert server.host.startswith("127."), "load goes to loopback only"
        self.server, self.pages, self.connections, self.limit = server, pages, connections, limit
        self.figures = LoadFigures()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def _connect(self):
        return http.client.HTTPSConnection(self.server.host, self.server.https_port,
                                           context=self.server.ssl_context(), timeout=10)

    def _get(self, conn, path):
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        r = conn.getresponse()
        body = r.read()
        if r.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return r.status, body

    def _client(self, n: int):
        conn = self._connect()
        i = n
        while not self._stop.is_set():
            page = self.server.prefix + self.pages[i % len(self.pages)]
            i += 1
            try:
                status, body = self._get(conn, page)
                paths = files_named(self.server.base + page, body.decode("utf-8", "replace")) if status == 200 else []
                results = [(page, status)]
                for path in paths:
                    results.append((path, self._get(conn, path)[0]))
                status, body = self._get(conn, self.server.prefix + "release.json")
                results.append(("release.json", status))
                release = json.loads(body).get("release") if status == 200 else None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                with self._lock:
                    self.figures.socket_errors.append(f"{page}: {exc!r}")
                conn.close()
                conn = self._connect()
                continue
            with self._lock:
                self.figures.pages += 1
                self.figures.requests += len(results)
                self.figures.non_2xx += [f"{p}: {s}" for p, s in results if not 200 <= s < 300]
                if release:
                    self.figures.releases_seen.add(release)
        conn.close()

    def __enter__(self):
        self._start = time.monotonic()
        self._deadline = threading.Timer(self.limit, self._stop.set)
        self._deadline.start()
        for n in range(self.connections):
            t = threading.Thread(target=self._client, args=(n,), daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> LoadFigures:
        self._stop.set()
        for t in self._threads:
            t.join(30)
        self._deadline.cancel()
        self.figures.seconds = time.monotonic() - self._start
        return self.figures

    def __exit__(self, *exc):
        self.stop()
