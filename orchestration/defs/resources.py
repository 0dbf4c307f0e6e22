"""Dagster resources: the settings, and the build database held under the one-writer lock for a run."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from .. import warehouse
from ..quality.suite_runner import SuiteRunner
from ..settings import Settings
from .dbt_project import dbt_resource

# Assets and sensors ask for the run's settings by this type (built once, in definitions.py).
SettingsParam = dg.ResourceParam[Settings]
# Where the GX suites run: in the run's process, or in the child `kpi run` starts early
SuiteRunnerParam = dg.ResourceParam[SuiteRunner]


class BuildWarehouse(dg.ConfigurableResource):
    """The database a run builds into. Setting it up takes the build lock, so a second run
    fails at once with a clear message instead of corrupting the first."""

    database: str

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["BuildWarehouse"]:
        with warehouse.build_lock(Path(self.database)):
            yield self

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        return warehouse.connect_build(Path(self.database), read_only=read_only)


def resources(settings: Settings, suite_runner: SuiteRunner | None = None) -> dict[str, object]:
    return {
        "settings": settings,
        "suite_runner": suite_runner or SuiteRunner(),
        "build_db": BuildWarehouse(database=str(settings.build_database)),
        "dbt": dbt_resource(settings.dbt_executable),
    }
