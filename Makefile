# liaison: every target sets up .venv from the pinned constraints first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= data
OUT    ?= reports

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lab figures findings readme bench lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,exports]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install liaison with its pinned dependencies

report: $(STAMP) ## validate the bundled data, run every notebook, write figures and exports into reports/
	$(BIN)/analysis report $(DATA) --out $(OUT)

test: $(STAMP) ## run the whole test suite (unit, doctests, notebooks)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the suite without notebooks, reports and generated packages: the development loop
	$(BIN)/python -m pytest -m "not slow"

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

figures: $(STAMP) ## write every figure into reports/figures
	$(BIN)/analysis figures $(DATA) --out $(OUT)/figures

findings: $(STAMP) ## print the findings on the bundled data
	$(BIN)/analysis findings $(DATA)

readme: $(STAMP) ## regenerate the findings section of README.md from the data
	$(BIN)/python tools/readme.py

bench: $(STAMP) ## measure speed and memory at 1k..1M claims (takes minutes)
	$(BIN)/python benchmarks/run.py

lock: ## re-resolve constraints.txt from pyproject.toml in a scratch venv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[dev,exports]'
	( echo '# Exact versions of every package liaison installs, resolved on Python 3.11.'; \
	  echo '# Regenerate with: make lock'; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable ) > constraints.txt
	rm -rf .lock-venv

clean: ## remove .venv and reports/
	rm -rf $(VENV) $(OUT)
