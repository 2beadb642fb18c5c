# Two commands for a fresh machine (see README):
#   make site   build the default playbook into site/ and print the path to open
#   make test   run the whole test suite
# Each creates .venv and installs what it needs on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test test-quick goldens schema serve clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/playbook build
	@echo "Site: $(CURDIR)/site/index.html"
	@echo "View it at http://127.0.0.1:8000/ with: python3 -m http.server -d site 8000   (or 'make serve' for a live preview)"

serve: $(STAMP)
	$(BIN)/playbook serve

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# Browser tests drive Debian's chromium through Playwright (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

test-quick: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# Regenerate the golden files after an intended change to templates or UI text.
goldens: $(STAMP)
	$(BIN)/python -m pytest tests/test_render.py --update-goldens

# Regenerate content.schema.json after a change to generator/model.py.
schema: $(STAMP)
	$(BIN)/playbook schema > content.schema.json

clean:
	rm -rf $(VENV) site .pytest_cache
