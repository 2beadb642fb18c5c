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

.PHONY: site test test-quick lint goldens schema serve clean chromium screenshot

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

# playbook build builds the languages in parallel, one process each (--jobs).
site: $(SITE_STAMP)
	$(BIN)/playbook build
	@echo "Or 'make serve' for a live preview that regenerates when you save content.yaml."

serve: $(SITE_STAMP)
	$(BIN)/playbook serve

test: $(STAMP) chromium
	$(BIN)/python -m pytest

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

# ruff (rules named in pyproject.toml) and mypy, both pinned in the test extras.
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test-quick: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

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
	rm -rf $(VENV) site .pytest_cache
