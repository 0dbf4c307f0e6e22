"""The whole pipeline on the seeds: every mart is built, published and reproducible."""

from __future__ import annotations

import json
import os

import pytest

from pipeline_support import PROJECT_ROOT, Pipeline

MARTS = [
    "dim_region", "dim_industry", "dim_metric", "dim_policy_document", "dim_period",
    "fct_policy_target", "fct_indicator_observation", "fct_target_progress",
    "fct_county_race", "fct_county_target_board", "fct_kpi_card", "fct_region_target_status",
]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mart", MARTS)
def test_every_mart_is_published_with_rows(seed_pipeline, mart):
    assert seed_pipeline.scalar(f"select count(*) from marts.{mart}") > 0


def test_kpi_run_prints_rows_per_stage(seed_pipeline):
    for stage in ("raw:", "staging:", "intermediate:", "marts:", "quarantine:"):
        assert stage in seed_pipeline.output
    assert "fct_indicator_observation" in seed_pipeline.output
    assert "published" in seed_pipeline.output


def test_the_dbt_unit_tests_that_builds_leave_out_pass(seed_pipeline, tmp_path):
    """The SQL's logic on fixed inputs (DBT_BUILD_ARGS keeps them out of every build), on a copy of
    the seed location's build database: dbt reads the column types of a model's parents there."""
    import subprocess
    import yaml

    from orchestration.settings import DBT_PROJECT_DIR, Settings

    settings = Settings.from_env(Pipeline.copy_of(seed_pipeline, tmp_path / "location").env)
    result = subprocess.run(
        [settings.dbt_executable, "test", "--select", "test_type:unit", "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path / "logs")],
        cwd=DBT_PROJECT_DIR, env={**os.environ, **settings.environment()}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    declared = [test["name"] for path in (DBT_PROJECT_DIR / "models").rglob("*.yml")
                for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", [])]
    assert len(declared) >= 10
    assert f"PASS={len(declared)} " in result.stdout, result.stdout[-1500:]


def test_all_seed_figures_are_accounted_for(seed_pipeline):
    loaded = seed_pipeline.scalar(
        "select count(*) from marts.fct_indicator_observation where source_file = 'seeds/bulletins/bulletin_figures.csv'"
    )
    quarantined = seed_pipeline.scalar(
        "select count(*) from quarantine.figure_rows where source_file = 'seeds/bulletins/bulletin_figures.csv'"
    )
    assert loaded + quarantined == 180


def test_revenue_in_wan_yi_is_converted_once_to_yi(seed_pipeline):
    rows = seed_pipeline.query(
        "select year, value, unit, value_as_reported, unit_as_reported from marts.fct_indicator_observation "
        "where region_code = '340000' and metric_code = 'above_scale_industrial_revenue' and year in (2016, 2017) "
        "order by year"
    )
    assert rows == [(2016, 41600.0, "亿元", 4.16, "万亿元"), (2017, 43400.0, "亿元", 4.34, "万亿元")]


def test_revised_figure_is_a_new_vintage_and_official_is_preferred(seed_pipeline):
    rows = seed_pipeline.query(
        "select value, quality, is_preferred from marts.fct_indicator_observation "
        "where region_code = '340000' and metric_code = 'gdp' and year = 2018 order by vintage_rank"
    )
    assert rows == [(34010.9, "official", True), (30006.8, "preliminary", False)]


def test_publish_metadata_describes_the_build(seed_pipeline):
    run_id, files, critical = seed_pipeline.query(
        "select run_id, input_files, critical_check_failures from meta.publish_log"
    )[-1]
    assert run_id and files >= 6 and critical == 0
    assert seed_pipeline.scalar("select count(*) from meta.input_files where status = 'accepted'") >= 6
    # every GX suite in the repository ran, and dbt's tests are recorded beside them
    suites = {json.loads(p.read_text(encoding="utf-8"))["name"] for p in (PROJECT_ROOT / "expectations" / "suites").glob("*.json")}
    assert {s for (s,) in seed_pipeline.query("select distinct suite from meta.check_results")} == suites | {"dbt"}
    dbt_tests = seed_pipeline.scalar("select count(*) from meta.check_results where suite = 'dbt'")
    assert dbt_tests >= 250, dbt_tests   # every data test of the build (its unit tests: test_the_dbt_unit_tests_that_builds_leave_out_pass)


def test_kpi_docs_documents_the_published_warehouse(seed_pipeline):
    """`kpi docs` reads the published file read-only and writes beside it, not into dbt's target/."""
    seed_pipeline.run("docs", "--no-serve")
    catalog = json.loads((seed_pipeline.root / "site" / "dbt_docs" / "catalog.json").read_text(encoding="utf-8"))
    nodes = {node["metadata"]["name"]: node for node in catalog["nodes"].values()}
    assert {"fct_target_progress", "fct_kpi_card", "dim_region"} <= nodes.keys()
    assert "target_id" in {c.lower() for c in nodes["fct_target_progress"]["columns"]}
