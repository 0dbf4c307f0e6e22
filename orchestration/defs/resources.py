"""Dagster resources: the build database, held under the one-writer lock for a whole run."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import dagster as dg
import duckdb

from . import settings, warehouse


class BuildWarehouse(dg.ConfigurableResource):
    """The database a run builds into. Setting it up takes the build lock, so a second run
    fails at once with a clear message instead of corrupting the first."""

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["BuildWarehouse"]:
        settings.export_env()
        with warehouse.build_lock():
            yield self

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        return warehouse.connect_build(read_only=read_only)
