"""Where things live. Every path can be overridden by an environment variable.

| variable        | default                         | what                                      |
|-----------------|---------------------------------|-------------------------------------------|
| KPI_WAREHOUSE   | data/warehouse.duckdb           | the published warehouse (replaced whole)  |
| KPI_INBOX       | data/inbox                      | files the data office drops in            |
| DAGSTER_HOME    | data/dagster                    | Dagster runs, schedules, sensor cursors   |

The build database sits in a `.build/` folder beside the published file, with the same basename
(views name the catalog after the file), on the same filesystem (atomic rename).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DATA_DIR = PROJECT_ROOT / "data"


def _path_from_env(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


def warehouse_path() -> Path:
    """The published DuckDB file readers open (read-only)."""
    return _path_from_env("KPI_WAREHOUSE", DATA_DIR / "warehouse.duckdb")


def build_path() -> Path:
    """The working database every run builds into before publishing."""
    published = warehouse_path()
    return published.parent / ".build" / published.name


def parsed_cache_dir() -> Path:
    """Parsed inputs by content hash, beside the build database (safe to delete: rebuilt on demand)."""
    return build_path().parent / "parsed"


def inbox_dir() -> Path:
    return _path_from_env("KPI_INBOX", DATA_DIR / "inbox")


def dagster_home() -> Path:
    return _path_from_env("DAGSTER_HOME", DATA_DIR / "dagster")


def site_dir() -> Path:
    """Generated documentation served beside the warehouse (GX Data Docs, dbt docs)."""
    return warehouse_path().parent / "site"


def export_env() -> dict[str, str]:
    """Resolve every setting into os.environ so dbt, Dagster and subprocesses agree."""
    values = {
        "KPI_WAREHOUSE": str(warehouse_path()),
        "KPI_BUILD_DATABASE": str(build_path()),
        "KPI_INBOX": str(inbox_dir()),
        "DAGSTER_HOME": str(dagster_home()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_VERSION_CHECK": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }
    os.environ.update(values)
    # dbt and dagster run as subprocesses: find them beside this interpreter (the venv).
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return values
