# Everyday commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_COUNT ?= 300
# Test-only settings; the real ones come from the environment (see README).
TEST_ENV := SECRET_KEY=tests-only-not-secret DEBUG=0
SEARCH_N ?= 100000
UPLOAD_N ?= 5000
# Benchmarks run PostgreSQL with the memory settings docker-compose.yml gives it, and compute
# every search afresh (SEARCH_CACHE=0): repeating one request would otherwise time the cache.
PG_PRODUCTION := -c shared_buffers=1GB -c effective_cache_size=3GB
BENCH_ENV := $(TEST_ENV) SEARCH_CACHE=0

.PHONY: run test test-sqlite test-postgres lint format migrations-check bench load bench-import \
	bench-search bench-upload bench-findings api-fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-dev

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

## run: install, migrate, import the sample decisions and serve on http://127.0.0.1:8000
run: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py generate_decisions --count $(DEMO_COUNT) --seed 1 --out .demo_data
	DEBUG=1 $(BIN)/python manage.py import_decisions sample_data .demo_data
	DEBUG=1 $(BIN)/python manage.py extract_decisions
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install what the tests need and run the whole suite on SQLite and on PostgreSQL
test: $(VENV)/.installed-dev
	scripts/install-system-deps.sh
	$(MAKE) node_modules/.installed lint migrations-check test-sqlite test-postgres

# axe-core, which the browser tests inject into pages to check accessibility.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-sqlite: $(VENV)/.installed-dev
	@echo "=== tests on SQLite ==="
	env -u DATABASE_URL $(TEST_ENV) $(BIN)/pytest

test-postgres: $(VENV)/.installed-dev
	@echo "=== tests on PostgreSQL ==="
	$(TEST_ENV) scripts/with-postgres.sh $(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(VENV)/.installed-dev
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

## bench: the whole benchmark over HTTP, ours on SQLite and PostgreSQL beside Datasette (N=100000)
bench: $(VENV)/.installed-bench
	scripts/install-system-deps.sh
	PG_SERVER_OPTIONS="$(PG_PRODUCTION)" scripts/with-postgres.sh \
		$(BIN)/python scripts/bench.py --count $(or $(N),100000)

## load: 50 users for 60 s (locust) against gunicorn on PostgreSQL with N decisions (100000), kept answers on and off, three rounds of each
load: $(VENV)/.installed-bench
	scripts/install-system-deps.sh
	PG_SERVER_OPTIONS="$(PG_PRODUCTION)" scripts/with-postgres.sh \
		$(BIN)/python scripts/load_test.py --count $(or $(N),100000)

## bench-import: decisions per second of a first import and a re-import, on both databases
bench-import: $(VENV)/.installed-dev
	scripts/install-system-deps.sh
	$(TEST_ENV) $(BIN)/python scripts/bench_import.py --count $(or $(N),20000) --database sqlite
	$(TEST_ENV) PG_SERVER_OPTIONS="$(PG_PRODUCTION)" scripts/with-postgres.sh \
		$(BIN)/python scripts/bench_import.py --count $(or $(N),20000) --database postgresql

## bench-search: p50/p95 of a fixed mix of searches through the Django view, on both databases
bench-search: $(VENV)/.installed-dev
	scripts/install-system-deps.sh
	$(BENCH_ENV) $(BIN)/python scripts/bench_search.py --count $(SEARCH_N) --database sqlite
	$(BENCH_ENV) PG_SERVER_OPTIONS="$(PG_PRODUCTION)" scripts/with-postgres.sh \
		$(BIN)/python scripts/bench_search.py --count $(SEARCH_N) --database postgresql

## bench-upload: one zip of UPLOAD_N decisions through the admin's import page, on both databases
bench-upload: $(VENV)/.installed-dev
	scripts/install-system-deps.sh
	$(TEST_ENV) $(BIN)/python scripts/bench_upload.py --count $(UPLOAD_N) --database sqlite
	$(TEST_ENV) PG_SERVER_OPTIONS="$(PG_PRODUCTION)" scripts/with-postgres.sh \
		$(BIN)/python scripts/bench_upload.py --count $(UPLOAD_N) --database postgresql

## bench-findings: time per KB of each reader (findings, parser, similar words) on hostile text of 10 KB, 100 KB and 1 MB
bench-findings: $(VENV)/.installed-dev
	$(BIN)/python scripts/bench_extraction.py

## api-fuzz: schemathesis with every check for 120 s against the API on SQLite (docs/api.md)
api-fuzz: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[fuzz]'
	env -u DATABASE_URL $(BIN)/python scripts/api_fuzz.py --seconds 120

clean:
	rm -rf $(VENV) node_modules staticfiles .demo_data .bench .pytest_cache .ruff_cache .hypothesis
