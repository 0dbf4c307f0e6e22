"""Publish: record what the build contains, then replace the published warehouse whole.

Runs only when every upstream model, dbt test and blocking GX check passed in this run.
"""

import datetime as dt
import importlib.metadata as md

import dagster as dg

from .. import settings, warehouse
from ..ingest import inbox
from ..resources import BuildWarehouse
from .dbt import model_keys

PUBLISHED_SCHEMAS = ("marts", "quarantine")


def _write_meta(con, run_id: str) -> dict[str, int]:
    con.execute("create schema if not exists meta")
    counts = {
        f"{schema}.{name}": con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('raw', 'staging', 'intermediate', 'marts', 'quarantine') "
            "and table_catalog = current_database() order by 1, 2"
        ).fetchall()
    }
    con.execute("create or replace table meta.row_counts (table_name varchar, rows bigint)")
    con.executemany("insert into meta.row_counts values (?, ?)", sorted(counts.items()))
    # a document the reader failed on is rejected, with the reader's reason
    con.execute("""
        create or replace table meta.input_files as
        select path, origin, location, kind, sha256,
               case when failures.reason is not null then 'rejected' else status end as status,
               coalesce(failures.reason, files.reason) as reason, note,
               cast(rows_read as integer) as rows_read, cast(rows_blank as integer) as rows_blank,
               nullif(supersedes, '') as supersedes, nullif(superseded_by, '') as superseded_by
        from raw.ingest_files as files
        left join raw.document_read_failures as failures on failures.source_file = files.path
        order by path
    """)
    con.execute("""
        create table if not exists meta.publish_log (
            run_id varchar, published_at timestamp with time zone, warehouse_path varchar,
            input_files integer, input_fingerprint varchar, critical_check_failures integer,
            warning_check_failures integer, versions varchar)
    """)
    failures = dict(con.execute("""
        select severity, count(*) from meta.check_results where success = 'false' group by severity
    """).fetchall()) if con.execute(
        "select count(*) from information_schema.tables where table_schema = 'meta' and table_name = 'check_results'"
    ).fetchone()[0] else {}
    fingerprint = con.execute(
        "select md5(string_agg(sha256, ',' order by sha256)) from raw.ingest_files where status = 'accepted'"
    ).fetchone()[0]
    versions = ", ".join(f"{p} {md.version(p)}" for p in ("dagster", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations"))
    con.execute(
        "insert into meta.publish_log values (?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, dt.datetime.now(dt.timezone.utc), str(settings.warehouse_path()),
         con.execute("select count(*) from raw.ingest_files").fetchone()[0], fingerprint,
         failures.get("critical", 0), failures.get("warning", 0), versions],
    )
    return counts


@dg.asset(
    key=["meta", "published_warehouse"], group_name="publish",
    # every published dbt model
    deps=model_keys(lambda node: node["schema"] in PUBLISHED_SCHEMAS),
    description="Copies the checked build database onto KPI_WAREHOUSE (atomic rename) and files "
                "the inbox files it includes into processed/.",
    kinds={"duckdb"},
)
def published_warehouse(context: dg.AssetExecutionContext, build_db: BuildWarehouse) -> dg.MaterializeResult:
    with build_db.connect() as con:
        counts = _write_meta(con, context.run.run_id)
        new_inbox_files = con.execute(
            "select entry, path from raw.ingest_files "
            "where location = 'inbox' and status in ('accepted', 'duplicate', 'superseded')"
        ).fetchall()
        failed = dict(con.execute("select source_file, reason from raw.document_read_failures").fetchall())
    published = warehouse.publish()
    moved = inbox.move_processed(new_inbox_files, failed, settings.inbox_dir())
    context.log.info(f"published {published}; {len(moved)} inbox file(s) moved to processed/")
    return dg.MaterializeResult(metadata={
        "path": str(published),
        "inbox_files_processed": len(moved),
        **{name: rows for name, rows in counts.items() if name.startswith(("marts.", "quarantine."))},
    })
