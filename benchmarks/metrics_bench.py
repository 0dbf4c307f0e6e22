"""Time the metrics layer: all metric tables in-process vs one `mf query` from the CLI.

    python benchmarks/metrics_bench.py                      # against KPI_WAREHOUSE (data/warehouse.duckdb)
    python benchmarks/metrics_bench.py --warehouse PATH --repeat 5

Prints, as medians over --repeat runs:
- import of MetricFlow (once per process);
- building one engine (manifest + in-memory DuckDB + read-only ATTACH);
- computing every precomputed metric (marts.metric_values) with that engine reused;
- one query on the reused engine;
- one `mf query` CLI process against the published target (DBT_TARGET=published).
The warehouse is only read (read-only ATTACH), so it may be the published file of a live setup.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from orchestration import settings  # noqa: E402

CLI_QUERY = ["--metrics", "industry_va_growth_pct,rd_intensity_derived_pct",
             "--group-by", "region,metric_time__year", "--where", "{{ Entity('region') }} = '341300'"]


def _median(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, default=settings.warehouse_path())
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true", help="do not time the mf CLI")
    args = parser.parse_args(argv)
    warehouse = args.warehouse.resolve()
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}: run `kpi run` first", file=sys.stderr)
        return 1

    started = time.perf_counter()
    from orchestration import metrics_layer
    import metricflow.engine.metricflow_engine  # noqa: F401
    import_seconds = time.perf_counter() - started

    def engine():
        metrics_layer.MetricsLayer(warehouse).close()

    def all_tables():
        return metrics_layer.compute_metric_values(warehouse)

    build_seconds, _ = _median(engine, args.repeat)
    total_seconds, values = _median(all_tables, args.repeat)
    with metrics_layer.MetricsLayer(warehouse) as layer:
        layer.query(["gdp"], ["region", "metric_time__year"])  # warm
        query_seconds, _ = _median(lambda: layer.query(["industry_va_growth_pct"], ["region", "metric_time__year"]),
                                   max(args.repeat, 5))
        metric_seconds, _ = _median(layer.metric_values, args.repeat)

    print(f"warehouse: {warehouse}")
    print(f"metric_values: {len(values)} rows, {values['metric_name'].nunique()} metrics")
    print(f"import metricflow (once per process)          {import_seconds:7.3f} s")
    print(f"build one engine (manifest + ATTACH)          {build_seconds:7.3f} s")
    print(f"all metric tables, engine reused (queries)    {metric_seconds:7.3f} s")
    print(f"all metric tables incl. engine build          {total_seconds:7.3f} s")
    print(f"one query, engine reused                      {query_seconds * 1000:7.1f} ms")

    if not args.skip_cli:
        mf = Path(sys.executable).with_name("mf")
        env = {**os.environ, "KPI_WAREHOUSE": str(warehouse), "DBT_TARGET": "published",
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_VERSION_CHECK": "false"}

        def cli():
            result = subprocess.run([str(mf), "query", *CLI_QUERY, "--quiet"], cwd=settings.DBT_PROJECT_DIR,
                                    env=env, capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                raise RuntimeError(f"mf query failed:\n{result.stdout}\n{result.stderr}")
            return result

        cli_seconds, _ = _median(cli, args.repeat)
        print(f"one `mf query` CLI process (published target) {cli_seconds:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
