"""Fixtures of the app tests: the warehouse the app reads, and an AppTest factory.

The warehouse is the session's real pipeline run (the lead's `seed_pipeline`). To iterate on the
app without rebuilding, point KPI_APP_TEST_WAREHOUSE at an already built warehouse file.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = PROJECT_ROOT / "app" / "Home.py"
PAGES = {
    "overview": "views/overview.py",
    "targets": "views/targets.py",
    "race": "views/race.py",
    "trends": "views/trends.py",
    "quality": "views/quality.py",
    "dispatch": "views/dispatch.py",
}


@pytest.fixture(scope="session")
def app_warehouse(request) -> Path:
    override = os.environ.get("KPI_APP_TEST_WAREHOUSE")
    if override:
        path = Path(override).resolve()
        assert path.exists(), f"KPI_APP_TEST_WAREHOUSE={override} does not exist"
        return path
    return request.getfixturevalue("seed_pipeline").warehouse


@pytest.fixture
def sql(app_warehouse):
    """Read the warehouse under test directly (to derive what the app must show)."""

    def run(statement: str, *params):
        with duckdb.connect(str(app_warehouse), read_only=True) as con:
            return con.execute(statement, list(params)).fetchall()

    return run


@pytest.fixture
def app(app_warehouse, monkeypatch):
    """An AppTest of the whole app reading the test warehouse; call `open(page)` to render."""
    monkeypatch.setenv("KPI_WAREHOUSE", str(app_warehouse))

    def open_page(page: str = "overview") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.run()
        if page != "overview":
            at.switch_page(PAGES[page])
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page
