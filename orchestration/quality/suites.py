"""Load the JSON suites in `expectations/suites/` and validate pandas DataFrames with them.

Each suite file is a Great Expectations 1.x suite (`name`, `expectations`) plus `meta.table`,
the warehouse table it validates. An expectation's `severity` decides what a failure means:
`critical` blocks the publish, `warning` is reported. Suite parameters (`{"$PARAMETER": "x"}`)
are filled at run time, e.g. the known region codes from the reference data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..settings import EXPECTATIONS_DIR

SUITES_DIR = EXPECTATIONS_DIR / "suites"


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    description: str
    expectations: list[dict[str, Any]]

    @property
    def parameters(self) -> set[str]:
        """Names of the run-time parameters the suite refers to."""
        found: set[str] = set()
        for expectation in self.expectations:
            for value in expectation["kwargs"].values():
                if isinstance(value, dict) and "$PARAMETER" in value:
                    found.add(value["$PARAMETER"])
        return found


@dataclass
class ExpectationOutcome:
    expectation: str
    column: str
    severity: str
    success: bool
    unexpected_count: int
    examples: list[Any] = field(default_factory=list)
    error: str = ""


@dataclass
class SuiteOutcome:
    suite: str
    table: str
    rows: int
    outcomes: list[ExpectationOutcome]
    docs_resources: list[Any] = field(default_factory=list, repr=False)  # GX identifiers to render

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    @property
    def passed(self) -> bool:
        return not self.critical_failures


HISTORY_SAMPLE_ROWS = 20_000


def rows_to_validate(con, table: str) -> pd.DataFrame:
    """The rows a raw suite checks: every row of the files new to this build (seeds and the inbox)
    and, of the history re-read from processed/, all rows while they are few, else a fixed-seed
    sample of HISTORY_SAMPLE_ROWS. History rows passed the same suites, read by the same reader
    (the parsed cache is versioned), in the build that first loaded them; the sample still
    catches a suite that changed since, without every build paying for the whole history."""
    has_files = {"source_file"} <= {row[0] for row in con.execute(f"select * from {table} limit 0").description}
    if has_files:
        history = "select path from raw.ingest_files where location = 'processed'"
        old_rows = con.execute(f"select count(*) from {table} where source_file in ({history})").fetchone()[0]
        if old_rows > HISTORY_SAMPLE_ROWS:
            return con.execute(f"""
                select * from {table} where source_file not in ({history})
                union all
                select * from (select * from {table} where source_file in ({history}))
                    using sample reservoir({HISTORY_SAMPLE_ROWS} rows) repeatable (7)
            """).df()
    return con.execute(f"select * from {table}").df()


def load_suites(directory: Path = SUITES_DIR) -> list[Suite]:
    suites = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data.get("meta", {})
        suites.append(Suite(data["name"], meta["table"], meta.get("description", ""), data["expectations"]))
    return suites


@lru_cache(maxsize=1)
def _context():
    """One ephemeral GX context per process (GX 1.x sends no usage statistics)."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if "warehouse" not in [source.name for source in context.data_sources.all().values()]:
        context.data_sources.add_pandas("warehouse")
    return context


def write_data_docs(docs_dir: Path, outcomes: list[SuiteOutcome]) -> None:
    """Render the suites and validation results of `outcomes`, and the index, into `docs_dir`.

    Called once for all the suites of a build: the index costs more to render than a suite's
    pages (about 0.5 s against 0.25 s here), so one index per suite cost more than validating."""
    context = _context()
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    # the context is process-wide and may have written elsewhere before: add or refresh
    if "local_site" in context.get_site_names():
        context.update_data_docs_site("local_site", site)
    else:
        context.add_data_docs_site("local_site", site)
    resources = [resource for outcome in outcomes for resource in outcome.docs_resources]
    context.build_data_docs(site_names=["local_site"], resource_identifiers=resources)


def validate(suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None = None) -> SuiteOutcome:
    """Run one suite on a DataFrame; returns every expectation's outcome (and, for
    `write_data_docs`, what to render)."""
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    context = _context()
    gx_suite = ExpectationSuite(name=suite.name)
    for expectation in suite.expectations:
        gx_suite.add_expectation_configuration(ExpectationConfiguration(**expectation))
    gx_suite = context.suites.add_or_update(gx_suite)
    source = context.data_sources.get("warehouse")
    asset = next((a for a in source.assets if a.name == suite.name), None) or source.add_dataframe_asset(suite.name)
    batch = next((b for b in asset.batch_definitions if b.name == "whole"), None) or \
        asset.add_batch_definition_whole_dataframe("whole")
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
    )
    results_store = context.validation_results_store
    stored_before = set(results_store.list_keys())
    result = definition.run(batch_parameters={"dataframe": frame}, expectation_parameters=parameters or {})
    docs_resources = [ExpectationSuiteIdentifier(name=suite.name),
                      *(key for key in results_store.list_keys() if key not in stored_before)]
    outcomes = []
    for item in result.results:
        config = item.expectation_config
        kwargs = config.kwargs
        details = item.result or {}
        error = (item.exception_info or {}).get("exception_message") or ""
        outcomes.append(ExpectationOutcome(
            expectation=config.type,
            column=str(kwargs.get("column") or kwargs.get("column_list") or kwargs.get("column_A") or ""),
            severity=str(getattr(config.severity, "value", config.severity) or "critical").lower(),
            success=bool(item.success) and not error,
            unexpected_count=int(details.get("unexpected_count") or (1 if error else 0)),
            examples=[_plain(v) for v in (details.get("partial_unexpected_list") or [])[:5]],
            error=error,
        ))
    return SuiteOutcome(suite.name, suite.table, len(frame), outcomes, docs_resources)


def _plain(value: Any) -> Any:
    """JSON-safe example values (numpy scalars, pandas NA/NaT, NaN)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
