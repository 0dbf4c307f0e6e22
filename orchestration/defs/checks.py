"""Great Expectations suites as Dagster asset checks, one per suite file.

A suite's critical expectations make the check fail with ERROR and, because the checks are
blocking, stop the publish; warning expectations fail with WARN. Results go to the check
metadata and to `meta.check_results` in the build database (published with it).
"""

import json

import dagster as dg

from .. import settings
from ..ingest.raw_rows import csv_rows
from ..quality.suites import Suite, SuiteOutcome, load_suites, rows_to_validate, validate
from ..resources import BuildWarehouse

RESULT_COLUMNS = ["run_id", "suite", "table_name", "rows", "expectation", "column_name",
                  "severity", "success", "unexpected_count", "examples"]


def _parameters(con) -> dict[str, list[str]]:
    """Run-time sets the suites refer to, from the reference data in the same build."""
    def column(sql: str) -> list[str]:
        return [row[0] for row in con.execute(sql).fetchall()]

    return {
        "region_codes": column("select region_code from raw.regions"),
        "region_names": column(
            "select distinct trim(unnest(list_concat([region_code, region_name], string_split(aliases, '|')))) "
            "from raw.regions"
        ),
        "metric_codes": column("select metric_code from raw.metrics"),
        "units": column("select unit from raw.units"),
        "file_statuses": [row["status"] for row in csv_rows(settings.SEEDS_DIR / "reference" / "file_statuses.csv")[1]],
    }


def replace_check_rows(con, suite: str, rows: list[list[str]]) -> None:
    """The suite's rows of meta.check_results, replaced by this run's (GX suites and dbt alike)."""
    con.execute("create schema if not exists meta")
    ddl = ", ".join(f"{c} VARCHAR" for c in RESULT_COLUMNS)
    con.execute(f"create table if not exists meta.check_results ({ddl})")
    con.execute("delete from meta.check_results where suite = ?", [suite])
    if rows:
        con.executemany(f"insert into meta.check_results values ({', '.join('?' * len(RESULT_COLUMNS))})", rows)


def _record(con, run_id: str, outcome: SuiteOutcome) -> None:
    replace_check_rows(con, outcome.suite, [
        [run_id, outcome.suite, outcome.table, str(outcome.rows), o.expectation, o.column, o.severity,
         str(o.success).lower(), str(o.unexpected_count), json.dumps(o.examples, ensure_ascii=False, default=str)]
        for o in outcome.outcomes])


def _suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    schema, table = suite.table.split(".")

    @dg.asset_check(asset=dg.AssetKey([schema, table]), name=f"gx_{suite.name}", blocking=True,
                    description=f"Great Expectations suite {suite.name}: {suite.description}")
    def _check(context: dg.AssetCheckExecutionContext, build_db: BuildWarehouse) -> dg.AssetCheckResult:
        with build_db.connect() as con:
            frame = rows_to_validate(con, suite.table)
            outcome = validate(suite, frame, _parameters(con))
            _record(con, context.run.run_id, outcome)
        failed = outcome.critical_failures or outcome.warnings
        return dg.AssetCheckResult(
            passed=not failed,
            severity=dg.AssetCheckSeverity.ERROR if outcome.critical_failures else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows": outcome.rows,
                "expectations": len(outcome.outcomes),
                "critical_failures": len(outcome.critical_failures),
                "warnings": len(outcome.warnings),
                "failures": dg.MetadataValue.json([
                    {"expectation": o.expectation, "column": o.column, "severity": o.severity,
                     "unexpected_count": o.unexpected_count, "examples": o.examples[:5], "error": o.error[:200]}
                    for o in outcome.critical_failures + outcome.warnings
                ]),
            },
        )

    return _check


gx_checks = [_suite_check(suite) for suite in load_suites()]
