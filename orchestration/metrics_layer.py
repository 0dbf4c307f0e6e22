"""The metrics layer, precomputed: every MetricFlow metric by region and year, in-process.

The metric definitions live in dbt (dbt_project/models/semantic/); this module only evaluates
them, so the app and the marts read the very numbers `mf query` gives and nobody calls `mf`
per page view. One MetricFlow engine is built per database and reused for every query
(~tens of ms each instead of ~4 s for a CLI start).

    from orchestration.metrics_layer import compute_metric_values
    frame = compute_metric_values("/path/to/warehouse.duckdb")   # long format, see COLUMNS

Which metrics are precomputed, and how, is read from each metric's `config.meta.precompute` in
dbt_project/models/semantic/metrics.yml:
- `year`: grouped by region and metric_time__year, period 'Y';
- `year_to_date`: grouped by region and metric_time__month, period 'M01-Mnn' ('Y' for December);
- `targets`: target counts by status, queried together so a status without targets reads 0;
- `none`: a building block (e.g. the parts of a ratio), not stored on its own.

Connections: the database file is ATTACHed READ_ONLY into a private in-memory DuckDB under the
catalog name the semantic manifest uses (normally `warehouse`), and everything is closed
before a function returns, so a caller can open the same file read-write right afterwards
(DuckDB refuses one file open twice in one process with different configurations).

Pure Python: no Dagster or Streamlit imports.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
# Written by `dbt parse` (kpi run's prepare_manifest) next to manifest.json; `mf` reads the same file.
SEMANTIC_MANIFEST = DBT_PROJECT_DIR / "target" / "semantic_manifest.json"

# Long format of marts.metric_values, in this column order.
COLUMNS = ["metric_name", "metric_label", "unit", "region_code", "year", "period", "value"]
PRECOMPUTE_KINDS = ("year", "year_to_date", "targets")
VALUE_DECIMALS = 10  # rounding makes the table byte-identical across runs (float noise in ratios)
TIME_COLUMNS = {"year": "metric_time__year", "year_to_date": "metric_time__month", "targets": "metric_time__year"}


@dataclasses.dataclass(frozen=True)
class MetricDefinition:
    """One metric of the semantic manifest, with what metric_values needs to know about it."""

    name: str
    label: str
    type: str
    description: str
    unit: str
    family: str
    precompute: str


def semantic_manifest_path(path: str | os.PathLike | None = None) -> Path:
    return Path(path) if path is not None else SEMANTIC_MANIFEST


def metric_definitions(manifest_path: str | os.PathLike | None = None) -> list[MetricDefinition]:
    """The metrics defined in dbt, in manifest order (read from semantic_manifest.json)."""
    raw = _read_manifest_json(manifest_path)
    definitions = []
    for metric in raw["metrics"]:
        meta = (metric.get("config") or {}).get("meta") or {}
        definitions.append(MetricDefinition(
            name=metric["name"],
            label=metric.get("label") or metric["name"],
            type=metric["type"],
            description=" ".join((metric.get("description") or "").split()),
            unit=str(meta.get("unit", "")),
            family=str(meta.get("family", "")),
            precompute=str(meta.get("precompute", "none")),
        ))
    return definitions


def _read_manifest_json(manifest_path: str | os.PathLike | None) -> dict[str, Any]:
    path = semantic_manifest_path(manifest_path)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `dbt parse` in dbt_project/ (kpi run does) to write the semantic manifest"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def catalog_name(manifest_path: str | os.PathLike | None = None) -> str:
    """The catalog MetricFlow's generated SQL names (the build file's basename at parse time)."""
    raw = _read_manifest_json(manifest_path)
    relations = [model["node_relation"] for model in raw["semantic_models"]]
    relations += [spine["node_relation"] for spine in raw["project_configuration"].get("time_spines", [])]
    names = {relation["database"] for relation in relations if relation.get("database")}
    if len(names) != 1:
        raise ValueError(f"the semantic manifest names {sorted(names) or 'no'} catalogs; expected exactly one")
    return names.pop()


class DuckDBSqlClient:
    """MetricFlow's SqlClient protocol over one DuckDB connection that this object owns."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        from metricflow.sql.render.duckdb_renderer import DuckDbSqlPlanRenderer

        self._connection = connection
        self._renderer = DuckDbSqlPlanRenderer()

    @property
    def sql_engine_type(self):  # noqa: ANN201 - metricflow.protocols.sql_client.SqlEngine
        from metricflow.protocols.sql_client import SqlEngine

        return SqlEngine.DUCKDB

    @property
    def sql_plan_renderer(self):  # noqa: ANN201
        return self._renderer

    def _execute(self, stmt: str, sql_bind_parameter_set=None) -> duckdb.DuckDBPyConnection:
        params = dict(sql_bind_parameter_set.param_dict) if sql_bind_parameter_set is not None else {}
        return self._connection.execute(stmt, params) if params else self._connection.execute(stmt)

    def query(self, stmt: str, sql_bind_parameter_set=None):  # noqa: ANN201 - MetricFlowDataTable
        from metricflow.data_table.mf_table import MetricFlowDataTable

        cursor = self._execute(stmt, sql_bind_parameter_set)
        names = [d[0] for d in cursor.description]
        return MetricFlowDataTable.create_from_rows(column_names=names, rows=cursor.fetchall())

    def execute(self, stmt: str, sql_bind_parameter_set=None) -> None:
        self._execute(stmt, sql_bind_parameter_set).fetchall()

    def dry_run(self, stmt: str, sql_bind_parameter_set=None) -> None:
        self._execute(f"EXPLAIN {stmt}", sql_bind_parameter_set).fetchall()

    def close(self) -> None:
        self._connection.close()

    def render_bind_parameter_key(self, bind_parameter_key: str) -> str:
        return f"${bind_parameter_key}"


