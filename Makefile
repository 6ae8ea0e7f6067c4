# cxlens: `make run` sets up and starts the dashboard; `make test` sets up and runs the checks.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt requirements-spark.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt -r requirements-spark.txt
	touch $@

run: $(VENV)/.installed
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

CHROMIUM ?= /usr/bin/chromium

# Browser tests (tests/e2e, marker e2e) run in two halves, each on one worker (--dist loadgroup), when $(CHROMIUM) exists;
# without it they are skipped with the reason (and fail when CI=true).
test: lint
	@if [ -x $(CHROMIUM) ]; then echo "browser tests: on ($(CHROMIUM))"; \
	else echo "browser tests: SKIPPED, $(CHROMIUM) not found (apt-get install chromium; a failure when CI=true)"; fi
	@if command -v java >/dev/null; then echo "Spark tests: on (java found)"; \
	else echo "Spark tests: SKIPPED, java not found (apt-get install default-jre-headless; a failure when CI=true)"; fi
	CXLENS_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n 2 --dist loadgroup -q -rs

# Not part of `make test`: generates 1M/10M/50M-event datasets once (benchmarks/data/, gitignored),
# measures report.py, the dashboard's data path and the SQL and pandas baselines, writes benchmarks/RESULTS.md;
# then the Spark pass, writes benchmarks/SPARK.md. BENCH_ARGS and SPARK_ARGS pass options (`--help` lists them).
$(VENV)/.installed-bench: benchmarks/requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r benchmarks/requirements.txt
	touch $@

bench: $(VENV)/.installed-bench $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.spark $(SPARK_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
