"""A pipeline location for tests: its own warehouse, inbox and Dagster home.

The run goes through the README's command (`kpi run`) in a subprocess with its own
KPI_WAREHOUSE, KPI_INBOX and DAGSTER_HOME, so tests never touch data/ and exercise exactly what
the data office runs. Target progress is judged at a fixed date so statuses are reproducible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EVALUATION_DATE = "2024-06-30"


@dataclass
class Pipeline:
    """A warehouse location with its own inbox and Dagster home."""

    root: Path
    output: str = ""  # stdout of the last `kpi run`
    evaluation_date: str = EVALUATION_DATE

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "KPI_WAREHOUSE": str(self.warehouse),
            "KPI_INBOX": str(self.inbox),
            "DAGSTER_HOME": str(self.root / "dagster"),
            "KPI_EVALUATION_DATE": self.evaluation_date,
        }

    @classmethod
    def copy_of(cls, other: Pipeline, root: Path) -> Pipeline:
        """A location in `root` as `other` left it (published warehouse, build files, inbox, audit
        trail and Dagster history): for tests whose first run would repeat `other`'s."""
        shutil.copytree(other.root, root, symlinks=True, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.lock", "site"))
        return cls(root, evaluation_date=other.evaluation_date)

    def run(self, *args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
        """`kpi <args>` against this location."""
        result = subprocess.run(
            [sys.executable, "-m", "orchestration.cli", *args], cwd=PROJECT_ROOT, env=self.env,
            capture_output=True, text=True, timeout=timeout,
        )
        if args[:1] == ("run",):
            self.output = result.stdout
        if check and result.returncode != 0:
            raise AssertionError(f"kpi {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def query(self, sql: str, *params) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()

    def scalar(self, sql: str, *params):
        return self.query(sql, *params)[0][0]

    def mart_checksums(self) -> dict[str, str]:
        """An order-independent fingerprint of every published mart and quarantine table."""
        tables = self.query(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'quarantine') order by 1, 2"
        )
        return {
            f"{schema}.{name}": self.scalar(
                f"select md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) "
                f'from "{schema}"."{name}" t'
            )
            for schema, name in tables
        }
