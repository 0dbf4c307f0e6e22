"""Build the dbt project's Spark selection on a local SparkSession and compare it with DuckDB.

The same models, tests and contracts run on Spark (docs/scaling.md); this module is how they are
run here, without a cluster:

1. `spark_session(scratch)`: a local PySpark session with Hive support, whose warehouse and Derby
   metastore live under `scratch` (the same settings as the `spark` target of
   dbt_project/profiles.yml, which reads KPI_SPARK_SCRATCH).
2. `load_raw(...)`: the build database's `raw.*` tables that the selection reads are written to
   Parquet under `scratch` and registered as the Spark tables `raw.*`.
3. `dbt_build(...)`: `dbt build --target spark --selector spark_core`, in this process through
   dbt's `dbtRunner`: dbt-spark's `session` method then finds the session of step 1.
4. `compare(...)`: every model of the selection, Spark's table against DuckDB's, row for row.

Command line: `python -m orchestration.spark_build` (or `make spark-build`) builds from the build
database of the current settings (KPI_WAREHOUSE), which `kpi run` leaves beside the warehouse.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from .settings import DBT_PROJECT_DIR, Settings

SELECTOR = "spark_core"  # dbt_project/selectors.yml


class SparkUnavailable(RuntimeError):
    """Java or PySpark is missing: the Spark build cannot run here."""


def require_spark() -> None:
    """Fail with what to install when the Spark build cannot start (never skip silently)."""
    java = shutil.which("java")
    if java is None:
        raise SparkUnavailable("the Spark build needs Java 17 on PATH (Debian: apt-get install openjdk-17-jre-headless)")
    try:
        import pyspark  # noqa: F401
        import dbt.adapters.spark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(f"the Spark build needs the spark extra (make install-spark): {exc}") from exc
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    if '"1.8' in version or '"11' in version:
        raise SparkUnavailable(f"the Spark build is checked on Java 17; found: {version.splitlines()[0]}")


def spark_conf(scratch: Path) -> dict[str, str]:
    """The session's settings: those of profiles.yml's `spark` target, for this scratch folder."""
    return {
        "spark.master": "local[2]",
        "spark.sql.warehouse.dir": f"{scratch}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={scratch}/metastore_db;create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={scratch}",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }


def spark_session(scratch: Path):
    """The local SparkSession dbt-spark's `session` method will reuse (one per process)."""
    require_spark()
    from pyspark.sql import SparkSession

    scratch.mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.appName("anhui-kpi-spark-build").enableHiveSupport()
    for key, value in spark_conf(scratch).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _dbt(args: list[str], scratch: Path):
    """dbt in this process (so dbt-spark's session method shares our SparkSession)."""
    from dbt.cli.main import dbtRunner

    common = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
              "--target", "spark", "--target-path", str(scratch / "target"), "--log-path", str(scratch / "logs")]
    return dbtRunner().invoke([*args, *common])


def firm_database(build_database: Path) -> Path:
    """The firm-level build database beside the build database (Settings.firm_build_database):
    on DuckDB the firm models and their raw rows live there, attached as `firm`."""
    return build_database.with_name(build_database.stem + ".firm.duckdb")


def selection(scratch: Path) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """The raw tables the selection reads, as (source name, table), and its models (name, schema, alias)."""
    listed = _dbt(["--quiet", "--log-level", "none", "ls", "--selector", SELECTOR, "--resource-type", "model",
                   "--resource-type", "source", "--output", "json"], scratch)
    if not listed.success:
        raise RuntimeError(f"dbt ls --selector {SELECTOR} failed: {listed.exception}")
    nodes = [json.loads(line) for line in listed.result]
    sources = sorted((n["source_name"], n["name"]) for n in nodes if n["resource_type"] == "source")
    models = sorted(({"name": n["name"], "alias": n.get("alias") or n["name"], "schema": n["config"]["schema"]}
                     for n in nodes if n["resource_type"] == "model"), key=lambda n: (n["schema"], n["name"]))
    return sources, models