class MetricsLayer:
    """One MetricFlow engine over one DuckDB file, reused for every query; use it as a context
    manager (or call close()) so the file is released."""

    def __init__(self, database: str | os.PathLike, manifest_path: str | os.PathLike | None = None) -> None:
        from metricflow.engine.metricflow_engine import MetricFlowEngine
        from metricflow_semantics.model.dbt_manifest_parser import parse_manifest_from_dbt_generated_manifest
        from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup

        database = Path(database)
        if not database.exists():
            raise FileNotFoundError(f"no DuckDB database at {database}")
        path = semantic_manifest_path(manifest_path)
        self.definitions = metric_definitions(path)
        self.catalog = catalog_name(path)
        manifest = parse_manifest_from_dbt_generated_manifest(path.read_text(encoding="utf-8"))
        connection = duckdb.connect(":memory:")
        try:
            connection.execute(f"ATTACH '{_sql_string(str(database))}' AS \"{self.catalog}\" (READ_ONLY)")
            self._client = DuckDBSqlClient(connection)
            self._engine = MetricFlowEngine(
                semantic_manifest_lookup=SemanticManifestLookup(manifest), sql_client=self._client
            )
        except BaseException:
            connection.close()
            raise

    def __enter__(self) -> MetricsLayer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def query(self, metrics: Sequence[str], group_by: Sequence[str],
              where: Sequence[str] | None = None, order_by: Sequence[str] | None = None) -> pd.DataFrame:
        """`mf query --metrics ... --group-by ...` in-process; a DataFrame with the same columns."""
        from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

        request = MetricFlowQueryRequest.create(
            metric_names=list(metrics), group_by_names=list(group_by),
            where_constraints=list(where) if where else None,
            order_by_names=list(order_by) if order_by else None,
        )
        table = self._engine.query(request).result_df
        return pd.DataFrame(list(table.rows), columns=list(table.column_names))

    def explain(self, metrics: Sequence[str], group_by: Sequence[str]) -> str:
        """The SQL MetricFlow generates for a query (for documentation and debugging)."""
        from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

        request = MetricFlowQueryRequest.create(metric_names=list(metrics), group_by_names=list(group_by))
        return self._engine.explain(request).sql_statement.sql

    def metric_values(self) -> pd.DataFrame:
        """Every precomputed metric by region and period, long format (COLUMNS), sorted."""
        frames = list(self._metric_value_frames())
        values = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
        return _finish(values)

    def _metric_value_frames(self) -> Iterator[pd.DataFrame]:
        by_kind: dict[str, list[MetricDefinition]] = {}
        for definition in self.definitions:
            if definition.precompute in PRECOMPUTE_KINDS:
                by_kind.setdefault(definition.precompute, []).append(definition)
            elif definition.precompute != "none":
                raise ValueError(f"metric {definition.name}: unknown meta.precompute {definition.precompute!r}")
        for kind, definitions in by_kind.items():
            time_column = TIME_COLUMNS[kind]
            # Target counts go in one query: fill_nulls_with: 0 then gives 0 for a status a
            # region-year has no target in. Statistical metrics go one by one: a region-year
            # without a figure simply has no row (no 0 invented, no outer join across metrics).
            batches = [definitions] if kind == "targets" else [[d] for d in definitions]
            for batch in batches:
                frame = self.query([d.name for d in batch], ["region", time_column])
                yield from (_long(frame, d, time_column, kind) for d in batch)


