# 茂名人社公共服务平台 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres bench lint format setup setup-test messages clean

.venv/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	touch $@

setup: .venv/.installed
	bash scripts/system-deps.sh
	$(MAKE) -s messages

setup-test: .venv/.installed
	bash scripts/system-deps.sh test
	$(MAKE) -s messages

messages:
	cd renshe && ../$(PY) ../manage.py compilemessages -l en >/dev/null

## make run: SQLite database, reference data, demo city, accounts printed, server on :8000
run: setup
	mkdir -p var
	$(PY) manage.py migrate --noinput >/dev/null
	$(PY) manage.py load_catalogue
	$(PY) manage.py seed_demo --scale small
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: lint, the whole suite on SQLite, then again on PostgreSQL 15
test: setup-test lint test-sqlite test-postgres

test-sqlite:
	RENSHE_TESTING=1 .venv/bin/pytest -n 2 --dist loadfile -q -m "not postgres_only"

test-postgres:
	url=$$(bash scripts/pg.sh start) && \
	RENSHE_TESTING=1 DATABASE_URL=$$url .venv/bin/pytest -n 2 --dist loadfile -q -m "not browser"

lint: .venv/.installed
	.venv/bin/ruff check renshe conftest.py bench
	.venv/bin/ruff format --check renshe conftest.py bench

format: .venv/.installed
	.venv/bin/ruff format renshe conftest.py bench
	.venv/bin/ruff check --fix renshe conftest.py bench

## make bench: PostgreSQL on loopback, the city dataset, figures against baselines
bench: .venv/.installed
	bash scripts/system-deps.sh bench
	$(PY) bench/run.py

clean:
	rm -rf var .venv
