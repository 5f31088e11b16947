# The obvious verbs. `make run` and `make test` are the README's two commands.
WAREHOUSE ?= data/warehouse.duckdb
PY := .venv/bin/python

.PHONY: setup run test test-fast lint format bench bench-marts dev samples dashboard

setup:
	bash scripts/setup.sh

run: setup
	$(PY) -m pipelines ingest data/samples --warehouse $(WAREHOUSE)

test:
	bash scripts/setup.sh --render
	.venv/bin/pytest -q

test-fast: setup
	.venv/bin/pytest -q -m "not slow"

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench: setup
	$(PY) benchmarks/bench_ingest.py

# Mart query and refresh times on a ~30k-document warehouse (built once into benchmarks/.cache/).
bench-marts: setup
	$(PY) benchmarks/bench_marts.py

dev: setup
	DAGSTER_HOME=$${DAGSTER_HOME:-$$PWD/.dagster_home} && mkdir -p $$DAGSTER_HOME && \
	  touch $$DAGSTER_HOME/dagster.yaml && DAGSTER_HOME=$$DAGSTER_HOME \
	  .venv/bin/dagster dev -w workspace.yaml -h 127.0.0.1 -p $${DAGSTER_PORT:-3000}

samples: setup
	$(PY) scripts/render_reference.py && $(PY) scripts/make_samples.py

# The dashboard on http://localhost:$(DASHBOARD_PORT), reading the snapshot `make run` publishes
# (DASHBOARD_ADDRESS=0.0.0.0 to serve other machines).
DASHBOARD_PORT ?= 8501
DASHBOARD_ADDRESS ?= localhost
dashboard: setup
	PIPELINES_WAREHOUSE=$(WAREHOUSE) $(PY) -m streamlit run pipelines/dashboard/app.py \
	  --server.address $(DASHBOARD_ADDRESS) --server.port $(DASHBOARD_PORT) \
	  --server.headless true --server.fileWatcherType none --browser.gatherUsageStats false
