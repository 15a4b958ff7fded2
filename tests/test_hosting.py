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
