# The two commands of the README:  make report   and   make test
VENV ?= .venv
PY := $(VENV)/bin/python
CA := $(VENV)/bin/compact-analysis
DATA ?= data/demo

.PHONY: report test test-fast setup lab clean

report: setup
	$(CA) init-demo --data $(DATA) --force
	$(CA) ingest --data $(DATA) --allow-quarantine
	$(CA) report --data $(DATA) --period latest

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n 2

# Without the slow tests (kill loops, big files) and without a browser (PDF printing, real-browser checks).
test-fast: setup
	$(PY) -m pytest -n 2 -m "not slow and not browser"

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $@

# JupyterLab on the notebooks; their `data = None` reads COMPACT_ANALYSIS_DATA (the demo folder by default).
# Jupyter refuses to run as root unless told: --allow-root is added only when `id -u` is 0.
lab: setup
	COMPACT_ANALYSIS_DATA=$(abspath $(DATA)) $(VENV)/bin/jupyter lab --notebook-dir=notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root,)

clean:
	rm -rf $(VENV) $(DATA) reports/*/
