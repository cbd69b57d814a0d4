# briefing: the two commands a new machine needs are `make serve` (or `make site`) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST   ?= 127.0.0.1
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-test site serve test browser bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP)  ## the runtime only: what building and serving the site needs

setup-test: $(TEST_STAMP)  ## the runtime and the test tools (pytest, playwright, zizmor, ...)

site: setup  ## generate the briefings from content/articles and build site/
	$(BIN)/mkdocs build --strict

serve: site  ## build, then serve on http://$(HOST):$(PORT) (regenerates on change; HOST=, PORT= to choose)
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

browser:  ## Debian chromium and axe-core for the browser tests
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund

test: setup-test browser  ## the whole test suite, browser tests included
	$(BIN)/python -m pytest -q

screenshots: setup-test browser  ## retake the README's screenshots in docs/screenshots
	BRIEFING_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/test_browser.py -k screenshots

bench: setup  ## the benchmark on a JSONL corpus (see bench/README.md)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .cache content/generated .briefing-*.yml