def load_raw(session, build_database: Path, tables: list[tuple[str, str]], scratch: Path) -> dict[str, int]:
    """Copy each raw table of the DuckDB build (source `raw`: the build database; `firm_raw`: the
    firm-level database) to Parquet and register it as Spark's raw.<table>, where both sources are."""
    counts: dict[str, int] = {}
    session.sql("create database if not exists raw")
    with duckdb.connect(str(build_database), read_only=True) as con:
        if any(source == "firm_raw" for source, _ in tables):
            con.execute(f"attach '{firm_database(build_database)}' as firm (read_only)")
        for source, table in tables:
            catalog = {"raw": "", "firm_raw": "firm."}[source]
            folder = scratch / "raw" / table
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            con.execute(f"copy {catalog}raw.{table} to '{folder / 'part-0.parquet'}' (format parquet)")
            counts[table] = con.execute(f"select count(*) from {catalog}raw.{table}").fetchone()[0]
            session.sql(f"drop table if exists raw.{table}")
            session.sql(f"create table raw.{table} using parquet location '{folder}'")
    return counts


def dbt_build(scratch: Path):
    """`dbt build --target spark --selector spark_core` (models, their tests and contracts). A test
    that warns on DuckDB warns here too; any error or failure raises."""
    result = _dbt(["build", "--selector", SELECTOR], scratch)
    failures = [f"{r.node.name}: {r.status} {r.message or ''}".strip()
                for r in (result.result or []) if str(r.status) not in ("success", "pass", "warn")]
    if not result.success or failures:
        detail = "\n".join(failures) or str(result.exception)
        raise RuntimeError(f"dbt build --target spark --selector {SELECTOR} failed:\n{detail}")
    return result


# -- comparison ------------------------------------------------------------------------------

