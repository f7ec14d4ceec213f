# unspin: two commands on a fresh machine.
#   make demo   - create .venv if missing, install, analyse the bundled example articles
#   make test   - create .venv if missing, install, run the whole test suite
#   make bench  - benchmarks (need ../shared/data; skip with a message without it)

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

export OMP_NUM_THREADS=1
export OPENBLAS_NUM_THREADS=1
export MKL_NUM_THREADS=1

.PHONY: demo test bench lint clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p demo-out
	$(VENV)/bin/unspin analyze --format text examples/articles/*
	@$(VENV)/bin/unspin analyze --format html --out demo-out examples/articles/ 2>/dev/null
	@$(VENV)/bin/unspin analyze --format json --out demo-out/reports.jsonl examples/articles/ 2>/dev/null
	@echo "HTML reports with highlighted evidence: demo-out/*.html; JSON lines: demo-out/reports.jsonl" >&2

test: $(STAMP)
	@scripts/ensure-chromium
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m benchmarks.run

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf demo-out .pytest_cache build dist src/*.egg-info
