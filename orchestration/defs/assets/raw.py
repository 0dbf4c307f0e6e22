"""Raw layer: every input file loaded as received into schema `raw` of the build database.

Thin wrappers around orchestration.ingest; all rules live in dbt staging.
"""

import dagster as dg

from ...ingest import inbox, raw_rows
from ...ingest.parsed_cache import ParsedCache
from ...ingest.raw_rows import csv_rows
from ...settings import SEEDS_DIR
from ...warehouse import connect_build, replace_table, replace_table_from_parquet
from ..resources import BuildWarehouse, SettingsParam

REFERENCE_FILES = {
    "regions": "reference/regions.csv",
    "metrics": "reference/metrics.csv",
    "industries": "reference/industries.csv",
    "units": "reference/units.csv",
    "statuses": "reference/statuses.csv",
    "families": "reference/families.csv",
    "qualities": "reference/qualities.csv",
    "source_kinds": "reference/source_kinds.csv",
    "industry_gbt4754": "reference/industry_gbt4754.csv",
    "public_outcomes": "outcomes/public_outcomes.csv",
    "public_outcome_links": "outcomes/public_outcome_links.csv",
}


@dg.multi_asset(
    specs=[
        *[dg.AssetSpec(["raw", table], kinds={"duckdb"}, description=f"seeds/{relative_path} loaded as is.",
                       code_version="1")
          for table, relative_path in REFERENCE_FILES.items()],
        dg.AssetSpec(["raw", "target_reviews"], kinds={"duckdb"},
                     description="The office's target reviews (KPI_REVIEWS; the app's review page writes them)."),
    ],
    group_name="raw", can_subset=True,
)
def seed_tables(context: dg.AssetExecutionContext, build_db: BuildWarehouse, settings: SettingsParam):
    """The reference tables and the reviews in one step on one connection: as one asset each they
    were twelve steps, each opening the build database (~50 ms for its catalog) and paying
    Dagster's step events, for files of a few hundred rows. Any one can still be materialised."""
    files = {table: (SEEDS_DIR / relative_path, f"seeds/{relative_path}") for table, relative_path in REFERENCE_FILES.items()}
    files["target_reviews"] = (settings.reviews, settings.reviews.name)
    with build_db.connect() as con:
        for table, (path, label) in files.items():
            key = dg.AssetKey(["raw", table])
            if key not in context.selected_asset_keys:
                continue
            columns, rows = csv_rows(path)
            count = replace_table(con, "raw", table, columns, rows)
            yield dg.MaterializeResult(asset_key=key, metadata={"rows": count, "file": label})


