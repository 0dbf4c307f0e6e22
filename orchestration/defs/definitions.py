"""Dagster definitions for one `Settings`: `dagster dev -m orchestration.defs.definitions`
(or `kpi ui`) loads `defs`, built from the environment; `kpi run` builds its own."""

import dagster as dg

from ..quality.suite_runner import SuiteRunner
from ..settings import Settings
from .assets.dbt import dbt_models
from .assets.publish import published_warehouse
from .assets.raw import raw_document_readings, raw_inputs, seed_tables
from .automation import build_warehouse_job, daily_rebuild, inbox_sensor
from .checks import gx_checks
from .resources import resources


def build_definitions(settings: Settings, suite_runner: SuiteRunner | None = None) -> dg.Definitions:
    return dg.Definitions(
        assets=[seed_tables, raw_inputs, raw_document_readings, dbt_models, published_warehouse],
        asset_checks=[*gx_checks],
        jobs=[build_warehouse_job],
        schedules=[daily_rebuild],
        sensors=[inbox_sensor],
        resources=resources(settings, suite_runner),
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions(Settings.from_env())