def normalise(value: Any) -> Any:
    """One spelling of a value for both engines: numbers (decimals and doubles) as floats rounded
    to 6 places, dates and timestamps as ISO strings, lists as tuples; NaN as the string 'NaN'."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        rounded = round(number, 6)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(normalise(v) for v in value)
    return str(value)


def type_family(type_name: str) -> str:
    """A column type as a family both engines share (VARCHAR/string, INTEGER/int, DOUBLE/double ...)."""
    name = type_name.lower()
    if name.endswith("[]") or name.startswith("array"):
        return "list"
    for family, spellings in {
        "integer": ("tinyint", "smallint", "integer", "int", "bigint", "hugeint"),
        "float": ("double", "float", "real"),
        "string": ("varchar", "string", "text"),
        "boolean": ("boolean",),
        "date": ("date",),
        "timestamp": ("timestamp", "timestamp_ntz", "timestamp with time zone"),
    }.items():
        if name in spellings:
            return family
    if name.startswith(("decimal", "numeric")):
        return "float"
    return name


@dataclasses.dataclass
class ModelComparison:
    model: str  # schema.name
    duckdb_rows: int
    spark_rows: int
    column_differences: list[str]
    only_in_duckdb: list[tuple]
    only_in_spark: list[tuple]

    @property
    def equal(self) -> bool:
        return not (self.column_differences or self.only_in_duckdb or self.only_in_spark)

    def describe(self) -> str:
        if self.equal:
            return f"{self.model}: {self.duckdb_rows} rows, identical"
        lines = [f"{self.model}: DuckDB {self.duckdb_rows} rows, Spark {self.spark_rows} rows", *self.column_differences]
        lines += [f"  only in DuckDB: {row}" for row in self.only_in_duckdb[:5]]
        lines += [f"  only in Spark:  {row}" for row in self.only_in_spark[:5]]
        return "\n".join(lines)


# what only the incremental models' change detection reads (macros/partitions.sql): when a build
# computed the row (the two builds ran at different times) and the engine's own hash of a firm's spells
BUILD_MARKER_COLUMNS = {"built_at", "logged_at", "fingerprint"}


def rows_of(rows, columns: list[str]) -> Counter:
    """The multiset of normalised rows, build markers left out."""
    kept = [i for i, column in enumerate(columns) if column not in BUILD_MARKER_COLUMNS]
    return Counter(tuple(normalise(row[i]) for i in kept) for row in rows)


def compare(session, build_database: Path, models: list[dict[str, Any]]) -> list[ModelComparison]:
    """Each model on Spark against the same model in the DuckDB build: the same column names in
    the same order, the same type family per column, and the same multiset of normalised rows."""
    comparisons = []
    with duckdb.connect(str(build_database), read_only=True) as con:
        catalog = con.execute("select current_database()").fetchone()[0]
        if firm_database(build_database).exists():
            con.execute(f"attach '{firm_database(build_database)}' as firm (read_only)")
        for model in models:
            schema, name = model["schema"], model["alias"]
            # on DuckDB the firm folder builds into the attached firm-level database (dbt_project.yml)
            database = "firm" if schema == "firm" else catalog
            duck_columns = con.execute(
                "select column_name, data_type from duckdb_columns() where database_name = ? and schema_name = ? "
                "and table_name = ? order by column_index", [database, schema, name]).fetchall()
            duck_rows = rows_of(con.execute(f'select * from "{database}"."{schema}"."{name}"').fetchall(),
                                [c for c, _ in duck_columns])
            frame = session.table(f"{schema}.{name}")
            spark_columns = [(field.name, field.dataType.simpleString()) for field in frame.schema.fields]
            spark_rows = rows_of(frame.collect(), [c for c, _ in spark_columns])
            column_differences = []
            if [c for c, _ in duck_columns] != [c for c, _ in spark_columns]:
                column_differences.append(f"  columns: DuckDB {[c for c, _ in duck_columns]} vs Spark {[c for c, _ in spark_columns]}")
            else:
                for (column, duck_type), (_, spark_type) in zip(duck_columns, spark_columns):
                    if type_family(duck_type) != type_family(spark_type):
                        column_differences.append(f"  {column}: DuckDB {duck_type} vs Spark {spark_type}")
            comparisons.append(ModelComparison(
                model=f"{schema}.{name}", duckdb_rows=sum(duck_rows.values()), spark_rows=sum(spark_rows.values()),
                column_differences=column_differences,
                only_in_duckdb=sorted((duck_rows - spark_rows).elements(), key=repr),
                only_in_spark=sorted((spark_rows - duck_rows).elements(), key=repr)))
    return comparisons


def build_and_compare(build_database: Path, scratch: Path, log=print, build: bool = True) -> list[ModelComparison]:
    """Steps 1-4: the Spark build of the selection from this DuckDB build database, compared
    (build=False compares the tables an earlier build left in the scratch metastore)."""
    started = time.monotonic()
    session = spark_session(scratch)
    log(f"spark session up in {time.monotonic() - started:.1f} s (scratch {scratch})")
    tables, models = selection(scratch)
    if build:
        counts = load_raw(session, build_database, tables, scratch)
        log(f"raw tables registered: {', '.join(f'{t} ({n})' for t, n in counts.items())} "
            f"({time.monotonic() - started:.1f} s from the start)")
        result = dbt_build(scratch)
        log(f"dbt build --target spark --selector {SELECTOR}: {len(result.result)} nodes, "
            f"{time.monotonic() - started:.1f} s from the start")
    comparisons = compare(session, build_database, models)
    log(f"compared {len(comparisons)} models in {time.monotonic() - started:.1f} s")
    return comparisons


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(prog="python -m orchestration.spark_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-database", type=Path, default=settings.build_database,
                        help="the checked DuckDB build database whose raw.* tables are the input (default: %(default)s)")
    parser.add_argument("--scratch", type=Path, default=settings.spark_scratch,
                        help="Spark's warehouse, metastore and dbt target (default: KPI_SPARK_SCRATCH, %(default)s)")
    parser.add_argument("--compare-only", action="store_true",
                        help="compare the tables an earlier build left under --scratch, without building")
    args = parser.parse_args(argv)
    if not args.build_database.exists():
        parser.error(f"no build database at {args.build_database}: run `kpi run` first")
    try:
        comparisons = build_and_compare(args.build_database.resolve(), args.scratch.resolve(),
                                        build=not args.compare_only)
    except SparkUnavailable as exc:
        print(f"spark build: {exc}", file=sys.stderr)
        return 2
    for comparison in comparisons:
        print(comparison.describe())
    different = [c.model for c in comparisons if not c.equal]
    print(f"{len(comparisons) - len(different)} of {len(comparisons)} models identical on Spark and DuckDB")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
