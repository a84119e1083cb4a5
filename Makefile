# Two commands for a fresh machine: `make run` (app on the demo data) and `make test`.
# Both create the virtual environment .venv/ in the repository root first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast check lint types contracts format demo bench browser-deps server-deps doc-deps oidc-deps clean

$(BIN)/.installed-runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/.installed-runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: set up .venv and start the app (the demo database is built on first start)
run: $(BIN)/.installed-runtime
	$(BIN)/streamlit run serve.py --server.port $(PORT)

## test: set up .venv (with test tools, Debian's chromium, PostgreSQL and nginx, the test OIDC
## provider) and run every test
test: $(BIN)/.installed-dev browser-deps server-deps doc-deps oidc-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

## test-fast: the tests that need no browser, server or Debian tool (tests/unit, DuckDB only),
## with no apt install: for a quick look while working
test-fast: $(BIN)/.installed-dev
	TRACKER_TEST_BACKENDS=duckdb $(BIN)/python -m pytest -q -n 2 tests/unit

## browser-deps: Debian's chromium for the real-browser test (never a browser download)
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

## server-deps: Debian's PostgreSQL 15 (the tests start a throw-away cluster of it) and nginx
## (the two-server deployment's front)
server-deps:
	@{ [ -x /usr/lib/postgresql/15/bin/initdb ] && [ -x /usr/sbin/nginx ]; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql nginx >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql nginx >/dev/null; fi; }

## doc-deps: Debian's document tools: LibreOffice (renders .docx to PDF, converts .doc),
## antiword (reads .doc), poppler-utils (pdftotext, pdftoppm), Tesseract with Vietnamese data
## (scanned plans)
DOC_TOOLS := /usr/bin/soffice /usr/bin/antiword /usr/bin/pdftoppm /usr/bin/tesseract \
  /usr/share/tesseract-ocr/5/tessdata/vie.traineddata
doc-deps:
	@{ for f in $(DOC_TOOLS); do [ -e $$f ] || exit 1; done; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libreoffice-writer-nogui \
	    antiword poppler-utils tesseract-ocr tesseract-ocr-vie >/dev/null; }

## oidc-deps: npm's oidc-provider for the sign-in browser test, exactly as package-lock.json says
oidc-deps: tests/oidc/node_modules/.installed
tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## check: everything CI checks: format, lint, types, the layer contracts, then every test
check: $(BIN)/.installed-dev browser-deps server-deps doc-deps oidc-deps
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

## lint / types / contracts / format: the parts of check, one at a time
lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
types: $(BIN)/.installed-dev
	$(BIN)/mypy
contracts: $(BIN)/.installed-dev
	$(BIN)/lint-imports --no-cache
format: $(BIN)/.installed-dev
	$(BIN)/ruff format .

## demo: rebuild data/tracker.duckdb from the bundled plans
demo: $(BIN)/.installed-runtime
	$(BIN)/python -m tracker demo --force

## bench: the speed benchmarks (ratios against a baseline measured in the same run)
bench: $(BIN)/.installed-dev
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/pages.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
