# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := build/demo

.PHONY: demo test lint bench bench-audit bench-costs bench-portal clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# Checkov checks the rendered Terraform in the tests. It lives in a venv of its own
# because it pins many libraries infragate also uses.
CHECKOV_VENV := .venv-checkov
CHECKOV_SPEC := checkov>=3.3,<3.4
$(CHECKOV_VENV)/.installed:
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet '$(CHECKOV_SPEC)'
	touch $@

demo: $(VENV)/.installed
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/new-project
	$(BIN)/infragate init --template web-app-postgres --maturity mvp --path $(DEMO)/new-project/infra/brief.yaml
	$(BIN)/infragate check examples/shopfront/infra/brief.yaml --stage design
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml --format markdown --output $(DEMO)/design.md
	$(BIN)/infragate plan examples/shopfront/infra/brief.yaml --format json --output $(DEMO)/design.json
	$(BIN)/infragate audit examples/vantus-portal --fail-on never
	$(BIN)/infragate audit examples/vantus-portal --fail-on never --format markdown --output $(DEMO)/audit.md
	@# the lifecycle on a copy of the example, with a store of its own under build/demo
	@cp -r examples/shopfront $(DEMO)/shopfront
	@# each approver signs with their own SSH key: throwaway demo keys, made here and never
	@# committed; allowed_signers (git's format) says whose key is whose
	@mkdir -p $(DEMO)/keys
	@for who in dana sam; do \
	  ssh-keygen -q -t ed25519 -N '' -C $$who@example.com -f $(DEMO)/keys/$$who && \
	  echo "$$who@example.com namespaces=\"infragate-approval\" $$(cat $(DEMO)/keys/$$who.pub)" \
	    >> $(DEMO)/shopfront/infra/allowed_signers; \
	done
	cd $(DEMO)/shopfront && export INFRAGATE_DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO)/infragate.db && \
	  $(CURDIR)/$(BIN)/infragate approve --role infra_owner --as dana@example.com --key $(CURDIR)/$(DEMO)/keys/dana && \
	  $(CURDIR)/$(BIN)/infragate approve --role budget_owner --as sam@example.com --key $(CURDIR)/$(DEMO)/keys/sam && \
	  $(CURDIR)/$(BIN)/infragate freeze --as dana@example.com && \
	  $(CURDIR)/$(BIN)/infragate verify && \
	  $(CURDIR)/$(BIN)/infragate render && \
	  $(CURDIR)/$(BIN)/infragate drift
	@echo
	@echo "Demo outputs:"
	@echo "  $(DEMO)/new-project/infra/brief.yaml  a new brief from the web-app-postgres template (edit it, then 'infragate check')"
	@echo "  $(DEMO)/design.md                     the design document for examples/shopfront"
	@echo "  $(DEMO)/design.json                   the same design as JSON ('infragate schema design' prints its schema)"
	@echo "  $(DEMO)/shopfront/infra/baseline.lock.json  baseline v1 of shopfront, approved and frozen ('infragate verify' checks it)"
	@echo "  $(DEMO)/shopfront/infra/terraform/     Terraform rendered from baseline v1 (one root per environment, shared modules)"
	@echo "  $(DEMO)/shopfront/.github/workflows/   the one CI/CD pipeline, gated by 'infragate verify' ('infragate drift' checks all of it)"
	@echo "  $(DEMO)/audit.md                      the audit of examples/vantus-portal: inventory, findings, judgement"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

# The programs the tests run for real and a fresh machine lacks (Debian's packages).
system-deps:
	@bash tools/system-deps.sh

test: system-deps lint $(CHECKOV_VENV)/.installed
	INFRAGATE_CHECKOV=$(CURDIR)/$(CHECKOV_VENV)/bin/checkov $(BIN)/pytest -n 2 -q

bench: $(VENV)/.installed
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/lifecycle.py
	$(BIN)/python bench/render.py

# Apart from `bench`: Checkov takes minutes on the 30,000-file tree it builds under build/,
# and is installed into its own venv there on first use.
bench-audit: $(VENV)/.installed
	$(BIN)/python bench/audit.py

# Apart from `bench` too: it writes a 10 M-row Parquet file under build/ and needs pandas
# (the dev extra) for its peer.
bench-costs: $(VENV)/.installed-dev
	$(BIN)/python bench/costs.py

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .pytest_cache .mypy_cache .ruff_cache

# The portal under 20 concurrent clients beside a bare FastAPI endpoint (issue 16's targets).
bench-portal: $(VENV)/.installed-dev
	$(BIN)/python bench/portal.py
