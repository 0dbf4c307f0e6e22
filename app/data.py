"""Read-only access to the published warehouse for the app.

Each query opens a short-lived read-only connection (the pipeline replaces the file whole and
must never be blocked) and is cached on the file's modification time, so a new publish shows
up on the next page view without a restart.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "data" / "warehouse.duckdb"


def warehouse_path() -> Path:
    value = os.environ.get("KPI_WAREHOUSE")
    return Path(value).expanduser().resolve() if value else DEFAULT_WAREHOUSE


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
