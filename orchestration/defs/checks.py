"""Great Expectations suites as Dagster asset checks, one per suite file.

A suite's critical expectations make the check fail with ERROR and, because the checks are
blocking, stop the publish; warning expectations fail with WARN. Results go to the check
metadata and to `meta.check_results` in the build database (published with it).
"""

import dagster as dg

from ..ingest.raw_rows import csv_rows
from ..quality.check_results import record_suite, suite_parameters
from ..quality.suites import Suite, load_suites, rows_to_validate, validate
from ..settings import SEEDS_DIR
from .resources import BuildWarehouse, SettingsParam


# suite parameter -> (seeds/reference file, code column): code lists no raw table holds
REFERENCE_CODES = {"file_statuses": ("file_statuses", "status"), "region_levels": ("region_levels", "level"),
                   "comparators": ("comparators", "comparator"), "qualities": ("qualities", "quality_base")}


def _reference_codes() -> dict[str, list[str]]:
    return {parameter: [row[column] for row in csv_rows(SEEDS_DIR / "reference" / f"{name}.csv")[1]]
            for parameter, (name, column) in REFERENCE_CODES.items()}


def _suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    schema, table = suite.table.split(".")

    @dg.asset_check(asset=dg.AssetKey([schema, table]), name=f"gx_{suite.name}", blocking=True,
                    description=f"Great Expectations suite {suite.name}: {suite.description}")
    def _check(context: dg.AssetCheckExecutionContext, build_db: BuildWarehouse,
               settings: SettingsParam) -> dg.AssetCheckResult:
        with build_db.connect() as con:
            frame = rows_to_validate(con, suite.table)
            outcome = validate(suite, frame, suite_parameters(con, _reference_codes()), docs_dir=settings.data_docs)
            record_suite(con, context.run.run_id, outcome)
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
