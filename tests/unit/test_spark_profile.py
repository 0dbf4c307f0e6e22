"""The `spark` target of dbt's profile and the session orchestration/spark_build starts agree,
and Spark's files stay out of the repository (no Spark needed)."""

from __future__ import annotations

from pathlib import Path

import yaml

from orchestration import spark_build
from orchestration.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings

SCRATCH_VAR = "{{ env_var('KPI_SPARK_SCRATCH', '/tmp/kpi-spark') }}"


def spark_target() -> dict:
    profile = yaml.safe_load((DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    return profile["anhui_kpi"]["outputs"]["spark"]


def test_the_profile_runs_dbt_spark_in_session_mode():
    target = spark_target()
    assert (target["type"], target["method"]) == ("spark", "session")


def test_the_profile_and_the_session_use_the_same_settings(tmp_path):
    rendered = {key: str(value).replace(SCRATCH_VAR, str(tmp_path))
                for key, value in spark_target()["server_side_parameters"].items()}
    assert rendered == spark_build.spark_conf(tmp_path)


def test_spark_s_warehouse_and_metastore_default_outside_the_repository():
    scratch = Settings.from_env({}).spark_scratch
    assert PROJECT_ROOT not in scratch.parents
    assert Path("/tmp/kpi-spark") in (Path(spark_target()["server_side_parameters"]["spark.sql.warehouse.dir"]
                                           .replace(SCRATCH_VAR, "/tmp/kpi-spark")).parents)


def test_a_selector_names_what_builds_on_spark():
    selectors = yaml.safe_load((DBT_PROJECT_DIR / "selectors.yml").read_text(encoding="utf-8"))
    assert spark_build.SELECTOR in {s["name"] for s in selectors["selectors"]}
