"""A real nginx (Debian's package) serving a built course over HTTPS, with a
throw-away CA and certificate made by openssl, on loopback. Started with its
own prefix and the configuration scripts/nginx_conf.py writes; stopped by PID."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

from . import hosting

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
    san = ",".join(f"IP:{h}" if h[0].isdigit() else f"DNS:{h}" for h in hosts)

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


class Nginx:
    def __init__(self, site: Path, workdir: Path, host: str = "127.0.0.1", http_port: int | None = None,
                 https_port: int | None = None):
        self.host = host
        self.http_port = http_port or free_port(host)
        self.https_port = https_port or free_port(host)
        self.workdir = workdir
        self.prefix = hosting.load(REPO).prefix
        # The publish layout: RELEASES/current/<sub-path>/ holds the site.
        releases = workdir / "releases"
        (releases / "current" / self.prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        link = releases / "current" / self.prefix.strip("/")
        if not link.exists():
            link.symlink_to(site, target_is_directory=True)
        self.ca, self.certificate, key = make_certificates(workdir / "tls", [host, "localhost"])
        conf = hosting.render_site_conf(REPO, f"{host}:{self.http_port}", f"{host}:{self.https_port}",
                                 server_name="_", cert=str(self.certificate), key=str(key),
                                 releases=str(releases))
        self.conf = hosting.write_standalone(workdir / "nginx", conf, REPO)
        self.base = f"https://{host}:{self.https_port}" if self.https_port != 443 else f"https://{host}"
        self.url = self.base + self.prefix

    def __enter__(self):
        test = subprocess.run([NGINX, "-t", "-p", str(self.conf.parent), "-c", str(self.conf)],
                              capture_output=True, text=True)
        assert test.returncode == 0, test.stderr
        subprocess.run([NGINX, "-p", str(self.conf.parent), "-c", str(self.conf)], check=True, timeout=30)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection((self.host, self.https_port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        pid_file = self.conf.parent / "nginx.pid"
        if pid_file.is_file():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGQUIT)
            for _ in range(50):
                try:
                    os.kill(pid, 0)
                    time.sleep(0.1)
                except ProcessLookupError:
                    break

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))
