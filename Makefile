# Two commands set everything up on a fresh machine:
#   make demo   install into .venv, match an example tender, draft its annex, build the guide
#   make test   install with dev dependencies (and chromium, axe-core, LibreOffice), lint, type-check, test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
NODE   := .cache/node
AXE    := $(NODE)/node_modules/axe-core/axe.min.js
SITE   := site

.PHONY: demo test lint typecheck pytest install install-dev browser-deps office-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The package is installed non-editable, so the tests run against what a user would install.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[site]"

# pip always reinstalls a local folder, so the tests see the current code and catalogue.
install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[dev]"

# apt waits up to five minutes for another install to finish (instead of failing on dpkg's lock);
# without root it cannot install, so it says what to install by hand.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq
apt_install = if [ "$$(id -u)" != 0 ]; then echo "error: $(1) is missing and installing it needs root: run 'sudo apt-get install $(1)', then make again" >&2; exit 1; fi; $(APT_GET) update && $(APT_GET) install -y $(1) >/dev/null

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(call apt_install,chromium); }
	@test -f $(AXE) || (mkdir -p $(NODE) && npm install --silent --no-audit --no-fund --prefix $(NODE) axe-core@4 >/dev/null)

office-deps:
	@command -v soffice >/dev/null 2>&1 || { $(call apt_install,libreoffice-writer-nogui); }

demo: install
	@echo "== 1. Check the bundled catalogue"
	$(BIN)/sociaalaankopen check --strict
	@echo "== 2. Match an example tender"
	$(BIN)/sociaalaankopen match --file examples/groenonderhoud.txt --top 5
	@echo "== 3. Draft the social-clauses annex for it"
	mkdir -p build  # draft writes into an existing folder only (a typo in --out is not made into a tree)
	$(BIN)/sociaalaankopen draft --from-tender examples/groenonderhoud.txt --format docx --out build/bijlage-sociale-clausules.docx --force
	@echo "== 4. Build the practice guide"
	$(BIN)/sociaalaankopen guide build --out $(SITE)
	@echo "Start the tool with the guide: $(BIN)/sociaalaankopen serve --guide $(SITE)   (then browse to http://127.0.0.1:8000/)"

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-dev
	$(BIN)/mypy src

pytest: install-dev browser-deps office-deps
	AXE_PATH=$(CURDIR)/$(AXE) $(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: install-dev
	$(BIN)/python -m pip install --quiet ".[dev,bench]"
	$(BIN)/python benchmarks/match_quality.py
	$(BIN)/python benchmarks/match_speed.py
	$(BIN)/python benchmarks/site_build.py
	$(BIN)/python benchmarks/observe_speed.py --quick
	$(BIN)/python benchmarks/web_load.py

clean:
	rm -rf $(VENV) build $(SITE) .cache .pytest_cache .mypy_cache .ruff_cache
