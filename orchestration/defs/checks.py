"""Great Expectations suites as Dagster asset checks: one check per suite file, run in two steps.

A suite's critical expectations make the check fail with ERROR and, because the checks are
blocking, stop the publish; warning expectations fail with WARN. Results go to the check
metadata and to `meta.check_results` in the build database (published with it).
"""

import dagster as dg

from ..ingest.raw_rows import csv_rows
from ..quality.check_results import record_suite, suite_parameters
from ..quality.suites import Suite, SuiteOutcome, load_suites, rows_to_validate
from ..settings import SEEDS_DIR
from .assets.raw import raw_document_readings
from .resources import BuildWarehouse, SettingsParam, SuiteRunnerParam


# suite parameter -> (seeds/reference file, code column): code lists no raw table holds
REFERENCE_CODES = {"file_statuses": ("file_statuses", "status"), "region_levels": ("region_levels", "level"),
                   "comparators": ("comparators", "comparator"), "qualities": ("qualities", "quality_base")}


def _reference_codes() -> dict[str, list[str]]:
    return {parameter: [row[column] for row in csv_rows(SEEDS_DIR / "reference" / f"{name}.csv")[1]]
            for parameter, (name, column) in REFERENCE_CODES.items()}


def _spec(suite: Suite) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(f"gx_{suite.name}", asset=dg.AssetKey(suite.table.split(".")), blocking=True,
                             description=f"Great Expectations suite {suite.name}: {suite.description}")


def _result(spec: dg.AssetCheckSpec, outcome: SuiteOutcome) -> dg.AssetCheckResult:
    failed = outcome.critical_failures or outcome.warnings
    return dg.AssetCheckResult(
        asset_key=spec.asset_key, check_name=spec.name, passed=not failed,
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


def _suites_check(name: str, suites: list[Suite]) -> dg.AssetChecksDefinition:
    """The suites in one step, not one step per suite: the Data Docs index is rendered once (it
    cost more than a suite's validation) and the step overhead is paid once. The UI can still run
    any one check on its own (can_subset)."""
    by_key = {spec.key: (suite, spec) for suite, spec in ((suite, _spec(suite)) for suite in suites)}

    @dg.multi_asset_check(specs=[spec for _, spec in by_key.values()], name=name, can_subset=True)
    def _check(context: dg.AssetCheckExecutionContext, build_db: BuildWarehouse, settings: SettingsParam,
               suite_runner: SuiteRunnerParam):
        outcomes = []
        with build_db.connect() as con:
            parameters = suite_parameters(con, _reference_codes())
            for key, (suite, spec) in by_key.items():
                if key in context.selected_asset_check_keys:
                    outcomes.append(suite_runner.validate(suite, rows_to_validate(con, suite.table), parameters))
                    record_suite(con, context.run.run_id, outcomes[-1])
                    yield _result(spec, outcomes[-1])
        suite_runner.write_data_docs(settings.data_docs, outcomes)

    return _check


# Two steps: the tables read from documents are checked after the documents' own check, which
# blocks their reading. One step for both would sit on each side of the reading and split the
# graph (Dagster would cut the dbt build into several steps around it).
_READ = {key.to_user_string().replace("/", ".") for key in raw_document_readings.keys}
_SUITES = load_suites()
gx_checks = [
    _suites_check("gx_input_suites", [s for s in _SUITES if s.table not in _READ]),
    _suites_check("gx_reading_suites", [s for s in _SUITES if s.table in _READ]),
]
