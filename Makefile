# The module's commands. Each creates the .venv environment it needs on first use.
#   make lab    open the module in JupyterLab (NO_BROWSER=1 to not open a browser)
#   make test   lint, then run every test: unit, data, lab and nbval on every notebook
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The pure-Python wheels the JupyterLite site bundles (make lite; its tests run in make test).
LITE_WHEELS := $(VENV)/lite-wheels
LITE_DOWNLOAD = $(BIN)/python -m pip download --progress-bar off --no-deps --only-binary=:all: --dest $(LITE_WHEELS) -r tools/lite-wheels.txt
PYTEST_ARGS ?=
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help lab test lint notebooks clean release bench bench-memory html lite links

help:
	@echo "make lab        open the module in JupyterLab (NO_BROWSER=1 to skip the browser)"
	@echo "make test       run the whole test suite (creates .venv with the test tools)"
	@echo "make notebooks  re-execute every notebook and save its outputs (for authors)"
	@echo "make lint       check the code style with ruff"
	@echo "make clean      remove .venv and caches"
	@echo "make release    generate the exercises' student versions into exercises/release/ (instructors)"
	@echo "make bench      time the module against floors measured in the same run (slow; BENCH_ARGS=--quick)"
	@echo "make bench-memory  peak memory per notebook kernel and per JupyterLab server (hub sizing)"
	@echo "make links HUB=https://your.hub  Binder link and one nbgitpuller link per notebook for your hub"
	@echo "make html       render the notebooks as a static web site into build/html/ (read-only, offline)"
	@echo "make lite       build the module as an in-browser JupyterLite site into build/lite/ (PYODIDE=... to self-host Python)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "This module needs Python 3.11 or newer; $(PYTHON) is " + sys.version.split()[0] + ". Try: make lab PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changed since the last install.
$(VENV)/.runtime.stamp: pyproject.toml | $(BIN)/python
	@echo "Installing the module into $(VENV) (first run only; takes a few minutes) ..."
	$(BIN)/python -m pip install --progress-bar off -e .
	@touch $@

$(VENV)/.test.stamp: pyproject.toml | $(BIN)/python
	@echo "Installing the module and its test tools into $(VENV) ..."
	$(BIN)/python -m pip install --progress-bar off -e '.[test]'
	@touch $@ $(VENV)/.runtime.stamp

lab: $(VENV)/.runtime.stamp
	$(BIN)/python tools/lab.py $(if $(NO_BROWSER),--no-browser) $(LAB_ARGS)

lint: $(VENV)/.test.stamp
	$(BIN)/ruff check src tests tools exercises bench

test: lint $(LITE_WHEELS)/.stamp
	$(BIN)/python -m pytest $(PYTEST_ARGS)

notebooks: $(VENV)/.test.stamp
	$(BIN)/python tools/build_notebooks.py execute

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info

# Instructors: nbgrader only (no browser or test tools). See docs/instructors.md.
$(VENV)/.instructor.stamp: pyproject.toml | $(BIN)/python
	@echo "Installing the module and nbgrader into $(VENV) ..."
	$(BIN)/python -m pip install --progress-bar off -e '.[instructor]'
	@touch $@ $(VENV)/.runtime.stamp

# Check the answer key, validate the sources, generate the student versions with nbgrader
# into exercises/release/ and validate them. ASSIGNMENTS="context actors" limits it.
release: $(VENV)/.instructor.stamp
	$(BIN)/python exercises/manage.py release $(ASSIGNMENTS)

# Benchmarks: ratios against floors measured in the same run; see bench/README.md.
# The default includes timing fresh installs (minutes); BENCH_ARGS=--quick skips them.
BENCH_ARGS ?= --with-install

bench: $(VENV)/.test.stamp
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Memory per student (kernels and the server), for sizing a JupyterHub; see docs/hub.md.
MEMORY_ARGS ?=

bench-memory: $(VENV)/.test.stamp
	$(BIN)/python bench/memory.py $(MEMORY_ARGS)

# Links to send a class: Binder, and nbgitpuller links for HUB; see docs/hub.md.
# LINKS_ARGS="--repo https://github.com/you/newscase --branch spring --format plain".
LINKS_ARGS ?=

links: $(VENV)/.runtime.stamp
	$(BIN)/python tools/class_links.py $(if $(HUB),--hub "$(HUB)") $(LINKS_ARGS)

# The notebooks as a static site, from their committed outputs; see docs/static-site.md.
# HTML_ARGS="--out DIR" builds elsewhere.
HTML_ARGS ?=

html: $(VENV)/.runtime.stamp
	$(BIN)/python tools/build_html.py $(HTML_ARGS)

# The module as a static JupyterLite site (Python in the browser); see docs/lite.md.
# The pure-Python wheels it bundles (tools/lite-wheels.txt) are downloaded once into
# $(LITE_WHEELS); the build itself is offline. PYODIDE=folder, .tar.bz2 or URL of a full
# Pyodide distribution serves Python from the site instead of its CDN.

$(VENV)/.lite.stamp: pyproject.toml | $(BIN)/python
	@echo "Installing the module and the JupyterLite build tools into $(VENV) ..."
	$(BIN)/python -m pip install --progress-bar off -e '.[lite]'
	@touch $@ $(VENV)/.runtime.stamp

$(LITE_WHEELS)/.stamp: tools/lite-wheels.txt | $(BIN)/python
	@echo "Downloading the wheels the site bundles into $(LITE_WHEELS) ..."
	$(LITE_DOWNLOAD)
	@touch $@

lite: $(VENV)/.lite.stamp $(LITE_WHEELS)/.stamp
	$(BIN)/python tools/build_lite.py $(if $(PYODIDE),--pyodide "$(PYODIDE)")
