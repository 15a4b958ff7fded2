"""Hosting: the course behind a real nginx, under its sub-path, over HTTPS,
with its security headers; graded by the MDN HTTP Observatory; used in
Chromium with no CSP violation."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import sys
import subprocess
from pathlib import Path

import pytest
from browsing import search
from courselib import hosting
from course_fixture import REPO
from courselib.nginx_server import NGINX, Nginx

PREFIX = hosting.load(REPO).prefix


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make system-deps`"
    with Nginx(built_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server


def fetch(server: Nginx, path: str, https: bool = True, headers: dict | None = None):
    if https:
        conn = http.client.HTTPSConnection(server.host, server.https_port, context=server.ssl_context(), timeout=10)
    else:
        conn = http.client.HTTPConnection(server.host, server.http_port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


SECURITY_HEADERS = {
    "content-security-policy": hosting.CSP,
    "strict-transport-security": "max-age=31536000",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def test_shipped_config_is_the_one_generated_from_mkdocs_yml():
    shipped = (REPO / "server" / "police-cooperation.conf").read_text(encoding="utf-8")
    assert shipped == hosting.render_site_conf(REPO), "run: make nginx-conf"
    assert f"location {PREFIX} {{" in shipped and f"error_page 404 {PREFIX}404.html;" in shipped
    for name, text in hosting.shipped_confs(REPO).items():
        assert (REPO / "server" / name).read_text(encoding="utf-8") == text, f"run: make nginx-conf ({name})"
        # with a file cache nginx went on serving the old release's files after a switch (measured)
        assert "open_file_cache" not in text.replace("No open_file_cache", "")
        assert "gzip_static on;" in text


def test_csp_names_no_other_host_and_no_unsafe_inline_script():
    directives = dict(d.strip().split(" ", 1) for d in hosting.CSP.split(";"))
    assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]{43}=')+", directives["script-src"]), directives["script-src"]
    assert all(re.fullmatch(r"('self'|'none'|'unsafe-inline'|data:)( ('self'|'unsafe-inline'|data:))*", v)
               for k, v in directives.items() if k != "script-src"), directives


def test_pages_load_under_the_sub_path_over_https(nginx):
    status, headers, body = fetch(nginx, PREFIX + "modules/interpol/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"<h1>INTERPOL</h1>" in body
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert headers["permissions-policy"].startswith("camera=()")
    assert headers["cache-control"] == "no-cache"


def test_http_redirects_to_https_and_paths_are_completed(nginx):
    status, headers, _ = fetch(nginx, PREFIX + "modules/interpol/", https=False)
    assert status == 301
    assert headers["location"] == f"https://{nginx.host}:{nginx.https_port}{PREFIX}modules/interpol/"
    status, headers, _ = fetch(nginx, PREFIX.rstrip("/"))
    assert (status, headers["location"]) == (301, PREFIX)
    status, headers, _ = fetch(nginx, "/")
    assert (status, headers["location"]) == (302, PREFIX)
    assert headers["content-security-policy"] == hosting.CSP  # headers on redirects too
    status, headers, _ = fetch(nginx, PREFIX + "modules/interpol")
    assert (status, headers["location"]) == (301, PREFIX + "modules/interpol/")


@pytest.mark.parametrize("path", [PREFIX + "no-such-page/", PREFIX + "modules/a/b/c/missing.html", "/elsewhere/x"])
def test_404_page_is_styled_at_any_depth(nginx, path):
    status, headers, body = fetch(nginx, path)
    assert status == 404
    assert headers["content-security-policy"] == hosting.CSP
    html = body.decode("utf-8")
    assert "Page not found" in html or "404" in html
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sheets and all(s.startswith(PREFIX) for s in sheets)
    for s in sheets:
        assert fetch(nginx, s)[0] == 200, s


def test_compression_and_caching(nginx, built_site):
    status, headers, body = fetch(nginx, PREFIX + "modules/interpol/", headers={"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and b"<h1>INTERPOL</h1>" in gzip.decompress(body)
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    status, headers, _ = fetch(nginx, PREFIX + "assets/javascripts/" + bundle, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "max-age=31536000, immutable"
    assert headers["x-content-type-options"] == "nosniff" and "content-security-policy" not in headers
    inline = next((built_site / "assets" / "inline").glob("inline.*.js")).name
    assert fetch(nginx, PREFIX + "assets/inline/" + inline)[1]["cache-control"] == "max-age=31536000, immutable"
    icon = next((built_site / "assets" / "images").glob("favicon.*.svg")).name
    assert fetch(nginx, PREFIX + "assets/images/" + icon)[1]["cache-control"] == "max-age=31536000, immutable"
    worker = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    status, headers, _ = fetch(nginx, PREFIX + "assets/javascripts/workers/" + worker)
    assert status == 200 and headers["content-security-policy"] == hosting.CSP
    assert headers["cache-control"] == "max-age=315360000"
    assert fetch(nginx, PREFIX + "search/search_index.json")[1]["cache-control"] == "no-cache"
    release = json.loads(fetch(nginx, PREFIX + "release.json")[2])
    assert release["commit"] and release["built"]


def test_module_page_works_in_chromium_with_no_csp_violation(nginx, browser):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    page.goto(nginx.url + "modules/interpol/")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[name=answer][data-correct]").first.check()
    quiz.locator("button[type=submit].quiz-button").click()
    page.wait_for_function("(q) => q.querySelector('.quiz-feedback .quiz-feedback-item.correct')",
                           arg=quiz.element_handle(), timeout=5000)
    assert page.url.endswith("/modules/interpol/")  # the form did not submit to the server
    # search, through Material's worker, under the CSP
    results = search(page, "extradition")
    assert results.count() > 0, problems
    assert problems == []
    context.close()


OBSERVATORY = REPO / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


def test_observatory_grades_the_served_site_a_plus(built_site, tmp_path):
    assert OBSERVATORY.is_file(), "run `make node-deps`"
    assert os.geteuid() == 0, "the Observatory scans ports 80 and 443: run the tests as root (as CI does)"
    with Nginx(built_site, tmp_path, host="127.0.0.2", http_port=80, https_port=443) as server:
        env = dict(os.environ, NODE_EXTRA_CA_CERTS=str(server.ca))
        result = subprocess.run([shutil.which("node") or "node", str(OBSERVATORY), "127.0.0.2"],
                                capture_output=True, text=True, timeout=120, env=env, cwd=OBSERVATORY.parents[1])
    report = json.loads(result.stdout)
    failed = {k: (t.get("result"), t.get("scoreModifier")) for k, t in report.get("tests", {}).items()
              if not t.get("pass")}
    print("Observatory:", report.get("scan"), failed)
    assert report["scan"]["grade"] == "A+", failed
    (REPO / "tests" / "artifacts").mkdir(exist_ok=True)
    (REPO / "tests" / "artifacts" / "observatory.json").write_text(json.dumps(report, indent=2))


# -- Shapes: a server file beside Debian's stock nginx.conf, a location snippet --------

def _debian_layout(tmp: Path) -> Path:
    """A copy of Debian's /etc/nginx (stock nginx.conf, sites-enabled/default,
    conf.d, modules) in a temp prefix, every absolute path pointed into it."""
    etc = tmp / "etc-nginx"
    shutil.copytree("/etc/nginx", etc, symlinks=False)
    for f in [etc / "nginx.conf", *etc.glob("sites-enabled/*"), *etc.glob("modules-enabled/*")]:
        text = f.read_text(encoding="utf-8").replace("/etc/nginx/", f"{etc}/")
        text = re.sub(r"^pid .*;", f"pid {tmp}/nginx.pid;", text, flags=re.M)
        text = text.replace("/var/log/nginx/", f"{tmp}/")
        # modules load relative to nginx's compiled-in prefix, which -p replaces
        text = re.sub(r"^load_module modules/", "load_module /usr/share/nginx/modules/", text, flags=re.M)
        f.write_text(text, encoding="utf-8")
    assert "gzip on;" in (etc / "nginx.conf").read_text(encoding="utf-8")  # the stock http-level line
    return etc


def _nginx_t(etc: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(etc), "-c", str(etc / "nginx.conf")], capture_output=True, text=True)


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    from courselib.nginx_server import make_certificates
    return make_certificates(tmp_path_factory.mktemp("tls"), ["127.0.0.1", "localhost"])


@pytest.mark.parametrize("folder", ["sites-enabled", "conf.d"])
def test_server_file_passes_nginx_t_beside_debians_stock_nginx_conf(tmp_path, certs, folder):
    etc = _debian_layout(tmp_path)
    _, crt, key = certs
    conf = hosting.render_site_conf(REPO, cert=str(crt), key=str(key), version=hosting.nginx_version())
    assert re.match(r"\s*(server|#)", conf) and "\nserver_tokens" not in conf and "\ngzip" not in conf
    (etc / folder / "police-cooperation.conf").write_text(conf, encoding="utf-8")
    result = _nginx_t(etc)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


def test_location_snippet_fits_in_debians_default_site(tmp_path):
    etc = _debian_layout(tmp_path)
    snippet = etc / "snippets" / "police-cooperation-locations.conf"
    snippet.write_text(hosting.render_snippet(REPO), encoding="utf-8")
    default = etc / "sites-enabled" / "default"
    text = default.read_text(encoding="utf-8")
    default.write_text(text.replace("server_name _;", f"server_name _;\n\tinclude {snippet};", 1), encoding="utf-8")
    result = _nginx_t(etc)
    assert result.returncode == 0 and "[warn]" not in result.stderr, result.stderr
    assert "Strict-Transport-Security" not in snippet.read_text(encoding="utf-8")
    assert "location = / " not in snippet.read_text(encoding="utf-8")


def _conf_with(tmp: Path, server_text: str) -> Path:
    return hosting.write_standalone(tmp, server_text, REPO)


def test_course_under_a_sub_path_of_a_shared_hostname(built_site, tmp_path, certs):
    """The snippet inside another site's server: that site keeps its `/`,
    and gets no HSTS; the course is served with its own headers."""
    from courselib.nginx_server import free_port, install_site, start, stop, world_readable_dir
    _, crt, key = certs
    www = world_readable_dir("course-shared-")
    try:
        install_site(built_site, www)
        port = free_port()
        snippet = tmp_path / "course-locations.conf"
        snippet.write_text(hosting.render_snippet(REPO, releases=str(www)), encoding="utf-8")
        conf = _conf_with(tmp_path / "n", f"""server {{
    listen 127.0.0.1:{port} ssl;
    server_name _;
    ssl_certificate {crt};
    ssl_certificate_key {key};
    location / {{ return 200 "the intranet's own home page\\n"; }}
    include {snippet};
}}
""")
        start(conf, "127.0.0.1", port)
        try:
            import ssl as _ssl
            ctx = _ssl.create_default_context(cafile=str(certs[0]))

            def get(path):
                c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
                c.request("GET", path)
                r = c.getresponse()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
            status, headers, body = get("/")
            assert (status, body) == (200, b"the intranet's own home page\n")
            assert "strict-transport-security" not in headers and "content-security-policy" not in headers
            status, headers, body = get(PREFIX + "modules/interpol/")
            assert status == 200 and b"<h1>INTERPOL</h1>" in body
            assert headers["content-security-policy"] == hosting.CSP and "strict-transport-security" not in headers
            assert get(PREFIX.rstrip("/"))[1]["location"] == PREFIX
            status, headers, body = get(PREFIX + "no-such-page/")
            assert status == 404 and b"Page not found" in body and headers["content-security-policy"] == hosting.CSP
        finally:
            stop(conf)
    finally:
        shutil.rmtree(www, ignore_errors=True)


# -- Behind a load balancer -----------------------------------------------------------

def test_behind_a_load_balancer_tls_to_backends_and_tls_ended_at_the_balancer(built_site, tmp_path, certs):
    """A small nginx balancer on loopback before two course servers: (1) it
    speaks TLS to each backend; (2) it ends TLS and forwards plain HTTP with
    X-Forwarded-Proto: https (no redirect loop). release.json is the health
    check: every backend answers the same one."""
    from courselib.nginx_server import free_port, start, stop
    _, crt, key = certs
    with Nginx(built_site, tmp_path / "b1") as b1, Nginx(built_site, tmp_path / "b2") as b2:
        tls_port, plain_port = free_port(), free_port()
        conf = _conf_with(tmp_path / "lb", f"""upstream course_tls {{
    server 127.0.0.1:{b1.https_port};
    server 127.0.0.1:{b2.https_port};
}}
upstream course_plain {{
    server 127.0.0.1:{b1.http_port};
    server 127.0.0.1:{b2.http_port};
}}
server {{
    listen 127.0.0.1:{tls_port} ssl;
    ssl_certificate {crt};
    ssl_certificate_key {key};
    location / {{
        proxy_pass https://course_tls;
        proxy_set_header Host $host;
        proxy_ssl_server_name on;
        proxy_max_temp_file_size 0;
    }}
}}
server {{
    listen 127.0.0.1:{plain_port} ssl;
    ssl_certificate {crt};
    ssl_certificate_key {key};
    location / {{
        proxy_pass http://course_plain;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto https;
        proxy_max_temp_file_size 0;
    }}
}}
""")
        start(conf, "127.0.0.1", plain_port)
        try:
            import ssl as _ssl
            ctx = _ssl.create_default_context(cafile=str(certs[0]))
            for port in (tls_port, plain_port):
                for _ in range(4):  # round robin: both backends answer
                    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
                    c.request("GET", PREFIX + "modules/interpol/")
                    r = c.getresponse()
                    body = r.read()
                    assert r.status == 200, (port, r.status, r.getheader("location"))
                    assert b"<h1>INTERPOL</h1>" in body
                    assert r.getheader("strict-transport-security") == hosting.HSTS
                c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
                c.request("GET", PREFIX.rstrip("/"))
                r = c.getresponse()
                assert (r.status, r.getheader("location")) == (301, PREFIX)  # relative: right behind any balancer
            # the health check, and the same release on every server
            stamps = {fetch(b, PREFIX + "release.json")[2] for b in (b1, b2)}
            assert len(stamps) == 1 and json.loads(stamps.pop())["commit"]
            # plain HTTP without the balancer's header is still sent to HTTPS
            assert fetch(b1, PREFIX, https=False)[0] == 301
        finally:
            stop(conf)


# -- TLS, HTTP/2, IPv6, workers ----------------------------------------------------------

def _handshake(server: Nginx, **opts):
    import ssl as _ssl
    import socket as _socket
    ctx = _ssl.SSLContext(_ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(str(server.ca))
    ctx.check_hostname = False
    if "version" in opts:
        ctx.minimum_version = ctx.maximum_version = opts["version"]
    if "ciphers" in opts:
        ctx.set_ciphers(opts["ciphers"])
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    with _socket.create_connection((opts.get("host", server.host), server.https_port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.version(), tls.cipher()[0], tls.selected_alpn_protocol(), tls.session


def test_tls_follows_mozillas_intermediate_profile_with_http2(nginx):
    import ssl as _ssl
    version, cipher, alpn, session = _handshake(nginx)
    assert version == "TLSv1.3" and alpn == "h2"
    version, cipher, alpn, session = _handshake(nginx, version=_ssl.TLSVersion.TLSv1_2,
                                                ciphers="ECDHE-RSA-AES128-GCM-SHA256")
    assert (version, cipher) == ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256")
    assert not session.has_ticket  # ssl_session_tickets off
    for ciphers in ("AES128-GCM-SHA256", "AES256-SHA", "DHE-RSA-AES128-GCM-SHA256"):  # not forward-secret (or DHE)
        with pytest.raises(_ssl.SSLError):
            _handshake(nginx, version=_ssl.TLSVersion.TLSv1_2, ciphers=ciphers)
    with pytest.raises(_ssl.SSLError), pytest.warns(DeprecationWarning):
        _handshake(nginx, version=_ssl.TLSVersion.TLSv1_1, ciphers="DEFAULT@SECLEVEL=0")
    conf = (nginx.conf.parent / "site.conf").read_text(encoding="utf-8")
    assert "ssl_session_cache shared:" in conf and "ssl_session_tickets off;" in conf
    test = nginx.test_config()
    assert "[warn]" not in test.stderr, test.stderr  # no deprecated http2 form for this nginx


def test_ipv6_listen(nginx):
    from courselib.nginx_server import ipv6_loopback
    assert "listen [::]:443 ssl" in hosting.render_site_conf(REPO)
    if not ipv6_loopback():
        pytest.skip("this machine has no ::1: only the IPv6 part is not run (the shipped file listens on [::]:443)")
    assert nginx.ipv6
    version, _, alpn, _ = _handshake(nginx, host="::1")
    assert version == "TLSv1.3" and alpn == "h2"
    conn = http.client.HTTPSConnection("::1", nginx.https_port, context=nginx.ssl_context(), timeout=10)
    conn.request("GET", PREFIX + "release.json")
    assert conn.getresponse().status == 200


def test_workers_never_run_as_root(nginx):
    pid = (nginx.conf.parent / "nginx.pid").read_text().strip()
    users = subprocess.run(["ps", "-o", "user=", "--ppid", pid], capture_output=True, text=True).stdout.split()
    assert users and "root" not in users, users


def test_gzip_static_serves_the_published_gz_file(nginx):
    page = nginx.releases / "current" / PREFIX.strip("/") / "modules" / "interpol" / "index.html"
    status, headers, body = fetch(nginx, PREFIX + "modules/interpol/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert body == page.with_name("index.html.gz").read_bytes()  # the file itself, not compressed on the fly
    assert fetch(nginx, PREFIX + "modules/interpol/")[2] == page.read_bytes()


# -- Lint ----------------------------------------------------------------------------

# gixy-next's findings we accept, each with its reason.
ACCEPTED_GIXY = {
    # Files named by their content are sent with Cache-Control, nosniff and
    # Cross-Origin-Resource-Policy only (README says so): the page headers
    # (CSP, ...) mean nothing for a style sheet and cost 400 bytes each.
    "add_header_redefinition",
}


@pytest.mark.parametrize("shape", ["server", "server-nginx1.22", "locations"])
def test_gixy_finds_nothing_but_the_accepted(tmp_path, shape):
    gixy = Path(sys.executable).parent / "gixy"
    assert gixy.exists(), "gixy-next is missing: make install"
    if shape == "locations":
        # the host's own server (its server_tokens is the host's: the snippet's locations set their own)
        text = (f"server {{\n    listen 443 ssl;\n    server_name intranet.example;\n    server_tokens off;\n"
                f"{hosting.render_snippet(REPO)}}}\n")
    else:
        text = hosting.render_site_conf(REPO, version=(1, 22, 1) if shape.endswith("1.22") else None)
    conf = hosting.write_standalone(tmp_path, text, REPO)
    result = subprocess.run([str(gixy), "-f", "json", str(conf)], capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout or "[]")
    assert {f["plugin"] for f in findings} <= ACCEPTED_GIXY, findings
    for f in findings:  # the accepted redefinition is the content-named files' location, nowhere else
        assert "immutable" in json.dumps(f) or "0-9a-f" in json.dumps(f), f


# -- Headers as README says -----------------------------------------------------------

def _readme_headers() -> tuple[dict, dict]:
    hosts = (REPO / "README.md").read_text(encoding="utf-8").split("## For hosts", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n(.*?)```", hosts, re.S)
    parse = lambda b: dict(l.split(": ", 1) for l in b.strip().splitlines())  # noqa: E731
    return parse(blocks[0]), parse(blocks[1])


def test_headers_are_what_readme_says_on_a_page_a_hashed_file_the_404_and_a_redirect(nginx, built_site):
    every, hashed = _readme_headers()
    assert {k.lower(): v for k, v in every.items()} == {k.lower(): v for k, v in hosting.SECURITY_HEADERS}
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path, want in ((PREFIX + "modules/interpol/", 200), (PREFIX + "no-such-page/", 404),
                       (PREFIX.rstrip("/"), 301), ("/", 302)):
        status, headers, _ = fetch(nginx, path)
        assert status == want
        for name, value in every.items():
            assert headers.get(name.lower()) == value, (path, name)
    status, headers, _ = fetch(nginx, PREFIX + "assets/javascripts/" + bundle)
    assert status == 200
    for name, value in hashed.items():
        assert headers.get(name.lower()) == value, name
    assert not {k.lower() for k in every} - {k.lower() for k in hashed} & set(headers)
