# The two commands of README.md: `make run` and `make test`. Everything else is a step.
PYTHON_SYSTEM ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py

.PHONY: run test bench setup compile migrate demo lint messages worker beat backup browser fonts clean

# The portal's settings default to production (DEBUG off; no start without SECRET_KEY). The
# development targets below run with DEBUG=true and a local key, made once into a git-ignored
# file, unless the environment already sets them. worker and beat are the real deployment's
# processes: they take only what the environment gives.
LOCAL_SECRET_KEY := .local-secret-key
DEVELOPMENT := run test setup compile migrate demo messages
$(DEVELOPMENT): export DEBUG ?= true
$(DEVELOPMENT): export SECRET_KEY ?= $(shell cat $(LOCAL_SECRET_KEY) 2>/dev/null)
$(DEVELOPMENT): | $(LOCAL_SECRET_KEY)

$(LOCAL_SECRET_KEY):
	@umask 077 && $(PYTHON_SYSTEM) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Made a local secret key for development in $@ (git-ignored)."

$(PY):
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

compile: $(VENV)/.installed-run
	$(PY) scripts/compile_catalogues.py

migrate: $(VENV)/.installed-run
	$(MANAGE) migrate --noinput -v 0

demo: migrate
	$(MANAGE) load_demo

setup: compile demo

## make run: set up and serve the portal with the demo data on http://127.0.0.1:8000
run: setup
	@bash scripts/install-report-fonts.sh || echo "(PDF reports in Chinese need the fonts above; everything else works without them)"
	@echo "Serving the portal on http://127.0.0.1:8000/  (Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:8000

## Browser tests need Debian's Chromium and the playwright package (no browser download).
browser: $(VENV)/.installed-dev
	bash scripts/install-browser.sh

## The report exports' fonts (DejaVu Sans for Arabic, WenQuanYi Zen Hei for Chinese), from Debian.
fonts:
	bash scripts/install-report-fonts.sh

## After changing UI strings: extract them into the six catalogues (needs GNU gettext).
messages: $(VENV)/.installed-dev
	$(PY) scripts/update_catalogues.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make test: set up the same way, then lint and run the whole suite.
test: $(VENV)/.installed-dev browser fonts compile lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo > /dev/null
	$(VENV)/bin/pytest

## make bench: the public list under gunicorn (2 workers, 8 connections) beside a trivial view, on a
## throw-away database (SQLite file, or <name>_bench when DATABASE_URL is PostgreSQL); about 1 minute.
bench: $(VENV)/.installed-dev compile
	$(PY) bench/run.py

## The real deployment's processes, for a machine with REDIS_URL set.
worker: $(VENV)/.installed-run
	$(VENV)/bin/celery -A portal worker -l info

beat: $(VENV)/.installed-run
	$(VENV)/bin/celery -A portal beat -l info

## make backup: the database and the uploads in one dated archive in PORTAL_BACKUP_DIR (backups/),
## then the oldest beyond PORTAL_BACKUP_KEEP removed (README: Backups). Like worker and beat it takes
## the environment as it is (DEBUG stays off), so it runs the same on a server; where the environment
## sets no SECRET_KEY, the local development key stands in when there is one (a backup signs nothing).
ifneq ($(wildcard $(LOCAL_SECRET_KEY)),)
backup: export SECRET_KEY ?= $(shell cat $(LOCAL_SECRET_KEY))
endif
backup: $(VENV)/.installed-run
	$(MANAGE) backup

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles artifacts
	find locale -name '*.mo' -delete