def _seed_inputs() -> list[tuple]:
    return [(p, "figures") for p in sorted((SEEDS_DIR / "bulletins").glob("*.csv"))] + [
        (p, "policy_text") for p in sorted((SEEDS_DIR / "policies").glob("*.txt"))
    ]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "ingest_files"], description="Every input file of the build with its status and reason.", kinds={"duckdb"}),
        dg.AssetSpec(["raw", "bulletin_figures"], description="Figure rows from seeds, inbox tables and bulletin text.", kinds={"duckdb"}),
        dg.AssetSpec(["raw", "progress_reports"], description="Department progress report rows from the inbox.", kinds={"duckdb"}),
        dg.AssetSpec(["raw", "policy_documents"], description="Policy documents (text + metadata).", kinds={"duckdb"}),
        *[dg.AssetSpec(["firm_raw", kind], kinds={"duckdb"},
                       description=f"Firm-level {kind} rows from the inbox, in the office-only firm-level database.")
          for kind in raw_rows.FIRM_RAW_COLUMNS],
    ],
    group_name="raw",
)
def raw_inputs(context: dg.AssetExecutionContext, build_db: BuildWarehouse, settings: SettingsParam):
    """Read seeds, processed and new inbox files; file-level rejects go to <inbox>/rejected/.
    A file's rows are parsed once and cached by content hash (orchestration.ingest.parsed_cache)."""
    inbox_dir = settings.inbox
    files = inbox.collect(_seed_inputs(), inbox_dir, ParsedCache(settings.parsed_cache))
    for moved in inbox.move_rejected(files, inbox_dir):
        context.log.warning(f"rejected {moved.name}: see {moved.name}.reason.txt")
    _, meta_rows = csv_rows(SEEDS_DIR / "policies" / "policies.csv")
    metadata = {row["file"]: row for row in meta_rows}
    tables = {
        "ingest_files": (raw_rows.FILE_COLUMNS, raw_rows.file_rows(files)),
        "policy_documents": (raw_rows.DOCUMENT_COLUMNS, raw_rows.document_rows(files, metadata)),
    }
    parsed = {  # table rows come from the parsed cache: history is never parsed twice
        "bulletin_figures": (raw_rows.FIGURE_RAW_COLUMNS, raw_rows.table_sources(files, "figures")),
        "progress_reports": (raw_rows.PROGRESS_RAW_COLUMNS, raw_rows.table_sources(files, "progress")),
    }
    with build_db.connect() as con:
        for table, (columns, rows) in tables.items():
            count = replace_table(con, "raw", table, columns, rows)
            yield dg.MaterializeResult(asset_key=["raw", table], metadata={"rows": count})
        for table, (columns, sources) in parsed.items():
            count = replace_table_from_parquet(con, "raw", table, columns, sources)
            yield dg.MaterializeResult(asset_key=["raw", table], metadata={"rows": count, "files": len(sources)})
    # firm-level rows never enter the build database: they go to the firm-level file dbt attaches
    with connect_build(settings.firm_build_database) as con:
        for kind, columns in raw_rows.FIRM_RAW_COLUMNS.items():
            sources = raw_rows.table_sources(files, kind)
            count = replace_table_from_parquet(con, "raw", kind, columns, sources)
            yield dg.MaterializeResult(asset_key=["firm_raw", kind], metadata={"rows": count, "files": len(sources)})
    statuses = {s: sum(f.status == s for f in files) for s in inbox.STATUSES}
    context.log.info(f"input files: {statuses}")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "policy_targets"], deps=[["raw", "policy_documents"]], kinds={"duckdb", "python"},
                     description="Targets of every policy document (orchestration.extract), with stable ids."),
        dg.AssetSpec(["raw", "document_actuals"], deps=[["raw", "policy_documents"]], kinds={"duckdb", "python"},
                     description="Actuals of every document (policies and inbox reports), linked to the targets "
                                 "they report on."),
        dg.AssetSpec(["raw", "document_read_failures"], deps=[["raw", "policy_documents"]], kinds={"duckdb"},
                     description="Inbox documents the reader failed on, with the reason (they are rejected)."),
    ],
    group_name="raw",
)
def raw_document_readings(build_db: BuildWarehouse):
    """Read every document once (orchestration.extract.read): targets and actuals."""
    with build_db.connect() as con:
        documents = con.execute("select * from raw.policy_documents order by doc_id").df().to_dict("records")
        targets, actuals, failures = raw_rows.document_readings(documents)
        n_targets = replace_table(con, "raw", "policy_targets", raw_rows.TARGET_COLUMNS, targets)
        n_actuals = replace_table(con, "raw", "document_actuals", raw_rows.ACTUAL_COLUMNS, actuals)
        n_failures = replace_table(con, "raw", "document_read_failures", raw_rows.READ_FAILURE_COLUMNS, failures)
    per_doc = {d["doc_id"]: sum(r["doc_id"] == d["doc_id"] for r in targets) for d in documents}
    yield dg.MaterializeResult(asset_key=["raw", "policy_targets"],
                               metadata={"rows": n_targets, "targets_per_document": per_doc})
    yield dg.MaterializeResult(asset_key=["raw", "document_actuals"],
                               metadata={"rows": n_actuals, "linked": sum(bool(a.get("target_id")) for a in actuals)})
    yield dg.MaterializeResult(asset_key=["raw", "document_read_failures"], metadata={"rows": n_failures})
