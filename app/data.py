"""Read-only access to the published warehouse for the app.

Each query opens a short-lived read-only connection (the pipeline replaces the file whole and
must never be blocked) and is cached on the file's modification time, so a new publish shows
up on the next page view without a restart.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from orchestration.settings import Settings  # paths only; the app imports nothing of Dagster


def settings() -> Settings:
    """The app's settings, from the environment `kpi app` starts it with (cheap: read per rerun,
    so a test or a deployment may point the app at another warehouse)."""
    return Settings.from_env()


def warehouse_path() -> Path:
    return settings().warehouse


def data_docs_index() -> Path:
    """Great Expectations Data Docs written by the last build's checks."""
    return settings().data_docs / "index.html"


def warehouse_version() -> float | None:
    """The published file's modification time; None when nothing is published yet."""
    path = warehouse_path()
    return path.stat().st_mtime if path.exists() else None


@st.cache_data(show_spinner=False, max_entries=256)
def _query(sql: str, params: tuple, path: str, version: float) -> pd.DataFrame:
    with duckdb.connect(path, read_only=True) as con:
        return con.execute(sql, list(params)).df()


def query(sql: str, *params) -> pd.DataFrame:
    """Run a read-only query on the published warehouse (cached per publish)."""
    version = warehouse_version()
    if version is None:
        raise FileNotFoundError(str(warehouse_path()))
    return _query(sql, tuple(params), str(warehouse_path()), version)


def firm_level_query(sql: str, *params) -> pd.DataFrame:
    """A read-only query on the office-only firm-level file (`<warehouse>.firm.duckdb`, mode 0600);
    callers check the `firm_level` permission first. Empty when no firm-level data is published."""
    path = settings().firm_level
    if not path.exists():
        return pd.DataFrame()
    return _query(sql, tuple(params), str(path), path.stat().st_mtime)
