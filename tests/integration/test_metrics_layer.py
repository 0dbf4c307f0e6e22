"""The metrics layer on the seed warehouse: MetricFlow definitions, marts.metric_values and the
marts agree, and `mf` runs against the published warehouse without blocking a publish."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline_support import PROJECT_ROOT, Pipeline

pytestmark = pytest.mark.slow

DBT_PROJECT = PROJECT_ROOT / "dbt_project"
MF = str(Path(sys.executable).with_name("mf"))
SUZHOU = "341300"
PROVINCE = "340000"


def _mf(pipeline: Pipeline, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`mf ...` in dbt_project/ against the pipeline's PUBLISHED warehouse (target `published`)."""
    env = {**pipeline.env, "DBT_TARGET": "published", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
           "DBT_VERSION_CHECK": "false"}
    return subprocess.run([MF, *args], cwd=DBT_PROJECT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def metric_values(seed_pipeline) -> dict[tuple[str, str | None, int | None, str], float]:
    """marts.metric_values as published: (metric, region, year, period) -> value."""
    tables = seed_pipeline.query(
        "select count(*) from information_schema.tables where table_schema = 'marts' and table_name = 'metric_values'"
    )
    if not tables[0][0]:
        pytest.fail("marts.metric_values is not in the published warehouse: wire "
                    "orchestration.assets.metrics.metric_values into orchestration/definitions.py")
    rows = seed_pipeline.query("select metric_name, region_code, year, period, value from marts.metric_values")
    values = {(m, r, y, p): v for m, r, y, p, v in rows}
    assert len(values) == len(rows), "metric_values has duplicate keys"
    return values


def _series(values, metric: str, region: str) -> dict[int, float]:
    return {y: v for (m, r, y, p), v in values.items() if m == metric and r == region and p == "Y"}


def _observed(pipeline: Pipeline, metric: str, region: str, period: str = "Y") -> dict[int, float]:
    return dict(pipeline.query(
        "select year, value from marts.fct_indicator_observation "
        "where is_preferred and metric_code = ? and region_code = ? and period = ?", metric, region, period,
    ))


def test_suzhou_value_added_growth_is_the_preferred_full_year_figure(seed_pipeline, metric_values):
    metric = _series(metric_values, "industry_va_growth_pct", SUZHOU)
    observed = _observed(seed_pipeline, "industry_va_growth_pct", SUZHOU)
    assert observed and metric == pytest.approx(observed)
    # A cumulative (M01-Mnn) figure never stands in for the year: 宿州 2022 has both.
    quarter = _observed(seed_pipeline, "industry_va_growth_pct", SUZHOU, "M01-M03")
    assert 2022 in quarter and quarter[2022] != observed[2022]
    assert metric[2022] == pytest.approx(observed[2022])
    # ... but the year-to-date metric shows it, under its period.
    assert metric_values[("industry_va_growth_ytd_pct", SUZHOU, 2022, "M01-M03")] == pytest.approx(quarter[2022])


def test_levels_use_the_preferred_vintage_in_the_catalog_unit(metric_values):
    # 2018 GDP of 安徽省: official 34010.9 is preferred over the preliminary 30006.8.
    assert metric_values[("gdp", PROVINCE, 2018, "Y")] == pytest.approx(34010.9)
    # Revenue published as 4.16 万亿元 is 41600 亿元.
    assert metric_values[("above_scale_industrial_revenue", PROVINCE, 2016, "Y")] == pytest.approx(41600.0)


def test_every_yearly_metric_agrees_with_the_marts(seed_pipeline):
    import duckdb

    from orchestration.metrics_layer import reconcile_with_observations

    with duckdb.connect(str(seed_pipeline.warehouse), read_only=True) as con:
        problems = reconcile_with_observations(con)
    assert problems.empty, problems.to_string()


def test_published_metric_values_equal_a_fresh_in_process_computation(seed_pipeline, metric_values):
    from orchestration.metrics_layer import compute_metric_values

    frame = compute_metric_values(seed_pipeline.warehouse)
    fresh = {
        (metric, None if pd.isna(region) else region, None if pd.isna(year) else int(year), period): value
        for metric, region, year, period, value
        in frame[["metric_name", "region_code", "year", "period", "value"]].itertuples(index=False, name=None)
    }
    assert fresh.keys() == metric_values.keys()
    assert all(math.isclose(fresh[k], metric_values[k], rel_tol=1e-9, abs_tol=1e-9) for k in fresh)


def test_rd_intensity_ratio_is_rd_over_gdp_where_both_exist(seed_pipeline, metric_values):
    pairs = seed_pipeline.query("""
        select rd.region_code, rd.year, rd.value / gdp.value * 100
        from marts.fct_indicator_observation rd
        join marts.fct_indicator_observation gdp
            on gdp.region_code = rd.region_code and gdp.year = rd.year
            and gdp.metric_code = 'gdp' and gdp.is_preferred and gdp.period = 'Y'
        where rd.metric_code = 'rd_expenditure' and rd.is_preferred and rd.period = 'Y'
    """)
    assert pairs, "the seeds should have at least one region-year with both R&D expenditure and GDP"
    expected = {(r, y): v for r, y, v in pairs}
    computed = {(r, y): v for (m, r, y, p), v in metric_values.items() if m == "rd_intensity_derived_pct"}
    assert computed.keys() == expected.keys()
    for key, value in expected.items():
        assert computed[key] == pytest.approx(value, rel=1e-9)
    # The reported intensity stays beside it, untouched (宿州 2022: reported 0.86, computed 19.1 / 2270).
    reported = _observed(seed_pipeline, "rd_intensity_pct", SUZHOU)
    assert _series(metric_values, "rd_intensity_pct", SUZHOU) == pytest.approx(reported)


def test_target_counts_by_status_add_up_to_target_progress(seed_pipeline, metric_values):
    total = seed_pipeline.scalar("select count(*) from marts.fct_target_progress")
    assert sum(v for (m, *_), v in metric_values.items() if m == "policy_targets") == total
    by_status = dict(seed_pipeline.query("select status, count(*) from marts.fct_target_progress group by status"))
    for status, count in by_status.items():
        assert sum(v for (m, *_), v in metric_values.items() if m == f"targets_{status}") == count, status
    # Per region and target year, the status counts add up to the total (0 where no target has the status).
    statuses = {m for (m, *_), _ in metric_values.items() if m.startswith("targets_")}
    for (m, r, y, p), v in metric_values.items():
        if m == "policy_targets":
            assert sum(metric_values[(s, r, y, p)] for s in statuses) == v


def test_rates_are_never_summed_across_regions_or_years(seed_pipeline):
    from orchestration.metrics_layer import MetricsLayer

    observed = _observed(seed_pipeline, "industry_va_growth_pct", SUZHOU)
    firms = seed_pipeline.query(
        "select year, value from marts.fct_indicator_observation where is_preferred and period = 'Y' "
        "and metric_code = 'above_scale_industrial_firms' and region_code = ? order by year desc", PROVINCE)
    with MetricsLayer(seed_pipeline.warehouse) as layer:
        rate = layer.query(["industry_va_growth_pct"], ["region"], where=[f"{{{{ Entity('region') }}}} = '{SUZHOU}'"])
        stock = layer.query(["above_scale_industrial_firms"], ["region"],
                            where=[f"{{{{ Entity('region') }}}} = '{PROVINCE}'"])
    # Over several years a growth rate rolls up to the mean of the yearly rates, never the sum.
    assert rate["industry_va_growth_pct"].iloc[0] == pytest.approx(sum(observed.values()) / len(observed))
    # A stock (firms at year end) rolls up to its latest year end, not the sum over years.
    assert firms and stock["above_scale_industrial_firms"].iloc[0] == pytest.approx(firms[0][1])


def test_mf_validate_configs_passes_against_the_published_warehouse(seed_pipeline):
    result = _mf(seed_pipeline, "validate-configs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Successfully validated metrics against data warehouse" in result.stdout


def test_mf_query_against_the_published_warehouse(seed_pipeline, tmp_path):
    out = tmp_path / "suzhou.csv"
    result = _mf(seed_pipeline, "query", "--metrics", "industry_va_growth_pct,rd_intensity_derived_pct",
                 "--group-by", "region,metric_time__year", "--where", f"{{{{ Entity('region') }}}} = '{SUZHOU}'",
                 "--order", "metric_time__year", "--csv", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    with out.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["industry_va_growth_pct"]]
    got = {int(row["metric_time__year"][:4]): float(row["industry_va_growth_pct"]) for row in rows}
    assert got == pytest.approx(_observed(seed_pipeline, "industry_va_growth_pct", SUZHOU))


SESSION = """
import sys
from pathlib import Path
from dbt_metricflow.cli.cli_configuration import CLIConfiguration
from metricflow.engine.metricflow_engine import MetricFlowQueryRequest
cfg = CLIConfiguration()
cfg.setup(dbt_profiles_path=Path.cwd(), dbt_project_path=Path.cwd(), configure_file_logging=False)
def rows():
    request = MetricFlowQueryRequest.create(metric_names=["gdp"], group_by_names=["region", "metric_time__year"])
    return sum(1 for row in cfg.mf.query(request).result_df.rows if row[-1] is not None)
print("before", rows(), flush=True)
sys.stdin.readline()
print("after", rows(), flush=True)
"""


def test_a_publish_succeeds_while_an_mf_session_is_open(seed_pipeline, fresh_pipeline):
    # Start from the seed warehouse as published, hold an `mf` session (the CLI's own
    # configuration and dbt adapter, target `published`) open on it, and publish again.
    fresh_pipeline.warehouse.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed_pipeline.warehouse, fresh_pipeline.warehouse)
    env = {**fresh_pipeline.env, "DBT_TARGET": "published", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    errors = (fresh_pipeline.root / "mf_session.err").open("w+", encoding="utf-8")
    session = subprocess.Popen([sys.executable, "-c", SESSION], cwd=DBT_PROJECT, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
    try:
        before = session.stdout.readline().split()
        assert before[:1] == ["before"], Path(errors.name).read_text(encoding="utf-8")[-3000:]
        inode = fresh_pipeline.warehouse.stat().st_ino
        result = fresh_pipeline.run("run", check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert fresh_pipeline.warehouse.stat().st_ino != inode  # replaced by rename
        session.stdin.write("go\n")
        session.stdin.flush()
        after = session.stdout.readline().split()
        assert after == ["after", before[1]]  # the open session keeps reading its snapshot
    finally:
        session.kill()
        session.wait(timeout=30)
        errors.close()
    query = _mf(fresh_pipeline, "query", "--metrics", "gdp", "--group-by", "region", "--quiet")
    assert query.returncode == 0, query.stdout + query.stderr
