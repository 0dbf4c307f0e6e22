"""What a build contains, recorded in schema `meta` of the build just before it is published:
row counts per table, every input file with its final state, and the publish log."""

from __future__ import annotations

import datetime as dt
import importlib.metadata as md


def write_meta(con, run_id: str, published: str) -> dict[str, int]:
    """Row counts, every input file with its final state, and a publish_log row; returns the counts."""
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
    # one statement for all the rows (executemany is one statement per row in DuckDB)
    names = sorted(counts)
    con.execute("insert into meta.row_counts select unnest(?::varchar[]), unnest(?::bigint[])",
                [names, [counts[name] for name in names]])
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
        [run_id, dt.datetime.now(dt.timezone.utc), published,
         con.execute("select count(*) from raw.ingest_files").fetchone()[0], fingerprint,
         failures.get("critical", 0), failures.get("warning", 0), versions],
    )
    return counts


def write_audit_log(con, events: list[dict]) -> int:
    """meta.audit_log: the audit trail as of this build (orchestration.audit), for SQL."""
    from .audit import COLUMNS

    con.execute("create schema if not exists meta")
    con.execute("create or replace table meta.audit_log (occurred_at timestamp with time zone, actor varchar, role varchar, "
                "action varchar, subject varchar, detail varchar)")
    if events:
        con.executemany("insert into meta.audit_log values (?, ?, ?, ?, ?, ?)",
                        [[event[c] or None for c in COLUMNS] for event in events])
    return len(events)


def inbox_files_read(con) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The new inbox entries this build read (entry, path), and the documents the reader failed
    on (path -> reason): after the publish the first go to processed/, the failed to rejected/."""
    entries = con.execute(
        "select entry, path from raw.ingest_files "
        "where location = 'inbox' and status in ('accepted', 'duplicate', 'superseded')"
    ).fetchall()
    failed = dict(con.execute("select source_file, reason from raw.document_read_failures").fetchall())
    return entries, failed
