"""Publish: record what the build contains, then replace the published warehouse whole.

Runs only when every upstream model, dbt test and blocking GX check passed in this run.
"""

import dagster as dg

from ... import audit, warehouse
from ...build_meta import inbox_files_read, write_audit_log, write_meta
from ...ingest import inbox
from ..resources import BuildWarehouse, SettingsParam
from .dbt import model_keys

PUBLISHED_SCHEMAS = ("marts", "quarantine")


@dg.asset(
    key=["meta", "published_warehouse"], group_name="publish",
    # every published dbt model
    deps=model_keys(lambda node: node["schema"] in PUBLISHED_SCHEMAS),
    description="Copies the checked build database onto KPI_WAREHOUSE (atomic rename) and files "
                "the inbox files it includes into processed/.",
    kinds={"duckdb"},
)
def published_warehouse(context: dg.AssetExecutionContext, build_db: BuildWarehouse,
                        settings: SettingsParam) -> dg.MaterializeResult:
    with build_db.connect() as con:
        counts = write_meta(con, context.run.run_id, str(settings.warehouse))
        write_audit_log(con, audit.read(settings.audit_log))
        new_inbox_files, failed = inbox_files_read(con)
    # the firm-level file first: a reader of the new warehouse never finds older firm rows
    if settings.firm_build_database.exists():
        warehouse.publish(settings.firm_build_database, settings.firm_level, private=True)
    published = warehouse.publish(settings.build_database, settings.warehouse)
    moved = inbox.move_processed(new_inbox_files, failed, settings.inbox)
    context.log.info(f"published {published}; {len(moved)} inbox file(s) moved to processed/")
    return dg.MaterializeResult(metadata={
        "path": str(published),
        "inbox_files_processed": len(moved),
        **{name: rows for name, rows in counts.items() if name.startswith(("marts.", "quarantine."))},
    })
