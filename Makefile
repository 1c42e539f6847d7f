# Sakke: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
PY := .venv/bin/python
PORT ?= 8000
# Links in e-mails follow the port `make run` serves on; production sets SAKKE_BASE_URL itself.
SAKKE_BASE_URL ?= http://127.0.0.1:$(PORT)
export SAKKE_BASE_URL
WEB_CONCURRENCY ?= 2
# Two test processes: the suite is mostly waiting on the database and the browser.
PYTEST_ARGS ?= -n 2
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: install run dev test test-fast lint format audit messages bench cluster-test load-test drills clean

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# Bytecode is compiled here, once, as a production install does: every process (gunicorn
# and Celery workers, manage.py commands, test processes) then starts without compiling
# its modules, even where PYTHONDONTWRITEBYTECODE keeps Python from caching them itself.
install: $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	$(PY) -m compileall -q -x '(^|/)\.(venv|tools)/|/bench/out/' .

.env:
	@echo "SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env with a new SECRET_KEY (kept out of git)."

# Served as in production: gunicorn, WhiteNoise, DEBUG off.
run: install .env
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Sakke is at $(SAKKE_BASE_URL)/ (a background worker runs beside it)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	mkdir -p var; .venv/bin/celery -A config worker -B --schedule var/celerybeat-schedule --loglevel WARNING --concurrency 1 & worker=$$!; \
	.venv/bin/gunicorn config.wsgi -c config/gunicorn.conf.py --workers $(WEB_CONCURRENCY) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --forwarded-allow-ips '127.0.0.1'

dev: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	mkdir -p var; DEBUG=1 .venv/bin/celery -A config worker -B --schedule var/celerybeat-schedule --loglevel INFO --concurrency 1 & worker=$$!; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, browser tests included (they need Chromium: see .ci/run).
test: install
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0 --settings config.test_settings \
		|| (echo "Models changed without a migration: run manage.py makemigrations"; exit 1)
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

# ruff for style; lint-imports for the layers of the apps (pyproject.toml, docs/architecture.md);
# hadolint for the Dockerfile (.hadolint.yaml).
lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache
	.venv/bin/hadolint Dockerfile

# pip-audit over the locked dependencies (.ci/audit.py): fails on a known vulnerability,
# and also when the vulnerability service checked nothing (docs/deployment.md).
audit: install
	UV=$(UV) $(PY) .ci/audit.py

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Update the fi and sv catalogues after changing user-visible strings.
messages: install .env
	$(PY) manage.py makemessages --locale fi --locale sv --locale en --no-obsolete \
		--ignore '.venv/*' --ignore '.tools/*' --ignore 'staticfiles/*' --ignore 'bench/*'
	$(PY) manage.py compilemessages --ignore '.venv/*' --ignore '.tools/*'

bench: install
	bash bench/run.sh

# Two gunicorn nodes behind Debian's haproxy, with PostgreSQL, Redis and a Celery worker:
# the cross-node checks of docs/deployment.md. Not part of CI (apt-get install haproxy).
cluster-test: install
	$(PY) bench/cluster_test.py

# 200 Locust users against two gunicorn nodes behind haproxy, on the PostgreSQL cluster
# LOAD_PG (default port 5433: `pg_createcluster 15 drill --port 5433 --start`), with its
# own Redis on 6390; writes the `bench:load` section of docs/benchmarks.md. Not in CI.
LOAD_PG ?= postgres://postgres@127.0.0.1:5433
load-test: install
	$(UV) sync --frozen --quiet --group bench
	$(PY) bench/load_run.py --pg $(LOAD_PG) --users $${LOAD_USERS:-200} --run-time $${LOAD_TIME:-3m}

# The PostgreSQL-restart and Redis-stop drills (bench/drills.py), on the same cluster:
# they restart only that PostgreSQL cluster and stop only their own Redis. Not in CI.
drills: install
	$(PY) bench/drills.py postgres --pg $(LOAD_PG)
	$(PY) bench/drills.py redis --pg $(LOAD_PG)

clean:
	rm -rf .venv .tools staticfiles db.sqlite3*
