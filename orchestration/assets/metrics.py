"""The metrics layer precomputed into the build database: marts.metric_values.

Thin wrapper around orchestration.metrics_layer (MetricFlow in-process over the build file);
a blocking check reconciles the table with the marts before anything is published.
"""

import time

import dagster as dg

from .. import metrics_layer, settings
from ..resources import BuildWarehouse
from .dbt import manifest, model_keys

METRIC_VALUES_KEY = dg.AssetKey(["marts", "metric_values"])


def _semantic_layer_keys() -> list[dg.AssetKey]:
    """The dbt models MetricFlow reads: every semantic model's model and the time spine."""
    semantic = {n for model in manifest()["semantic_models"].values() for n in model["depends_on"]["nodes"]}
    return model_keys(lambda node: node["unique_id"] in semantic or bool(node.get("time_spine")))


@dg.asset(
    key=METRIC_VALUES_KEY, group_name="semantic", deps=_semantic_layer_keys(), kinds={"duckdb", "python"},
    description="Every MetricFlow metric (dbt_project/models/semantic/metrics.yml) by region and period, "
                "long format, computed in-process by orchestration.metrics_layer against the build database.",
)
def metric_values(context: dg.AssetExecutionContext, build_db: BuildWarehouse) -> dg.MaterializeResult:
    started = time.perf_counter()
    # Read-only, in-memory ATTACH of the build file; closed before we open it read-write below.
    values = metrics_layer.compute_metric_values(settings.build_path())
    computed = time.perf_counter() - started
    with build_db.connect() as con:
        rows = metrics_layer.write_metric_values(con, values)
    per_metric = values.groupby("metric_name").size().sort_index()
    context.log.info(f"metric_values: {rows} rows, {len(per_metric)} metrics, computed in {computed:.2f} s")
    return dg.MaterializeResult(metadata={
        "rows": rows,
        "metrics": len(per_metric),
        "compute_seconds": round(computed, 3),
        "rows_per_metric": {name: int(n) for name, n in per_metric.items()},
    })


@dg.asset_check(asset=METRIC_VALUES_KEY, name="metric_values_match_marts", blocking=True,
                description="Every yearly metric equals the preferred full-year observation of the marts for "
                            "the same region-years, and the target counts add up to fct_target_progress.")
def metric_values_match_marts(build_db: BuildWarehouse) -> dg.AssetCheckResult:
    with build_db.connect() as con:
        problems = metrics_layer.reconcile_with_observations(con)
    return dg.AssetCheckResult(
        passed=problems.empty,
        metadata={"disagreements": len(problems),
                  "examples": problems.head(10).astype(str).to_dict("records")},
    )
