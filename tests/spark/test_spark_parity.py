"""The same dbt project on Spark: the `spark_core` selection (dbt_project/selectors.yml) builds on a
local SparkSession from the DuckDB build's raw tables, passes its dbt tests and contracts there,
and gives the same tables as DuckDB, row for row.

How it compares (orchestration/spark_build.compare): for every model of the selection, the column
names in order, one type family per column (VARCHAR/string, INTEGER|BIGINT/int|bigint,
DOUBLE/double, ...), and the multiset of rows after normalising values: decimals and doubles to a
float rounded to 6 places, dates and timestamps to ISO strings, lists to tuples. Everything else,
text included (ids are md5 of text, reasons quote numbers), must be equal as is.

The fixture is the seeds plus an inbox that exercises the cross-database macros: every row rule of
tests/fixtures/bad_inputs (so quarantine reasons are compared), the bulletin texts (actuals read
from text), tests/fixtures/spark/number_spellings.csv (numbers DuckDB and Java write unlike), and
the firm-level fixtures of tests/fixtures/firms (register, firm-month panel, 技改 projects, with
their bad rows), which feed the firm panel, its aggregates and, through them, the observations.

Needs Java 17 and the spark extra (`make install-spark`); without them it fails, saying so.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipeline_support import Pipeline

pytestmark = pytest.mark.spark

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# row-level cases of the bad-inputs corpus: each lands, and its bad rows are quarantined with a reason
ROW_CASES = [
    "bad_period.csv", "bad_quality.csv", "conflicting_values.csv", "duplicate_rows.csv", "fractional_count.csv",
    "growth_out_of_range.csv", "negative_count.csv", "number_formats.csv", "part_year_as_full_year.csv",
    "text_in_value.csv", "unit_mismatch.csv", "unknown_metric.csv", "unknown_region.csv", "unknown_unit.csv",
    "wan_yuan_converted.csv", "wan_yuan_implausible.csv", "year_2099.csv", "ambiguous_comma.csv", "not_a_decimal.csv",
    "good_figures.xlsx", "bulletin_suzhou_2024.txt",
]
# what the selection must hold: the core families' facts and dimensions, with their upstream chain
CORE_MODELS = {
    "marts.fct_indicator_observation", "marts.dim_metric", "marts.dim_region", "marts.dim_industry",
    "marts.dim_period", "intermediate.int_figures__checked", "intermediate.int_figures__vintages",
    "staging.stg_bulletins__figures", "quarantine.figure_rows",
    "firm.dim_firm", "firm.fct_firm_month", "firm.fct_tech_project", "firm.quarantine_firm_rows",
    "marts.fct_firm_aggregate", "marts.fct_tech_project_aggregate",
}


@pytest.fixture(scope="module")
def parity_pipeline(tmp_path_factory) -> Pipeline:
    """A DuckDB build of the seeds and the parity inbox (the Spark build reads its raw tables)."""
    pipeline = Pipeline(tmp_path_factory.mktemp("spark_parity"))
    pipeline.inbox.mkdir(parents=True)
    for name in ROW_CASES:
        shutil.copyfile(FIXTURES / "bad_inputs" / name, pipeline.inbox / name)
    for bulletin in sorted((FIXTURES / "bulletins").glob("*.txt")):
        shutil.copyfile(bulletin, pipeline.inbox / bulletin.name)
    shutil.copyfile(FIXTURES / "spark" / "number_spellings.csv", pipeline.inbox / "number_spellings.csv")
    for firm_file in sorted((FIXTURES / "firms").glob("*.*")):  # register, firm-month panel, 技改 projects
        if firm_file.suffix in (".csv", ".xlsx"):
            shutil.copyfile(firm_file, pipeline.inbox / firm_file.name)
    pipeline.run("run")
    return pipeline


def test_the_core_selection_builds_on_spark_exactly_as_on_duckdb(parity_pipeline, tmp_path_factory):
    from orchestration import spark_build

    try:
        spark_build.require_spark()
    except spark_build.SparkUnavailable as exc:
        pytest.fail(f"cannot run the Spark build here: {exc}")

    build_database = parity_pipeline.root / ".build" / "warehouse.duckdb"
    with duckdb.connect(str(build_database), read_only=True) as con:
        # the fixture exercises what the macros are for: quarantine reasons, text actuals, odd numbers
        assert con.execute("select count(distinct rule) from quarantine.figure_rows").fetchone()[0] >= 10
        assert con.execute("select count(*) from staging.stg_documents__actuals where is_observation").fetchone()[0] > 0
        assert con.execute("select count(*) from marts.fct_indicator_observation "
                           "where value in (0.0005, 0.00001, 12345678)").fetchone()[0] == 3
    firm_level = spark_build.firm_database(build_database)
    with duckdb.connect(str(firm_level), read_only=True) as con:
        assert con.execute("select count(distinct rule) from firm.quarantine_firm_rows").fetchone()[0] >= 5
        assert con.execute("select count(*) from firm.fct_firm_month").fetchone()[0] > 0

    scratch = tmp_path_factory.mktemp("spark_scratch")
    started = time.monotonic()
    try:
        comparisons = spark_build.build_and_compare(build_database, scratch)
    finally:
        from pyspark.sql import SparkSession

        session = SparkSession.getActiveSession()
        if session is not None:
            session.stop()
    print(f"Spark build and comparison: {time.monotonic() - started:.1f} s")
    for comparison in comparisons:
        print(comparison.describe())

    compared = {c.model for c in comparisons}
    assert CORE_MODELS <= compared, f"the spark_core selector lost {CORE_MODELS - compared}"
    assert all(c.duckdb_rows == c.spark_rows for c in comparisons)
    different = [c.describe() for c in comparisons if not c.equal]
    assert not different, "Spark and DuckDB differ:\n" + "\n\n".join(different)
