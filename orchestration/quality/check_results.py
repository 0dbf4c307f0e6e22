"""meta.check_results: one row per expectation or dbt test of a run, published with the warehouse."""

from __future__ import annotations

import json

import pandas as pd

from .suites import SuiteOutcome

RESULT_COLUMNS = ["run_id", "suite", "table_name", "rows", "expectation", "column_name",
                  "severity", "success", "unexpected_count", "examples"]


def replace_check_rows(con, suite: str, rows: list[list[str]]) -> None:
    """The suite's rows of meta.check_results, replaced by this run's (GX suites and dbt alike)."""
    con.execute("create schema if not exists meta")
    ddl = ", ".join(f"{c} VARCHAR" for c in RESULT_COLUMNS)
    con.execute(f"create table if not exists meta.check_results ({ddl})")
    con.execute("delete from meta.check_results where suite = ?", [suite])
    if rows:
        # one insert of a registered frame, not executemany: DuckDB runs executemany as one
        # statement per row, ~4 ms each here, and a build records ~400 rows (1.3 s of a run)
        frame = pd.DataFrame(rows, columns=RESULT_COLUMNS, dtype=object)
        con.register("incoming_check_rows", frame)
        try:
            con.execute("insert into meta.check_results select * from incoming_check_rows")
        finally:
            con.unregister("incoming_check_rows")


def record_suite(con, run_id: str, outcome: SuiteOutcome) -> None:
    replace_check_rows(con, outcome.suite, [
        [run_id, outcome.suite, outcome.table, str(outcome.rows), o.expectation, o.column, o.severity,
         str(o.success).lower(), str(o.unexpected_count), json.dumps(o.examples, ensure_ascii=False, default=str)]
        for o in outcome.outcomes])


def suite_parameters(con, reference_codes: dict[str, list[str]]) -> dict[str, list[str]]:
    """Run-time sets the suites refer to: from the reference tables loaded in the same build, and
    the code lists of seeds/reference that are not loaded as tables (`reference_codes`)."""
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
        **reference_codes,
    }
