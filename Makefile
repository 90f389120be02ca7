# `make run` serves the site on the embedded defaults; `make test` runs the whole suite on PostgreSQL and Redis.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fartgen
REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test lint bench venv

# Django 6 needs Python >= 3.12: take pyenv's (from .python-version) or the first new enough python3.
PYTHON_FOR_VENV := $(shell for p in "$$(pyenv which python 2>/dev/null)" python3.13 python3.12 python3 python; do \
	command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON_FOR_VENV)" || { echo "error: Fartgen needs Python >= 3.12 (pyenv install 3.13, or apt-get install python3.13)" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

run: venv
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

test: venv
	$(VENV)/bin/ruff check .
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) DJANGO_SECURE_TRANSPORT=false $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
