# Course site: every command a trainer, host or CI needs.
# `make serve` and `make test` work on a fresh machine: they install what
# they need first (Python packages from requirements.lock into .venv;
# Node packages for the tests from package-lock.json into node_modules;
# Debian's chromium, nginx, wrk, openssl, node, faketime, poppler-utils
# (pdftotext) and libxml2-utils (xmllint) through apt-get when missing).

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
NODE_STAMP := node_modules/.installed-$(shell sha256sum package-lock.json | cut -c1-12)
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Material 9.x prints an end-of-life banner on every build; README explains the plan.
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true
# Playwright must never try to download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install node-deps system-deps serve build check test bench lock clean package pdf scorm publish bundle rollback nginx-conf

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)  ## install the Python packages pinned in requirements.lock

# Node.js 20 or later: Lighthouse 12.8 needs 18.16, the HTTP Observatory 20 (Debian 12's own
# nodejs is 18.20). npm warns once, about cookie 2.x (engines: node >= 22): only the
# Observatory's web-server part (light-my-request) uses it, and the tests never start that.
$(NODE_STAMP): package-lock.json | system-deps
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || \
	  { echo "node $$(node --version) is too old: the test tools need Node.js 20 or later"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@# The Observatory's install step would fetch the HSTS preload list: it stays empty here.
	@echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	@rm -f node_modules/.installed-* && touch $@

node-deps: $(NODE_STAMP)  ## install the test tools pinned in package-lock.json (GIFT parser, Observatory, Lighthouse, axe, scorm-again)

system-deps:  ## install Debian's chromium, nginx, wrk, openssl, node, faketime, poppler-utils and libxml2-utils when missing (tests need them)
	@missing=""; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	  command -v wrk >/dev/null || missing="$$missing wrk"; \
	  command -v openssl >/dev/null || missing="$$missing openssl"; \
	  command -v node >/dev/null || missing="$$missing nodejs"; \
	  command -v npm >/dev/null || missing="$$missing npm"; \
	  command -v faketime >/dev/null || missing="$$missing faketime"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  command -v xmllint >/dev/null || missing="$$missing libxml2-utils"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing from Debian:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	  fi

# The language editions (scripts/courselib/editions.py): English, Albanian, Serbian (Latin).
# EDITION, not LANG: LANG is the shell's locale setting and is set on most machines.
EDITIONS := en sq sr-Latn
EDITION ?= en
BUILT := $(or $(COURSE_BUILT),$(shell date -u '+%Y-%m-%d %H:%M UTC'))

serve: install  ## build and serve one edition at http://127.0.0.1:8000, reloading on changes (EDITION=sq or sr-Latn; English by default)
	COURSE_LANG=$(EDITION) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: install  ## build every edition into site/ (English) and site/sq/, site/sr-Latn/ (strict: any warning fails)
	@# One release stamp (date and time) for every edition of this build.
	COURSE_BUILT="$(BUILT)" COURSE_LANG=en $(BIN)/mkdocs build --strict --clean --site-dir site
	@# Then the other editions, side by side (one per core), each into site/<lang>/
	@# (overrides/hooks/editions.py); its own clean empties only that folder.
	@mkdir -p .cache; pids=""; \
	for lang in $(filter-out en,$(EDITIONS)); do \
	  COURSE_BUILT="$(BUILT)" COURSE_LANG=$$lang $(BIN)/mkdocs build --strict --clean --site-dir site \
	    > .cache/build-$$lang.log 2>&1 & pids="$$pids $$!"; \
	done; rc=0; for pid in $$pids; do wait $$pid || rc=1; done; \
	for lang in $(filter-out en,$(EDITIONS)); do \
	  echo "make build: edition $$lang"; grep -E "^(INFO|WARNING|ERROR)|^  |Aborted" .cache/build-$$lang.log; \
	done; exit $$rc

check: install  ## content checks and spelling (about a second, no build)
	@$(BIN)/python scripts/check_content.py --spelling

test: install system-deps node-deps  ## run every test (unit, messages, build, browser); prints its wall time
	@start=$$(date +%s); $(BIN)/python -m pytest; rc=$$?; \
	  echo "make test: wall time $$(( $$(date +%s) - start )) s (budget 1800 s on 2 cores)"; exit $$rc

package: install  ## build dist/police-cooperation-offline.zip: the course from file://, with a SHA-256 manifest
	$(BIN)/python scripts/package.py

pdf: install system-deps  ## print the whole course to dist/police-cooperation.pdf (A4, page numbers, release stamp)
	$(BIN)/python scripts/pdf.py

scorm: install  ## build dist/police-cooperation-scorm12.zip for the academy's LMS (SCORM 1.2, one SCO per module; EDITION=sq: -sq.zip)
	$(BIN)/python scripts/scorm.py --lang $(EDITION)

publish: install  ## build, check and atomically publish to extra.hosting.releases (TARGET=dir to override)
	$(BIN)/python scripts/publish.py $(if $(TARGET),--target $(TARGET))

bundle: install  ## build and check a release into dist/police-cooperation-<id>.tar.gz, for a server with no internet (README, For hosts)
	$(BIN)/python scripts/publish.py --bundle dist

rollback: install  ## make the previous published release live again (TARGET=dir to override)
	$(BIN)/python scripts/publish.py --rollback $(if $(TARGET),--target $(TARGET))

nginx-conf: install  ## regenerate the nginx files in server/ from mkdocs.yml
	$(BIN)/python scripts/nginx_conf.py --shipped server/

bench: install node-deps  ## print build time (English, each edition, all three), page weight and search-index size
	$(BIN)/python scripts/bench.py

lock:  ## re-pin requirements.in into requirements.lock (needs the network)
	$(BIN)/python -m pip install --quiet uv && $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 requirements.in -o requirements.lock

clean:  ## remove built and cached files
	rm -rf site dist .cache .pytest_cache tests/artifacts
