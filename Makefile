# Verbs: install, run, test, lint, bench. `make run` and `make test` are the two set-up commands.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test lint unit bench corpus-pdfs clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: install
	$(BIN)/ingest
	$(BIN)/assistant demo

lint: install
	$(BIN)/ruff check ingest assistant evals tests corpus/_build
	$(BIN)/ruff format --check ingest assistant evals tests corpus/_build
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

unit: install
	$(BIN)/pytest -m "not integration"

bench: install
	$(BIN)/evals bench

corpus-pdfs: install
	$(BIN)/python corpus/_build/render_pdfs.py

clean:
	rm -rf var reports .pytest_cache .mypy_cache .ruff_cache
