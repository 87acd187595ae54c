# Edufest — the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest in parallel (pytest-xdist): one worker per core, at most 4. `make test PYTEST_ARGS=...` replaces it.
PYTEST_ARGS ?= -n auto --maxprocesses=4
# The import contracts of pyproject.toml (import-linter); `site` is on the path as in manage.py.
LINT_IMPORTS := PYTHONPATH=site:. $(VENV)/bin/lint-imports --no-cache
# Every Django app keeps its own catalogue in <app>/locale; nested apps are left to their own run.
APPS := cms cms/privacy cms/retention cms/verification events events/registration events/checkin events/edubus events/calendars events/certificates events/wzk contests contests/jury events/feedback events/counting events/fairs

# Files copied from the npm packages (package-lock.json pins them) into static/vendor.
VENDOR_FILES := \
	uppy/dist/uppy.min.js uppy/dist/uppy.min.js.map uppy/dist/uppy.min.css \
	@uppy/locales/dist/pl_PL.min.js @uppy/locales/dist/en_US.min.js \
	leaflet/dist/leaflet.js leaflet/dist/leaflet.js.map leaflet/dist/leaflet.css leaflet/dist/images/marker-icon.png \
	leaflet/dist/images/marker-icon-2x.png leaflet/dist/images/marker-shadow.png \
	leaflet/dist/images/layers.png leaflet/dist/images/layers-2x.png \
	chart.js/dist/chart.umd.min.js chart.js/dist/chart.umd.min.js.map \
	@zxing/library/umd/index.min.js @zxing/browser/umd/zxing-browser.min.js \
	axe-core/axe.min.js

.PHONY: help run test lint format venv assets messages compilemessages migrate seed worker bench clean check-browser

# Every absolute link (mails, calendar feeds, the API, the banner) is on SITE_URL: by default the
# server that `make run` starts. One task worker per queue (site/settings/base.py TASK_QUEUES), none
# with the auto-reloader (it stats every file of .venv each second).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: venv assets compilemessages ## set everything up, load the demo content, serve http://127.0.0.1:8000 (HOST, PORT) with task workers and the scheduler
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo
	@echo "Serving $(SITE_URL)/ with task workers (queues mail, default, media) and the scheduler; Ctrl-C stops all."
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' INT TERM; \
	  $(MANAGE) db_worker --no-reload --queue-name mail --interval 0.5 & \
	  $(MANAGE) db_worker --no-reload --queue-name default & \
	  $(MANAGE) db_worker --no-reload --queue-name media & \
	  $(MANAGE) run_scheduler & \
	  $(MANAGE) runserver --noreload $(HOST):$(PORT) & \
	  wait -n; kill $$(jobs -p) 2>/dev/null; wait

test: venv assets compilemessages ## set everything up and run check, the migrations check, ruff, the import contracts and pytest
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(LINT_IMPORTS)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv ## ruff (lint and format check) and the import contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(LINT_IMPORTS)

format: venv ## fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

venv: $(VENV)/.installed ## create .venv and install requirements-dev.txt (again when the requirements change)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

assets: static/vendor/.installed ## npm ci and copy the front-end libraries into static/vendor/

static/vendor/.installed: package.json package-lock.json Makefile
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor && mkdir -p static/vendor
	for f in $(VENDOR_FILES); do mkdir -p static/vendor/$$(dirname $$f); cp node_modules/$$f static/vendor/$$f; done
	touch $@

# Extract translatable strings into each app's locale/ and the project's locale/ (templates/).
messages: venv ## extract translatable strings into every locale/ (the catalogues are edited by hand)
	for app in $(APPS); do \
	  ignores=$$(for other in $(APPS); do case $$other in $$app/*) echo "-i $${other#$$app/}";; esac; done); \
	  (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l pl -l en --no-obsolete $$ignores); \
	done
	$(MANAGE) makemessages -l pl -l en --no-obsolete -i 'cms/*' -i 'events/*' -i 'contests/*' -i '.venv/*' -i 'node_modules/*' -i 'var/*' -i 'static/*'

compilemessages: venv ## compile every translation catalogue (.po to .mo)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: venv ## migrate the database and create the cache table
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

seed: migrate ## migrate and load the demo content (seed_demo)
	$(MANAGE) seed_demo

# One worker for every queue (`make worker QUEUE=media` for one of them).
QUEUE ?= *
worker: venv ## one task worker for every queue (QUEUE=media for one of them)
	$(MANAGE) db_worker --no-reload --queue-name '$(QUEUE)'

# Benchmarks of issue 9 (bench/run.py): needs PostgreSQL; creates and fills its own database
# (BENCH_DATABASE, default edufest_bench), prints a table and writes bench/results.md.
bench: venv assets compilemessages ## the benchmarks (needs PostgreSQL); prints a table and writes bench/results.md
	$(PY) -m bench.run

clean: ## remove .venv, node_modules, static/vendor and var/ (the local database and uploads too)
	rm -rf $(VENV) node_modules static/vendor var

# `make help`: every target with the `## ` note after its name. `make` alone stays `make run`.
help: ## list the targets with one line each
	@grep -E '^[a-z][a-z_-]*:[^=]*## ' $(firstword $(MAKEFILE_LIST)) | \
	  awk 'BEGIN {FS = ":[^#]*## "} {printf "  make %-16s %s\n", $$1, $$2}'
