# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
# The public address every absolute link (emails, calendar feeds) is built from:
# the web server, the worker and beat all get it, so `make run PORT=8202` links to 8202.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test setup assets db demo lint fmt check browsers totp clean bench backup restore restore-drill faults api-contract

run: setup db demo  ## Migrate, load demo data, start web + Celery worker + beat
	@$(PY) manage.py demo_logins
	@echo ""
	@echo "Open $(SITE_URL)/  (Ctrl-C stops the web server, worker and beat)"
	@SITE_URL=$(SITE_URL) WEB_HOST=$(HOST) WEB_PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start

test: setup browsers  ## Run the whole test suite (the same environment as `make run`)
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed static/vendor/.built

# Developers and CI get production plus the dev group (tests, linters, honcho);
# the Docker image installs requirements.lock alone.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements-dev.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.installed scripts/build_assets.py
	$(PY) scripts/build_assets.py
	touch $@

db: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py set_audit_retention -v 0
	$(PY) manage.py collectstatic --no-input -v 0

demo: db
	$(PY) manage.py seed_demo

browsers:  ## Debian's Chromium for the browser tests (never a downloaded browser)
	@bash scripts/ensure_chromium.sh

totp:  ## The current authenticator code for the demo coordinator and admin
	@$(PY) manage.py totp_code

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: setup  ## What CI checks besides the tests
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

lock:  ## Re-resolve both lock files from pyproject.toml (the only way to change them)
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --python-version 3.11 \
	  --custom-compile-command "make lock" -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --group dev --python-version 3.11 \
	  --constraint requirements.lock --custom-compile-command "make lock" -o requirements-dev.lock

clean:
	rm -rf var static/vendor

# --- Operations and benchmarks (issue 10) ----------------------------------
backup: setup  ## pg_dump -Fc (PostgreSQL) or the SQLite online backup, into var/backups/
	$(PY) scripts/backup.py backup

restore: setup  ## make restore FILE=var/backups/<stamp>.dump (replaces the database)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<stamp>.dump"; exit 2; }
	$(PY) scripts/backup.py restore "$(FILE)" --force

restore-drill: setup  ## REL-17: back up, restore into a fresh PostgreSQL DB, check it
	$(PY) scripts/backup.py drill

bench: setup  ## Load benchmark at scale 1 and 10 (databases from benchmarks/prepare_db.py)
	benchmarks/run $(BENCH_ARGS)

faults: setup  ## Fault-injection runs (private Redis, SMTP sink, worker, gunicorn)
	benchmarks/faults $(FAULT_ARGS)

# --- API contract (issue 8) -------------------------------------------------
api-contract: setup  ## Schemathesis vs gunicorn on a fresh seeded PostgreSQL DB (var/api-contract/)
	$(PY) scripts/api_contract.py $(CONTRACT_ARGS)
