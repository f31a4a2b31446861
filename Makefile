# The project's vocabulary. Every target sets up what it needs on a fresh machine.
#   make serve      set up, then preview the English site with live reload (http://127.0.0.1:8000/en/)
#   make serve-es   the same for the Spanish site (http://127.0.0.1:8000/es/)
#   make test       set up (Python packages, Debian's Chromium), then run every test
#   make test-fast  the plain-Python unit tests only (tests/unit/): seconds, no build, no browser
#   make build      build the whole bilingual site into site/
#   make check      validate the content without building
#   make edit       set up, then write cards in a browser form (http://127.0.0.1:8010/admin/)
#   make edit-es    the same form with its own words in Spanish

export NO_MKDOCS_2_WARNING := 1

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTHON  ?= python3

.PHONY: setup serve serve-es build check edit edit-es test test-fast lint browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	CARRYOVER_LANG=en CARRYOVER_SITE_URL=http://127.0.0.1:8000/en/ $(BIN)/mkdocs serve --livereload --dirty

serve-es: setup
	CARRYOVER_LANG=es CARRYOVER_SITE_URL=http://127.0.0.1:8000/es/ $(BIN)/mkdocs serve --livereload --dirty

build: setup
	$(BIN)/carryover build --output site

check: setup
	$(BIN)/carryover check

lint: setup
	$(BIN)/ruff check carryover hooks tests
	$(BIN)/ruff format --check carryover hooks tests
	$(BIN)/mypy

# Browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; fi; }

# axe-core (accessibility rules) comes from the npm registry, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

# The browser form (Decap CMS and decap-server) from the npm registry, pinned in editor/package-lock.json.
editor/node_modules/.installed: editor/package.json editor/package-lock.json
	npm ci --prefix editor --no-audit --no-fund --loglevel=error
	touch editor/node_modules/.installed

edit: setup editor/node_modules/.installed
	$(BIN)/carryover edit

edit-es: setup editor/node_modules/.installed
	$(BIN)/carryover edit --ui es

test: setup browser node_modules/.installed editor/node_modules/.installed
	$(BIN)/python -m pytest -n 2 -q

test-fast: setup
	$(BIN)/python -m pytest -q tests/unit

clean:
	rm -rf site .site-* $(VENV) node_modules editor/node_modules .cache
