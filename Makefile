# Two commands on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark

.PHONY: install install-spark run build serve test test-fast test-spark spark-build system-deps browser-deps java-deps benchmark clean

# uv resolves and links the stack in ~20 s where pip takes ~80 s (same registry, same pinned
# versions: constraints.txt); uv itself comes from the registry too, pinned there. Byte-compiled
# at install, as pip does: uv does not by default, and where PYTHONDONTWRITEBYTECODE is set (as on
# these machines) every process would compile Dagster and dbt again (~5 s a `kpi run`).
UV := $(VENV)/bin/uv
UV_INSTALL := $(UV) pip install --quiet --compile-bytecode --python $(PY) -c constraints.txt

$(UV): constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt uv
	@touch $(UV)

$(STAMP): pyproject.toml constraints.txt $(UV)
	$(UV_INSTALL) -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The Spark build (docs/scaling.md): dbt-spark and PySpark (~320 MB), kept out of `make install`
$(SPARK_STAMP): $(STAMP)
	$(UV_INSTALL) -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

install-spark: $(SPARK_STAMP) java-deps

## make run: install, build the warehouse from seeds/, serve the app (8501) and Dagster (3000)
run: install system-deps
	$(VENV)/bin/kpi run
	$(VENV)/bin/kpi serve

build: install
	$(VENV)/bin/kpi run

serve: install
	$(VENV)/bin/kpi serve

## make test: install (with the browser the UI tests drive), then the whole suite but the Spark build
## (two pytest-xdist workers; `make test-spark` runs that, and CI runs both)
test: install browser-deps
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not spark"

test-fast: install
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not browser and not slow and not spark"

## make test-spark: the Spark build of the spark_core selection, compared with DuckDB row for row
test-spark: install-spark
	$(PY) -m pytest -m spark

## make spark-build: the same, from the build database `kpi run` left (KPI_WAREHOUSE), into KPI_SPARK_SCRATCH
spark-build: install-spark
	$(PY) -m orchestration.spark_build

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

# Java 17 for PySpark's JVM (the Spark build and its test)
java-deps:
	@if command -v java >/dev/null; then \
		echo "java-deps: $$(java -version 2>&1 | head -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null && echo "java-deps: installed"; \
	else \
		echo "java-deps: WARNING java missing and cannot apt-get; the Spark test will fail"; \
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