def _long(frame: pd.DataFrame, definition: MetricDefinition, time_column: str, kind: str) -> pd.DataFrame:
    stamps = pd.to_datetime(frame[time_column])
    values = pd.to_numeric(frame[definition.name], errors="coerce").astype("float64")
    out = pd.DataFrame({
        "metric_name": definition.name,
        "metric_label": definition.label,
        "unit": definition.unit,
        "region_code": frame["region"].astype("string"),
        "year": stamps.dt.year.astype("Int64"),
        "period": _periods(stamps) if kind == "year_to_date" else pd.Series("Y", index=frame.index, dtype="string"),
        "value": values,
    })
    return out[out["value"].notna()]


def _periods(stamps: pd.Series) -> pd.Series:
    months = stamps.dt.month
    return pd.Series(
        [None if pd.isna(m) else ("Y" if m == 12 else f"M01-M{int(m):02d}") for m in months],
        index=stamps.index, dtype="string",
    )


def _finish(values: pd.DataFrame) -> pd.DataFrame:
    values = values[COLUMNS].copy()
    values["value"] = values["value"].astype("float64").round(VALUE_DECIMALS)
    for column in ("metric_name", "metric_label", "unit", "region_code", "period"):
        values[column] = values[column].astype("string")
    values["year"] = values["year"].astype("Int64")
    return values.sort_values(["metric_name", "region_code", "year", "period"], na_position="last",
                              kind="mergesort").reset_index(drop=True)


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def compute_metric_values(database: str | os.PathLike, manifest_path: str | os.PathLike | None = None) -> pd.DataFrame:
    """marts.metric_values for the database at `database` (opened read-only, closed on return)."""
    with MetricsLayer(database, manifest_path) as layer:
        return layer.metric_values()


