"""The dbt project as assets: models keyed `<schema>/<model>` and grouped by layer."""

import json
import shutil
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from ... import incremental
from ...quality import dbt_results
from ...quality.check_results import replace_check_rows
from ...settings import DBT_BUILD_ARGS, DBT_PROJECT_DIR, prepare_dbt_environment
from ..dbt_project import dbt_project
from ..resources import BuildWarehouse, SettingsParam


@lru_cache(maxsize=1)
def manifest() -> dict:
    return json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))


def model_keys(include: Callable[[dict], bool]) -> list[dg.AssetKey]:
    """Asset keys (`<schema>/<model>`) of the dbt models for which `include(node)` is true."""
    nodes = manifest()["nodes"].values()
    return sorted((dg.AssetKey([n["schema"], n["name"]]) for n in nodes if n["resource_type"] == "model" and include(n)),
                  key=lambda key: key.to_user_string())


class LayeredTranslator(DagsterDbtTranslator):
    """`marts/fct_policy_target` rather than `fct_policy_target`; the group is the folder."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "model":
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "model":
            return dbt_resource_props["fqn"][1]
        return super().get_group_name(dbt_resource_props)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=LayeredTranslator())
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, build_db: BuildWarehouse,
               settings: SettingsParam):
    """`dbt build` (models and their data tests; DBT_BUILD_ARGS leaves the unit tests out) against
    the build database; the tests' results are recorded in meta.check_results beside the GX
    results of the inputs. The firm panel's incremental models start over after a code change
    (orchestration.incremental)."""
    prepare_dbt_environment(settings)
    try:
        refresh = incremental.full_refresh_args(settings.build_database)
        invocation = dbt.cli(["build", *DBT_BUILD_ARGS, *refresh], context=context)
        yield from invocation.stream()
        if not context.is_subset:  # a part of the project refreshed is not all of it
            incremental.record_build(settings.build_database)
        rows = dbt_results.check_rows(invocation.get_artifact("run_results.json"),
                                      invocation.get_artifact("manifest.json"), context.run.run_id)
        with build_db.connect() as con:
            replace_check_rows(con, dbt_results.SUITE, rows)
    finally:
        _prune_invocation_dirs(keep=5)


def _prune_invocation_dirs(keep: int, min_age_s: float = 600) -> None:
    """Each invocation leaves target/dbt_models-<run>-<id>/ (~2 MB); keep the newest few for
    debugging (and anything recent, which may belong to a run of another warehouse location)."""
    target = DBT_PROJECT_DIR / "target"
    runs = sorted(target.glob("dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for old in runs[keep:]:
        if now - old.stat().st_mtime > min_age_s:
            shutil.rmtree(old, ignore_errors=True)

