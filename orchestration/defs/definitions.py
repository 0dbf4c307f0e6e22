"""Dagster definitions: `dagster dev -m orchestration.definitions` (or `kpi ui`)."""

import dagster as dg

from .assets.checks import gx_checks
from .assets.dbt import dbt_models, dbt_resource
from .assets.publish import published_warehouse
from .assets.raw import raw_document_readings, raw_inputs, seed_table_assets
from .automation import build_warehouse_job, daily_rebuild, inbox_sensor
from .resources import BuildWarehouse

defs = dg.Definitions(
    assets=[*seed_table_assets, raw_inputs, raw_document_readings, dbt_models, published_warehouse],
    asset_checks=[*gx_checks],
    jobs=[build_warehouse_job],
    schedules=[daily_rebuild],
    sensors=[inbox_sensor],
    resources={"build_db": BuildWarehouse(), "dbt": dbt_resource()},
)
