# briefing: the two commands a new machine needs are `make serve` (or `make site`) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve test browser bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP)

site: setup  ## generate the briefings from content/articles and build site/
	$(BIN)/mkdocs build --strict

serve: site  ## build, then serve on http://127.0.0.1:8000 (regenerates on change)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

browser:  ## Debian chromium and axe-core for the browser tests
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund

test: setup browser  ## the whole test suite, browser tests included
	$(BIN)/python -m pytest -q

screenshots: setup browser  ## retake the README's screenshots in docs/screenshots
	BRIEFING_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/test_browser.py -k screenshots

bench: setup  ## the benchmark on a JSONL corpus (see bench/README.md)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .cache content/generated