def metric_catalog(manifest_path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The metric definitions as a table (name, label, type, unit, family, precompute, description)."""
    return pd.DataFrame([dataclasses.asdict(d) for d in metric_definitions(manifest_path)])


def write_metric_values(connection: duckdb.DuckDBPyConnection, values: pd.DataFrame,
                        table: str = "marts.metric_values") -> int:
    """Replace `table` with `values` on an open read-write connection; returns the row count."""
    schema, name = table.split(".")
    connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    connection.register("metric_values_frame", values[COLUMNS])
    try:
        connection.execute(f"""
            CREATE OR REPLACE TABLE "{schema}"."{name}" AS
            SELECT
                CAST(metric_name AS VARCHAR) AS metric_name,
                CAST(metric_label AS VARCHAR) AS metric_label,
                CAST(unit AS VARCHAR) AS unit,
                CAST(region_code AS VARCHAR) AS region_code,
                CAST(year AS INTEGER) AS year,
                CAST(period AS VARCHAR) AS period,
                CAST(value AS DOUBLE) AS value
            FROM metric_values_frame
            ORDER BY metric_name, region_code NULLS LAST, year NULLS LAST, period NULLS LAST
        """)
    finally:
        connection.unregister("metric_values_frame")
    comments: Mapping[str, str] = {
        "metric_name": "MetricFlow metric name (dbt_project/models/semantic/metrics.yml)",
        "metric_label": "Chinese label of the metric",
        "unit": "unit of value",
        "region_code": "six-digit region code (dim_region)",
        "year": "statistical year, or the target year for target counts",
        "period": "Y (full year) or M01-Mnn (cumulative, year-to-date metrics)",
        "value": "the metric value as MetricFlow computes it",
    }
    connection.execute(f'COMMENT ON TABLE "{schema}"."{name}" IS '
                       "'Every precomputed MetricFlow metric by region and period (orchestration/metrics_layer.py)'")
    for column, comment in comments.items():
        connection.execute(f'COMMENT ON COLUMN "{schema}"."{name}"."{column}" IS \'{_sql_string(comment)}\'')
    return connection.execute(f'SELECT count(*) FROM "{schema}"."{name}"').fetchone()[0]



def reconcile_with_observations(connection: duckdb.DuckDBPyConnection,
                                manifest_path: str | os.PathLike | None = None,
                                table: str = "marts.metric_values") -> pd.DataFrame:
    """Rows where metric_values and the marts disagree (empty = they agree).

    Every yearly metric named after a catalog metric code must equal, region-year by
    region-year, the preferred full-year observation in marts.fct_indicator_observation, and
    cover exactly the same region-years. Target counts must add up to the targets of
    marts.fct_target_progress. Works on any connection that sees both tables.
    """
    yearly = [d.name for d in metric_definitions(manifest_path) if d.precompute == "year"]
    connection.register("reconciled_metrics", pd.DataFrame({"metric_name": yearly}))
    try:
        observations = connection.execute(f"""
            with metric_values as (
                select metric_name, region_code, year, value
                from {table}
                where period = 'Y'
                    and metric_name in (select metric_name from reconciled_metrics)
                    and metric_name in (select metric_code from marts.dim_metric)
            ),
            observations as (
                select metric_code as metric_name, region_code, year, value
                from marts.fct_indicator_observation
                where is_preferred and period = 'Y'
                    and metric_code in (select metric_name from reconciled_metrics)
            )
            select
                coalesce(m.metric_name, o.metric_name) as metric_name,
                coalesce(m.region_code, o.region_code) as region_code,
                coalesce(m.year, o.year) as year,
                m.value as metric_value,
                o.value as observed_value,
                case
                    when m.value is null then 'observation missing from metric_values'
                    when o.value is null then 'metric value without a preferred full-year observation'
                    else 'value differs'
                end as problem
            from metric_values as m
            full join observations as o
                on o.metric_name = m.metric_name and o.region_code = m.region_code and o.year = m.year
            where m.value is null or o.value is null
                or abs(m.value - o.value) > 1e-9 * greatest(1, abs(o.value))
            order by 1, 2, 3
        """).df()
    finally:
        connection.unregister("reconciled_metrics")
    targets = connection.execute(f"""
        select
            'policy_targets' as metric_name, null as region_code, null as year,
            (select coalesce(sum(value), 0) from {table} where metric_name = 'policy_targets') as metric_value,
            (select count(*) from marts.fct_target_progress) as observed_value,
            'target counts do not add up to fct_target_progress' as problem
    """).df()
    targets = targets[targets["metric_value"] != targets["observed_value"]]
    frames = [frame for frame in (observations, targets) if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else observations
