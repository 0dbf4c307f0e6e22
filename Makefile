# Two commands on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run build serve test test-fast system-deps browser-deps benchmark clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## make run: install, build the warehouse from seeds/, serve the app (8501) and Dagster (3000)
run: install system-deps
	$(VENV)/bin/kpi run
	$(VENV)/bin/kpi serve

build: install
	$(VENV)/bin/kpi run

serve: install
	$(VENV)/bin/kpi serve

## make test: install (with the browser the UI test drives), then the whole suite
test: install browser-deps
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not browser and not slow"

# Debian packages (never `playwright install`): CJK fonts and Pango for the meeting pack's PDF
# (WeasyPrint) wherever kpi runs; Chromium and poppler-utils for the browser and PDF tests, nginx for
# the Dagster proxy test, which runs its own nginx (on a host where the package starts the stock
# site on :80, `systemctl disable --now nginx` if you do not want it).
system-deps:
	@if fc-list 2>/dev/null | grep -qi "noto sans cjk" && ldconfig -p | grep -q libpangoft2; then \
		echo "system-deps: Noto CJK fonts and Pango present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 >/dev/null \
			&& echo "system-deps: installed"; \
	else \
		echo "system-deps: WARNING fonts-noto-cjk/libpango missing and cannot apt-get; kpi pack cannot write its PDF"; \
	fi

browser-deps: system-deps
	@if command -v chromium >/dev/null && command -v pdftoppm >/dev/null && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null; then \
		echo "browser-deps: chromium, poppler-utils and nginx present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium poppler-utils nginx >/dev/null && echo "browser-deps: installed"; \
	else \
		echo "browser-deps: WARNING chromium/poppler-utils/nginx missing and cannot apt-get; the browser and proxy tests will skip"; \
	fi

## make benchmark: numbers for extraction, the pipeline and the app
benchmark: install
	$(PY) benchmarks/extraction_eval.py
	$(PY) benchmarks/text_libraries.py
	$(PY) benchmarks/pipeline_bench.py
	$(VENV)/bin/kpi run --log-level WARNING >/dev/null  # the published warehouse the next one reads
	$(PY) benchmarks/app_bench.py --warehouse $${KPI_WAREHOUSE:-data/warehouse.duckdb}

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
