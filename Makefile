# The module's commands. Each creates the environment it needs on first use:
#   .venv             the students' environment (runtime packages only): make lab
#   .venv-dev         authors and CI: test tools, nbval, Chromium driver, JupyterLite build
#   .venv-instructor  instructors: the module plus nbgrader (make release, make grade-lab)
# Keeping the tools apart keeps the students' JupyterLab clean: no nbgrader menus, no
# Pyodide kernel extension, whatever else was run on the machine.
#   make lab    open the module in JupyterLab (NO_BROWSER=1 to not open a browser)
#   make test   lint, then run every test: unit, data, lab, browser and nbval on every notebook
#   make test-fast  lint and the quick tiers only (no browser, JupyterLab or kernels)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEV_VENV ?= .venv-dev
DEV := $(DEV_VENV)/bin
TEACH_VENV ?= .venv-instructor
TEACH := $(TEACH_VENV)/bin
# The pure-Python wheels the JupyterLite site bundles (make lite; its tests run in make test).
LITE_WHEELS := $(DEV_VENV)/lite-wheels
LITE_DOWNLOAD = $(DEV)/python -m pip download --progress-bar off --no-deps --only-binary=:all: --dest $(LITE_WHEELS) -r tools/lite-wheels.txt
PYTEST_ARGS ?=
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help lab test test-fast lint notebooks clean release grade-lab bench bench-memory html lite links

help:
	@echo "make lab        open the module in JupyterLab (NO_BROWSER=1 to skip the browser)"
	@echo "make test       run the whole test suite (creates .venv-dev with the test tools)"
	@echo "make test-fast  the quick tests only: no browser, JupyterLab or notebook runs (1 min)"
	@echo "make notebooks  re-execute every notebook and save its outputs (for authors)"
	@echo "make lint       check the code style with ruff"
	@echo "make clean      remove the environments and caches"
	@echo "make release    generate the exercises' student versions into exercises/release/ (instructors)"
	@echo "make grade-lab  JupyterLab with nbgrader's Formgrader on exercises/ (instructors)"
	@echo "make bench      time the module against floors measured in the same run (slow; BENCH_ARGS=--quick)"
	@echo "make bench-memory  peak memory per notebook kernel and per JupyterLab server (hub sizing)"
	@echo "make links HUB=https://your.hub  Binder link and one nbgitpuller link per notebook for your hub"
	@echo "make html       render the notebooks as a static web site into build/html/ (read-only, offline)"
	@echo "make lite       build the module as an in-browser JupyterLite site into build/lite/ (PYODIDE=... to self-host Python)"

# Each environment: a venv, then the module with the extras it needs. A stamp file makes
# the install run again only when pyproject.toml changed since the last one.
CHECK_PYTHON = @$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "This module needs Python 3.11 or newer; $(PYTHON) is " + sys.version.split()[0] + ". Try: make lab PYTHON=python3.12")'

%/bin/python:
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $*
	$*/bin/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime.stamp: pyproject.toml | $(BIN)/python
	@echo "Installing the module into $(VENV) (first run only; takes a few minutes) ..."
	$(BIN)/python -m pip install --progress-bar off -e .
	@touch $@

$(DEV_VENV)/.dev.stamp: pyproject.toml | $(DEV)/python
	@echo "Installing the module and the test and build tools into $(DEV_VENV) ..."
	$(DEV)/python -m pip install --progress-bar off -e '.[test,site]'
	@touch $@

$(TEACH_VENV)/.instructor.stamp: pyproject.toml | $(TEACH)/python
	@echo "Installing the module and nbgrader into $(TEACH_VENV) ..."
	$(TEACH)/python -m pip install --progress-bar off -e '.[instructor]'
	@touch $@

lab: $(VENV)/.runtime.stamp
	$(BIN)/python tools/lab.py $(if $(NO_BROWSER),--no-browser) $(LAB_ARGS)

lint: $(DEV_VENV)/.dev.stamp
	$(DEV)/ruff check .

test: lint $(LITE_WHEELS)/.stamp
	$(DEV)/python -m pytest $(PYTEST_ARGS)

# The edit-test loop: tests/ only (no nbval run of notebooks/), without the tiers marked
# browser (Chromium), lab (a JupyterLab server) or slow (kernels: notebooks, nbgrader).
FAST_MARKERS := not browser and not lab and not slow

test-fast: lint $(LITE_WHEELS)/.stamp
	$(DEV)/python -m pytest tests -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

notebooks: $(DEV_VENV)/.dev.stamp
	$(DEV)/python tools/build_notebooks.py execute

clean:
	rm -rf $(VENV) $(DEV_VENV) $(TEACH_VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info

# Instructors: nbgrader only (no browser or test tools). See docs/instructors.md.
# Check the sources, generate the student versions with nbgrader into exercises/release/
# and validate them. ASSIGNMENTS="context actors" limits it.
release: $(TEACH_VENV)/.instructor.stamp
	$(TEACH)/python exercises/manage.py release $(ASSIGNMENTS)

# JupyterLab with nbgrader's Formgrader, serving exercises/ (the course folder).
grade-lab: $(TEACH_VENV)/.instructor.stamp
	$(TEACH)/python tools/lab.py --instructor $(if $(NO_BROWSER),--no-browser) $(LAB_ARGS)

# Benchmarks: ratios against floors measured in the same run; see bench/README.md.
# The default includes timing fresh installs (minutes); BENCH_ARGS=--quick skips them.
BENCH_ARGS ?= --with-install

bench: $(DEV_VENV)/.dev.stamp
	$(DEV)/python bench/run.py $(BENCH_ARGS)

# Memory per student (kernels and the server), for sizing a JupyterHub; see docs/hub.md.
MEMORY_ARGS ?=

bench-memory: $(DEV_VENV)/.dev.stamp
	$(DEV)/python bench/memory.py $(MEMORY_ARGS)

# Links to send a class: Binder, and nbgitpuller links for HUB; see docs/hub.md.
# LINKS_ARGS="--repo https://github.com/you/newscase --branch spring --format plain".
LINKS_ARGS ?=

links: $(VENV)/.runtime.stamp
	$(BIN)/python tools/class_links.py $(if $(HUB),--hub "$(HUB)") $(LINKS_ARGS)

# The course site (Sphinx, MyST-NB, sphinx-book-theme), from the notebooks' committed
# outputs, offline; see docs/static-site.md. HUB=https://your.hub adds nbgitpuller launch
# links; HTML_ARGS="--out DIR", "--lite URL" or "--branch NAME" change the rest.
HTML_ARGS ?=

html: $(DEV_VENV)/.dev.stamp
	$(DEV)/python tools/build_html.py $(if $(HUB),--hub "$(HUB)") $(HTML_ARGS)

# The module as a static JupyterLite site (Python in the browser); see docs/lite.md.
# The pure-Python wheels it bundles (tools/lite-wheels.txt) are downloaded once into
# $(LITE_WHEELS); the build itself is offline. PYODIDE=folder, .tar.bz2 or URL of a full
# Pyodide distribution serves Python from the site instead of its CDN.

$(LITE_WHEELS)/.stamp: tools/lite-wheels.txt | $(DEV)/python
	@echo "Downloading the wheels the site bundles into $(LITE_WHEELS) ..."
	$(LITE_DOWNLOAD)
	@touch $@

lite: $(DEV_VENV)/.dev.stamp $(LITE_WHEELS)/.stamp
	$(DEV)/python tools/build_lite.py $(if $(PYODIDE),--pyodide "$(PYODIDE)")
