# The module's commands. Each creates the .venv environment it needs on first use.
#   make lab    open the module in JupyterLab (NO_BROWSER=1 to not open a browser)
#   make test   lint, then run every test: unit, data, lab and nbval on every notebook
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help lab test lint notebooks clean

help:
	@echo "make lab        open the module in JupyterLab (NO_BROWSER=1 to skip the browser)"
	@echo "make test       run the whole test suite (creates .venv with the test tools)"
	@echo "make notebooks  re-execute every notebook and save its outputs (for authors)"
	@echo "make lint       check the code style with ruff"
	@echo "make clean      remove .venv and caches"

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
	$(BIN)/ruff check src tests tools

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

notebooks: $(VENV)/.test.stamp
	$(BIN)/python tools/build_notebooks.py execute

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info
