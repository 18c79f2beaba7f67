# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := build/demo

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/new-project
	$(BIN)/infragate init --template web-app-postgres --maturity mvp --path $(DEMO)/new-project/infra/brief.yaml
	$(BIN)/infragate check examples/shopfront/infra/brief.yaml --stage design
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml --format markdown --output $(DEMO)/design.md
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml --format json --output $(DEMO)/design.json
	@echo
	@echo "Demo outputs:"
	@echo "  $(DEMO)/new-project/infra/brief.yaml  a new brief from the web-app-postgres template (edit it, then 'infragate check')"
	@echo "  $(DEMO)/design.md                     the design document for examples/shopfront"
	@echo "  $(DEMO)/design.json                   the same design as JSON ('infragate schema design' prints its schema)"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest -n 2 -q

bench: $(VENV)/.installed
	$(BIN)/python bench/plan.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
