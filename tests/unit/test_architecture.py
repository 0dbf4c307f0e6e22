"""The import rules of ARCHITECTURE.md hold: the domain core imports no Dagster or Streamlit, the
app imports no Dagster, only app/data.py opens DuckDB and only app/queries.py holds SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGSTER_CODE = {"defs", "cli.py", "dagster_client.py"}  # the Dagster layer, the command line that may start it, and the client of its API


def imported(path: Path) -> set[str]:
    """Top-level package of every import in the file, wherever it stands (a function body too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def domain_modules() -> list[Path]:
    base = ROOT / "orchestration"
    return sorted(p for p in base.rglob("*.py") if p.relative_to(base).parts[0] not in DAGSTER_CODE)


def app_modules() -> list[Path]:
    return sorted((ROOT / "app").rglob("*.py"))


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_core_imports_no_dagster_and_no_streamlit(path):
    assert not {n for n in imported(path) if n.startswith(("dagster", "streamlit"))}


@pytest.mark.parametrize("path", app_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_app_imports_no_dagster_and_only_its_data_module_opens_duckdb(path):
    names = imported(path)
    assert not {n for n in names if n.startswith("dagster")}
    text = path.read_text(encoding="utf-8")
    if path.name != "data.py":
        assert "duckdb.connect" not in text
    if path.name not in ("data.py", "queries.py"):
        # SQL text belongs in app/queries.py; a view renders what a query returns
        assert not re.search(r"\bselect\b.{0,300}?\bfrom\s+(?:marts|meta|quarantine|raw)\.", text, re.I | re.S)
        assert not re.search(r"\bfrom data import\b[^\n]*\bquery\b", text)


def python_files() -> list[Path]:
    return sorted([*(ROOT / "orchestration").rglob("*.py"), *(ROOT / "app").rglob("*.py")])


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_settings_come_from_one_object_and_only_dbt_s_environment_is_written(path):
    """Only settings.py reads the environment, and only prepare_dbt_environment writes it."""
    text = path.read_text(encoding="utf-8")
    if path.name == "settings.py":
        body = text[text.index("def prepare_dbt_environment"):]
        assert text.count("os.environ.update") == body.count("os.environ.update") == 1
        return
    assert not re.search(r"os\.environ\b|os\.getenv|os\.putenv", text), "read or write settings via Settings"


def test_the_rules_cover_the_whole_tree():
    assert len(domain_modules()) > 20 and len(app_modules()) >= 10
