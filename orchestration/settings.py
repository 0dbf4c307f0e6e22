"""Where things live: one frozen `Settings`, built once at the edge and passed in.

| variable           | default                  | what                                      |
|--------------------|--------------------------|-------------------------------------------|
| KPI_WAREHOUSE      | data/warehouse.duckdb    | the published warehouse (replaced whole)  |
| KPI_INBOX          | data/inbox               | files the data office drops in            |
| DAGSTER_HOME       | data/dagster             | Dagster runs, schedules, sensor cursors   |
| KPI_EVALUATION_DATE| the build day            | the date target progress is judged at     |
| KPI_REPORT_CUTOFF_DAY| 5 (dbt var)            | 月调度: units report on a month by this day |
| KPI_USERS          | data/users.json          | app users, roles and password hashes       |
| KPI_REVIEWS        | seeds/reviews/target_reviews.csv | the office's target reviews (diffable CSV) |
| KPI_DAGSTER_PORT   | 3000                     | where the app finds Dagster's API (127.0.0.1) |
| KPI_SPARK_SCRATCH  | <tmp>/kpi-spark          | the Spark build's warehouse, metastore and dbt target (docs/scaling.md) |

The edges are the CLI (`kpi`), the Dagster definitions and the app: each calls
`Settings.from_env()` once. Everything below them receives the object, or the paths it names,
as arguments. Nothing writes `os.environ` except `prepare_dbt_environment`, because dagster-dbt
hands dbt's subprocess a copy of it.

The build database sits in a `.build/` folder beside the published file, with the same basename
(views name the catalog after the file), on the same filesystem (atomic rename).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

# The repository's own folders: code and shipped data, never configured.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# what every build passes to `dbt build` (the Dagster asset, and the bare build of pipeline_bench):
# the unit tests check the SQL on fixed inputs, so they run in `make test` and development, not in
# a build on new data (dbt's own advice); tests/integration/test_pipeline.py runs them
DBT_BUILD_ARGS = ("--exclude-resource-type", "unit_test")
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DATA_DIR = PROJECT_ROOT / "data"
# dbt, dagster and streamlit are installed beside this interpreter (the venv), on PATH or not.
BIN_DIR = Path(sys.executable).parent


@dataclasses.dataclass(frozen=True)
class Settings:
    warehouse: Path
    inbox: Path
    dagster_home: Path
    users: Path = DATA_DIR / "users.json"
    reviews: Path = SEEDS_DIR / "reviews" / "target_reviews.csv"
    dagster_port: int = 3000  # the Dagster webserver on 127.0.0.1, whose API the app starts runs with
    evaluation_date: str | None = None
    report_cutoff_day: str | None = None  # None: dbt's var report_cutoff_day decides
    # the Spark build (orchestration/spark_build.py): never under the repository
    spark_scratch: Path = Path(tempfile.gettempdir()) / "kpi-spark"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ

        def path(var: str, default: Path) -> Path:
            value = environ.get(var)
            return Path(value).expanduser().resolve() if value else default

        return cls(warehouse=path("KPI_WAREHOUSE", DATA_DIR / "warehouse.duckdb"),
                   inbox=path("KPI_INBOX", DATA_DIR / "inbox"),
                   dagster_home=path("DAGSTER_HOME", DATA_DIR / "dagster"),
                   users=path("KPI_USERS", DATA_DIR / "users.json"),
                   reviews=path("KPI_REVIEWS", SEEDS_DIR / "reviews" / "target_reviews.csv"),
                   dagster_port=int(environ.get("KPI_DAGSTER_PORT") or 3000),
                   evaluation_date=environ.get("KPI_EVALUATION_DATE") or None,
                   report_cutoff_day=environ.get("KPI_REPORT_CUTOFF_DAY") or None,
                   spark_scratch=path("KPI_SPARK_SCRATCH", Path(tempfile.gettempdir()) / "kpi-spark"))

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def build_database(self) -> Path:
        """The working database every run builds into before publishing."""
        return self.warehouse.parent / ".build" / self.warehouse.name

    @property
    def firm_build_database(self) -> Path:
        """Firm-level rows (names, credit codes) build in their own file, attached to dbt as
        `firm`; the build database, and so the published warehouse, never holds them."""
        return self.build_database.with_name(self.warehouse.stem + ".firm.duckdb")

    @property
    def firm_level(self) -> Path:
        """The published firm-level file: office-only (mode 0600), replaced whole beside the warehouse."""
        return self.warehouse.with_name(self.warehouse.stem + ".firm.duckdb")

    @property
    def parsed_cache(self) -> Path:
        """Parsed inputs by content hash, beside the build database (safe to delete: rebuilt on demand)."""
        return self.build_database.parent / "parsed"

    @property
    def site(self) -> Path:
        """Generated documentation served beside the warehouse (GX Data Docs, dbt docs)."""
        return self.warehouse.parent / "site"

    @property
    def data_docs(self) -> Path:
        return self.site / "data_docs"

    @property
    def forms(self) -> Path:
        """Where `kpi forms` writes the 目标进度填报表, one folder per period."""
        return self.warehouse.parent / "forms"

    @property
    def packs(self) -> Path:
        """Where `kpi pack` writes the meeting packs, one folder per period."""
        return self.warehouse.parent / "packs"

    @property
    def audit_log(self) -> Path:
        """Who did what and when (JSON Lines, append-only); each build copies it into meta.audit_log."""
        return self.warehouse.parent / "audit" / "audit_log.jsonl"

    @property
    def uploads(self) -> Path:
        """Where the app stages a browser upload while it is checked, before it enters the inbox."""
        return self.warehouse.parent / ".uploads"

    @property
    def quarantine_decisions(self) -> Path:
        """The office's decisions on quarantined rows (fixed and re-submitted, or dismissed; diffable CSV)."""
        return self.warehouse.parent / "reviews" / "quarantine_decisions.csv"

    @property
    def dbt_docs(self) -> Path:
        return self.site / "dbt_docs"

    @property
    def dbt_executable(self) -> str:
        """`kpi-dbt` (dbt, keeping its partial parse across build databases; orchestration/dbt_entry.py)."""
        for name in ("kpi-dbt", "dbt"):
            if (BIN_DIR / name).exists():
                return str(BIN_DIR / name)
        return "dbt"

    def environment(self) -> dict[str, str]:
        """The variables a child process (dbt, the Dagster UI, the app) needs to see these settings."""
        values = {
            "KPI_WAREHOUSE": str(self.warehouse),
            "KPI_BUILD_DATABASE": str(self.build_database),  # dbt's profile reads it
            "KPI_FIRM_BUILD_DATABASE": str(self.firm_build_database),  # and attaches this one
            "KPI_INBOX": str(self.inbox),
            "DAGSTER_HOME": str(self.dagster_home),
            "KPI_USERS": str(self.users),
            "KPI_REVIEWS": str(self.reviews),
            "KPI_DAGSTER_PORT": str(self.dagster_port),
            "KPI_EVALUATION_DATE": self.evaluation_date or "",  # dbt's evaluation_date() macro reads it
            "KPI_REPORT_CUTOFF_DAY": self.report_cutoff_day or "",  # and report_cutoff_day() this one
            "KPI_SPARK_SCRATCH": str(self.spark_scratch),  # the spark target of dbt's profile
        }
        path = os.environ.get("PATH", "")
        if str(BIN_DIR) not in path.split(os.pathsep):
            values["PATH"] = str(BIN_DIR) + os.pathsep + path
        return values

    def subprocess_env(self) -> dict[str, str]:
        """This process's environment with these settings, for `subprocess` (os.environ untouched)."""
        return {**os.environ, **self.environment()}


def prepare_dbt_environment(settings: Settings) -> None:
    """Write the settings into os.environ, the one place that does: dagster-dbt's DbtCliResource
    starts dbt with a copy of os.environ and takes no environment of its own.

    dagster-dbt also sets DBT_LOG_FORMAT=json, which dbt applies to its log file as well as to
    the console Dagster reads: every debug line of a build written as JSON with its node's
    details, ~12 MB and ~1 s of dbt's CPU a build, where a plain `dbt build` writes 2 MB. The
    file keeps dbt's own default format (`debug`, what `dbt build` writes); the console, which
    dagster-dbt parses, stays JSON."""
    os.environ.update({**settings.environment(), "DBT_LOG_FORMAT_FILE": "debug"})
