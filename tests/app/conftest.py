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
SESSION_KEY = "kpi_user"  # app/auth.py
APP = PROJECT_ROOT / "app" / "Home.py"
PAGES = {
    "overview": "views/overview.py",
    "targets": "views/targets.py",
    "race": "views/race.py",
    "trends": "views/trends.py",
    "quality": "views/quality.py",
    "dispatch": "views/dispatch.py",
    "upload": "views/upload.py",
    "quarantine": "views/quarantine.py",
    "review": "views/review.py",
    "runs": "views/runs.py",
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


@pytest.fixture(scope="session")
def app_users(tmp_path_factory) -> Path:
    """A users file with one user per role (the login form's test users)."""
    from orchestration import users

    path = tmp_path_factory.mktemp("app_users") / "users.json"
    for name, role in [("数据办测试", "office"), ("领导测试", "leader"), ("萧县测试", "county:341322")]:
        users.add(path, name, role, f"{name}-password")
    return path


@pytest.fixture
def app(app_warehouse, app_users, monkeypatch):
    """An AppTest of the whole app reading the test warehouse; call `open(page)` to render.

    The session is signed in as `user` (name, role) the way the login form signs one in, in
    Streamlit's server-side session state; `user=None` opens the app signed out."""
    monkeypatch.setenv("KPI_WAREHOUSE", str(app_warehouse))
    monkeypatch.setenv("KPI_USERS", str(app_users))

    def open_page(page: str = "overview", user: tuple[str, str] | None = ("数据办测试", "office")) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        if user is not None:
            at.session_state[SESSION_KEY] = {"name": user[0], "role": user[1]}
        at.run()
        if page != "overview":
            at.switch_page(PAGES[page])
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page
