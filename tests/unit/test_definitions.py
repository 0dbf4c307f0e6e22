"""The Dagster graph: every mart is an asset, the publish waits for all of them and for the
blocking quality checks, and the inbox sensor starts one build per new set of files."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.defs.dbt_project import prepare_manifest
from orchestration.settings import Settings


@pytest.fixture(scope="module")
def defs():
    prepare_manifest(Settings.from_env().dbt_executable)
    from orchestration.defs.definitions import build_definitions

    return build_definitions(Settings.from_env())


def _sensor_context(instance, inbox):
    """A sensor context whose settings name `inbox` (the resource the sensor asks for)."""
    return dg.build_sensor_context(instance=instance, resources={"settings": Settings.from_env().replace(inbox=inbox)})


MARTS = ["dim_region", "dim_industry", "dim_metric", "dim_policy_document", "dim_period",
         "fct_policy_target", "fct_indicator_observation", "fct_target_progress", "fct_progress_report",
         "fct_county_race", "fct_county_target_board", "fct_kpi_card", "fct_region_target_status"]


def test_the_module_dagster_loads_builds_its_settings_from_the_environment(defs, tmp_path, monkeypatch):
    """`kpi ui` runs `dagster dev -m orchestration.defs.definitions`: `defs` is built lazily, with the
    settings of the environment the UI was started with (`defs` first: it prepares the manifest,
    which a fresh clone has only after some build)."""
    from orchestration.defs import definitions

    monkeypatch.setenv("KPI_INBOX", str(tmp_path / "inbox"))
    loaded = definitions.defs()
    assert isinstance(loaded, dg.Definitions)
    assert loaded.resources["settings"].inbox == tmp_path / "inbox"


def test_every_mart_and_raw_table_is_an_asset(defs):
    keys = {key.to_user_string() for key in defs.resolve_all_asset_keys()}
    assert {f"marts/{m}" for m in MARTS} <= keys
    assert {"raw/bulletin_figures", "raw/policy_targets", "raw/regions", "meta/published_warehouse"} <= keys


def test_publish_depends_on_every_published_table(defs):
    graph = defs.resolve_asset_graph()
    upstream = {k.to_user_string() for k in graph.get(dg.AssetKey(["meta", "published_warehouse"])).parent_keys}
    assert {f"marts/{m}" for m in MARTS} <= upstream
    assert {"quarantine/figure_rows", "quarantine/rejected_files"} <= upstream


def test_every_suite_is_a_blocking_check(defs):
    from orchestration.quality.suites import load_suites

    graph = defs.resolve_asset_graph()
    checks = {key.name: graph.get_check_spec(key) for key in graph.asset_check_keys}
    for suite in load_suites():
        spec = checks[f"gx_{suite.name}"]
        assert spec.blocking, suite.name
        assert spec.asset_key.to_user_string() == suite.table.replace(".", "/")


def test_the_inbox_sensor_requests_one_run_per_new_set_of_files(tmp_path, defs):
    from orchestration.defs.automation import inbox_sensor

    with _sensor_context(dg.DagsterInstance.ephemeral(), tmp_path) as context:
        assert isinstance(inbox_sensor(context), dg.SkipReason)
        (tmp_path / "figures.csv").write_text("region,year\n", encoding="utf-8")
        first = inbox_sensor(context)
        assert isinstance(first, dg.RunRequest) and first.run_key.startswith("inbox-")
        assert isinstance(inbox_sensor(context), dg.SkipReason)  # the same files: no second run
        (tmp_path / "policies").mkdir()
        (tmp_path / "policies" / "plan.txt").write_text("力争新增规上工业企业10家。", encoding="utf-8")
        second = inbox_sensor(context)
        assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_the_inbox_sensor_waits_while_a_build_is_running(tmp_path, defs):
    from orchestration.defs.automation import inbox_sensor

    (tmp_path / "figures.csv").write_text("region,year\n", encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    instance.add_run(dg.DagsterRun(job_name="build_warehouse", run_id="running-build",
                                   status=dg.DagsterRunStatus.STARTED))
    with _sensor_context(instance, tmp_path) as context:
        skipped = inbox_sensor(context)
        assert isinstance(skipped, dg.SkipReason) and "still running" in skipped.skip_message
        assert context.cursor is None  # not consumed: the next tick after the build decides
