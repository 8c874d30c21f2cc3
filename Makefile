# OCOP Geo — two commands for a fresh machine (Python 3.11+ and make):
#   make run    create .venv, install the pinned requirements, fetch the offline map files
#               (static/vendor), check the data, create/migrate the embedded SQLite database
#               (var/), start the app (`exec`: make's SIGTERM or Ctrl-C reaches the app server
#               itself)
#   make test   install the dev requirements, fetch the offline map files and the browser
#               tests' axe-core (build/test-tools), run ruff (lint + format) and the whole
#               test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test test-fast assets test-assets bench lint data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The app still starts when the map files cannot be fetched (no registry reachable): every map
# then shows a notice saying to run `make assets`, instead of a blank frame.
run: $(VENV)/.installed
	-$(BIN)/ocop-geo assets fetch
	$(BIN)/ocop-geo validate
	$(BIN)/ocop-geo db upgrade
	exec $(BIN)/ocop-geo serve --server.port $(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/ocop-geo assets fetch
	$(BIN)/ocop-geo assets fetch --test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest --durations=30

# The quick loop while editing: ruff and the tests that need no browser, no network and little time.
test-fast: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not browser and not network and not slow"

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Offline map assets (Leaflet, plugins, Font Awesome…) into static/vendor: the pinned npm
# tarballs, downloaded over HTTPS and checked against their sha512 integrity (no npm needed).
# Fast when already complete.
assets: $(VENV)/.installed
	$(BIN)/ocop-geo assets fetch

# The browser tests' tools (axe-core, for the accessibility test) into build/test-tools: a
# pinned npm tarball checked against its sha512, the same download as `make assets`.
test-assets: $(VENV)/.installed
	$(BIN)/ocop-geo assets fetch --test-tools

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/map_payload.py
	$(BIN)/python bench/map_render.py
	$(BIN)/python bench/registry.py
	$(BIN)/python bench/optimise.py
	$(BIN)/python bench/roads.py
	$(BIN)/python bench/booths.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/readiness_page.py
	$(BIN)/python bench/briefing.py
	$(BIN)/python bench/login_timing.py
	$(BIN)/python bench/browser.py

# Rebuild geo/ boundary layers from the raw sources (RAW=path to the raw folder).
RAW ?= ../shared/data/raw
data: $(VENV)/.installed
	$(BIN)/ocop-geo data build $(RAW)
	$(BIN)/ocop-geo validate

clean:
	rm -rf $(VENV) static/vendor build/test-tools .pytest_cache .ruff_cache
